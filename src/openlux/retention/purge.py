"""The `retention` role: purge what outlived its account's lifetime, in bounded batches.

PURGE_STEPS is the explicit table of what is purged, one entry per kind of data and table:

- an `AccountStep` purges one account's rows older than that account's lifetime for its
  `RetainedData` kind (accounts/retention.py), `batch_rows` at a time;
- a `SweepStep` decides by itself what is due (expired escrow by its own expiry; an audit log by
  its own setting) and is called until it reports no rows; it counts them per account (for the
  audit events) and must bound each call itself.

Every batch is its own transaction, so no purge holds a long write lock (SQLite) or a long
snapshot (PostgreSQL). After each step, what it purged is one `retention.purge` audit event per
account (the step, the kind of data, how many rows; outcome `failure` when the step failed for that
account), never one per row: the log shows that the policy ran, the rows themselves are gone. A
step that fails for one account is logged with the step and account and skipped until the next
pass; the other steps and accounts go on. A pass that cannot even start (database down) is logged
and retried with a growing back-off, never ending the role.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.retention import Lifetimes, RetainedData, every_account
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction, Outcome
from openlux.audit.service import Actor, purge_expired_audit_by_account
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.mail.models import CapturedMessage, OutboundMessage
from openlux.mail.states import MESSAGE_FINAL_STATES
from openlux.securesend import purge as escrow_purge
from openlux.tracking.models import TrackingEvent, UnsubscribeEvent
from openlux.webhooks.models import WebhookDelivery, WebhookEndpoint

log = logging.getLogger("openlux.retention")
FIRST_RETRY_SECONDS = 5.0  # after a pass that could not run; doubles up to the purge interval

# (session, account id, purge what is older than this, at most this many rows) -> rows purged
AccountBatch = Callable[[AsyncSession, int, datetime, int], Awaitable[int]]
# (session, now) -> rows purged in this call per account (None: rows of no account); empty means nothing is left
SweepBatch = Callable[[AsyncSession, datetime], Awaitable[dict[int | None, int]]]
ROLE_ACTOR = Actor.system("retention")  # who the audit log names for the role's purges


@dataclass(frozen=True, slots=True)
class AccountStep:
    """Purge one kind of data per account, by that account's lifetime for `data`."""

    name: str
    data: RetainedData
    purge_batch: AccountBatch


@dataclass(frozen=True, slots=True)
class SweepStep:
    """Purge by the step's own rule (not an account lifetime); each call must be bounded."""

    name: str
    purge_batch: SweepBatch


PurgeStep = AccountStep | SweepStep


async def drop_sent_content(session: AsyncSession, account_id: int, before: datetime, limit: int) -> int:
    """Empty the sealed MIME of finished messages (body, attachments and headers such as Subject);
    the row, its recipients and attempts stay, so delivery reports keep working."""
    ids = list(
        await session.scalars(
            select(OutboundMessage.id)
            .where(
                OutboundMessage.account_id == account_id,
                OutboundMessage.created_at < before,
                OutboundMessage.state.in_(MESSAGE_FINAL_STATES),
                func.length(OutboundMessage.mime_sealed) > 0,
            )
            .limit(limit)
        )
    )
    if ids:
        await session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.id.in_(ids))
            .values(mime_sealed=b"")
            .execution_options(synchronize_session=False)
        )
    return len(ids)


async def delete_captured(session: AsyncSession, account_id: int, before: datetime, limit: int) -> int:
    """Delete captured copies (delivery_mode=capture) kept longer than the lifetime."""
    ids = list(
        await session.scalars(
            select(CapturedMessage.id)
            .where(CapturedMessage.account_id == account_id, CapturedMessage.captured_at < before)
            .limit(limit)
        )
    )
    if ids:
        await session.execute(delete(CapturedMessage).where(CapturedMessage.id.in_(ids)))
    return len(ids)


