"""SMTP PIPELINING (RFC 2920) in the delivery client, against a scripted SMTP server on a real socket.

The server answers every complete command line it has in one write (as Postfix does), records each
chunk it reads, and can refuse MAIL, single recipients or the message, so the tests see what the
client put on the wire and in which order, and that the replies are paired with the right commands.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtplib import SMTPServerDisconnected
from aiosmtplib.email import quote_address

from openlux.mail.certs import server_context
from openlux.mail.smtp_client import (
    NEVER,
    TRY,
    Destination,
    Pool,
    data_block,
    envelope_address,
    open_connection,
    transact,
)
from openlux.mail.states import Outcome
from tests.mail.conftest import Mailbox, running_worker, wait_final
from tests.mail.test_delivery import message, queue
from tests.support.smtp_sinks import RecordingHandler, free_port, tls_files


@dataclass
class Script:
    """How the scripted server answers, and what it saw."""

    pipelining: bool = True
    mail_reply: bytes = b"250 2.1.0 Ok"
    refused: set[str] = field(default_factory=set)  # recipients answered 550
    data_reply: bytes = b"250 2.0.0 Ok: queued"
    close_after_mail: bool = False  # drop the connection on MAIL (a server crash)
    chunks: list[bytes] = field(default_factory=list)
    commands: list[bytes] = field(default_factory=list)
    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    connections: int = 0


async def _serve(script: Script, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    script.connections += 1
    writer.write(b"220 scripted.test ESMTP\r\n")
    buffer = b""
    mail_from, rcpts = "", []
    while True:
        chunk = await reader.read(65536)
        if not chunk:
            break
        script.chunks.append(chunk)
        buffer += chunk
        out = []
        while b"\r\n" in buffer:
            line, buffer = buffer.split(b"\r\n", 1)
            script.commands.append(line)
            verb = line[:4].upper()
            if verb == b"EHLO":
                out.append(
                    b"250-scripted.test\r\n" + (b"250-PIPELINING\r\n" if script.pipelining else b"") + b"250 8BITMIME"
                )
            elif verb == b"MAIL":
                if script.close_after_mail:
                    writer.close()
                    return
                mail_from = line[10:].strip(b"<>").decode()
                rcpts = []
                out.append(script.mail_reply)
            elif verb == b"RCPT":
                address = line[8:].strip(b"<>").decode()
                if not script.mail_reply.startswith(b"250"):
                    out.append(b"503 5.5.1 Error: need MAIL command")
                elif address in script.refused:
                    out.append(b"550 5.1.1 <" + address.encode() + b">: Recipient address rejected")
                else:
                    rcpts.append(address)
                    out.append(b"250 2.1.5 Ok")
            elif verb == b"DATA":
                if not rcpts:
                    out.append(b"554 5.5.1 Error: no valid recipients")
                    continue
                writer.write(b"".join(r + b"\r\n" for r in out) + b"354 End data with <CR><LF>.<CR><LF>\r\n")
                out = []
                while b"\r\n.\r\n" not in buffer:
                    more = await reader.read(65536)
                    if not more:
                        return
                    buffer += more
                body, buffer = buffer.split(b"\r\n.\r\n", 1)
                body = b"\r\n".join(line[1:] if line.startswith(b".") else line for line in body.split(b"\r\n"))
                script.messages.append((mail_from, list(rcpts), body + b"\r\n"))
                out.append(script.data_reply)
            elif verb == b"RSET":
                mail_from, rcpts = "", []
                out.append(b"250 2.0.0 Ok")
            elif verb == b"QUIT":
                writer.write(b"".join(r + b"\r\n" for r in out) + b"221 2.0.0 Bye\r\n")
                writer.close()
                return
            else:
                out.append(b"502 5.5.2 Error: command not recognized")
        if out:
            writer.write(b"".join(r + b"\r\n" for r in out))  # every reply of the chunk in one write
    writer.close()


@contextlib.asynccontextmanager
async def scripted(script: Script) -> AsyncIterator[Destination]:
    server = await asyncio.start_server(lambda r, w: _serve(script, r, w), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield Destination("127.0.0.1", port, NEVER)
    finally:
        server.close()


def _pool() -> Pool:
    return Pool(per_destination=1, per_connection=100, rate=0, local_hostname="client.test", timeout=5, verify=False)


BODY = b"From: a@example.com\r\nTo: b@example.org\r\nSubject: dots\r\n\r\n.leading dot\r\nmiddle\r\n..two\r\n"


async def test_commands_go_in_one_write_and_replies_pair_up() -> None:
    script = Script(refused={"gone@example.org"})
    async with scripted(script) as dest:
        pool = _pool()
        for i in range(3):
            async with pool.connection(dest) as conn:
                assert conn.pipe is not None
                replies = await transact(conn, f"s{i}@example.com", ["a@example.org", "gone@example.org"], BODY)
            assert [(r.code, r.outcome) for r in replies] == [(250, Outcome.SENT), (550, Outcome.FAILED)]
            assert "Recipient address rejected" in replies[1].text
        await pool.close()
    assert script.connections == 1  # one connection reused for the three messages
    envelopes = [c for c in script.chunks if c.startswith(b"MAIL FROM:")]
    assert len(envelopes) == 3 and all(c.endswith(b"DATA\r\n") and c.count(b"RCPT TO:") == 2 for c in envelopes)
    # What the server received is the message as sent: dots un-stuffed give back the body.
    assert [m[0] for m in script.messages] == ["s0@example.com", "s1@example.com", "s2@example.com"]
    assert all(m[1] == ["a@example.org"] and m[2] == BODY for m in script.messages)
    assert script.commands[-1] == b"QUIT"


def test_data_block_stuffs_dots_and_fixes_line_ends() -> None:
    assert data_block(b".a\nb\r\n.c\rd") == b"..a\r\nb\r\n..c\r\nd\r\n.\r\n"
    assert data_block(BODY).endswith(b"\r\n...two\r\n.\r\n")


async def test_refused_sender_fails_every_recipient_then_the_session_goes_on() -> None:
    script = Script(mail_reply=b"451 4.3.0 Sender check failed, try later")
    async with scripted(script) as dest:
        pool = _pool()
        async with pool.connection(dest) as conn:
            replies = await transact(conn, "s@example.com", ["a@example.org", "b@example.org"], BODY)
            assert [(r.code, r.outcome) for r in replies] == [(451, Outcome.DEFERRED)] * 2
            assert script.commands[-1] == b"RSET" and not script.messages
            script.mail_reply = b"250 2.1.0 Ok"
            replies = await transact(conn, "s@example.com", ["a@example.org"], BODY)
            assert [r.code for r in replies] == [250] and len(script.messages) == 1
        await pool.close()


async def test_no_accepted_recipient_sends_no_body() -> None:
    script = Script(refused={"a@example.org", "b@example.org"})
    async with scripted(script) as dest:
        conn = await open_connection(dest, local_hostname="client.test", timeout=5, verify=False)
        replies = await transact(conn, "s@example.com", ["a@example.org", "b@example.org"], BODY)
        assert [r.code for r in replies] == [550, 550] and not script.messages
        assert b"dots" not in b"".join(script.chunks) and script.commands[-1] == b"RSET"
        await conn.close()


async def test_refused_message_defers_the_accepted_recipients() -> None:
    script = Script(data_reply=b"451 4.7.1 Try again later", refused={"b@example.org"})
    async with scripted(script) as dest:
        conn = await open_connection(dest, local_hostname="client.test", timeout=5, verify=False)
        replies = await transact(conn, "s@example.com", ["a@example.org", "b@example.org"], BODY)
        assert [(r.code, r.outcome) for r in replies] == [(451, Outcome.DEFERRED), (550, Outcome.FAILED)]
        assert script.commands[-1] == b"RSET"
        await conn.close()


async def test_without_pipelining_the_client_waits_for_each_reply() -> None:
    script = Script(pipelining=False)
    async with scripted(script) as dest:
        conn = await open_connection(dest, local_hostname="client.test", timeout=5, verify=False)
        assert conn.pipe is None
        replies = await transact(conn, "s@example.com", ["a@example.org"], BODY)
        assert [r.code for r in replies] == [250] and script.messages[0][2] == BODY
        assert not any(c.startswith(b"MAIL") and b"RCPT" in c for c in script.chunks)
        await conn.close()


async def test_a_dropped_connection_raises_disconnected() -> None:
    script = Script(close_after_mail=True)
    async with scripted(script) as dest:
        conn = await open_connection(dest, local_hostname="client.test", timeout=5, verify=False)
        with pytest.raises(SMTPServerDisconnected):
            await transact(conn, "s@example.com", ["a@example.org"], BODY)
        assert not conn.is_connected
        await conn.close()


async def test_worker_delivers_through_a_pipelining_relay(mailbox: Mailbox) -> None:
    script = Script(refused={"nobody@example.org"})
    async with scripted(script) as dest:
        mailbox.configure(delivery_mode="relay", relays=f"{dest.host}:{dest.port}", relay_tls="none")
        ids = await queue(mailbox, *(message(f"r{i}@example.org") for i in range(5)), message("nobody@example.org"))
        async with running_worker(mailbox.ctx):
            rows = await wait_final(mailbox.ctx, ids)
    assert sorted(r.state for r in rows) == ["failed"] + ["sent"] * 5
    assert sorted(rcpt for m in script.messages for rcpt in m[1]) == [f"r{i}@example.org" for i in range(5)]
    assert any(c.startswith(b"MAIL FROM:") and c.endswith(b"DATA\r\n") for c in script.chunks)


class _PipeliningHandler(RecordingHandler):
    """The tests' recording sink, advertising PIPELINING (aiosmtpd reads commands one line at a time, so a
    pipelined client works against it)."""

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]):
        session.host_name = hostname
        return [*responses[:-1], "250-PIPELINING", responses[-1]]


async def test_pipelining_after_starttls(tmp_path: Path) -> None:
    handler = _PipeliningHandler("plain", 0)
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=server_context(*tls_files(tmp_path)),
        require_starttls=False,
    )
    controller.start()
    try:
        pool = _pool()
        dest = Destination("127.0.0.1", controller.port, TRY)
        for i in range(2):
            async with pool.connection(dest) as conn:
                assert conn.pipe is not None and conn.tls_version
                replies = await transact(conn, f"s{i}@example.com", ["a@example.org", "b@example.org"], BODY)
            assert [r.code for r in replies] == [250, 250]
        await pool.close()
    finally:
        controller.stop()
    assert [(m.mail_from, m.rcpt_tos) for m in handler.messages] == [
        (f"s{i}@example.com", ["a@example.org", "b@example.org"]) for i in range(2)
    ]
    assert all(
        m.tls_version and m.data.replace(b"\r\n", b"\n") == BODY.replace(b"\r\n", b"\n") for m in handler.messages
    )


@pytest.mark.parametrize(
    "address",
    ["pat@example.org", "b-x.Y_1@bounces.example.com", "", "x+tag@a-b.c", "a..b@x.org", "Pat <p@x.org>", "@x"],
)
def test_envelope_address_is_what_aiosmtplib_would_send(address: str) -> None:
    assert envelope_address(address) == quote_address(address).encode("ascii")


@pytest.mark.parametrize("address", ["a b@c.d", "ü@x.org"])
def test_envelope_address_refuses_what_aiosmtplib_refuses(address: str) -> None:
    with pytest.raises((ValueError, UnicodeEncodeError)):
        envelope_address(address)


def test_no_command_can_be_smuggled_in_an_address() -> None:
    assert envelope_address("x@y.org\r\nRCPT TO:<evil@z.test>") == b"<x@y.org>"  # as aiosmtplib parses it
