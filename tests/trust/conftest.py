"""Mail-plane trust fixtures: one relay-mode server per backend with a loopback DNS server, a relay
sink, and a second account (the attacker's or a neighbour's) made with the bootstrap functions."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import aiosmtplib
import pytest

from openlux.client import Client
from tests.support.dbquery import fetch_all, on_server_db
from tests.support.dns_server import DnsServer
from tests.support.polling import wait_until_async
from tests.support.server import RunningServer, served
from tests.support.smtp_sinks import Received, Sink

PASSWORD = "Correct-Horse-2024"


@dataclass
class Trust:
    """The server (account 1 from `openlux init`), its sink and DNS, and account 2's credentials."""

    server: RunningServer
    sink: Sink
    dns: DnsServer
    other: dict[str, Any] = field(default_factory=dict)

    @property
    def login(self) -> str:
        return self.server.credentials["user"]

    @property
    def domain(self) -> str:
        return self.login.rsplit("@", 1)[1]

    @property
    def inbound_port(self) -> int:
        return int(self.server.env["OPENLUX_INBOUND_PORT"])

    @property
    def submission_port(self) -> int:
        return int(self.server.env["OPENLUX_SUBMISSION_PORT"])

    def user_api(self, login: str | None = None, password: str = PASSWORD) -> Client:
        c = self.server.credentials
        return Client(
            self.server.base_url,
            c["user_token"],
            c["user_secret"],
            user=login or c["user"],
            password=password if login else c["password"],
        )

    def account_api(self) -> Client:
        c = self.server.credentials
        return Client(
            self.server.base_url, c["account_token"], c["account_secret"], account=c["account"], user=c["user"]
        )

    def other_user_api(self, login: str | None = None) -> Client:
        o = self.other
        return Client(
            self.server.base_url, o["user_token"], o["user_secret"], user=login or o["user"], password=PASSWORD
        )

    def other_account_api(self) -> Client:
        o = self.other
        return Client(
            self.server.base_url, o["account_token"], o["account_secret"], account=o["account"], user=o["user"]
        )


@pytest.fixture(scope="session")
def trust(backend: str) -> Iterator[Trust]:
    with (
        DnsServer() as dns,
        served(
            backend,
            sink="plain",
            extra_env={"OPENLUX_DNS_SERVERS": dns.address, "OPENLUX_HOSTNAME": "mx.openlux.test"},
        ) as world,
    ):
        assert world.sink is not None
        trust = Trust(world.server, world.sink, dns)
        trust.other = on_server_db(world.server, _second_account)
        yield trust


async def _second_account(session: Any, ctx: Any) -> dict[str, Any]:
    """Account 2 with user bob@neighbour.test (created by the operator: its domain counts as verified)."""
    from openlux.accounts.bootstrap import create_account, create_integration, create_user

    account = await create_account(session, "Neighbour")
    user = await create_user(session, account, "bob@neighbour.test", PASSWORD, admin=True)
    account_int = await create_integration(session, ctx, account, name="acct", scope="account", per_minute=0, per_day=0)
    user_int = await create_integration(session, ctx, account, name="user", scope="user", per_minute=0, per_day=0)
    return {
        "account": str(account.id),
        "user": user.login,
        "account_token": account_int.token,
        "account_secret": account_int.secret,
        "user_token": user_int.token,
        "user_secret": user_int.secret,
    }


def tag() -> str:
    return uuid.uuid4().hex[:8]


def message(sender: str, to: str, subject: str, extra: str = "") -> str:
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{uuid.uuid4().hex}@remote.test>\r\n"
        f"Date: Sat, 28 Nov 2026 08:00:00 +0000\r\n{extra}\r\nHello {subject}\r\n"
    )


async def inbound(world: Trust, sender: str, rcpts: list[str], data: str, *, starttls: bool = False) -> None:
    """One unauthenticated transaction on the inbound port (an outside MTA, or an attacker)."""
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=world.inbound_port, start_tls=False, use_tls=False, timeout=10)
    async with smtp:
        if starttls:
            await smtp.starttls(validate_certs=False)
        await smtp.sendmail(sender, rcpts, data)


async def submit(world: Trust, login: str, password: str, sender: str, rcpts: list[str], data: str) -> None:
    """Authenticated SMTP submission (STARTTLS, AUTH)."""
    await aiosmtplib.send(
        data,
        sender=sender,
        recipients=rcpts,
        hostname="127.0.0.1",
        port=world.submission_port,
        start_tls=True,
        validate_certs=False,
        username=login,
        password=password,
        timeout=20,
    )


async def delivered(world: Trust, predicate: Any, timeout: float = 15.0) -> list[Received]:
    """The sink's messages matching `predicate`, once there is at least one (AssertionError after `timeout`)."""
    return await wait_until_async(
        lambda: [m for m in list(world.sink.messages) if predicate(m)], timeout=timeout, what="a matching message"
    )


async def query(world: Trust, sql: str) -> list[dict]:
    return await asyncio.to_thread(fetch_all, world.server.database_url, sql)
