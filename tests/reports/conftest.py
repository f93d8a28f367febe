"""A relay-mode server with mail already sent through the API and SMTP, shared by the report tests."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass

import aiosmtplib
import pytest

from openlux.client import Client
from tests.support.polling import wait_until
from tests.support.server import RunningServer, served
from tests.support.smtp_sinks import Sink

SMTP_MESSAGE = (
    b"From: Admin <admin@example.com>\r\nTo: smtp-rcpt@example.org\r\nSubject: Via SMTP\r\n\r\n"
    b"Hello over submission.\r\n"
)


@dataclass
class World:
    """The server, its sink, and what the set-up sent."""

    server: RunningServer
    sink: Sink
    api_ids: list[int]
    smtp_sent: int
    other_user: str

    def user_client(self) -> Client:
        return self.server.user_api()

    def account_client(self, user: str | None = None) -> Client:
        return self.server.account_api(user=user or self.server.credentials["user"])


def smtp_submit(server: RunningServer, password: str, login: str = "") -> None:
    """Send SMTP_MESSAGE through the submission port (STARTTLS + AUTH)."""
    asyncio.run(
        aiosmtplib.send(
            SMTP_MESSAGE,
            sender="admin@example.com",
            recipients=["smtp-rcpt@example.org"],
            hostname="127.0.0.1",
            port=server.submission_port,
            start_tls=True,
            validate_certs=False,
            username=login or server.credentials["user"],
            password=password,
            timeout=20,
        )
    )


def populate(server: RunningServer, sink: Sink) -> World:
    """API sends, an SMTP send, a failed SMTP login, a rejected send and a second user's mail."""
    c = server.credentials
    with Client(server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"]) as api:
        api.create_user_suppression(email="Blocked@Example.org", reason="manual")
        sent = api.send_email(
            messages=[
                {"to": [f"r{i}@example.org"], "cc": ["copy@example.org"], "subject": f"M{i}", "text": "hello"}
                for i in range(5)
            ]
            + [
                {"to": ["r5@example.org", "blocked@example.org"], "subject": "S", "text": "one suppressed"},
                {"to": ["bad"], "subject": "x", "text": "y"},
            ]
        )
        app_password = api.create_app_specific_password(label="reports", services=["smtp"])["password"]
    smtp_submit(server, app_password)
    with pytest.raises(aiosmtplib.SMTPAuthenticationError):
        smtp_submit(server, "wrong-password-123")
    with pytest.raises(aiosmtplib.SMTPAuthenticationError):
        smtp_submit(server, "guess-123456", login="Nobody@Example.com")  # no such user, in the account's domain
    other = "pat.jones@example.com"
    with Client(
        server.base_url, c["account_token"], c["account_secret"], account=c["account"], user=c["user"]
    ) as account:
        account.create_user(user=other, password="Zebra-Second-Pass9")
    with Client(server.base_url, c["account_token"], c["account_secret"], account=c["account"], user=other) as acc:
        acc.send_email(messages=[{"to": ["other-rcpt@example.org"], "subject": "Other", "text": "x"}])
    sink.wait_for(6 + 1 + 1)  # one SMTP transaction per message
    world = World(server, sink, [s["id"] for s in sent if s["status"] == "queued"], 1, other)
    with world.user_client() as api:
        # Delivery is recorded right after the sink answers: wait until no recipient is pending.
        wait_until(
            lambda: api.call("getEmailSMTPDeliveryStatusReportUser", status="Queued", matches=0)["total_matches"] == 0
        )
    return world


@pytest.fixture(scope="module")
def world(backend: str) -> Iterator[World]:
    """A relay server (STARTTLS sink) with mail sent, on the backend."""
    # upload tests use loopback HTTP/SFTP servers; the operator allow-list admits them
    with served(backend, sink="starttls", extra_env={"OPENLUX_OUTBOUND_ALLOWED_NETWORKS": "127.0.0.0/8"}) as world:
        assert world.sink is not None
        yield populate(world.server, world.sink)
