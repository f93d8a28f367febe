"""A relay-mode server with mail already sent through the API and SMTP, shared by the report tests."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosmtplib
import pytest

from openlux.client import Client
from tests.support.databases import database_url, drop_postgres_database
from tests.support.server import RunningServer, start_server
from tests.support.smtp_sinks import Sink, start_sink

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
        c = self.server.credentials
        return Client(self.server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"])

    def account_client(self, user: str | None = None) -> Client:
        c = self.server.credentials
        return Client(
            self.server.base_url, c["account_token"], c["account_secret"], account=c["account"], user=user or c["user"]
        )


def wait_until(check: Any, timeout: float = 30.0) -> Any:
    """Poll `check()` until it returns something truthy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def smtp_submit(server: RunningServer, password: str, login: str = "") -> None:
    """Send SMTP_MESSAGE through the submission port (STARTTLS + AUTH)."""
    asyncio.run(
        aiosmtplib.send(
            SMTP_MESSAGE,
            sender="admin@example.com",
            recipients=["smtp-rcpt@example.org"],
            hostname="127.0.0.1",
            port=int(server.env["OPENLUX_SUBMISSION_PORT"]),
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
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-reports-{backend}-"))
    url = database_url(backend, str(tmp))
    sink = start_sink("starttls", tls_dir=tmp)
    server = start_server(
        tmp / "data",
        url,
        extra_env={
            "OPENLUX_DELIVERY_MODE": "relay",
            "OPENLUX_RELAYS": sink.address,
            "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
            # upload tests use loopback HTTP/SFTP servers; the operator allow-list admits them
            "OPENLUX_OUTBOUND_ALLOWED_NETWORKS": "127.0.0.0/8",
        },
    )
    try:
        yield populate(server, sink)
    finally:
        server.stop()
        sink.stop()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)
