"""Background role: delete escrowed messages (and their codes and sessions) once they expire."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import delete, select

from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.secureline.models import EscrowMessage
from openlux.securesend.models import PickupCode, PickupSession

log = logging.getLogger("openlux.secureline")
PURGE_INTERVAL_SECONDS = 600  # expiry is counted in days; a few minutes late is harmless
BATCH = 500  # rows per statement, so one purge never holds a long write lock on SQLite


async def purge_expired(ctx: AppContext) -> int:
    """Delete every expired escrowed message; returns how many went."""
    total = 0
    while True:
        async with ctx.db.transaction() as session:
            ids = list(
                await session.scalars(
                    select(EscrowMessage.id).where(EscrowMessage.expires_at <= clock.utcnow()).limit(BATCH)
                )
            )
            if not ids:
                return total
            # Children first: foreign-key cascades are not guaranteed on every SQLite connection.
            await session.execute(delete(PickupCode).where(PickupCode.escrow_id.in_(ids)))
            await session.execute(delete(PickupSession).where(PickupSession.escrow_id.in_(ids)))
            await session.execute(delete(EscrowMessage).where(EscrowMessage.id.in_(ids)))
        total += len(ids)


async def purge_role(ctx: AppContext) -> None:
    """Purge expired escrow every PURGE_INTERVAL_SECONDS until cancelled."""
    while True:
        try:
            purged = await purge_expired(ctx)
            if purged:
                log.info("purged %d expired escrowed messages", purged)
        except Exception:
            log.exception("purging expired escrow failed; will retry")
        await asyncio.sleep(PURGE_INTERVAL_SECONDS)
