"""Reading (and, for set-up, writing) a test server's database directly."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.config import Settings
from openlux.core.context import AppContext, master_box
from openlux.core.crypto import SecretBox
from openlux.db import make_engine
from tests.support.polling import wait_until_async

T = TypeVar("T")


def fetch_all(database_url: str, sql: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of a query as dicts (runs in its own event loop)."""

    async def run() -> list[dict[str, Any]]:
        engine = make_engine(database_url, pool_size=0)
        try:
            async with engine.connect() as conn:
                result = await conn.execute(text(sql), params)
                return [dict(row._mapping) for row in result]
        finally:
            await engine.dispose()

    return asyncio.run(run())


def on_server_db(server: Any, work: Callable[[AsyncSession, AppContext], Awaitable[T]]) -> T:
    """Run `work(session, ctx)` in one transaction on a running server's database (set-up and inspection).

    Its own AppContext (same data dir, so the same master key) in its own event loop: call it from
    sync tests, or through asyncio.to_thread from async ones.
    """

    async def run() -> T:
        ctx = AppContext.build(Settings.load(data_dir=server.data_dir, database_url=server.database_url), pool_size=0)
        try:
            async with ctx.db.transaction() as session:
                return await work(session, ctx)
        finally:
            await ctx.close()

    return asyncio.run(run())


def server_box(server: Any) -> SecretBox:
    """A running server's master key box (for blind indexes a test computes, as the server does)."""
    return master_box(Settings.load(data_dir=server.data_dir, database_url=server.database_url))


def select_rows(server: Any, statement: Any) -> list[dict[str, Any]]:
    """Rows of an ORM/Core select on a running server's database, with sealed columns opened and
    AddressIndex parameters hashed with the server's key (raw SQL sees neither)."""

    async def work(session: AsyncSession, _ctx: AppContext) -> list[dict[str, Any]]:
        return [dict(row._mapping) for row in await session.execute(statement)]

    return on_server_db(server, work)


def fetch_until(
    database_url: str, sql: str, done: Callable[[list[dict[str, Any]]], bool], *, timeout: float = 5.0, **params: Any
) -> list[dict[str, Any]]:
    """Rows of a query, polled until `done(rows)` or the timeout (for writes the server batches,
    such as auth failures); returns the last rows either way so the caller's assertion explains."""
    deadline = time.monotonic() + timeout
    while True:
        rows = fetch_all(database_url, sql, **params)
        if done(rows) or time.monotonic() > deadline:
            return rows
        time.sleep(0.1)


async def queue_drained(database_url: str, timeout: float = 30.0) -> None:
    """Wait until a server has nothing left to deliver (no outbound message still queued): the barrier
    before asserting what a sink did NOT get (a reply that must not be sent, a copy that must not go)."""

    async def nothing_queued() -> bool:
        sql = "SELECT count(*) AS n FROM outbound_message WHERE state = 'queued'"
        rows = await asyncio.to_thread(fetch_all, database_url, sql)
        return rows[0]["n"] == 0

    await wait_until_async(nothing_queued, timeout=timeout, what="an empty delivery queue")
