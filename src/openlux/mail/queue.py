"""The durable outbound queue: enqueue, claim with a lease, record outcomes, retry with back-off.

A claim moves `next_attempt_at` one lease ahead instead of setting a separate lock, so a message
whose worker died simply comes due again when the lease runs out (at-least-once, DESIGN.md §4).
PostgreSQL claims with `SELECT … FOR UPDATE SKIP LOCKED`; SQLite has one writer at a time, so the
same conditional UPDATE is already exclusive there.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import Select, Update, and_, bindparam, case, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.config import Settings
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.time import as_utc
from openlux.db import WROTE, UtcDateTime
from openlux.mail.models import DeliveryAttempt, OutboundMessage, OutboundRecipient
from openlux.mail.states import (
    DELIVERED_RECIPIENT_STATES,
    PENDING_RECIPIENT_STATES,
    Channel,
    DeliveryMethod,
    MessageState,
    Outcome,
    RecipientState,
    TlsPolicy,
)
from openlux.webhooks import service as webhooks

SEAL_CONTEXT = b"outbound_message"


class Origin(StrEnum):
    """Who put a message in the queue; DKIM signing trusts only the first and the last."""

    SUBMITTED = "submitted"  # an authenticated API or SMTP user (submitted_by)
    FORWARDED = "forwarded"  # forwarding or alias expansion of received mail (SRS envelope sender)
    SYSTEM = "system"  # OpenLux's own mail: notices, auto-replies, DSNs


@dataclass(slots=True)
class NewMessage:
    """A composed message ready to queue."""

    account_id: int
    user_id: int | None
    mail_from: str
    recipients: list[tuple[str, str]]  # (kind, address); kind to|cc|bcc|env
    mime: bytes
    message_id: str
    tls_policy: TlsPolicy
    channel: Channel
    suppressed: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, address, reason)
    track: int = 0  # openlux.tracking.links.Track flags
    origin: Origin = Origin.SUBMITTED
    submitted_by: int | None = None  # the authenticated user who submitted it (origin SUBMITTED)


@dataclass(slots=True)
class Claimed:
    """A claimed message with its pending recipients, content still sealed."""

    id: int
    account_id: int
    user_id: int | None
    channel: Channel
    message_id: str
    mail_from: str
    tls_policy: TlsPolicy
    attempts: int
    expires_at: datetime
    mime_sealed: bytes
    recipients: list[tuple[int, str, int]]  # (recipient id, address, attempts so far)
    claimed_by: str = ""
    track: int = 0
    origin: str = Origin.SUBMITTED
    submitted_by: int | None = None

    @property
    def reclaimed(self) -> bool:
        """True when an earlier claim was never recorded (its worker died): a duplicate is possible."""
        return any(count < self.attempts - 1 for _rid, _a, count in self.recipients)


@dataclass(slots=True)
class RecipientResult:
    """What happened to one recipient in one attempt."""

    recipient_id: int
    outcome: Outcome
    code: int | None
    reply: str
    server: str = ""
    method: DeliveryMethod | None = None
    tls_version: str | None = None
    tls_cipher: str | None = None
    duration_ms: int = 0
    at: datetime = field(default_factory=clock.utcnow)


def backoff(attempts: int, settings: Settings) -> timedelta:
    """Delay before attempt `attempts + 1`: base·2^(n-1), capped, ±10% jitter so retries spread."""
    base, cap = settings.delivery_retry_base_seconds, settings.delivery_retry_max_seconds
    seconds = min(cap, base * (2 ** max(0, attempts - 1)))
    return timedelta(seconds=seconds * random.uniform(0.9, 1.1))


async def enqueue_many(session: AsyncSession, ctx: AppContext, messages: list[NewMessage]) -> list[int]:
    """Insert messages and their recipients (flush only: the caller's transaction commits); their ids."""
    if not messages:
        return []
    ids = await session.run_sync(lambda sync: enqueue_rows(sync.connection(), ctx, messages))
    session.info[WROTE] = True  # Core statements on the session's connection: request_transaction must commit
    ctx.mail_queued.ring_after_commit(session)  # this process's delivery claimer looks at once
    return ids


def enqueue_rows(conn: Connection, ctx: AppContext, messages: list[NewMessage]) -> list[int]:
    """enqueue_many on a synchronous connection, inside its transaction (Database.run_in_transaction).

    The caller rings ctx.mail_queued once the transaction has committed."""
    if not messages:
        return []
    now = clock.utcnow()
    expires = now + timedelta(seconds=ctx.settings.delivery_lifetime_seconds)
    rows = [
        dict(
            account_id=m.account_id,
            user_id=m.user_id,
            channel=m.channel,
            message_id=m.message_id,
            mail_from=m.mail_from,
            tls_policy=m.tls_policy,
            size=len(m.mime),
            origin=str(m.origin),
            submitted_by=m.submitted_by if m.origin == Origin.SUBMITTED else None,
            recipient_count=len(m.recipients),
            mime_sealed=ctx.box.seal(m.mime, context=SEAL_CONTEXT),
            track=m.track,
            state=MessageState.QUEUED,
            attempts=0,
            created_at=now,
            next_attempt_at=now,
            expires_at=expires,
        )
        for m in messages
    ]
    ids = _insert_returning_ids(conn, rows)
    recipients_table = OutboundRecipient.__table__
    recipients: list[dict[str, Any]] = []
    for message_id, message in zip(ids, messages, strict=True):
        # Every row has the same keys: one executemany statement serves them all. The message's
        # account, user, channel and time are copied for the reports (models.OutboundRecipient).
        copied = dict(
            message_id=message_id,
            account_id=message.account_id,
            user_id=message.user_id,
            channel=message.channel,
            created_at=now,
        )
        recipients += [
            dict(
                copied,
                address=a,
                kind=k,
                state=RecipientState.QUEUED,
                attempts=0,
                last_reply=None,
                completed_at=None,
            )
            for k, a in message.recipients
        ]
        recipients += [
            dict(
                copied,
                address=a,
                kind=k,
                state=RecipientState.SUPPRESSED,
                attempts=0,
                last_reply=f"Suppressed: {reason}",
                completed_at=now,
            )
            for k, a, reason in message.suppressed
        ]
    conn.execute(insert(recipients_table), recipients)
    return ids


def _insert_returning_ids(conn: Connection, rows: list[dict]) -> list[int]:
    """Insert message rows with Core (the ORM's per-row bookkeeping doubled a 1,000-message call); their ids."""
    table = OutboundMessage.__table__
    if conn.dialect.name != "sqlite":
        result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
        return list(result.scalars().all())
    # SQLite: RETURNING forces row-at-a-time inserts (5x slower). The first insert takes the database's
    # single write lock until commit, so the rowids of the rest follow it one by one (max(rowid) + 1).
    first = conn.execute(insert(table).returning(table.c.id), rows[:1]).scalar_one()
    if len(rows) > 1:
        conn.execute(insert(table), rows[1:])
        last = conn.scalar(select(func.max(table.c.id)))
        assert last == first + len(rows) - 1, "rowids were not consecutive"  # would mean a second writer
    return list(range(first, first + len(rows)))


async def enqueue_message(
    session: AsyncSession,
    ctx: AppContext,
    *,
    account_id: int,
    user_id: int | None,
    mail_from: str,
    recipients: list[str],
    mime: bytes,
    tls_policy: TlsPolicy = TlsPolicy.OPPORTUNISTIC,
    channel: Channel = Channel.SYSTEM,
    message_id: str = "",
    origin: Origin = Origin.SYSTEM,
) -> int:
    """Queue one ready-made MIME message (system mail: SecureLine notices, DSNs); returns its queue id.

    `recipients` are envelope addresses; `tls_policy` is opportunistic | required | no_tls
    (required never downgrades: without STARTTLS the SecureLine fallback decides); `channel` is
    what reports show (api | webmail | smtp | system). Nothing is vetted here (no limits, no
    suppressions, no DKIM yet: workers sign at delivery). `origin` is SYSTEM (OpenLux's own mail,
    signed with the owning account's domain key) or FORWARDED (received mail passed on: SRS sender,
    never signed with the author's domain). The caller's transaction commits.
    """
    message = NewMessage(
        account_id=account_id,
        user_id=user_id,
        mail_from=mail_from,
        recipients=[("env", r) for r in recipients],
        mime=mime,
        message_id=message_id or _message_id_of(mime),
        tls_policy=TlsPolicy(tls_policy),
        channel=Channel(channel),
        origin=origin,
    )
    return (await enqueue_many(session, ctx, [message]))[0]


def _message_id_of(mime: bytes) -> str:
    from email.parser import BytesHeaderParser

    value = BytesHeaderParser().parsebytes(mime).get("Message-ID", "") or ""
    return str(value).strip().strip("<>")[:250]


_R, _M, _A = OutboundRecipient.__table__, OutboundMessage.__table__, DeliveryAttempt.__table__
_CLAIMED_COLUMNS = [
    _M.c[name]
    for name in (
        "id",
        "account_id",
        "user_id",
        "channel",
        "message_id",
        "mail_from",
        "tls_policy",
        "attempts",
        "expires_at",
        "mime_sealed",
        "track",
        "origin",
        "submitted_by",
    )
]


@cache
def _claim_statements(dialect: str, holds: bool) -> tuple[Select[Any], Update]:
    """The claim's "anything due?" probe and its claiming UPDATE, built once per dialect and variant:
    constructing them per claim (and their cache keys) cost more CPU than running them (worker profile)."""
    now = bindparam("now", type_=UtcDateTime())
    due_now = [_M.c.state == MessageState.QUEUED, _M.c.next_attempt_at <= now]
    if holds:
        due_now.append(_M.c.account_id.not_in(bindparam("held", expanding=True)))
    anything_due = select(_M.c.id).where(*due_now).limit(1)
    due = select(_M.c.id).where(*due_now).order_by(_M.c.next_attempt_at).limit(bindparam("limit"))
    if dialect == "postgresql":
        # The due rows in a MATERIALIZED CTE, joined by UPDATE … FROM: it runs once, whatever the plan.
        # As `id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` the planner may put the subquery on the
        # inner side of a nested-loop semi join (statistics from an emptier queue suggest it) and run it
        # again for each outer row; every run locks and returns the next due rows, so one claim of 2
        # took all 6 due messages, overflowing the worker's inbox (tests/mail/test_claim_limit.py).
        due_rows = due.with_for_update(skip_locked=True).cte("due").prefix_with("MATERIALIZED")
        chosen = _M.c.id == due_rows.c.id
    else:
        chosen = _M.c.id.in_(due.scalar_subquery())  # SQLite: one writer, the subquery runs once
    claim_due = (
        update(_M)
        .where(chosen, _M.c.next_attempt_at <= now)
        .values(
            next_attempt_at=bindparam("lease_end", type_=UtcDateTime()),
            claimed_by=bindparam("worker"),
            claimed_at=now,
            attempts=_M.c.attempts + 1,
        )
        .returning(*_CLAIMED_COLUMNS)
    )
    return anything_due, claim_due


_PENDING_RECIPIENTS = (
    select(_R.c.message_id, _R.c.id, _R.c.address, _R.c.attempts)
    .where(_R.c.message_id.in_(bindparam("ids", expanding=True)), _R.c.state.in_(PENDING_RECIPIENT_STATES))
    .order_by(_R.c.id)
)


async def claim(ctx: AppContext, *, worker: str, limit: int) -> list[Claimed]:
    """Claim up to `limit` due messages for one lease; returns them with their pending recipients."""
    now = clock.utcnow()
    held = ctx.held_accounts
    # An idle worker polls several times a second: a read finds there is nothing to do without the
    # write transaction the claiming UPDATE opens (1.6 ms CPU a poll on SQLite, a third of an idle worker).
    anything_due, claim_due = _claim_statements(ctx.db.dialect, bool(held))
    params: dict[str, Any] = dict(now=now, held=sorted(held)) if held else dict(now=now)

    def work(conn: Connection) -> tuple[list[Any], dict[int, list[tuple[int, str, int]]]]:
        if conn.execute(anything_due, params).first() is None:
            return [], {}
        lease_end = now + timedelta(seconds=ctx.settings.delivery_lease_seconds)
        claiming = dict(params, limit=limit, lease_end=lease_end, worker=worker)
        rows = [row._mapping for row in conn.execute(claim_due, claiming).all()]
        by_message: dict[int, list[tuple[int, str, int]]] = {}
        if rows:
            pending = conn.execute(_PENDING_RECIPIENTS, dict(ids=[r["id"] for r in rows]))
            for message_id, rid, address, attempts in pending:
                by_message.setdefault(message_id, []).append((rid, address, attempts))
        return rows, by_message

    rows, by_message = await ctx.db.run_in_transaction(work)
    return [
        Claimed(
            id=r["id"],
            account_id=r["account_id"],
            user_id=r["user_id"],
            channel=Channel(r["channel"]),
            message_id=r["message_id"],
            mail_from=r["mail_from"],
            tls_policy=TlsPolicy(r["tls_policy"]),
            attempts=r["attempts"],
            expires_at=as_utc(r["expires_at"]),
            mime_sealed=r["mime_sealed"],
            recipients=by_message.get(r["id"], []),
            claimed_by=worker,
            track=r["track"],
            origin=Origin(r["origin"]),
            submitted_by=r["submitted_by"],
        )
        for r in rows
    ]


# Recipient outcome → webhook event (escrowed counts as delivered: the SecureLine copy reached the recipient).
WEBHOOK_EVENTS = {
    "sent": webhooks.EventType.DELIVERED,
    "escrowed": webhooks.EventType.DELIVERED,
    "deferred": webhooks.EventType.DEFERRED,
    "failed": webhooks.EventType.FAILED,
}
# A worker whose lease ran out may finish after another took over: it never turns a final recipient
# back to pending, and it only reschedules or closes messages it still holds.
_RECIPIENT_UPDATE = (
    update(_R)
    .where(_R.c.id == bindparam("r_id"), _R.c.completed_at.is_(None))  # still pending
    .values(
        state=bindparam("r_state"),
        attempts=bindparam("r_attempts"),
        last_code=bindparam("r_code"),
        last_reply=bindparam("r_reply"),
        method=bindparam("r_method"),
        completed_at=bindparam("r_done"),
    )
)
_MESSAGE_RETRY = (
    update(_M)
    .where(_M.c.id == bindparam("m_id"), _M.c.claimed_by == bindparam("m_worker"))
    .values(next_attempt_at=bindparam("m_next"), claimed_by=None)
)
_INSERT_ATTEMPTS = insert(_A)
# A finished message's state from all its recipients' (this batch's updates included, suppressed ones
# too), in the UPDATE itself: one statement per batch instead of a SELECT of the states and an UPDATE.
_ANY_DELIVERED = select(_R.c.id).where(_R.c.message_id == _M.c.id, _R.c.state.in_(DELIVERED_RECIPIENT_STATES)).exists()
_ANY_UNDELIVERABLE = (
    select(_R.c.id)
    .where(_R.c.message_id == _M.c.id, _R.c.state.in_([RecipientState.FAILED, RecipientState.SUPPRESSED]))
    .exists()
)
_MESSAGE_FINAL = (
    update(_M)
    .where(_M.c.id.in_(bindparam("m_ids", expanding=True)), _M.c.claimed_by == bindparam("m_worker"))
    .values(
        state=case(
            (and_(_ANY_DELIVERED, _ANY_UNDELIVERABLE), MessageState.PARTIAL.value),
            (_ANY_DELIVERED, MessageState.SENT.value),
            else_=MessageState.FAILED.value,
        ),
        completed_at=bindparam("m_done"),
        claimed_by=None,
    )
)


async def record(ctx: AppContext, outcomes: list[tuple[Claimed, list[RecipientResult]]]) -> None:
    """Store attempts and new states for a batch of delivered messages, in one transaction."""
    now = clock.utcnow()
    attempts, recipient_updates, message_updates = [], [], []
    events: list[webhooks.Event] = []
    for claimed, results in outcomes:
        tried = {r.recipient_id: r for r in results}
        addresses = {rid: address for rid, address, _n in claimed.recipients}
        still_pending = False
        for rid, _address, count in claimed.recipients:
            result = tried.get(rid)
            if result is None:
                still_pending = True
                continue
            state = RecipientState(result.outcome)
            reply = result.reply
            if state == RecipientState.DEFERRED and now >= claimed.expires_at:
                state, reply = RecipientState.FAILED, f"Gave up after {count + 1} attempts: {reply}"[:1000]
            still_pending |= state == RecipientState.DEFERRED
            attempts.append(
                dict(
                    message_id=claimed.id,
                    recipient_id=rid,
                    at=result.at,
                    server=result.server[:300],
                    outcome=state,
                    code=result.code,
                    reply=result.reply[:1000],
                    tls_version=result.tls_version,
                    tls_cipher=result.tls_cipher,
                    duration_ms=result.duration_ms,
                )
            )
            recipient_updates.append(
                dict(
                    r_id=rid,
                    r_state=state,
                    r_attempts=count + 1,
                    r_code=result.code,
                    r_reply=reply[:1000],
                    r_method=result.method,
                    r_done=None if state == RecipientState.DEFERRED else now,
                )
            )
            if claimed.channel != Channel.SYSTEM and state in WEBHOOK_EVENTS:
                events.append(
                    webhooks.Event(
                        claimed.account_id,
                        WEBHOOK_EVENTS[state],
                        {
                            "message_id": claimed.message_id,
                            "queue_id": claimed.id,
                            "recipient": addresses.get(rid, ""),
                            "method": result.method,
                            "code": result.code,
                            "reply": reply[:1000],
                            "attempt": count + 1,
                            "at": result.at.isoformat(),
                        },
                    )
                )
        message_updates.append((claimed, still_pending))
        if claimed.reclaimed:
            # DESIGN.md §4: duplicates are bounded by the lease and recorded, never silent.
            attempts += [
                dict(
                    message_id=claimed.id,
                    recipient_id=rid,
                    at=now,
                    server="",
                    outcome=Outcome.RECLAIMED,
                    code=None,
                    reply=f"An earlier attempt (claim {claimed.attempts - 1}) was interrupted "
                    "before it was recorded; this recipient may get the message twice (same Message-ID).",
                    tls_version=None,
                    tls_cipher=None,
                    duration_ms=0,
                )
                for rid, _a, _n in claimed.recipients
            ]
    # Reschedule messages with pending recipients; close the others with their final state.
    retry = [
        dict(m_id=c.id, m_worker=c.claimed_by, m_next=now + backoff(c.attempts, ctx.settings))
        for c, pending in message_updates
        if pending
    ]
    done: dict[str, list[int]] = {}  # claiming worker -> its finished messages
    for c, pending in message_updates:
        if not pending:
            done.setdefault(c.claimed_by, []).append(c.id)

    def work(conn: Connection) -> None:
        if attempts:
            conn.execute(_INSERT_ATTEMPTS, attempts)
        if recipient_updates:
            conn.execute(_RECIPIENT_UPDATE, recipient_updates)
        if retry:
            conn.execute(_MESSAGE_RETRY, retry)
        for worker, ids in done.items():
            conn.execute(_MESSAGE_FINAL, dict(m_ids=ids, m_worker=worker, m_done=now))
        webhooks.emit_sync(conn, events)

    await ctx.db.run_in_transaction(work)


async def sent_in_last_hour(session: AsyncSession, *, user_id: int) -> int:
    """Recipients the user queued in the last hour (what the hourly sending limit counts)."""
    since = clock.utcnow() - timedelta(hours=1)
    total = await session.scalar(
        select(func.coalesce(func.sum(OutboundMessage.recipient_count), 0)).where(
            OutboundMessage.user_id == user_id, OutboundMessage.created_at >= since
        )
    )
    return int(total or 0)