async def _blank_clients(
    model: type[TrackingEvent] | type[UnsubscribeEvent],
    session: AsyncSession,
    account_id: int,
    before: datetime,
    limit: int,
) -> int:
    """Blank the client IP and user agent of `model`'s events older than `before`; the events stay."""
    ids = list(
        await session.scalars(
            select(model.id)
            .where(
                model.account_id == account_id,
                model.at < before,
                or_(model.client_ip != "", model.user_agent != ""),
            )
            .limit(limit)
        )
    )
    if ids:
        await session.execute(
            update(model)
            .where(model.id.in_(ids))
            .values(client_ip="", user_agent="")
            .execution_options(synchronize_session=False)
        )
    return len(ids)


async def blank_tracking_clients(session: AsyncSession, account_id: int, before: datetime, limit: int) -> int:
    """Blank the client IP and user agent of opens and clicks; the events (and so the counts) stay."""
    return await _blank_clients(TrackingEvent, session, account_id, before, limit)


async def blank_unsubscribe_clients(session: AsyncSession, account_id: int, before: datetime, limit: int) -> int:
    """Blank the client IP and user agent of unsubscribes; who left which campaign, and when, stays."""
    return await _blank_clients(UnsubscribeEvent, session, account_id, before, limit)


async def delete_webhook_history(session: AsyncSession, account_id: int, before: datetime, limit: int) -> int:
    """Delete finished webhook deliveries (delivered or failed); pending ones are still being retried."""
    ids = list(
        await session.scalars(
            select(WebhookDelivery.id)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(
                WebhookEndpoint.account_id == account_id,
                WebhookDelivery.state != "pending",
                WebhookDelivery.created_at < before,
            )
            .limit(limit)
        )
    )
    if ids:
        await session.execute(delete(WebhookDelivery).where(WebhookDelivery.id.in_(ids)))
    return len(ids)


# What the retention role purges, in this order.
PURGE_STEPS: tuple[PurgeStep, ...] = (
    SweepStep("escrow-expired", escrow_purge.purge_expired_batch_by_account),  # each message's own expiry
    AccountStep("escrowed-mail", RetainedData.ESCROWED_MAIL, escrow_purge.purge_account_batch),
    AccountStep("sent-content", RetainedData.SENT_CONTENT, drop_sent_content),
    AccountStep("captured-mail", RetainedData.CAPTURED_MAIL, delete_captured),
    AccountStep("tracking-clients", RetainedData.TRACKING_CLIENT, blank_tracking_clients),
    AccountStep("unsubscribe-clients", RetainedData.TRACKING_CLIENT, blank_unsubscribe_clients),
    AccountStep("webhook-history", RetainedData.WEBHOOK_HISTORY, delete_webhook_history),
    SweepStep("audit-log", purge_expired_audit_by_account),  # the account's audit lifetime (audit_retention_days)
)


@dataclass(frozen=True, slots=True)
class Batch:
    """One committed batch, as progress reports it."""

    step: str
    account_id: int | None  # None for a SweepStep
    rows: int


@dataclass
class PurgeReport:
    """What one pass purged per step, and which (step, account) failed."""

    purged: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, int | None, str]] = field(default_factory=list)


# One batch in its transaction -> rows purged per account
BatchCall = Callable[[AsyncSession], Awaitable[dict[int | None, int]]]


def _sweep_call(purge_batch: SweepBatch, now: datetime) -> BatchCall:
    async def call(session: AsyncSession) -> dict[int | None, int]:
        return await purge_batch(session, now)

    return call


def _account_call(purge_batch: AccountBatch, account_id: int, before: datetime, limit: int) -> BatchCall:
    async def call(session: AsyncSession) -> dict[int | None, int]:
        return {account_id: await purge_batch(session, account_id, before, limit)}

    return call


async def _until_done(
    ctx: AppContext,
    step: PurgeStep,
    account_id: int | None,
    call: BatchCall,
    limit: int | None,
    on_batch: Callable[[Batch], None] | None,
    tally: dict[int | None, int],
) -> None:
    """Run `call` in one transaction per batch until a batch comes back short (or empty), adding
    each committed batch's rows to `tally` per account (so a failure later still counts them)."""
    while True:
        async with ctx.db.transaction() as session:
            counts = await call(session)
        rows = sum(counts.values())
        for owner, purged in counts.items():
            tally[owner] = tally.get(owner, 0) + purged
        if rows and on_batch is not None:
            on_batch(Batch(step.name, account_id, rows))
        if rows == 0 or (limit is not None and rows < limit):
            return


