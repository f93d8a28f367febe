"""Inbound SMTP end to end: a real `openlux serve` in relay mode, aiosmtplib as the sending MTA, a sink."""

from __future__ import annotations

import asyncio
import email
import uuid

import aiosmtplib
import pytest
from sqlalchemy import select

from openlux.client import LuxSciError
from openlux.inbound.models import MailboxMessage
from tests.inbound.conftest import World, make_message, query, smtp_send, wait_sink
from tests.support.dbquery import queue_drained, select_rows


async def _refused(world: World, rcpt: str) -> aiosmtplib.SMTPRecipientsRefused:
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as err:
        await smtp_send(world, "a@remote.test", [rcpt], make_message("a@remote.test", rcpt, "x"))
    return err.value


async def test_unknown_and_foreign_recipients_are_refused(world: World) -> None:
    domain = world.login.rsplit("@", 1)[1]
    unknown = (await _refused(world, f"nobody-{uuid.uuid4().hex[:6]}@{domain}")).recipients[0]
    assert unknown.code == 550 and "5.1.1" in unknown.message
    foreign = (await _refused(world, "someone@elsewhere.test")).recipients[0]
    assert foreign.code == 550 and "Relaying denied" in foreign.message


async def test_forward_and_keep_deny_delete(world: World) -> None:
    api, tag = world.user_api(), uuid.uuid4().hex[:8]
    dest = f"fwd-{tag}@elsewhere.test"
    api.update_email_forwarding(action="forward_and_keep", destinations=[dest])
    before = (await query(world, "SELECT count(*) AS n FROM mailbox_message"))[0]["n"]
    await smtp_send(
        world, f"s-{tag}@remote.test", [world.login], make_message(f"s-{tag}@remote.test", world.login, tag)
    )
    [copy] = await wait_sink(world, lambda m: dest in m.rcpt_tos)
    # SRS0 on the forwarding user's domain (mail-trust issue): the author's address is inside, hashed.
    domain = world.login.rsplit("@", 1)[1]
    assert copy.mail_from.startswith("SRS0=") and copy.mail_from.endswith(f"=remote.test=s-{tag}@{domain}")
    assert f"Hello {tag}".encode() in copy.data
    assert email.message_from_bytes(copy.data)["Delivered-To"] == world.login
    rows = await query(world, "SELECT content, rcpt_to FROM mailbox_message ORDER BY id")
    assert len(rows) == before + 1 and world.login not in rows[-1]["rcpt_to"]  # sealed at rest
    opened = await asyncio.to_thread(
        select_rows, world.server, select(MailboxMessage.rcpt_to).order_by(MailboxMessage.id)
    )
    assert opened[-1]["rcpt_to"] == world.login
    assert tag.encode() not in bytes(rows[-1]["content"])  # sealed at rest

    api.update_email_forwarding(action="deny", bounce_message="Left the company.")
    denied = (await _refused(world, world.login)).recipients[0]
    assert denied.code == 550 and "Left the company." in denied.message

    api.update_email_forwarding(action="delete")
    gone = f"gone-{tag}"
    await smtp_send(world, "b@remote.test", [world.login], make_message("b@remote.test", world.login, gone))
    api.update_email_forwarding(action="deliver")
    assert (await query(world, "SELECT count(*) AS n FROM mailbox_message"))[0]["n"] == before + 1
    await queue_drained(world.server.database_url)
    assert not [m for m in world.sink.messages if gone.encode() in m.data]


async def test_loop_is_refused(world: World) -> None:
    data = f"Delivered-To: {world.login}\r\n" + make_message("c@remote.test", world.login, "loop")
    with pytest.raises(aiosmtplib.SMTPDataError) as err:
        await smtp_send(world, "c@remote.test", [world.login], data)
    assert err.value.code == 554


async def test_autoresponder_once_per_sender_never_to_bulk_or_bounces(world: World) -> None:
    api, tag = world.user_api(), uuid.uuid4().hex[:8]
    responder = api.new_email_auto_responder(subject=f"Away {tag}", body="Back soon.", from_name="Desk", interval=7)
    try:
        sender = f"human-{tag}@remote.test"
        for n in range(2):
            await smtp_send(world, sender, [world.login], make_message(sender, world.login, f"{tag}-{n}"))
        [reply] = await wait_sink(world, lambda m: sender in m.rcpt_tos)
        parsed = email.message_from_bytes(reply.data)
        assert reply.mail_from in ("", "<>") and parsed["Auto-Submitted"] == "auto-replied"
        assert parsed["Subject"] == f"Away {tag}" and parsed["In-Reply-To"] and "Desk" in parsed["From"]
        bulk, listed = f"bulk-{tag}@remote.test", f"list-{tag}@remote.test"
        await smtp_send(world, bulk, [world.login], make_message(bulk, world.login, "b", "Precedence: bulk\r\n"))
        await smtp_send(
            world, listed, [world.login], make_message(listed, world.login, "l", "List-Id: <x.remote.test>\r\n")
        )
        await smtp_send(world, "", [world.login], make_message("MAILER-DAEMON@remote.test", world.login, "bounce"))
        auto = f"auto-{tag}@remote.test"
        await smtp_send(
            world, auto, [world.login], make_message(auto, world.login, "a", "Auto-Submitted: auto-replied\r\n")
        )
        await queue_drained(world.server.database_url)
        answered = [m for m in world.sink.messages if f"Away {tag}".encode() in m.data]
        assert [m.rcpt_tos for m in answered] == [[sender]]
    finally:
        api.delete_email_auto_responder(autoresponder_id=responder["autoresponder_id"])


async def test_aliases_forward_and_bounce(world: World) -> None:
    account, tag = world.account_api(), uuid.uuid4().hex[:8]
    domain = world.login.rsplit("@", 1)[1]
    dest = f"team-{tag}@elsewhere.test"
    try:
        account.create_alias(user=f"sales-{tag}", domain=domain, action="email", dest=dest)
        account.create_alias(user=f"old-{tag}", domain=domain, action="bounce", bounce="Use sales instead.")
    except LuxSciError as exc:
        pytest.fail(f"createAlias: {exc.status} {exc.message}")
    await smtp_send(world, "d@remote.test", [f"sales-{tag}@{domain}"], make_message("d@remote.test", "sales", tag))
    [copy] = await wait_sink(world, lambda m: dest in m.rcpt_tos)
    assert f"Hello {tag}".encode() in copy.data
    bounced = (await _refused(world, f"old-{tag}@{domain}")).recipients[0]
    assert bounced.code == 550 and "Use sales instead." in bounced.message
