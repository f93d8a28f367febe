"""A cleanly stopped worker gives back what it claimed but never started; a dead one's leases are freed
as soon as its heartbeat is stale (delivery.leases), never those of a live process."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select, update

from openlux.admin.models import ServerNode
from openlux.core import time as clock
from openlux.delivery import leases
from openlux.mail.models import OutboundMessage
from tests.mail.conftest import Mailbox, running_worker
from tests.mail.test_delivery import message, queue
from tests.support.smtp_sinks import smtp_sink


async def messages(box: Mailbox, ids: list[int]) -> list[OutboundMessage]:
    async with box.ctx.db.sessions() as session:
        return list((await session.scalars(select(OutboundMessage).where(OutboundMessage.id.in_(ids)))).all())


async def test_a_clean_stop_gives_back_unstarted_claims(mailbox: Mailbox) -> None:
    with smtp_sink("plain", delay=3) as sink:
        mailbox.configure(delivery_mode="relay", relays=sink.address, delivery_workers=1)
        ids = await queue(mailbox, *(message(f"r{i}@example.org") for i in range(5)))
        async with running_worker(mailbox.ctx):
            for _ in range(200):
                if sink.handler.attempts:
                    break
                await asyncio.sleep(0.05)
            assert sink.handler.attempts == 1  # one message is in DATA, the other four wait in the inbox
        rows = await messages(mailbox, ids)
        given_back = [r for r in rows if r.claimed_by is None]
        assert len(given_back) == 4, [(r.id, r.claimed_by) for r in rows]
        assert all(r.attempts == 0 and r.next_attempt_at <= clock.utcnow() for r in given_back)


async def test_leases_of_a_stale_process_are_freed_and_a_live_ones_kept(mailbox: Mailbox) -> None:
    ctx = mailbox.ctx
    mailbox.configure(delivery_worker_stale_seconds=5.0)
    ids = await queue(mailbox, *(message(f"s{i}@example.org") for i in range(2)))
    now = clock.utcnow()
    async with ctx.db.transaction() as session:
        session.add_all(
            [
                ServerNode(name="dead-host:11", info={}, started_at=now, last_seen_at=now - timedelta(seconds=30)),
                ServerNode(name="live-host:22", info={}, started_at=now, last_seen_at=now),
            ]
        )
        for queue_id, worker in zip(ids, ("dead-host:11:abc", "live-host:22:def"), strict=True):
            await session.execute(
                update(OutboundMessage)
                .where(OutboundMessage.id == queue_id)
                .values(claimed_by=worker, attempts=1, next_attempt_at=now + timedelta(seconds=300))
            )
    assert await leases.reclaim_orphans(ctx, worker="me-host:33:xyz") == 1
    dead, live = sorted(await messages(mailbox, ids), key=lambda r: r.id)
    assert dead.claimed_by is None and dead.next_attempt_at <= clock.utcnow()
    assert live.claimed_by == "live-host:22:def" and live.next_attempt_at > clock.utcnow() + timedelta(seconds=200)
    # A process never frees its own leases, even when its own heartbeat lags.
    async with ctx.db.transaction() as session:
        await session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.id == dead.id)
            .values(claimed_by="dead-host:11:abc", next_attempt_at=now + timedelta(seconds=300))
        )
    assert await leases.reclaim_orphans(ctx, worker="dead-host:11:other") == 0