async def _record_step(
    ctx: AppContext,
    step: PurgeStep,
    tally: dict[int | None, int],
    failed: set[int | None],
    cutoffs: dict[int, datetime],
    actor: Actor,
) -> None:
    """One `retention.purge` event per account the step purged rows of (or failed for). A failure to
    write is logged: the purge itself is done and committed."""
    owners = sorted({*(a for a, rows in tally.items() if rows), *failed}, key=lambda a: -1 if a is None else a)
    if not owners:
        return
    try:
        async with ctx.db.transaction() as session:
            for account_id in owners:
                details: dict[str, object] = {"rows": tally.get(account_id, 0)}
                if isinstance(step, AccountStep):
                    details["data"] = step.data.value
                    if account_id in cutoffs:
                        details["before"] = cutoffs[account_id].isoformat()
                audit.record(
                    session,
                    actor=actor,
                    action=AuditAction.RETENTION_PURGE,
                    target=step.name,
                    account_id=account_id,
                    outcome=Outcome.FAILURE if account_id in failed else Outcome.SUCCESS,
                    details=details,
                )
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("retention step %s: its audit events could not be written", step.name)


async def purge_once(
    ctx: AppContext,
    steps: Sequence[PurgeStep] = PURGE_STEPS,
    *,
    batch_rows: int | None = None,
    on_batch: Callable[[Batch], None] | None = None,
    actor: Actor = ROLE_ACTOR,
) -> PurgeReport:
    """One pass over every step and account. Failures are logged and reported, never raised,
    except when the accounts cannot even be read (the caller backs off). `actor` is who the audit
    events name: the role, or the operator for `openlux retention purge --now`."""
    limit = batch_rows or ctx.settings.retention_batch_rows
    now = clock.utcnow()
    async with ctx.db.sessions() as session:
        accounts: list[Lifetimes] = await every_account(session)
    report = PurgeReport()
    for step in steps:
        targets: list[tuple[int | None, BatchCall]]
        cutoffs: dict[int, datetime] = {}
        if isinstance(step, SweepStep):
            targets, bound = [(None, _sweep_call(step.purge_batch, now))], None
        else:
            cutoffs = {lifetimes.account_id: lifetimes.cutoff(step.data, now) for lifetimes in accounts}
            targets = [
                (account_id, _account_call(step.purge_batch, account_id, before, limit))
                for account_id, before in cutoffs.items()
            ]
            bound = limit
        tally: dict[int | None, int] = {}
        failed: set[int | None] = set()
        for account_id, call in targets:
            try:
                await _until_done(ctx, step, account_id, call, bound, on_batch, tally)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # one step or account failing must not stop the others; the next pass retries it
                log.exception("retention step %s failed for account %s; the other steps go on", step.name, account_id)
                report.failures.append((step.name, account_id, f"{type(exc).__name__}: {exc}"[:500]))
                if account_id is not None:  # a sweep's failure belongs to no one account
                    failed.add(account_id)
        report.purged[step.name] = sum(tally.values())
        await _record_step(ctx, step, tally, failed, cutoffs, actor)
    return report


async def retention_role(ctx: AppContext, steps: Sequence[PurgeStep] = PURGE_STEPS) -> None:
    """Purge every retention_interval_seconds until cancelled; a pass that fails backs off and retries."""
    interval = ctx.settings.retention_interval_seconds
    delay = min(FIRST_RETRY_SECONDS, interval)
    while True:
        try:
            report = await purge_once(ctx, steps)
        except asyncio.CancelledError:
            raise
        except Exception:  # e.g. the database is down: back off and try again, never end the role
            log.exception("retention pass could not run; retrying in %.0f s", delay)
            await asyncio.sleep(delay)
            delay = min(delay * 2, interval)
            continue
        delay = min(FIRST_RETRY_SECONDS, interval)
        purged = {name: rows for name, rows in report.purged.items() if rows}
        if purged:
            log.info("retention purged %s", ", ".join(f"{name}: {rows}" for name, rows in purged.items()))
        await asyncio.sleep(interval)
