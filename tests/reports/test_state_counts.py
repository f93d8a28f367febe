"""Per-day recipient counters (reports.state_counts, issue 11 item 5): the delivery report's total
over a million rows without counting a million index entries.

- The triggers keep the counters (and on PostgreSQL the deltas not folded yet) equal to the rows in
  a final state through every kind of write: inserts, state changes, a deleted user, a message
  deleted with its recipients, an account deleted (both backends).
- A total over any window (whole days from the counters, partial days from the index) equals
  counting the rows, at every boundary: midnight, a second either side, open ends; for the account
  and for a user.
- On PostgreSQL two writers changing the same states in opposite orders never wait for each other
  (they append deltas), a statement finishing many recipients in one transaction stays exact, and
  folding the deltas skips a writer's uncommitted ones and loses nothing.
- The migration counts the rows queued before it and copies their message's user (both backends).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Account, User
from openlux.config import Settings
from openlux.core.context import AppContext
from openlux.db import make_engine
from openlux.db.migrate import upgrade_to_heads
from openlux.mail.models import OutboundMessage, OutboundRecipient
from openlux.mail.states import PENDING_RECIPIENT_STATES
from openlux.reports import state_counts
from openlux.reports.catalog import DEFINITIONS
from openlux.reports.engine import Query, Scope, TableReport
from openlux.reports.models import RecipientStateCount, RecipientStateDelta
from tests.support.migrations import insert_row, migrate_all_but
from tests.support.polling import wait_until_async

Key = tuple[int, int, str, str, date]
ADDS_COUNTERS = "5e2f1a7c9d30"
DAY0 = datetime(2026, 11, 10, tzinfo=UTC)
# Recipients queued around three midnights: exactly at one, a second either side, and mid-day.
TIMES = [DAY0 + timedelta(days=d, seconds=s) for d in range(4) for s in (-1, 0, 1, 3600 * 12, 3600 * 24 - 2)]
STATES = ("sent", "sent", "sent", "failed", "deferred", "queued", "sent", "suppressed")


async def counters(session: AsyncSession) -> Counter[Key]:
    """The counters plus the deltas not folded yet (each under its user and the account), zero sums
    left out."""
    found: Counter[Key] = Counter()
    D = RecipientStateDelta
    for a, u, c, s, d, n in await session.execute(select(D.account_id, D.user_id, D.channel, D.state, D.day, D.n)):
        for user in (u, state_counts.ALL_USERS):
            found[(a, user, c, s, d)] += n
    rows = await session.execute(
        select(
            RecipientStateCount.account_id,
            RecipientStateCount.user_id,
            RecipientStateCount.channel,
            RecipientStateCount.state,
            RecipientStateCount.day,
            func.sum(RecipientStateCount.n),
        ).group_by(
            RecipientStateCount.account_id,
            RecipientStateCount.user_id,
            RecipientStateCount.channel,
            RecipientStateCount.state,
            RecipientStateCount.day,
        )
    )
    for a, u, c, s, d, n in rows:
        found[(a, u, c, s, d)] += int(n)
    return Counter({key: n for key, n in found.items() if n})


async def recipients(session: AsyncSession) -> Counter[Key]:
    """The same keys counted from the recipient rows themselves (those in a final state)."""
    R = OutboundRecipient
    rows = await session.execute(
        select(R.account_id, R.user_id, R.channel, R.state, R.created_at).where(
            R.state.not_in(PENDING_RECIPIENT_STATES)
        )
    )
    found: Counter[Key] = Counter()
    for a, u, c, s, at in rows:
        if a is not None and at:
            for user in (u or 0, state_counts.ALL_USERS):  # each user's count and the account's
                found[(a, user, c or "", s, at.astimezone(UTC).date())] += 1
    return found


async def assert_exact(ctx: AppContext) -> None:
    async with ctx.db.sessions() as session:
        assert await counters(session) == await recipients(session)


async def new_account(ctx: AppContext, name: str) -> int:
    async with ctx.db.transaction() as session:
        account = Account(name=name)
        session.add(account)
        await session.flush()
        return account.id


async def new_user(ctx: AppContext, account_id: int, login: str) -> int:
    def insert(sync: sa.orm.Session) -> int:
        domain = insert_row(sync.connection(), "domain", {"account_id": account_id, "name": f"d.{login}"})
        return insert_row(
            sync.connection(), "app_user", {"account_id": account_id, "domain_id": domain, "login": login}
        )

    async with ctx.db.transaction() as session:
        return await session.run_sync(insert)


async def queue_recipients(
    ctx: AppContext, account_id: int, times: list[datetime], channel: str = "api", user_id: int | None = None
) -> list[int]:
    """One message per time with two recipients (states from STATES), as enqueue writes them; their ids.

    As mail.queue.enqueue_many: recipient_count counts the recipients queued, not the suppressed."""
    ids: list[int] = []
    async with ctx.db.transaction() as session:
        for i, at in enumerate(times):
            states = [STATES[(2 * i + n) % len(STATES)] for n in range(2)]
            message_id = (
                await session.execute(
                    insert(OutboundMessage)
                    .values(
                        account_id=account_id,
                        user_id=user_id,
                        channel=channel,
                        message_id=f"c{i}@example.com",
                        mail_from="admin@example.com",
                        tls_policy="opportunistic",
                        size=100,
                        recipient_count=sum(state != "suppressed" for state in states),
                        mime_sealed=b"x",
                        created_at=at,
                        next_attempt_at=at,
                        expires_at=at,
                    )
                    .returning(OutboundMessage.id)
                )
            ).scalar_one()
            for n in range(2):
                ids.append(
                    (
                        await session.execute(
                            insert(OutboundRecipient)
                            .values(
                                message_id=message_id,
                                account_id=account_id,
                                user_id=user_id,
                                channel=channel,
                                created_at=at,
                                address=f"r{i}.{n}@example.org",
                                kind="to",
                                state=states[n],
                            )
                            .returning(OutboundRecipient.id)
                        )
                    ).scalar_one()
                )
    return ids


async def test_counters_follow_every_write_to_the_recipient_rows(ctx: AppContext) -> None:
    first, second = await new_account(ctx, "First"), await new_account(ctx, "Second")
    pat, sam = await new_user(ctx, first, "pat@first.example"), await new_user(ctx, first, "sam@first.example")
    ids = await queue_recipients(ctx, first, TIMES, user_id=pat)
    await queue_recipients(ctx, first, TIMES[:5], channel="smtp")  # no user (system mail)
    sams = await queue_recipients(ctx, first, TIMES[5:], user_id=sam)
    await queue_recipients(ctx, second, TIMES[3:9])
    await assert_exact(ctx)
    R = OutboundRecipient
    async with ctx.db.transaction() as session:  # delivery outcomes, one statement for many rows
        await session.execute(update(R).where(R.id.in_(ids[::3]), R.state == "queued").values(state="sent"))
        await session.execute(update(R).where(R.id.in_(ids[1::4])).values(state="failed", attempts=R.attempts + 1))
        await session.execute(update(R).where(R.id == ids[2]).values(last_reply="no state change"))
    await assert_exact(ctx)
    async with ctx.db.transaction() as session:  # a copy corrected: the row moves to another key
        await session.execute(update(R).where(R.id == ids[5]).values(channel="smtp", created_at=TIMES[-1]))
    await assert_exact(ctx)
    async with ctx.db.transaction() as session:  # a user deleted: messages lose their user, counts stay
        await session.execute(delete(User).where(User.id == sam))
        await session.execute(update(R).where(R.id.in_(sams[:4])).values(state="failed"))
    await assert_exact(ctx)
    async with ctx.db.transaction() as session:  # a message deleted: its recipients cascade
        message = await session.scalar(select(R.message_id).where(R.id == ids[0]))
        await session.execute(delete(OutboundMessage).where(OutboundMessage.id == message))
    await assert_exact(ctx)
    async with ctx.db.transaction() as session:  # an account deleted: messages, recipients, counters
        await session.execute(delete(Account).where(Account.id == second))
    await assert_exact(ctx)
    async with ctx.db.sessions() as session:
        assert not {key for key in await counters(session) if key[0] == second}


def bounds_to_try() -> list[datetime | None]:
    """Window ends at midnights, a second either side, mid-day, and open."""
    points: list[datetime | None] = [None]
    for d in range(5):
        midnight = DAY0 + timedelta(days=d)
        points += [
            midnight - timedelta(seconds=1),
            midnight,
            midnight + timedelta(seconds=1),
            midnight + timedelta(hours=7),
        ]
    return points


async def test_totals_over_any_window_equal_counting_the_rows(ctx: AppContext) -> None:
    account = await new_account(ctx, "Windows")
    pat, sam = await new_user(ctx, account, "pat@w.example"), await new_user(ctx, account, "sam@w.example")
    await queue_recipients(ctx, account, TIMES, user_id=pat)
    await queue_recipients(ctx, account, TIMES[::2], channel="smtp", user_id=sam)
    await queue_recipients(ctx, account, TIMES[1::2], channel="smtp")  # no user (system mail)
    await queue_recipients(ctx, account, TIMES[::3], channel="webmail", user_id=pat)  # not an SMTP-report channel
    report = DEFINITIONS["smtp_delivery"]
    assert isinstance(report, TableReport) and report.fast_count is not None
    by_index = dataclasses.replace(report, fast_count=None)  # the count as the report index gives it
    points = bounds_to_try()
    used_counters = asked = 0
    async with ctx.db.sessions() as session:
        for scope in (Scope(account), Scope(account, pat, "pat@w.example"), Scope(account, sam, "sam@w.example")):
            for status in ({"status": "Delivered"}, {"status": "Failed"}, {"status": "Queued"}, {}):
                for channel in ({}, {"channel": "smtp"}):
                    filters = {**status, **channel}
                    if scope.user_id is not None and (channel or status.get("status") == "Failed"):
                        continue  # users: the common status, a pending one and none are enough
                    for low in points:
                        for high in points:
                            if low is not None and high is not None and low >= high:
                                continue
                            # Each end through either of its parameters, in turn: *_date bounds name
                            # whole seconds.
                            asked += 1
                            query = (
                                Query(since=low, before=high, filters=filters)
                                if asked % 2
                                else Query(
                                    after=None if low is None else low - timedelta(seconds=1),
                                    through=None if high is None else high - timedelta(seconds=1),
                                    filters=filters,
                                )
                            )
                            assert query.bounds() == (low, high)
                            expected = await by_index.count(session, scope, query)
                            assert await report.count(session, scope, query) == expected, (scope, filters, low, high)
                            used_counters += state_counts.whole_days(low, high) is not None
    assert used_counters > asked / 2  # most windows hold a whole day: the counters were really read


async def test_an_account_total_over_everything_reads_the_counters_alone(ctx: AppContext) -> None:
    """No window: the total is the counters' sum, whatever the rows say (the rows are not counted)."""
    account = await new_account(ctx, "Counters")
    await queue_recipients(ctx, account, TIMES)
    report = DEFINITIONS["smtp_delivery"]
    assert isinstance(report, TableReport)
    query = Query(filters={"status": "Delivered"})
    async with ctx.db.transaction() as session:
        total = await report.count(session, Scope(account), query)
        # Shown by changing the counters behind the triggers' back: the total follows them.
        await state_counts.fold_delta_batch(session)  # PostgreSQL: everything into the counters
        account_wide = (RecipientStateCount.state == "sent", RecipientStateCount.user_id == state_counts.ALL_USERS)
        await session.execute(update(RecipientStateCount).where(*account_wide).values(n=RecipientStateCount.n + 1000))
        days = await session.scalar(select(func.count()).select_from(RecipientStateCount).where(*account_wide))
        assert await report.count(session, Scope(account), query) == total + 1000 * int(days or 0)
        await session.rollback()


