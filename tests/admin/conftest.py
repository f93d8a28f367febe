"""A relay-mode server (STARTTLS sink as relay, loopback DNS) for the DKIM and servers tests."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from openlux.client import Client
from tests.support.cli import create_integration
from tests.support.databases import database_url, drop_postgres_database
from tests.support.dns_server import DnsServer
from tests.support.server import RunningServer, start_server
from tests.support.smtp_sinks import Sink, start_sink


@dataclass
class Relayed:
    """The server, its relay sink and the DNS server it asks."""

    server: RunningServer
    sink: Sink
    dns: DnsServer
    servers_integration: dict[str, Any] | None = None

    def account_api(self) -> Client:
        c = self.server.credentials
        return Client(
            self.server.base_url, c["account_token"], c["account_secret"], account=c["account"], user=c["user"]
        )

    def servers_api(self) -> Client:
        """An account integration whose access map grants the `servers` area (made once)."""
        if self.servers_integration is None:
            self.servers_integration = create_integration(
                self.server, "servers-ops", "--scope", "account", "--access", "servers=write"
            )
        issued = self.servers_integration
        return Client(
            self.server.base_url, issued["token"], issued["secret"], account=self.server.credentials["account"]
        )

    def user_api(self) -> Client:
        c = self.server.credentials
        return Client(self.server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"])


@pytest.fixture(scope="session")
def relayed(backend: str) -> Iterator[Relayed]:
    """One relay-mode server per backend for the admin tests that need delivery or DNS."""
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-admin-{backend}-"))
    url = database_url(backend, str(tmp))
    sink = start_sink("starttls", tls_dir=tmp)
    dns = DnsServer().start()
    server = start_server(
        tmp / "data",
        url,
        extra_env={
            "OPENLUX_DELIVERY_MODE": "relay",
            "OPENLUX_RELAYS": sink.address,
            "OPENLUX_DNS_SERVERS": dns.address,
            "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
            "OPENLUX_DELIVERY_RETRY_BASE_SECONDS": "0.2",
            "OPENLUX_HOSTNAME": "mail.openlux.test",
        },
    )
    try:
        yield Relayed(server, sink, dns)
    finally:
        server.stop()
        sink.stop()
        dns.stop()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)
