"""SMTP submission on a real `openlux serve`: STARTTLS, AUTH with app passwords, refusals recorded."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import aiosmtplib
import pytest
from sqlalchemy import select

from openlux.auth.models import AuthFailure
from openlux.mail.models import OutboundMessage, RejectedSend
from tests.support.console import sso_browser
from tests.support.dbquery import on_server_db
from tests.support.polling import wait_until
from tests.support.server import RunningServer, served

MESSAGE = (
    b"From: Admin <admin@example.com>\r\nTo: pat@example.org\r\nSubject: Via SMTP\r\n"
    b"X-OpenLux-Secure: required\r\n\r\nHello over submission.\r\n"
)


@pytest.fixture(scope="module")
def smtp_server(backend: str) -> Iterator[RunningServer]:
    """A capture-mode server (submission on a free port) on the backend."""
    with served(backend, extra_env={"OPENLUX_DELIVERY_POLL_SECONDS": "0.05"}) as world:
        yield world.server


def submit(
    server: RunningServer,
    password: str,
    *,
    sender: str = "admin@example.com",
    data: bytes = MESSAGE,
    start_tls: bool = True,
) -> Any:
    return asyncio.run(
        aiosmtplib.send(
            data,
            sender=sender,
            recipients=["pat@example.org"],
            hostname="127.0.0.1",
            port=server.submission_port,
            start_tls=start_tls,
            validate_certs=False,
            username=server.credentials["user"],
            password=password,
            timeout=20,
        )
    )


def app_password(server: RunningServer, services: list[str]) -> str:
    with server.user_api() as api:
        return api.create_app_specific_password(label="mail client", services=services)["password"]


def test_app_password_submits_into_the_pipeline(smtp_server: RunningServer) -> None:
    _errors, reply = submit(smtp_server, app_password(smtp_server, ["smtp"]))
    assert reply.startswith("2.0.0 Queued as ")
    queue_id = int(reply.rsplit(" ", 1)[1])

    async def row(session: Any, ctx: Any) -> tuple[str, str]:
        found = await session.get(OutboundMessage, queue_id)
        return found.channel, found.tls_policy

    assert on_server_db(smtp_server, row) == ("smtp", "required")
    browser = sso_browser(smtp_server)  # captured mail is shown to a signed-in console session only
    [captured] = wait_until(
        lambda: [m for m in browser.get("/web/outbox.json").json()["data"] if m["queue_id"] == queue_id], timeout=20
    )
    assert captured["subject"] == "Via SMTP" and captured["recipients"] == ["pat@example.org"]
    page = browser.get(f"/web/outbox/{captured['id']}", follow_redirects=True).text
    assert "Hello over submission." in page and "X-OpenLux-Secure" not in page


def test_wrong_app_password_is_refused_and_recorded(smtp_server: RunningServer) -> None:
    app_password(smtp_server, ["imap"])  # exists, but a wrong password (and not for smtp) must not open SMTP
    with pytest.raises(aiosmtplib.SMTPAuthenticationError) as err:
        submit(smtp_server, "wrong-wrong-wrong")
    assert err.value.code == 535

    async def failures(session: Any, ctx: Any) -> list[AuthFailure]:
        return list((await session.scalars(select(AuthFailure).where(AuthFailure.channel == "smtp"))).all())

    def recorded() -> bool:  # failures are written in batches (OPENLUX_AUTH_SYNC_INTERVAL_SECONDS)
        rows = on_server_db(smtp_server, failures)
        return any(f.username == smtp_server.credentials["user"] and f.status == 401 for f in rows)

    wait_until(recorded, timeout=10, what="the refused SMTP login in auth_failure")


def test_auth_needs_starttls_first(smtp_server: RunningServer) -> None:
    with pytest.raises(aiosmtplib.SMTPException):
        submit(smtp_server, smtp_server.credentials["password"], start_tls=False)


def test_foreign_sender_is_refused_and_recorded(smtp_server: RunningServer) -> None:
    forged = MESSAGE.replace(b"admin@example.com", b"ceo@bank.example")
    with pytest.raises(aiosmtplib.SMTPDataError) as err:
        submit(smtp_server, smtp_server.credentials["password"], sender="ceo@bank.example", data=forged)
    assert err.value.code == 550 and "bank.example" in err.value.message

    async def rejected(session: Any, ctx: Any) -> list[RejectedSend]:
        return list((await session.scalars(select(RejectedSend).where(RejectedSend.channel == "smtp"))).all())

    assert any(r.mail_from == "ceo@bank.example" for r in on_server_db(smtp_server, rejected))
