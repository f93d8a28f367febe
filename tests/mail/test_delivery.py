"""Delivery through real SMTP sinks and a loopback DNS server: relay, MX, DKIM, retries, failures."""

from __future__ import annotations

import asyncio
from email import message_from_bytes

import dkim
from sqlalchemy import select

from openlux.mail import dkim as mail_dkim
from openlux.mail.models import DeliveryAttempt
from openlux.mail.schemas import SendEmailBody
from openlux.mail.service import send_email
from openlux.mail.smtp_client import Destination, Pool, transact
from tests.mail.conftest import Mailbox, recipients_of, running_worker, wait_final
from tests.support.dns_server import DnsServer
from tests.support.smtp_sinks import closed_port, free_port, smtp_sink


async def queue(box: Mailbox, *messages: dict, **call: object) -> list[int]:
    """sendEmail at service level, committed; the queue ids."""
    async with box.ctx.db.transaction() as session:
        user = await box.user(session)
        body = SendEmailBody.model_validate({"messages": list(messages), **call})
        reply = await send_email(ctx=box.ctx, session=session, user=user, body=body, files=[])
    return [entry["id"] for entry in reply if entry["status"] == "queued"]


def message(to: str = "pat@example.org", **extra: object) -> dict:
    return {"to": [to], "subject": "Lab results", "text": "Your results are ready.", **extra}


async def test_relay_delivery_records_tls_and_attempt(mailbox: Mailbox) -> None:
    with smtp_sink("starttls") as sink:
        mailbox.configure(delivery_mode="relay", relays=sink.address)
        ids = await queue(mailbox, message(cc=["lee@example.org"], bcc=["hidden@example.org"]))
        async with running_worker(mailbox.ctx):
            [row] = await wait_final(mailbox.ctx, ids)
        assert row.state == "sent"
        [got] = sink.messages
        assert sorted(got.rcpt_tos) == ["hidden@example.org", "lee@example.org", "pat@example.org"]
        assert got.tls_version and got.tls_version.startswith("TLS")
        parsed = message_from_bytes(got.data)
        assert parsed["Bcc"] is None and "hidden@example.org" not in got.data.decode()
        assert parsed["Cc"] == "lee@example.org" and parsed["Message-ID"]
    async with mailbox.ctx.db.sessions() as session:
        attempts = (await session.scalars(select(DeliveryAttempt).where(DeliveryAttempt.message_id == ids[0]))).all()
    assert len(attempts) == 3 and {a.outcome for a in attempts} == {"sent"}
    assert all(a.tls_version and a.tls_cipher and a.server == sink.address and a.code == 250 for a in attempts)


async def test_relay_failover_skips_a_relay_that_is_down(mailbox: Mailbox) -> None:
    with smtp_sink("plain") as sink:
        # Weight 100 on the dead relay: it is tried first nearly always, and must fail over.
        mailbox.configure(delivery_mode="relay", relays=f"127.0.0.1:{closed_port()}/100,{sink.address}/1")
        ids = await queue(mailbox, *(message(f"r{i}@example.org") for i in range(3)))
        async with running_worker(mailbox.ctx):
            rows = await wait_final(mailbox.ctx, ids)
        assert {r.state for r in rows} == {"sent"}
        assert sorted(a for m in sink.messages for a in m.rcpt_tos) == [f"r{i}@example.org" for i in range(3)]


async def test_temporary_failure_is_retried_with_backoff(mailbox: Mailbox) -> None:
    with smtp_sink("tempfail", failures=2) as sink:
        mailbox.configure(delivery_mode="relay", relays=sink.address)
        ids = await queue(mailbox, message())
        async with running_worker(mailbox.ctx):
            [row] = await wait_final(mailbox.ctx, ids)
        assert row.state == "sent" and row.attempts == 3 and len(sink.messages) == 1
    [rcpt] = await recipients_of(mailbox.ctx, ids[0])
    assert rcpt.state == "sent" and rcpt.attempts == 3
    async with mailbox.ctx.db.sessions() as session:
        outcomes = (
            await session.scalars(
                select(DeliveryAttempt.outcome).where(DeliveryAttempt.message_id == ids[0]).order_by(DeliveryAttempt.id)
            )
        ).all()
    assert list(outcomes) == ["deferred", "deferred", "sent"]