def only_postgresql(ctx: AppContext) -> None:
    if ctx.db.dialect != "postgresql":
        pytest.skip("deltas exist on PostgreSQL only (SQLite's triggers update the counters in place)")


async def test_postgresql_writers_never_wait_for_each_other_on_a_counter_row(ctx: AppContext) -> None:
    only_postgresql(ctx)
    account = await new_account(ctx, "Concurrent")
    ids = await queue_recipients(ctx, account, [DAY0] * 8)  # one day: every change hits the same keys
    R = OutboundRecipient
    state = {i: STATES[n % len(STATES)] for n, i in enumerate(ids)}
    sent, deferred = [i for i in ids if state[i] == "sent"], [i for i in ids if state[i] == "deferred"]
    async with ctx.db.transaction() as first:
        # First: sent → failed, then deferred → sent. It holds its counter rows until it commits.
        await first.execute(update(R).where(R.id == sent[0]).values(state="failed"))
        await first.execute(update(R).where(R.id == deferred[0]).values(state="sent"))

        async def second_writer() -> None:
            async with ctx.db.transaction() as second:  # the same keys, the other order
                await second.execute(update(R).where(R.id == deferred[1]).values(state="failed"))
                await second.execute(update(R).where(R.id == sent[1]).values(state="deferred"))

        # With one shared counter row per key the second writer would wait here for the first.
        await asyncio.wait_for(second_writer(), timeout=10)
    await assert_exact(ctx)


