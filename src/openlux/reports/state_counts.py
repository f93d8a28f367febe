"""Totals of the delivery reports from per-day counters instead of index entries.

Counting the recipients in the common state (95% are Delivered) meant stepping through a million
index entries for a million-row account. `recipient_state_count` (reports.models) holds, per
account (and per user), channel, final state and UTC day, how many recipient rows there are;
triggers keep it in the transaction of every change to outbound_recipient. A total is the counters
of the window's whole days, plus the rows of the partial days at its two ends counted from the
report index as before: at most two days of rows whatever the window. Queued and deferred rows are
not counted by the triggers (queueing a recipient costs no counter write): they are a queue's
worth, not a history's, and come from the index. A window shorter than one whole day is counted
from the index alone.

On PostgreSQL the triggers append their changes to recipient_state_delta instead (reports.models),
and `fold_deltas` moves them into the counters every FOLD_SECONDS (the report-counters worker role,
reports/worker.py); a total adds the deltas not folded yet, so it is exact at any moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, delete, func, literal, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from openlux.db import Database
from openlux.mail.models import OutboundRecipient as R
from openlux.mail.states import PENDING_RECIPIENT_STATES, RecipientState
from openlux.reports.engine import between
from openlux.reports.models import RecipientStateCount as C
from openlux.reports.models import RecipientStateDelta as D

DAY = timedelta(days=1)
ALL_USERS = -1  # recipient_state_count.user_id of the account-wide rows (the triggers write both)
FOLD_BATCH = 10_000  # deltas moved per statement
VACUUM_AFTER = 50_000  # deltas folded at once after which fold_deltas vacuums their table
FOLD_SECONDS = 10.0  # how often the report-counters role folds: bounds the deltas a total adds up

# PostgreSQL only (SQLite's triggers update the counters in place). The moved deltas are summed per
# key, under their user and under the whole account, and added in key order (two folds never
# deadlock). SKIP LOCKED: two folds never move the same delta; writers are never waited for (their
# uncommitted deltas are not visible to the fold anyway).
FOLD_DELTAS = text(
    """
    WITH moved AS (
        DELETE FROM recipient_state_delta
        WHERE id IN (SELECT id FROM recipient_state_delta ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED)
        RETURNING account_id, user_id, channel, state, day, n),
    summed AS (
        SELECT account_id, user_id, channel, state, day, sum(n) AS n FROM moved
        GROUP BY account_id, user_id, channel, state, day
        UNION ALL
        SELECT account_id, -1, channel, state, day, sum(n) FROM moved
        GROUP BY account_id, channel, state, day),
    merged AS (
        INSERT INTO recipient_state_count AS c (account_id, user_id, channel, state, day, n)
        SELECT account_id, user_id, channel, state, day, n FROM summed
        ORDER BY account_id, user_id, channel, state, day
        ON CONFLICT (account_id, user_id, channel, state, day) DO UPDATE SET n = c.n + excluded.n)
    SELECT count(*) FROM moved
    """
)


def _midnight(moment: datetime) -> datetime:
    return datetime.combine(moment.astimezone(UTC).date(), time(), UTC)


def whole_days(since: datetime | None, until: datetime | None) -> tuple[datetime | None, datetime | None] | None:
    """The whole UTC days inside [since, until) as (first midnight, last midnight); None bounds stay
    open. None when the window holds no whole day."""
    first = None if since is None else _midnight(since) + (DAY if since != _midnight(since) else timedelta())
    end = None if until is None else _midnight(until)
    if first is not None and end is not None and first >= end:
        return None
    return first, end


def recipient_total(
    account_id: int,
    user_id: int | None,
    channels: Sequence[str],
    states: Sequence[str] | None,
    since: datetime | None,
    until: datetime | None,
) -> Select | None:
    """SELECT of how many of the account's recipients (of one user's messages; None: all) of
    `channels` in `states` (None: any state) were queued in [since, until) (None: unbounded); None
    when the window holds no whole day (count the index).

    Final states: the counters of the whole days plus the partial days' rows from the index. Pending
    states (not counted by the triggers: a queue's worth of rows): the window's rows from the index.
    """
    days = whole_days(since, until)
    if days is None:
        return None
    first, end = days
    wanted = set(RecipientState) if states is None else set(states)
    pending = sorted(wanted.intersection(PENDING_RECIPIENT_STATES))
    final = sorted(wanted.difference(PENDING_RECIPIENT_STATES))

    def rows(*where: ColumnElement[bool]) -> ColumnElement[Any]:
        counted = select(func.count()).select_from(R).where(R.account_id == account_id, R.channel.in_(channels))
        if user_id is not None:
            counted = counted.where(R.user_id == user_id)
        return counted.where(*where).scalar_subquery()

    total: ColumnElement[Any] = literal(0)
    if final:
        counters = select(func.coalesce(func.sum(C.n), 0)).where(
            C.account_id == account_id,
            C.user_id == (ALL_USERS if user_id is None else user_id),
            C.channel.in_(channels),
            C.state.in_(final),
        )
        deltas = select(func.coalesce(func.sum(D.n), 0)).where(
            D.account_id == account_id, D.channel.in_(channels), D.state.in_(final)
        )
        if user_id is not None:
            deltas = deltas.where(D.user_id == user_id)
        days_of = (None if first is None else first.date()), (None if end is None else end.date())
        counters, deltas = counters.where(*between(C.day, *days_of)), deltas.where(*between(D.day, *days_of))
        total = counters.scalar_subquery() + deltas.scalar_subquery()
        for start, stop in ((since, first), (end, until)):
            if start is not None and stop is not None and start < stop:
                total = total + rows(R.state.in_(final), *between(R.created_at, start, stop))
    if pending:
        total = total + rows(R.state.in_(pending), *between(R.created_at, since, until))
    return select(total)


async def fold_delta_batch(session: AsyncSession, batch: int = FOLD_BATCH) -> int:
    """Move up to `batch` of PostgreSQL's deltas into the counters; how many moved (0 on SQLite)."""
    if session.get_bind().dialect.name != "postgresql":
        return 0
    return int(await session.scalar(FOLD_DELTAS, {"batch": batch}) or 0)


async def fold_deltas(db: Database, batch: int = FOLD_BATCH) -> int:
    """Fold the deltas there are now, one transaction per batch; how many moved. Stops at the first
    batch that is not full, so writers that keep appending cannot keep it running.

    After a burst (VACUUM_AFTER deltas or more) the table is vacuumed at once: until then every
    total would step over the burst's dead rows (a million finished recipients: 30–60 ms a total
    instead of 10), and autovacuum may take a minute or more to come."""
    moved = 0
    while True:
        async with db.transaction() as session:
            done = await fold_delta_batch(session, batch)
        moved += done
        if done < batch:
            break
    if moved >= VACUUM_AFTER:
        async with db.engine.connect() as conn:
            autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")  # VACUUM runs outside one
            await autocommit.execute(text("VACUUM recipient_state_delta"))
    return moved


async def drop_zero_counts(db: Database) -> None:
    """Remove the counters back at zero (a deleted account's, a day whose mail all went)."""
    async with db.transaction() as session:
        await session.execute(delete(C).where(C.n == 0))