async def test_permanent_failure_fails_the_recipient_with_the_reply(mailbox: Mailbox) -> None:
    with smtp_sink("reject") as sink:
        mailbox.configure(delivery_mode="relay", relays=sink.address)
        ids = await queue(mailbox, message())
        async with running_worker(mailbox.ctx):
            [row] = await wait_final(mailbox.ctx, ids)
    [rcpt] = await recipients_of(mailbox.ctx, ids[0])
    assert row.state == "failed" and rcpt.state == "failed" and rcpt.attempts == 1
    assert rcpt.last_code == 550 and "No such user" in rcpt.last_reply


async def test_expired_message_fails_after_its_lifetime(mailbox: Mailbox) -> None:
    mailbox.configure(delivery_mode="relay", relays=f"127.0.0.1:{closed_port()}", delivery_lifetime_seconds=0)
    ids = await queue(mailbox, message())
    async with running_worker(mailbox.ctx):
        [row] = await wait_final(mailbox.ctx, ids)
    [rcpt] = await recipients_of(mailbox.ctx, ids[0])
    assert row.state == "failed" and rcpt.last_reply.startswith("Gave up after 1 attempts")


async def test_mx_delivery_with_dkim_that_verifies(mailbox: Mailbox, dns_server: DnsServer) -> None:
    port = free_port("127.0.0.2")
    with smtp_sink("starttls", host="127.0.0.2", port=port) as sink:
        dns_server.add_mx("clinic.test", "mx1.clinic.test", "127.0.0.2")
        async with mailbox.ctx.db.transaction() as session:
            key = await mail_dkim.create_key(
                session=session, ctx=mailbox.ctx, account_id=mailbox.account_id, domain="example.com", selector="s2026"
            )
            record = mail_dkim.dns_record(key)
        dns_server.remove("s2026._domainkey.example.com")  # the server outlives one backend's run
        dns_server.add_txt("s2026._domainkey.example.com", record)
        mailbox.configure(delivery_mode="mx", mx_port=port)
        ids = await queue(mailbox, message("pat@clinic.test", html="<p>Ready</p>", headers={"X-Campaign": "results"}))
        async with running_worker(mailbox.ctx):
            [row] = await wait_final(mailbox.ctx, ids)
        assert row.state == "sent"
        [got] = sink.messages
    resolver = dns_server.sync_resolver()

    def txt(name: bytes, timeout: int = 5) -> bytes:
        answer = resolver.resolve(name.decode().rstrip("."), "TXT")
        return b"".join(b"".join(r.strings) for r in answer)

    assert got.data.startswith(b"DKIM-Signature:")
    assert await asyncio.to_thread(dkim.verify, got.data, dnsfunc=txt)
    assert message_from_bytes(got.data)["X-Campaign"] == "results"


async def test_mx_lookup_failures(mailbox: Mailbox, dns_server: DnsServer) -> None:
    dns_server.add("nullmx.test", "MX", "0 .")
    dns_server.servfail.add("flaky.test")
    mailbox.configure(delivery_mode="mx", mx_port=closed_port())
    ids = await queue(mailbox, message("a@nullmx.test"), message("b@nowhere.test"), message("c@flaky.test"))
    async with running_worker(mailbox.ctx):
        rows = {r.id: r for r in await wait_final(mailbox.ctx, ids[:2])}
        flaky = await recipients_of(mailbox.ctx, ids[2])
    assert rows[ids[0]].state == "failed" and rows[ids[1]].state == "failed"
    assert (await recipients_of(mailbox.ctx, ids[0]))[0].last_reply.endswith("accepts no mail.")
    assert flaky[0].state in ("queued", "deferred")  # SERVFAIL is temporary: still being retried


