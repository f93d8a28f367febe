"""Database.run_in_transaction: one whole transaction per thread hop, committed or rolled back as a unit;
on SQLite this process's thread transactions take turns instead of meeting in SQLite's busy handler."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection

from openlux.core.context import AppContext


async def test_a_transaction_commits_when_its_work_returns_and_rolls_back_when_it_raises(ctx: AppContext) -> None:
    await ctx.db.run_in_transaction(lambda conn: conn.execute(text("CREATE TABLE probe (n INTEGER)")))
    await ctx.db.run_in_transaction(lambda conn: conn.execute(text("INSERT INTO probe VALUES (1)")))

    def insert_then_fail(conn: Connection) -> None:
        conn.execute(text("INSERT INTO probe VALUES (2)"))
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await ctx.db.run_in_transaction(insert_then_fail)
    rows = await ctx.db.run_in_transaction(lambda conn: conn.execute(text("SELECT n FROM probe")).all())
    assert [n for (n,) in rows] == [1]


async def test_sqlite_thread_transactions_of_one_process_take_turns(ctx: AppContext) -> None:
    if ctx.db.thread_engine is None:
        pytest.skip("PostgreSQL runs these on the async engine: its row locks need no turns")
    await ctx.db.run_in_transaction(lambda conn: conn.execute(text("CREATE TABLE probe (n INTEGER)")))
    spans: dict[int, tuple[float, float]] = {}

    def write(n: int) -> Callable[[Connection], None]:
        def work(conn: Connection) -> None:
            started = time.monotonic()
            conn.execute(text("INSERT INTO probe VALUES (:n)"), {"n": n})
            time.sleep(0.3)  # holds SQLite's write lock
            spans[n] = (started, time.monotonic())

        return work

    await asyncio.gather(*(ctx.db.run_in_transaction(write(n)) for n in (1, 2)))
    (_first_start, first_end), (second_start, _second_end) = sorted(spans.values())
    # Without turns the second would have begun at once and polled SQLite's lock while the first held it.
    assert second_start >= first_end
    rows = await ctx.db.run_in_transaction(lambda conn: conn.execute(text("SELECT count(*) FROM probe")).scalar())
    assert rows == 2
