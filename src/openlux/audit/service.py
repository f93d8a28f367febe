"""Writing, reading and purging the audit log.

- `record(session, …)` adds a row to the caller's transaction: the event and the change it
  describes commit (or roll back) together.
- `record_detached(ctx, …)` writes in a short transaction of its own, for failures whose request
  transaction is rolled back. Call it holding no connection (like the login throttle), so a flood
  of failures never needs two pooled connections per request.
- `purge_expired_audit(session, now)` is the only deletion: rows older than their account's
  `audit_retention_days` (default DEFAULT_RETENTION_DAYS), in batches.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Account, User
from openlux.audit.models import AuditEvent
from openlux.audit.schemas import ActorKind, AuditAction, AuditRecord, Outcome
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest
from openlux.db import rows_matched

if TYPE_CHECKING:
    from openlux.auth.models import ApiIntegration

log = logging.getLogger("openlux.audit")

RETENTION_SETTING = "audit_retention_days"  # in account.settings
# HIPAA keeps required documentation six years (45 CFR 164.316(b)(2)); the log is kept as long.
DEFAULT_RETENTION_DAYS = 6 * 366
MIN_RETENTION_DAYS, MAX_RETENTION_DAYS = 30, 36600
PURGE_BATCH = 1000
LIST_LIMIT_MAX = 10000
TEXT_MAX = {"actor": 320, "on_behalf_of": 320, "target": 500, "client_ip": 64}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acted, as it is written into a row."""

    kind: ActorKind
    name: str
    id: int | None = None
    account_id: int | None = None
    on_behalf_of: str | None = None

    @classmethod
    def of_user(cls, user: User) -> Actor:
        return cls(ActorKind.USER, user.login, user.id, user.account_id)

    @classmethod
    def of_integration(cls, integration: ApiIntegration, on_behalf_of: str | None = None) -> Actor:
        return cls(
            ActorKind.INTEGRATION,
            f"{integration.name} ({integration.token})",
            integration.id,
            integration.account_id,
            on_behalf_of,
        )

    @classmethod
    def of_portal_user(cls, email: str, portal_user_id: int | None, account_id: int | None) -> Actor:
        return cls(ActorKind.PORTAL_USER, email, portal_user_id, account_id)

    @classmethod
    def operator(cls) -> Actor:
        return cls(ActorKind.OPERATOR, "cli")

    @classmethod
    def system(cls, role: str) -> Actor:
        """A background role of the server (`role` names it) acting on the operator's settings."""
        return cls(ActorKind.SYSTEM, role)

    @classmethod
    def anonymous(cls, tried: str, account_id: int | None = None) -> Actor:
        """An unidentified client; `tried` is the login or link it presented (never a password)."""
        return cls(ActorKind.ANONYMOUS, tried or "-", None, account_id)


def new_event(
    *,
    actor: Actor,
    action: AuditAction,
    target: str = "",
    client_ip: str | None = None,
    outcome: Outcome = Outcome.SUCCESS,
    details: dict[str, Any] | None = None,
    account_id: int | None = None,
) -> AuditEvent:
    """An unsaved row (texts cut to their column sizes)."""
    return AuditEvent(
        at=clock.utcnow(),
        account_id=account_id if account_id is not None else actor.account_id,
        actor_kind=str(actor.kind),
        actor=(actor.name or "-")[: TEXT_MAX["actor"]],
        actor_id=actor.id,
        on_behalf_of=(actor.on_behalf_of or None) and actor.on_behalf_of[: TEXT_MAX["on_behalf_of"]],
        action=str(action),
        target=(target or "")[: TEXT_MAX["target"]],
        client_ip=(client_ip or None) and client_ip[: TEXT_MAX["client_ip"]],
        outcome=str(outcome),
        details=details or {},
    )


def record(session: AsyncSession, **fields: Any) -> AuditEvent:
    """Add an event to the caller's transaction (see new_event for the fields)."""
    row = new_event(**fields)
    session.add(row)
    return row


def record_operator(
    session: AsyncSession,
    account_id: int | None,
    action: AuditAction,
    target: str,
    details: dict[str, Any] | None = None,
    *,
    outcome: Outcome = Outcome.SUCCESS,
) -> AuditEvent:
    """An `openlux` command's change of an account (None: of the whole installation), in the command's
    transaction."""
    return record(
        session,
        actor=Actor.operator(),
        action=action,
        target=target,
        account_id=account_id,
        details=details,
        outcome=outcome,
    )


async def record_detached(ctx: AppContext, **fields: Any) -> None:
    """Write an event in a transaction of its own (for failures whose request rolls back).

    A failure to write is logged, not raised: the refusal the client gets must not turn into a 500.
    """
    try:
        async with ctx.db.transaction() as session:
            actor: Actor = fields["actor"]
            if fields.get("account_id") is None and actor.account_id is None and actor.kind == ActorKind.ANONYMOUS:
                # A failed login of a real user belongs to that user's account (its administrators see it).
                fields["account_id"] = await session.scalar(
                    select(User.account_id).where(User.login == actor.name.strip().lower())
                )
            record(session, **fields)
    except Exception:
        log.exception("audit event %s could not be written", fields.get("action"))


