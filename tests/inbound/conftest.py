"""Inbound fixtures: one relay-mode `openlux serve` per backend with a sink, and SMTP helpers."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import aiosmtplib
import pytest

from openlux.client import Client
from tests.support.databases import database_url, drop_postgres_database
from tests.support.dbquery import fetch_all
from tests.support.dns_server import DnsServer
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
        return Client(
            self.server.base_url, c["account_token"], c["account_secret"], account=c["account"], user=c["user"]
        )


@pytest.fixture(scope="session")
def world(backend: str) -> Iterator[World]:
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-inbound-{backend}-"))
    url = database_url(backend, str(tmp))
    sink = start_sink("plain")
    dns = DnsServer().start()  # SPF checks of inbound senders ask it (never the machine's resolver)
    server = start_server(
        tmp / "data",
        url,
        extra_env={
            "OPENLUX_DELIVERY_MODE": "relay",
            "OPENLUX_RELAYS": sink.address,
            "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
            "OPENLUX_HOSTNAME": "mx.openlux.test",
            "OPENLUX_DNS_SERVERS": dns.address,
        },
    )
    try:
        yield World(server, sink)
    finally:
        server.stop()
        sink.stop()
        dns.stop()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


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
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = [m for m in world.sink.messages if predicate(m)]
        if found:
            return found
        await asyncio.sleep(0.05)
    return []


async def query(world: World, sql: str) -> list[dict]:
    return await asyncio.to_thread(fetch_all, world.server.database_url, sql)
