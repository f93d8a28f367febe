"""The delivery worker role: claim due messages, deliver them concurrently, record outcomes in batches.

Three kinds of task share an in-memory hand-off: one claimer (keeps the inbox filled, never
claiming more than it can start before the lease ends), `delivery_workers` deliverers, and one
recorder that writes finished messages in one transaction per batch (group commit: what finishes
while a commit runs goes into the next one; that is what makes 1,000+ deliveries a second possible
on SQLite).

Crash cost (delivery.leases): a deliverer starts its next message only once the outcome of its
previous one is committed, so a SIGKILL re-sends at most `delivery_workers` messages per process
(those handed over whose 250 was not yet recorded); whatever was claimed and not recorded comes due
again as soon as the process's heartbeat is stale (`delivery_worker_stale_seconds`), or at the
latest when its lease runs out.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket

from openlux.core.context import AppContext
from openlux.core.tasks import cancel_and_wait
from openlux.delivery import leases, pipeline
from openlux.delivery.interfaces import SecureFallback
from openlux.mail import queue
from openlux.mail.queue import Claimed, RecipientResult
from openlux.mail.states import Outcome
from openlux.mail.transports import Transport, make_transport

log = logging.getLogger("openlux.mail")
RECORD_RETRY_DELAY = 1.0


class Worker:
    """One process's delivery machinery."""

    def __init__(self, ctx: AppContext, fallback: SecureFallback, transport: Transport | None = None) -> None:
        self.ctx = ctx
        self.fallback = fallback
        self.name = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
        self.transport = transport or make_transport(ctx)
        # Claims of at most two messages per deliverer: what the deliverers start soon. A larger claim
        # left the other delivery processes idle while this one worked through it (a burst of a few
        # hundred went to whichever process polled first) and holds leases for messages not started.
        s = ctx.settings
        self.claim_size = max(1, min(s.delivery_batch_size, 2 * s.delivery_workers))
        self.inbox: asyncio.Queue[Claimed] = asyncio.Queue(maxsize=2 * self.claim_size)
        # Finished messages waiting for the recorder, each with the future its deliverer waits on.
        self.finished: list[tuple[Claimed, list[RecipientResult], asyncio.Future[None]]] = []
        self.wake_recorder = asyncio.Event()
        self.room_for_claim = asyncio.Event()

    async def run(self) -> None:
        """Run until cancelled; then record what finished and close connections."""
        tasks = [
            asyncio.create_task(self.claimer(), name="mail-claimer"),
            asyncio.create_task(self.recorder(), name="mail-recorder"),
            asyncio.create_task(self.reclaimer(), name="mail-reclaimer"),
        ]
        tasks += [
            asyncio.create_task(self.deliverer(), name=f"mail-deliverer-{i}")
            for i in range(self.ctx.settings.delivery_workers)
        ]
        try:
            await asyncio.gather(*tasks)
        finally:
            await cancel_and_wait(tasks)
            await self.flush()
            await self.release_inbox()
            await self.transport.close()

    async def claimer(self) -> None:
        """Keep the inbox filled with due messages."""
        s = self.ctx.settings
        while True:
            room = self.inbox.maxsize - self.inbox.qsize()
            if room < self.claim_size:
                self.room_for_claim.clear()
                await self.room_for_claim.wait()  # a deliverer taking a message sets it
                continue
            try:
                claimed = await queue.claim(self.ctx, worker=self.name, limit=self.claim_size)
            except Exception:
                log.exception("claiming queued mail failed; retrying")
                await asyncio.sleep(RECORD_RETRY_DELAY)
                continue
            for message in claimed:
                self.inbox.put_nowait(message)
            if not claimed:
                # Mail queued by this process (the API of `serve`, a campaign, submission) rings the
                # bell; mail queued by other processes is found by the next poll.
                await self.ctx.mail_queued.wait(s.delivery_poll_seconds)

    async def deliverer(self) -> None:
        """Deliver inbox messages one after another."""
        while True:
            claimed = await self.inbox.get()
            if self.inbox.maxsize - self.inbox.qsize() >= self.claim_size:
                self.room_for_claim.set()
            try:
                results = await pipeline.deliver(self.ctx, self.transport, self.fallback, claimed)
            except Exception as exc:  # a bug must defer the message, never lose it
                log.exception("delivering queued message %s failed", claimed.id)
                results = [
                    RecipientResult(rid, Outcome.DEFERRED, None, f"Internal error: {type(exc).__name__}: {exc}")
                    for rid, _a, _n in claimed.recipients
                ]
            recorded = asyncio.get_running_loop().create_future()
            self.finished.append((claimed, results, recorded))
            self.wake_recorder.set()
            # The crash bound: the next message (maybe on the same SMTP connection) waits until this
            # outcome is durable, so at most one message per deliverer is sent and not recorded.
            await recorded

    async def recorder(self) -> None:
        """Write finished messages in batches: whatever finished while the previous commit ran."""
        while True:
            await self.wake_recorder.wait()
            self.wake_recorder.clear()
            if not await self.flush():
                await asyncio.sleep(RECORD_RETRY_DELAY)
                self.wake_recorder.set()

    async def flush(self) -> bool:
        """Record everything finished so far; False (and kept for later) when the database refused."""
        batch, self.finished = self.finished, []
        if not batch:
            return True
        try:
            await queue.record(self.ctx, [(claimed, results) for claimed, results, _recorded in batch])
        except Exception:
            log.exception("recording %d delivered messages failed; will retry", len(batch))
            self.finished = batch + self.finished
            return False
        for _claimed, _results, recorded in batch:
            if not recorded.done():
                recorded.set_result(None)
        return True

    async def reclaimer(self) -> None:
        """Free the leases of dead delivery processes every RECLAIM_SECONDS (delivery.leases)."""
        while True:
            try:
                freed = await leases.reclaim_orphans(self.ctx, worker=self.name)
            except Exception:
                log.exception("reclaiming the leases of dead workers failed; retrying")
            else:
                if freed:
                    log.warning("%d messages of a dead delivery process are due again", freed)
            await asyncio.sleep(leases.RECLAIM_SECONDS)

    async def release_inbox(self) -> None:
        """On a clean stop: give back what was claimed but never started, so nobody waits for its lease."""
        unstarted = []
        while not self.inbox.empty():
            unstarted.append(self.inbox.get_nowait().id)
        try:
            await leases.release_unstarted(self.ctx, worker=self.name, message_ids=unstarted)
        except Exception:  # noqa: BLE001 - stopping anyway; the heartbeat going stale frees them too
            log.warning(
                "could not give back %d unstarted messages; they come due when this process is stale", len(unstarted)
            )


async def delivery_role(ctx: AppContext, fallback: SecureFallback) -> None:
    """Background role: deliver the outbound queue until cancelled, securing TLS failures with `fallback`."""
    await Worker(ctx, fallback).run()