async def test_postgresql_one_statement_finishing_many_recipients_stays_exact(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of changes to one key in one transaction: appended, not piled on one counter row
    (in place, PostgreSQL walks one more row version per update: 20,000 took 8 s)."""
    only_postgresql(ctx)
    account = await new_account(ctx, "Bulk")
    ids = await queue_recipients(ctx, account, [DAY0] * 2500)
    R = OutboundRecipient
    async with ctx.db.transaction() as session:
        await session.execute(update(R).where(R.account_id == account, R.state == "queued").values(state="failed"))
        await session.execute(update(R).where(R.id.in_(ids[::2])).values(state="sent"))
    await assert_exact(ctx)
    async with ctx.db.sessions() as session:
        appended = await session.scalar(select(func.count()).select_from(RecipientStateDelta))
    assert (appended or 0) > 2500
    monkeypatch.setattr(state_counts, "VACUUM_AFTER", 2500)  # a burst: folded, then vacuumed
    assert await state_counts.fold_deltas(ctx.db, batch=1000) == appended
    await assert_exact(ctx)


async def test_postgresql_folding_skips_uncommitted_deltas_and_loses_nothing(ctx: AppContext) -> None:
    only_postgresql(ctx)
    account = await new_account(ctx, "Folding")
    ids = await queue_recipients(ctx, account, TIMES)
    R = OutboundRecipient
    async with ctx.db.transaction() as session:
        await session.execute(update(R).where(R.id.in_(ids[::4])).values(state="sent"))
    async with ctx.db.transaction() as writer:  # a writer in progress while the fold runs
        await writer.execute(update(R).where(R.id.in_(ids[1::2])).values(state="failed"))
        moved = await asyncio.wait_for(state_counts.fold_deltas(ctx.db, batch=3), timeout=10)
        assert moved > 0
        async with ctx.db.sessions() as session:
            assert not await session.scalar(select(func.count()).select_from(RecipientStateDelta))
        await assert_exact(ctx)  # the committed changes, all in the counters now
    async with ctx.db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(RecipientStateDelta))  # the writer's
    await assert_exact(ctx)
    await state_counts.fold_deltas(ctx.db)
    async with ctx.db.sessions() as session:
        assert not await session.scalar(select(func.count()).select_from(RecipientStateDelta))
    await assert_exact(ctx)


async def test_the_migration_counts_the_rows_queued_before_it(fresh_database: tuple[str, Settings]) -> None:
    url, settings = fresh_database
    await migrate_all_but(url, ADDS_COUNTERS)
    engine = make_engine(url, pool_size=0)
    try:
        async with engine.begin() as conn:

            def seed(sync: sa.Connection) -> int:
                account = insert_row(sync, "account", {"name": "Before"})
                domain = insert_row(sync, "domain", {"account_id": account, "name": "before.example"})
                user = insert_row(
                    sync, "app_user", {"account_id": account, "domain_id": domain, "login": "pat@before.example"}
                )
                for i, at in enumerate(TIMES):
                    # Every other message has a user: the migration copies it to the recipients.
                    message = insert_row(
                        sync,
                        "outbound_message",
                        {"account_id": account, "user_id": user if i % 2 else None, "created_at": at},
                    )
                    insert_row(
                        sync,
                        "outbound_recipient",
                        {
                            "message_id": message,
                            "account_id": account,
                            "channel": "api",
                            "created_at": at,
                            "state": STATES[i % len(STATES)],
                        },
                    )
                return user

            user = await conn.run_sync(seed)
    finally:
        await engine.dispose()
    await upgrade_to_heads(url)
    ctx = AppContext.build(settings)
    try:
        async with ctx.db.sessions() as session:
            before = await recipients(session)
            users = {key[1] for key in before}
        finished = [i for i in range(len(TIMES)) if STATES[i % len(STATES)] not in PENDING_RECIPIENT_STATES]
        assert sum(n for key, n in before.items() if key[1] == state_counts.ALL_USERS) == len(finished)
        assert users == {0, user, state_counts.ALL_USERS}  # the copy came from the message
        await assert_exact(ctx)
    finally:
        await ctx.close()


async def test_the_report_counters_role_folds_deltas_and_drops_zero_counts(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker role (roles.py: report-counters) folds PostgreSQL's deltas every FOLD_SECONDS, and
    drops the counts back at zero (on SQLite there is only the latter to do)."""
    from openlux.reports import worker

    monkeypatch.setattr(state_counts, "FOLD_SECONDS", 0.05)
    account = await new_account(ctx, "Role")
    await queue_recipients(ctx, account, TIMES)
    R, C = OutboundRecipient, RecipientStateCount
    async with ctx.db.transaction() as session:
        await state_counts.fold_delta_batch(session)  # PostgreSQL: the failed counts in place first
    async with ctx.db.transaction() as session:  # every failed count goes back to zero
        await session.execute(update(R).where(R.state == "failed").values(state="sent"))
    async with ctx.db.sessions() as session:
        pending = await session.scalar(select(func.count()).select_from(RecipientStateDelta))
        zero = await session.scalar(select(func.count()).select_from(C).where(C.n == 0))
    assert pending if ctx.db.dialect == "postgresql" else zero  # something for the role to do

    async def done() -> bool:
        async with ctx.db.sessions() as session:
            deltas = await session.scalar(select(func.count()).select_from(RecipientStateDelta))
            zeros = await session.scalar(select(func.count()).select_from(C).where(C.n == 0))
            failed = await session.scalar(select(func.count()).select_from(C).where(C.state == "failed"))
        return not deltas and not zeros and not failed

    role = asyncio.create_task(worker.report_counters(ctx))
    try:
        await wait_until_async(done, timeout=10)
    finally:
        role.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await role
    await assert_exact(ctx)
