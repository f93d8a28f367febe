"""Totals of the delivery reports from per-day counters instead of index entries.

Counting the recipients in the common state (95% are Delivered) meant stepping through a million
index entries for a million-row account. `recipient_state_count` (reports.models) holds, per
account, channel, final state and UTC day, how many recipient rows there are; database triggers
keep it in the transaction of every change to outbound_recipient. A total is the counters of the
window's whole days, plus the rows of the partial days at its two ends counted from the report
index as before: at most two days of rows whatever the window. Queued and deferred rows are not
counted by the triggers (queueing a recipient costs no counter write): they are a queue's worth,
not a history's, and come from the index. A window shorter than one whole day is counted from the
index alone.
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
from openlux.reports.models import RecipientStateCount as C

DAY = timedelta(days=1)
ALL_USERS = -1  # recipient_state_count.user_id of the account-wide rows (the triggers write both)
FOLD_BATCH = 10_000  # shard rows merged per statement

# PostgreSQL only (SQLite counts into shard 0 already): move the rows of other shards into shard 0.
# SKIP LOCKED leaves the rows of a transaction in progress alone, so a fold never waits for a writer;
# a writer whose shard row a fold holds waits only for the fold's commit, then starts a new row.
# Shard-0 rows are upserted in key order, so two folds never deadlock either.
FOLD_SHARDS = text(
    """
    WITH moved AS (
        DELETE FROM recipient_state_count
        WHERE (account_id, user_id, channel, state, day, shard) IN (
            SELECT account_id, user_id, channel, state, day, shard FROM recipient_state_count
            WHERE shard <> 0 LIMIT :batch FOR UPDATE SKIP LOCKED)
        RETURNING account_id, user_id, channel, state, day, n),
    merged AS (
        INSERT INTO recipient_state_count AS c (account_id, user_id, channel, state, day, shard, n)
        SELECT account_id, user_id, channel, state, day, 0, sum(n) FROM moved
        GROUP BY account_id, user_id, channel, state, day ORDER BY account_id, user_id, channel, state, day
        ON CONFLICT (account_id, user_id, channel, state, day, shard) DO UPDATE SET n = c.n + excluded.n)
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
        if first is not None:
            counters = counters.where(C.day >= first.date())
        if end is not None:
            counters = counters.where(C.day < end.date())
        total = counters.scalar_subquery()
        for start, stop in ((since, first), (end, until)):
            if start is not None and stop is not None and start < stop:
                total = total + rows(R.state.in_(final), R.created_at >= start, R.created_at < stop)
    if pending:
        window = [R.created_at >= since] if since is not None else []
        window += [R.created_at < until] if until is not None else []
        total = total + rows(R.state.in_(pending), *window)
    return select(total)


async def fold_shard_batch(session: AsyncSession, batch: int = FOLD_BATCH) -> int:
    """Merge up to `batch` of PostgreSQL's per-connection shard rows into shard 0; how many moved.
    On SQLite there is nothing to merge."""
    if session.get_bind().dialect.name != "postgresql":
        return 0
    return int(await session.scalar(FOLD_SHARDS, {"batch": batch}) or 0)


async def fold_shards(db: Database, batch: int = FOLD_BATCH) -> int:
    """Fold every shard row there is now, one transaction per batch, then remove the counters that
    are back to zero (a deleted account's); how many shard rows moved. Stops at the first batch that
    is not full, so writers that keep adding rows cannot keep it running."""
    moved = 0
    while True:
        async with db.transaction() as session:
            done = await fold_shard_batch(session, batch)
        moved += done
        if done < batch:
            break
    async with db.transaction() as session:
        await session.execute(delete(C).where(C.shard == 0, C.n == 0))
    return moved
