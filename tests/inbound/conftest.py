"""Inbound fixtures: one relay-mode `openlux serve` per backend with a sink, and SMTP helpers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import aiosmtplib
import pytest

from openlux.client import Client
from tests.support.dbquery import fetch_all
from tests.support.dns_server import DnsServer
from tests.support.polling import wait_until_async
from tests.support.server import RunningServer, served
from tests.support.smtp_sinks import Sink


@dataclass
class World:
    """The server, its sink and the SDK clients."""

    server: RunningServer
    sink: Sink

    @property
    def port(self) -> int:
        return self.server.inbound_port

    @property
    def login(self) -> str:
        return self.server.credentials["user"]

    def user_api(self) -> Client:
        return self.server.user_api()

    def account_api(self) -> Client:
        return self.server.account_api()


@pytest.fixture(scope="session")
def world(backend: str) -> Iterator[World]:
    # SPF checks of inbound senders ask the loopback DNS server (never the machine's resolver)
    with (
        DnsServer() as dns,
        served(
            backend, sink="plain", extra_env={"OPENLUX_HOSTNAME": "mx.openlux.test", "OPENLUX_DNS_SERVERS": dns.address}
        ) as served_world,
    ):
        assert served_world.sink is not None
        yield World(served_world.server, served_world.sink)


def make_message(sender: str, to: str, subject: str, extra: str = "") -> str:
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{uuid.uuid4().hex}@remote.test>\r\n"
        f"{extra}\r\nHello {subject}\r\n"
    )


async def smtp_send(world: World, sender: str, rcpts: list[str], data: str) -> None:
    """One transaction; an empty sender is the null reverse path (a bounce)."""
    smtp = aiosmtplib.SMTP(hostname="127.0.0.1", port=world.port, start_tls=False, use_tls=False, timeout=10)
    async with smtp:
        await smtp.sendmail(sender, rcpts, data)


async def wait_sink(world: World, predicate, timeout: float = 10.0) -> list:
    """Messages of the sink matching `predicate` (waits for at least one; [] after `timeout`)."""
    try:
        return await wait_until_async(lambda: [m for m in world.sink.messages if predicate(m)], timeout=timeout)
    except AssertionError:
        return []


async def query(world: World, sql: str) -> list[dict]:
    return await asyncio.to_thread(fetch_all, world.server.database_url, sql)
