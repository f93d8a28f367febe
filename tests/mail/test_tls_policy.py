"""TLS policies in delivery: required never downgrades (SecureLine takes over), no_tls never starts TLS."""

from __future__ import annotations

import asyncio

from sqlalchemy import update

from openlux.accounts.models import User
from tests.mail.conftest import Mailbox, recipients_of, running_worker, wait_final
from tests.mail.test_delivery import message, queue
from tests.support.smtp_sinks import smtp_sink


async def test_required_tls_to_a_server_refusing_starttls_is_escrowed_not_downgraded(mailbox: Mailbox) -> None:
    with smtp_sink("refuse_starttls") as sink:
        mailbox.configure(delivery_mode="relay", relays=sink.address)
        ids = await queue(mailbox, message("pat@example.org", tls_policy="required"))
        async with running_worker(mailbox.ctx):
            [row] = await wait_final(mailbox.ctx, ids)
            # The escrow notice is system mail queued by SecureLine; it may go without TLS.
            notice = (await asyncio.to_thread(sink.wait_for, 1, 20))[0]
        [rcpt] = await recipients_of(mailbox.ctx, ids[0])
    assert row.state == "sent" and rcpt.state == "escrowed" and rcpt.method == "escrow"
    assert b"Your results are ready." not in notice.data  # only the pickup notice travelled in clear
    assert notice.rcpt_tos == ["pat@example.org"]


async def test_required_tls_over_starttls_is_delivered_directly(mailbox: Mailbox) -> None:
    with smtp_sink("starttls") as sink:
        mailbox.configure(delivery_mode="relay", relays=sink.address)
        ids = await queue(mailbox, message(tls_policy="required"))
        async with running_worker(mailbox.ctx):
            await wait_final(mailbox.ctx, ids)
        [rcpt] = await recipients_of(mailbox.ctx, ids[0])
    assert rcpt.state == "sent" and rcpt.method == "tls" and sink.messages[0].tls_version


async def test_no_tls_policy_needs_permission_and_stays_plain(mailbox: Mailbox) -> None:
    with smtp_sink("starttls") as sink:
        mailbox.configure(delivery_mode="relay", relays=sink.address)
        assert len(await queue(mailbox, message("x@example.org", tls_policy="no_tls"), message())) == 1
        async with mailbox.ctx.db.transaction() as session:
            await session.execute(
                update(User).where(User.id == mailbox.user_id).values(settings={"allow_no_encryption": 1})
            )
        ids = await queue(mailbox, message("plain@example.org", tls_policy="no_tls"))
        async with running_worker(mailbox.ctx):
            await wait_final(mailbox.ctx, ids)
        got = [m for m in sink.messages if m.rcpt_tos == ["plain@example.org"]]
    assert len(got) == 1 and got[0].tls_version is None
