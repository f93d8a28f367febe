"""The audit log table. Append-only: rows are inserted, never updated; only the retention purge
(openlux.audit.service.purge_expired_audit) deletes them. An UPDATE is refused by a database
trigger (migration) and by the ORM guard below, so no code path can rewrite history.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core.time import utcnow
from openlux.db import Base, BigIntId, UtcDateTime


class AuditEvent(Base):
    """One recorded event. No foreign keys: a row outlives the user, integration or account it names."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_account_at", "account_id", "at"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # None: before an account is known
    actor_kind: Mapped[str] = mapped_column(String(20))  # schemas.ActorKind
    actor: Mapped[str] = mapped_column(String(320))  # login, portal address, integration name, "cli"
    actor_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    on_behalf_of: Mapped[str | None] = mapped_column(String(320), nullable=True)  # user-scope integrations
    action: Mapped[str] = mapped_column(String(40), index=True)  # schemas.AuditAction
    target: Mapped[str] = mapped_column(String(500), default="")
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