# ---- reading ----------------------------------------------------------------------------------------


async def list_events(
    session: AsyncSession,
    *,
    account_id: int | None,
    since: datetime | None = None,
    actor: str | None = None,
    action: AuditAction | None = None,
    limit: int = 200,
) -> list[AuditRecord]:
    """The account's events (account_id None: the installation's, tied to no account), newest first.
    `actor` matches a login or portal address (as actor or as the user a user-scope integration acted
    for) exactly, or an integration by its token: through the blind indexes, as the names are sealed
    at rest (whole values only, in any case)."""
    if not 1 <= limit <= LIST_LIMIT_MAX:
        raise BadRequest(f"The limit must be 1 to {LIST_LIMIT_MAX}.")
    owner = AuditEvent.account_id.is_(None) if account_id is None else AuditEvent.account_id == account_id
    query = select(AuditEvent).where(owner)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if actor:
        who = actor.strip()  # AddressIndex: hashed (trimmed, lower-cased) when bound
        query = query.where((AuditEvent.actor_index == who) | (AuditEvent.on_behalf_of_index == who))
    if action is not None:
        query = query.where(AuditEvent.action == str(action))
    rows = await session.scalars(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit))
    return [AuditRecord.model_validate(row, from_attributes=True) for row in rows]


def parse_since(value: str | None) -> datetime | None:
    """A `since` filter: an ISO date or date-time (UTC when no zone is given); BadRequest otherwise."""
    if not value or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise BadRequest(f"'since' must be a date (YYYY-MM-DD) or an ISO date-time, not {value[:40]!r}.") from None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def parse_action(value: str | None) -> AuditAction | None:
    """An action filter from a form or the command line (BadRequest lists the choices)."""
    if not value:
        return None
    try:
        return AuditAction(value.strip())
    except ValueError:
        raise BadRequest(
            f"Unknown audit action {value!r}; one of: {', '.join(a.value for a in AuditAction)}."
        ) from None


# ---- retention ----------------------------------------------------------------------------------------


def retention_days(account: Account | None) -> int:
    """The account's audit lifetime in days (its setting, else the default)."""
    value = ((account.settings or {}) if account is not None else {}).get(RETENTION_SETTING)
    if isinstance(value, int) and not isinstance(value, bool) and MIN_RETENTION_DAYS <= value <= MAX_RETENTION_DAYS:
        return value
    return DEFAULT_RETENTION_DAYS


def set_retention_days(account: Account, days: int) -> None:
    """Change the account's audit lifetime (operator CLI)."""
    if not MIN_RETENTION_DAYS <= days <= MAX_RETENTION_DAYS:
        raise BadRequest(f"The audit lifetime must be {MIN_RETENTION_DAYS} to {MAX_RETENTION_DAYS} days.")
    account.settings = {**(account.settings or {}), RETENTION_SETTING: days}


async def purge_expired_audit(session: AsyncSession, now: datetime, *, batch: int = PURGE_BATCH) -> int:
    """Delete at most `batch` rows older than their account's lifetime; the count.

    Rows of no account (failed logins of unknown clients) use the default lifetime. This (with
    purge_expired_audit_by_account) is the only code that deletes audit rows.
    """
    return sum((await purge_expired_audit_by_account(session, now, batch=batch)).values())


async def purge_expired_audit_by_account(
    session: AsyncSession, now: datetime, *, batch: int = PURGE_BATCH
) -> dict[int | None, int]:
    """purge_expired_audit counted per account (None: rows of no account). The retention role
    (openlux.retention.purge, step "audit-log") calls it, one transaction a call, until nothing is
    left, and records what went as a `retention.purge` event of each account."""
    account_ids = list(await session.scalars(select(AuditEvent.account_id).distinct()))
    removed: dict[int | None, int] = {}
    for account_id in account_ids:
        if sum(removed.values()) >= batch:
            break
        account = await _account(session, account_id)
        cutoff = now - timedelta(days=retention_days(account))
        owner = AuditEvent.account_id.is_(None) if account_id is None else AuditEvent.account_id == account_id
        due = select(AuditEvent.id).where(owner, AuditEvent.at < cutoff).limit(batch - sum(removed.values()))
        ids = list(await session.scalars(due))
        if ids:
            removed[account_id] = rows_matched(await session.execute(delete(AuditEvent).where(AuditEvent.id.in_(ids))))
    return removed


async def _account(session: AsyncSession, account_id: int | None) -> Account | None:
    return None if account_id is None else await session.get(Account, account_id)
