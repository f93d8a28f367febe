"""sendEmail and sendSecureEmailOrSecureText end to end: SDK → real `openlux serve` (relay mode) → SMTP sink."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from email import message_from_bytes
from typing import Any

import pytest
from sqlalchemy import select, update

from openlux.accounts.models import User
from openlux.client import Client
from openlux.client._core import LuxSciError
from openlux.mail.models import OutboundMessage, RejectedSend
from tests.support.dbquery import on_server_db
from tests.support.polling import wait_until
from tests.support.server import RunningServer, served
from tests.support.smtp_sinks import Sink


@pytest.fixture(scope="module")
def relay_server(backend: str) -> Iterator[tuple[RunningServer, Sink]]:
    """A server delivering through a STARTTLS sink, on the backend."""
    with served(backend, sink="starttls") as world:
        assert world.sink is not None
        yield world.server, world.sink


@pytest.fixture
def api(relay_server: tuple[RunningServer, Sink]) -> Iterator[Client]:
    with relay_server[0].user_api() as client:
        yield client


def sent_to(sink: Sink, address: str, timeout: float = 20.0) -> list[bytes]:
    """Messages the sink got for `address` (waits for at least one)."""
    return wait_until(
        lambda: [m.data for m in list(sink.messages) if address in m.rcpt_tos],
        timeout=timeout,
        what=f"delivery to {address}",
    )


def test_send_email_queues_each_message_and_delivers_over_tls(api: Client, relay_server: Any) -> None:
    _server, sink = relay_server
    data = api.send_email(
        messages=[
            {
                "to": ["pat@example.org"],
                "cc": ["lee@example.org"],
                "bcc": ["boss@example.org"],
                "subject": "Results",
                "text": "Plain version",
                "html": "<p>HTML version</p>",
                "reply_to": "desk@example.com",
                "from_name": "Example Clinic",
                "headers": {"X-Ticket": "42"},
            },
            {"to": ["not-an-address"], "subject": "x", "text": "y"},
        ]
    )
    assert [d["status"] for d in data] == ["queued", "rejected"]
    assert data[0]["id"] > 0 and data[0]["message_id"].endswith("@example.com") and data[0]["recipients"] == 3
    assert "'to'" in data[1]["reason"]
    [raw] = sent_to(sink, "boss@example.org")
    parsed = message_from_bytes(raw)
    assert parsed["Reply-To"] == "desk@example.com" and parsed["X-Ticket"] == "42" and parsed["Bcc"] is None
    assert parsed["From"] == "Example Clinic <admin@example.com>"
    assert {p.get_content_type() for p in parsed.walk()} >= {"text/plain", "text/html"}
    assert next(m for m in sink.messages if m.data == raw).tls_version


def test_receipt_asks_for_a_read_receipt_on_delivered_mail(api: Client, relay_server: Any) -> None:
    _server, sink = relay_server
    api.send_email(
        messages=[
            {"to": ["receipt@example.org"], "subject": "receipt", "text": "hi", "receipt": 1},
            {"to": ["noreceipt@example.org"], "subject": "none", "text": "hi"},
        ]
    )
    [raw] = sent_to(sink, "receipt@example.org")
    assert message_from_bytes(raw)["Disposition-Notification-To"] == "admin@example.com"
    [plain] = sent_to(sink, "noreceipt@example.org")
    assert message_from_bytes(plain)["Disposition-Notification-To"] is None


@pytest.mark.parametrize(
    ("label", "content"),
    [
        ("small", b"%PDF-1.4 binary \x00\xff payload"),
        # Over 1 MB: Starlette alone wrote such a part to a temporary file, in clear (openlux.core.forms).
        ("large", os.urandom(2 * 1024 * 1024 + 1)),
    ],
)
def test_multipart_attachments_are_matched_by_name_and_hash_and_never_touch_the_disk(
    api: Client, relay_server: Any, spilled_to_disk: list[int], label: str, content: bytes
) -> None:
    _server, sink = relay_server
    data = api.send_email(
        files=[("report.pdf", content)],
        messages=[
            {
                "to": [f"att-{label}@example.org"],
                "subject": "Report",
                "text": "Attached.",
                "attachments": [{"name": "report.pdf", "hash": hashlib.sha256(content).hexdigest()}],
            },
            {
                "to": [f"att2-{label}@example.org"],
                "subject": "Bad",
                "text": "x",
                "attachments": [{"name": "report.pdf", "hash": "00" * 32}],
            },
        ],
    )
    assert [d["status"] for d in data] == ["queued", "rejected"] and "SHA-256" in data[1]["reason"]
    assert spilled_to_disk == []
    [raw] = sent_to(sink, f"att-{label}@example.org")
    part = next(p for p in message_from_bytes(raw).walk() if p.get_filename() == "report.pdf")
    assert part.get_payload(decode=True) == content


@pytest.mark.parametrize(
    ("messages", "limit"),
    [
        ([{"to": ["a@example.org"], "subject": "s", "text": "t"}] * 1001, "messages per call"),
        ([{"to": [f"r{i}@example.org" for i in range(101)], "subject": "s", "text": "t"}], "recipients per message"),
        ([{"to": [f"r{i}@example.org" for i in range(100)], "subject": "s", "text": "t"}] * 11, "recipients per call"),
    ],
)
def test_limits_return_400_naming_the_limit(api: Client, messages: list, limit: str) -> None:
    with pytest.raises(LuxSciError) as err:
        api.send_email(messages=messages)
    assert err.value.status == 400 and limit in str(err.value)


def test_hourly_sending_limit_returns_429(api: Client, relay_server: Any) -> None:
    server, _sink = relay_server

    def set_limit(value: int) -> Any:
        async def work(session: Any, ctx: Any) -> None:
            user = await session.scalar(select(User).where(User.login == server.credentials["user"]))
            user.settings = {**(user.settings or {}), "hourly_send_limit": value}

        return work

    async def used(session: Any, ctx: Any) -> int:
        from openlux.mail.queue import sent_in_last_hour

        user = await session.scalar(select(User).where(User.login == server.credentials["user"]))
        return await sent_in_last_hour(session, user_id=user.id)

    current = on_server_db(server, used)
    on_server_db(server, set_limit(current + 2))
    try:
        with pytest.raises(LuxSciError) as err:
            api.send_email(
                messages=[{"to": ["h1@example.org", "h2@example.org", "h3@example.org"], "subject": "s", "text": "t"}]
            )
        assert err.value.status == 429 and "hourly_send_limit" in str(err.value)
    finally:
        on_server_db(server, set_limit(10000))


def test_suppressed_recipient_is_not_sent_and_is_reported(api: Client, relay_server: Any) -> None:
    server, sink = relay_server

    async def suppress(session: Any, ctx: Any) -> None:
        from openlux.suppressions.service import suppress as add

        user = await session.scalar(select(User).where(User.login == server.credentials["user"]))
        await add(
            session,
            account_id=user.account_id,
            user_id=user.id,
            address="gone@example.org",
            reason="bounce",
            source="test",
        )

    on_server_db(server, suppress)
    data = api.send_email(
        messages=[
            {"to": ["gone@example.org", "here@example.org"], "subject": "s", "text": "t"},
            {"to": ["GONE@example.org"], "subject": "s", "text": "t"},
        ]
    )
    assert data[0]["status"] == "queued" and data[0]["recipients"] == 1
    assert data[0]["suppressed"][0]["address"] == "gone@example.org" and "bounce" in data[0]["suppressed"][0]["reason"]
    assert data[1]["status"] == "rejected" and "suppressed" in data[1]["reason"]
    [_raw] = sent_to(sink, "here@example.org")
    assert all("gone@example.org" not in m.rcpt_tos for m in sink.messages)


def test_sender_must_be_in_the_accounts_domains(api: Client, relay_server: Any) -> None:
    server, _sink = relay_server
    with pytest.raises(LuxSciError) as err:
        api.send_email(messages=[{"from": "ceo@bank.example", "to": ["a@example.org"], "subject": "s", "text": "t"}])
    assert err.value.status == 400 and "bank.example" in str(err.value)

    async def rejections(session: Any, ctx: Any) -> int:
        return len((await session.scalars(select(RejectedSend))).all())

    before = on_server_db(server, rejections)
    api.send_email(
        messages=[
            {"to": ["ok@example.org"], "subject": "s", "text": "t"},
            {"from_address": "ceo@bank.example", "to": ["a@example.org"], "subject": "s", "text": "t"},
        ]
    )
    assert on_server_db(server, rejections) == before + 1


def test_deprecated_secureline_send_counts_as_webmail(api: Client, relay_server: Any) -> None:
    server, sink = relay_server
    # Exactly what the PHP/C# clients send: every key, nulls and empty lists included.
    data = api.send_secure_email_or_secure_text(
        to=["legacy@example.org"],
        cc=[],
        bcc=[],
        subject="  Lab results  ",
        body="<p>Ready.</p>",
        body_type="html",
        from_address=None,
        from_name=None,
        reply_address=None,
        no_tls_only=0,
        receipt=0,
        attachments=None,
    )
    assert data["status"] == "queued"
    [raw] = sent_to(sink, "legacy@example.org")
    assert message_from_bytes(raw)["Subject"] == "Lab results"

    async def row(session: Any, ctx: Any) -> tuple[str, str]:
        found = await session.get(OutboundMessage, data["id"])
        return found.channel, found.tls_policy

    assert on_server_db(server, row) == ("webmail", "required")


def test_sending_needs_the_smtp_service(api: Client, relay_server: Any) -> None:
    server, _sink = relay_server

    def set_services(services: list[str]) -> Any:
        async def work(session: Any, ctx: Any) -> None:
            await session.execute(
                update(User).where(User.login == server.credentials["user"]).values(services=services)
            )

        return work

    from openlux.accounts.schemas import DEFAULT_SERVICES

    on_server_db(server, set_services(["email", "webmail", "api"]))
    try:
        with pytest.raises(LuxSciError) as err:
            api.send_email(messages=[{"to": ["a@example.org"], "subject": "s", "text": "t"}])
        assert err.value.status == 403 and "smtp" in str(err.value)
    finally:
        on_server_db(server, set_services(list(DEFAULT_SERVICES)))


def test_a_call_whose_only_message_is_refused_is_still_recorded_under_concurrency(
    api: Client, relay_server: Any
) -> None:
    """40 concurrent sendEmail calls, each refused as a whole: every one is a 400 and leaves a rejected_send
    row (recorded on the request's own connection after its rollback, never in a second pooled transaction)."""
    from concurrent.futures import ThreadPoolExecutor

    server, _sink = relay_server
    creds = server.credentials

    async def rejections(session: Any, ctx: Any) -> int:  # reasons are sealed at rest: matched once opened
        return sum("bank.example" in row.reason for row in await session.scalars(select(RejectedSend)))

    before = on_server_db(server, rejections)

    def refused_send(i: int) -> int:
        with Client(
            server.base_url, creds["user_token"], creds["user_secret"], user=creds["user"], password=creds["password"]
        ) as client:
            try:
                client.send_email(
                    messages=[
                        {"from_address": f"ceo{i}@bank.example", "to": ["a@example.org"], "subject": "s", "text": "t"}
                    ]
                )
            except LuxSciError as exc:
                return exc.status
            return 200

    with ThreadPoolExecutor(max_workers=40) as pool:
        statuses = list(pool.map(refused_send, range(40)))
    assert statuses == [400] * 40
    assert on_server_db(server, rejections) == before + 40
