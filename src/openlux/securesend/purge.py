"""Deleting escrowed messages with their pickup codes and sessions: once they expire, or when the
account's escrow retention lifetime runs out. The `retention` role (openlux/retention/purge.py)
runs both, 500 rows per transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.secureline.models import EscrowMessage
from openlux.securesend.models import PickupCode, PickupSession

BATCH = 500  # rows per statement, so one purge never holds a long write lock on SQLite


async def delete_escrowed(session: AsyncSession, ids: Sequence[int]) -> int:
    """Delete these escrowed messages and what hangs off them; how many messages went."""
    if not ids:
        return 0
    # Children first: foreign-key cascades are not guaranteed on every SQLite connection.
    await session.execute(delete(PickupCode).where(PickupCode.escrow_id.in_(ids)))
    await session.execute(delete(PickupSession).where(PickupSession.escrow_id.in_(ids)))
    await session.execute(delete(EscrowMessage).where(EscrowMessage.id.in_(ids)))
    return len(ids)


async def purge_expired_batch(session: AsyncSession, now: datetime) -> int:
    """Delete up to BATCH escrowed messages whose expiry has passed; how many went (0: none left)."""
    return sum((await purge_expired_batch_by_account(session, now)).values())


async def purge_expired_batch_by_account(session: AsyncSession, now: datetime) -> dict[int | None, int]:
    """purge_expired_batch, counted per account (the retention role records one audit event per account)."""
    found = (
        await session.execute(
            select(EscrowMessage.id, EscrowMessage.account_id).where(EscrowMessage.expires_at <= now).limit(BATCH)
        )
    ).all()
    await delete_escrowed(session, [escrow_id for escrow_id, _account in found])
    counts: dict[int | None, int] = {}
    for _escrow_id, account_id in found:
        counts[account_id] = counts.get(account_id, 0) + 1
    return counts


async def purge_account_batch(session: AsyncSession, account_id: int, before: datetime, limit: int) -> int:
    """Delete up to `limit` of an account's escrowed messages stored before `before` (its retention lifetime)."""
    ids = list(
        await session.scalars(
            select(EscrowMessage.id)
            .where(EscrowMessage.account_id == account_id, EscrowMessage.created_at < before)
            .limit(limit)
        )
    )
    return await delete_escrowed(session, ids)


async def purge_expired(ctx: AppContext) -> int:
    """Delete every expired escrowed message, one transaction per batch; returns how many went."""
    total = 0
    while True:
        async with ctx.db.transaction() as session:
            purged = await purge_expired_batch(session, clock.utcnow())
        if not purged:
            return total
        total += purged
