"""Reading a test server's database directly, to check what it recorded."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from openlux.db import make_engine


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
