"""The audit log table. Append-only: rows are inserted, never updated; only the retention purge
(openlux.audit.service.purge_expired_audit) deletes them. An UPDATE is refused by a database
trigger (migration) and by the ORM guard below, so no code path can rewrite history. The one
exception is `openlux key rotate`, which re-seals the sealed columns under a new master key with
the trigger lifted inside each batch's transaction (openlux.db.append_only).

Who acted and on what are sealed at rest (actor, on_behalf_of, target). `actor_index` and
`on_behalf_of_index` are keyed HMACs (openlux.db.AddressIndex) for the `--user` / console filter,
which matches whole values: a login or portal address, or an integration by its token.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from openlux.audit.schemas import ActorKind
from openlux.core import time as clock
from openlux.db import AddressIndex, Base, BigIntId, SealedText, UtcDateTime, index_of
from openlux.db.append_only import APPEND_ONLY_TRIGGER

APPEND_ONLY = "audit_event_append_only"  # the trigger refusing UPDATEs (audit migrations)


def actor_match_key(kind: str | None, actor: str | None) -> str:
    """What the actor filter matches for an actor: an integration's token (its name is "name (token)"),
    otherwise the actor's whole name (a login, a portal address, "cli")."""
    actor = actor or ""
    if kind == ActorKind.INTEGRATION and actor.endswith(")") and " (" in actor:
        return actor[actor.rindex(" (") + 2 : -1]
    return actor


def _actor_index_default(context: Any) -> str:
    params = context.get_current_parameters()
    return actor_match_key(params.get("actor_kind"), params.get("actor"))


class AuditEvent(Base):
    """One recorded event. No foreign keys: a row outlives the user, integration or account it names."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_event_account_at", "account_id", "at"),
        {"info": {APPEND_ONLY_TRIGGER: APPEND_ONLY}},
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # None: before an account is known
    actor_kind: Mapped[str] = mapped_column(String(20))  # schemas.ActorKind
    # login, portal address, "integration name (token)", "cli": sealed; actor_index is what filters match
    actor: Mapped[str] = mapped_column(SealedText("audit_event.actor"))
    actor_index: Mapped[str] = mapped_column(AddressIndex, default=_actor_index_default)
    actor_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    # the user a user-scope integration acted for: sealed, matched by on_behalf_of_index
    on_behalf_of: Mapped[str | None] = mapped_column(SealedText("audit_event.on_behalf_of"), nullable=True)
    on_behalf_of_index: Mapped[str | None] = mapped_column(
        AddressIndex, default=index_of("on_behalf_of", None), nullable=True
    )
    action: Mapped[str] = mapped_column(String(40), index=True)  # schemas.AuditAction
    target: Mapped[str] = mapped_column(SealedText("audit_event.target"), default="")  # often an address
    client_ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    outcome: Mapped[str] = mapped_column(String(10))  # schemas.Outcome
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class AuditRowChanged(RuntimeError):
    """Somebody tried to change or delete an audit row through the ORM."""


@event.listens_for(AuditEvent, "before_update")
def _refuse_update(_mapper: Any, _connection: Any, target: AuditEvent) -> None:
    raise AuditRowChanged(f"audit_event {target.id} is append-only")


@event.listens_for(AuditEvent, "before_delete")
def _refuse_delete(_mapper: Any, _connection: Any, target: AuditEvent) -> None:
    raise AuditRowChanged(f"audit_event {target.id} is append-only; only the retention purge removes rows")