async def test_pool_reuses_connections_and_bounds_them() -> None:
    with smtp_sink("plain") as sink:
        pool = Pool(per_destination=2, per_connection=50, rate=0, local_hostname="t.test", timeout=5, verify=False)
        dest = Destination(sink.host, sink.port)

        async def one(i: int) -> None:
            async with pool.connection(dest) as conn:
                await transact(conn, "a@example.com", [f"r{i}@example.org"], b"Subject: x\r\n\r\nhi\r\n")

        await asyncio.gather(*(one(i) for i in range(20)))
        peers = {m.peer for m in sink.messages}
        await pool.close()
    assert len(sink.messages) == 20 and len(peers) <= 2


async def test_relay_auth_with_configured_credentials(mailbox: Mailbox) -> None:
    from tests.support.smtp_sinks import AUTH_LOGIN, AUTH_PASSWORD

    with smtp_sink("auth") as sink:
        mailbox.configure(
            delivery_mode="relay",
            relays=sink.address,
            relay_tls="starttls",
            relay_username=AUTH_LOGIN,
            relay_password="wrong",
        )
        bad = await queue(mailbox, message("denied@example.org"))
        async with running_worker(mailbox.ctx):
            while not (await recipients_of(mailbox.ctx, bad[0]))[0].attempts:
                await asyncio.sleep(0.05)
        [denied] = await recipients_of(mailbox.ctx, bad[0])
        assert denied.state == "deferred" and "535" in denied.last_reply and sink.messages == []
        mailbox.configure(relay_password=AUTH_PASSWORD)
        ids = await queue(mailbox, message("allowed@example.org"))
        async with running_worker(mailbox.ctx):
            rows = await wait_final(mailbox.ctx, [*bad, *ids])
    assert {r.state for r in rows} == {"sent"} and sink.messages[0].tls_version


async def test_pool_paces_messages_to_the_destination_rate() -> None:
    import time

    with smtp_sink("plain") as sink:
        pool = Pool(per_destination=4, per_connection=100, rate=40, local_hostname="t.test", timeout=5, verify=False)
        dest = Destination(sink.host, sink.port)

        async def one(i: int) -> None:
            async with pool.connection(dest) as conn:
                await transact(conn, "a@example.com", [f"p{i}@example.org"], b"Subject: x\r\n\r\nhi\r\n")

        started = time.monotonic()
        await asyncio.gather(*(one(i) for i in range(9)))
        elapsed = time.monotonic() - started
        await pool.close()
    # 9 messages at 40/s: the 9th may start no earlier than 8/40 s after the first (a floor, not a benchmark).
    assert len(sink.messages) == 9 and elapsed >= 8 / 40


async def test_relay_with_implicit_tls(mailbox: Mailbox) -> None:
    with smtp_sink("implicit_tls") as sink:
        mailbox.configure(delivery_mode="relay", relays=sink.address, relay_tls="tls")
        ids = await queue(mailbox, message("tls@example.org"))
        async with running_worker(mailbox.ctx):
            [row] = await wait_final(mailbox.ctx, ids)
    [rcpt] = await recipients_of(mailbox.ctx, ids[0])
    assert row.state == "sent" and rcpt.method == "tls" and sink.messages[0].tls_version


async def test_mx_temporary_failure_moves_on_to_the_next_mx(mailbox: Mailbox, dns_server: DnsServer) -> None:
    port = free_port("127.0.0.4")
    with (
        smtp_sink("tempfail", host="127.0.0.4", port=port, failures=100) as busy,
        smtp_sink("plain", host="127.0.0.5", port=port) as backup,
    ):
        dns_server.remove("twomx.test")
        dns_server.add_mx("twomx.test", "mx1.twomx.test", "127.0.0.4", preference=10)
        dns_server.add_mx("twomx.test", "mx2.twomx.test", "127.0.0.5", preference=20)
        mailbox.configure(delivery_mode="mx", mx_port=port)
        ids = await queue(mailbox, message("pat@twomx.test"))
        async with running_worker(mailbox.ctx):
            [row] = await wait_final(mailbox.ctx, ids)
    assert row.state == "sent" and row.attempts == 1 and busy.handler.attempts >= 1 and len(backup.messages) == 1
