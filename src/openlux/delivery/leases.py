"""Crash cost of the delivery worker: leases of dead processes come back in seconds, not after the lease.

A claim moves `outbound_message.next_attempt_at` one lease (300 s by default) ahead and names the
claiming worker in `claimed_by` (`<machine>:<pid>:<nonce>`). Every process with the delivery role
refreshes its `server_node` row (admin.heartbeat, `<machine>:<pid>`) every second. A process whose
row has not been refreshed for `delivery_worker_stale_seconds` is dead (SIGKILL, power loss, OOM):
`reclaim_orphans` makes its leased messages due at once, and the next claim takes them (the
queue marks such a claim `reclaimed` in the attempts, as before).

How many messages a SIGKILL can send twice is bounded in delivery/worker.py: a deliverer takes its
next message only after the outcome of the previous one is committed, so at most one message per
deliverer (`delivery_workers` per process) was handed over and not yet recorded.

A process that stops cleanly gives back what it claimed but never started (`release_unstarted`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import select, update

from openlux.admin.models import ServerNode
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.mail.models import OutboundMessage
from openlux.mail.states import MessageState

RECLAIM_SECONDS = 1.0  # how often a worker looks for dead processes' leases


def node_of(worker: str) -> str:
    """The `server_node.name` of a worker's claim name (`<machine>:<pid>:<nonce>` → `<machine>:<pid>`)."""
    return worker.rsplit(":", 1)[0]


async def dead_nodes(ctx: AppContext) -> list[str]:
    """Processes silent for longer than the stale limit whose leases could still be running."""
    now = clock.utcnow()
    stale = timedelta(seconds=ctx.settings.delivery_worker_stale_seconds)
    # A node silent for longer than one lease holds nothing any more: its leases have run out.
    oldest = now - stale - timedelta(seconds=ctx.settings.delivery_lease_seconds)
    async with ctx.db.sessions() as session:
        rows = await session.scalars(
            select(ServerNode.name).where(ServerNode.last_seen_at < now - stale, ServerNode.last_seen_at >= oldest)
        )
        return list(rows)


async def reclaim_orphans(ctx: AppContext, *, worker: str) -> int:
    """Make the leased messages of dead processes due now (never those of `worker`'s own process)."""
    nodes = [node for node in await dead_nodes(ctx) if node != node_of(worker)]
    if not nodes:
        return 0
    now = clock.utcnow()
    freed = 0
    async with ctx.db.transaction() as session:
        for node in nodes:
            result = await session.execute(
                update(OutboundMessage)
                .where(
                    OutboundMessage.state == MessageState.QUEUED,
                    OutboundMessage.next_attempt_at > now,  # still leased (ix_outbound_message_due)
                    OutboundMessage.claimed_by.startswith(f"{node}:", autoescape=True),
                )
                .values(next_attempt_at=now, claimed_by=None)
                .execution_options(synchronize_session=False)
            )
            freed += result.rowcount or 0  # type: ignore[attr-defined]
    return freed


async def release_unstarted(ctx: AppContext, *, worker: str, message_ids: Iterable[int]) -> None:
    """Give back messages this worker claimed but never started (a clean stop): due now, claim undone."""
    ids = list(message_ids)
    if not ids:
        return
    async with ctx.db.transaction() as session:
        await session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.id.in_(ids), OutboundMessage.claimed_by == worker)
            .values(next_attempt_at=clock.utcnow(), claimed_by=None, attempts=OutboundMessage.attempts - 1)
            .execution_options(synchronize_session=False)
        )
