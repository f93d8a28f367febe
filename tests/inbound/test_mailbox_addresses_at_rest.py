"""Issue 9 item 11: the envelope of mail delivered to a hosted mailbox is sealed at rest.

Mail arrives over real inbound SMTP on both backends; raw SQL finds neither the sender nor the
recipient, while the models read both back (nothing matches a mailbox message by address).
"""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import select

from openlux.inbound.models import MailboxMessage
from tests.inbound.conftest import World, make_message, smtp_send
from tests.support.dbquery import fetch_all, select_rows
from tests.support.polling import wait_until_async


async def test_mailbox_envelopes_are_sealed(world: World) -> None:
    sender = f"patient.{uuid.uuid4().hex[:10]}@remote.test"
    await smtp_send(world, sender, [world.login.upper()], make_message(sender, world.login, "Results"))
    statement = select(MailboxMessage.id, MailboxMessage.mail_from, MailboxMessage.rcpt_to)

    async def kept() -> list[dict]:
        rows = await asyncio.to_thread(select_rows, world.server, statement)
        return [row for row in rows if row["mail_from"] == sender]

    [row] = await wait_until_async(kept, timeout=10, what="the message in the mailbox")
    assert row["rcpt_to"] == world.login
    [raw] = await asyncio.to_thread(
        fetch_all, world.server.database_url, "SELECT * FROM mailbox_message WHERE id = :id", id=row["id"]
    )
    assert str(raw["mail_from"]).startswith("ol1:") and str(raw["rcpt_to"]).startswith("ol1:")
    assert sender.split("@")[0] not in repr(raw) and world.login not in repr(raw)
