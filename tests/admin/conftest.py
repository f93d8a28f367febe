"""A relay-mode server (STARTTLS sink as relay, loopback DNS) for the DKIM and servers tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from openlux.client import Client
from tests.support.cli import create_integration
from tests.support.dns_server import DnsServer
from tests.support.server import RunningServer, served
from tests.support.smtp_sinks import Sink


@dataclass
class Relayed:
    """The server, its relay sink and the DNS server it asks."""

    server: RunningServer
    sink: Sink
    dns: DnsServer
    servers_integration: dict[str, Any] | None = None

    def account_api(self) -> Client:
        return self.server.account_api()

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
        return self.server.user_api()


@pytest.fixture(scope="session")
def relayed(backend: str) -> Iterator[Relayed]:
    """One relay-mode server per backend for the admin tests that need delivery or DNS."""
    with (
        DnsServer() as dns,
        served(
            backend,
            sink="starttls",
            extra_env={
                "OPENLUX_DNS_SERVERS": dns.address,
                "OPENLUX_DELIVERY_RETRY_BASE_SECONDS": "0.2",
                "OPENLUX_HOSTNAME": "mail.openlux.test",
            },
        ) as world,
    ):
        assert world.sink is not None
        yield Relayed(world.server, world.sink, dns)
