"""Queue mechanics on both backends: exclusive claims, leases, late finishers, enqueue_message."""

from __future__ import annotations

import asyncio

from openlux.mail import queue
from openlux.mail.queue import RecipientResult
from tests.mail.conftest import Mailbox, recipients_of
from tests.mail.test_delivery import message
from tests.mail.test_delivery import queue as send


async def test_concurrent_claims_never_share_a_message(mailbox: Mailbox) -> None:
    ids = await send(mailbox, *(message(f"c{i}@example.org") for i in range(40)))
    batches = await asyncio.gather(*(queue.claim(mailbox.ctx, worker=f"w{i}", limit=15) for i in range(4)))
    claimed = [c.id for batch in batches for c in batch]
    assert sorted(claimed) == sorted(ids) and len(set(claimed)) == len(claimed)
    assert await queue.claim(mailbox.ctx, worker="late", limit=10) == []  # all under lease


async def test_a_worker_whose_lease_ran_out_cannot_undo_the_next_ones_result(mailbox: Mailbox) -> None:
    mailbox.configure(delivery_lease_seconds=0)  # every claim is immediately stale
    [queue_id] = await send(mailbox, message())
    [first] = await queue.claim(mailbox.ctx, worker="slow", limit=1)
    [second] = await queue.claim(mailbox.ctx, worker="fast", limit=1)
    assert second.reclaimed and not first.reclaimed
    rid = second.recipients[0][0]
    await queue.record(mailbox.ctx, [(second, [RecipientResult(rid, "sent", 250, "OK", "relay")])])
    await queue.record(mailbox.ctx, [(first, [RecipientResult(rid, "deferred", 451, "later", "relay")])])
    [rcpt] = await recipients_of(mailbox.ctx, queue_id)
    assert rcpt.state == "sent" and rcpt.last_code == 250
    async with mailbox.ctx.db.sessions() as session:
        from openlux.mail.models import DeliveryAttempt, OutboundMessage

        row = await session.get(OutboundMessage, queue_id)
        outcomes = sorted(
            (
                await session.scalars(
                    DeliveryAttempt.__table__.select()
                    .with_only_columns(DeliveryAttempt.outcome)
                    .where(DeliveryAttempt.message_id == queue_id)
                )
            ).all()
        )
    assert row.state == "sent" and outcomes == ["deferred", "reclaimed", "sent"]


async def test_enqueue_message_queues_ready_made_mime(mailbox: Mailbox) -> None:
    mime = (
        b"From: notices@example.com\r\nTo: pat@example.org\r\nMessage-ID: <n1@example.com>\r\nSubject: N\r\n\r\nhi\r\n"
    )
    async with mailbox.ctx.db.transaction() as session:
        queue_id = await queue.enqueue_message(
            session,
            mailbox.ctx,
            account_id=mailbox.account_id,
            user_id=None,
            mail_from="notices@example.com",
            recipients=["pat@example.org"],
            mime=mime,
            tls_policy="opportunistic",
            channel="system",
        )
    [claimed] = await queue.claim(mailbox.ctx, worker="w", limit=5)
    assert claimed.id == queue_id and claimed.message_id == "n1@example.com" and claimed.channel == "system"
    assert mailbox.ctx.box.open(claimed.mime_sealed, context=queue.SEAL_CONTEXT) == mime
    assert (
        queue.backoff(1, mailbox.ctx.settings).total_seconds() <= queue.backoff(9, mailbox.ctx.settings).total_seconds()
    )
