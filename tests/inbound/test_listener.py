"""Inbound SMTP end to end: a real `openlux serve` in relay mode, aiosmtplib as the sending MTA, a sink."""

from __future__ import annotations

import asyncio
import email
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiosmtplib
import pytest

from openlux.client import Client, LuxSciError
from tests.support.databases import database_url, drop_postgres_database
from tests.support.dbquery import fetch_all
from tests.support.server import RunningServer, start_server
from tests.support.smtp_sinks import Sink, start_sink


@dataclass
class World:
    """The server, its sink and the SDK clients."""

    server: RunningServer
    sink: Sink

    @property
    def port(self) -> int:
        return int(self.server.env["OPENLUX_INBOUND_PORT"])

    @property
    def login(self) -> str:
        return self.server.credentials["user"]

    def user_api(self) -> Client:
        c = self.server.credentials
        return Client(self.server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"])

    def account_api(self) -> Client:
        c = self.server.credentials
        return Client(self.server.base_url, c["account_token"], c["account_secret"], account=c["account"],
                      user=c["user"])


@pytest.fixture(scope="module")
def world(backend: str) -> Iterator[World]:
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-inbound-{backend}-"))
    url = database_url(backend, str(tmp))
    sink = start_sink("plain")
    server = start_server(tmp / "data", url, extra_env={
        "OPENLUX_DELIVERY_MODE": "relay", "OPENLUX_RELAYS": sink.address, "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
        "OPENLUX_HOSTNAME": "mx.openlux.test"})
    try:
        yield World(server, sink)
    finally:
        server.stop()
        sink.stop()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


def _message(sender: str, to: str, subject: str, extra: str = "") -> str:
    return (f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{uuid.uuid4().hex}@remote.test>\r\n"
            f"{extra}\r\nHello {subject}\r\n")


async def _send(world: World, sender: str, rcpts: list[str], data: str) -> None:
    """One transaction; an empty sender is the null reverse path (a bounce)."""
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=world.port, start_tls=False, use_tls=False, timeout=10)
    async with smtp:
        await smtp.sendmail(sender, rcpts, data)


async def _wait(world: World, predicate, timeout: float = 10.0) -> list:
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [m for m in world.sink.messages if predicate(m)]
        if found:
            return found
        await asyncio.sleep(0.05)
    return []


async def _rows(world: World, sql: str) -> list[dict]:
    return await asyncio.to_thread(fetch_all, world.server.database_url, sql)


async def _refused(world: World, rcpt: str) -> aiosmtplib.SMTPRecipientsRefused:
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as err:
        await _send(world, "a@remote.test", [rcpt], _message("a@remote.test", rcpt, "x"))
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
    before = (await _rows(world, "SELECT count(*) AS n FROM mailbox_message"))[0]["n"]
    await _send(world, f"s-{tag}@remote.test", [world.login], _message(f"s-{tag}@remote.test", world.login, tag))
    [copy] = await _wait(world, lambda m: dest in m.rcpt_tos)
    assert copy.mail_from == f"s-{tag}@remote.test" and f"Hello {tag}".encode() in copy.data
    assert email.message_from_bytes(copy.data)["Delivered-To"] == world.login
    rows = await _rows(world, "SELECT content, rcpt_to FROM mailbox_message ORDER BY id")
    assert len(rows) == before + 1 and rows[-1]["rcpt_to"] == world.login
    assert tag.encode() not in bytes(rows[-1]["content"])  # sealed at rest

    api.update_email_forwarding(action="deny", bounce_message="Left the company.")
    denied = (await _refused(world, world.login)).recipients[0]
    assert denied.code == 550 and "Left the company." in denied.message

    api.update_email_forwarding(action="delete")
    gone = f"gone-{tag}"
    await _send(world, "b@remote.test", [world.login], _message("b@remote.test", world.login, gone))
    api.update_email_forwarding(action="deliver")
    assert (await _rows(world, "SELECT count(*) AS n FROM mailbox_message"))[0]["n"] == before + 1
    await asyncio.sleep(0.5)
    assert not [m for m in world.sink.messages if gone.encode() in m.data]


async def test_loop_is_refused(world: World) -> None:
    data = f"Delivered-To: {world.login}\r\n" + _message("c@remote.test", world.login, "loop")
    with pytest.raises(aiosmtplib.SMTPDataError) as err:
        await _send(world, "c@remote.test", [world.login], data)
    assert err.value.code == 554


async def test_autoresponder_once_per_sender_never_to_bulk_or_bounces(world: World) -> None:
    api, tag = world.user_api(), uuid.uuid4().hex[:8]
    responder = api.new_email_auto_responder(subject=f"Away {tag}", body="Back soon.", from_name="Desk",
                                             interval=7)
    try:
        sender = f"human-{tag}@remote.test"
        for n in range(2):
            await _send(world, sender, [world.login], _message(sender, world.login, f"{tag}-{n}"))
        [reply] = await _wait(world, lambda m: sender in m.rcpt_tos)
        parsed = email.message_from_bytes(reply.data)
        assert reply.mail_from in ("", "<>") and parsed["Auto-Submitted"] == "auto-replied"
        assert parsed["Subject"] == f"Away {tag}" and parsed["In-Reply-To"] and "Desk" in parsed["From"]
        bulk, listed = f"bulk-{tag}@remote.test", f"list-{tag}@remote.test"
        await _send(world, bulk, [world.login], _message(bulk, world.login, "b", "Precedence: bulk\r\n"))
        await _send(world, listed, [world.login], _message(listed, world.login, "l", "List-Id: <x.remote.test>\r\n"))
        await _send(world, "", [world.login], _message("MAILER-DAEMON@remote.test", world.login, "bounce"))
        auto = f"auto-{tag}@remote.test"
        await _send(world, auto, [world.login], _message(auto, world.login, "a", "Auto-Submitted: auto-replied\r\n"))
        await asyncio.sleep(1.0)
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
    await _send(world, "d@remote.test", [f"sales-{tag}@{domain}"], _message("d@remote.test", "sales", tag))
    [copy] = await _wait(world, lambda m: dest in m.rcpt_tos)
    assert f"Hello {tag}".encode() in copy.data
    bounced = (await _refused(world, f"old-{tag}@{domain}")).recipients[0]
    assert bounced.code == 550 and "Use sales instead." in bounced.message
