"""Consuming single-use and counted secrets atomically (issue 9 item 7).

Every SSO link, portal link and pickup code is spent by one conditional UPDATE whose WHERE clause
holds the rule (unused, unexpired, under the attempt limit); the row count says whether this call
won. PostgreSQL re-checks the WHERE clause after waiting for a concurrent writer's row lock, and
SQLite runs writers one at a time, so of any number of parallel attempts exactly the allowed
number succeed — no read-then-write race.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.db import rows_matched


async def spend(session: AsyncSession, model: Any, row_id: int, now: datetime) -> bool:
    """Mark an unused, unexpired row used (`used_at`); True only for the one call that did it."""
    result = await session.execute(
        update(model)
        .where(model.id == row_id, model.used_at.is_(None), model.expires_at > now)
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return rows_matched(result) == 1


async def count_attempt(session: AsyncSession, model: Any, row_id: int, now: datetime, limit: int) -> int | None:
    """Count one attempt against a live row still under `limit`; the new count, or None when the row
    is used, expired or out of attempts (then the attempt must be refused without checking it)."""
    result = await session.execute(
        update(model)
        .where(model.id == row_id, model.used_at.is_(None), model.expires_at > now, model.attempts < limit)
        .values(attempts=model.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    if rows_matched(result) != 1:
        return None
    return int(await session.scalar(select(model.attempts).where(model.id == row_id)) or 0)
