"""A user's disk usage: the bytes OpenLux stores for them (hosted mailbox, content library, escrow).

Measured with one aggregate statement and kept per process for a minute, so getUser stays a cheap
read; LuxSci likewise reports usage measured periodically, not per byte written.
"""

from __future__ import annotations

import time

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.content.models import LibraryEntry
from openlux.core.context import AppContext
from openlux.inbound.models import MailboxMessage
from openlux.secureline.models import EscrowMessage

CACHE_SECONDS = 60.0
MEGABYTE = 1024 * 1024


async def measure(session: AsyncSession, user_id: int) -> float:
    """Stored bytes of the user's mailbox, library files and escrowed messages, in MB."""
    parts = [
        select(func.coalesce(func.sum(table.size), 0)).where(table.user_id == user_id).scalar_subquery()
        for table in (MailboxMessage, LibraryEntry, EscrowMessage)
    ]
    total = await session.scalar(select(parts[0] + parts[1] + parts[2]))
    return int(total or 0) / MEGABYTE


async def usage_mb(ctx: AppContext, session: AsyncSession, user_id: int) -> float:
    """The user's disk usage in MB, measured at most once a minute per process."""
    hit = ctx.disk_usage.get(user_id)
    now = time.monotonic()
    if hit is not None and hit[0] > now:
        return hit[1]
    value = await measure(session, user_id)
    ctx.disk_usage[user_id] = (now + CACHE_SECONDS, value)
    return value
