"""A relay-mode server (STARTTLS sink as relay, loopback DNS) for the DKIM and servers tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from openlux.client import Client
from tests.support.dns_server import DnsServer
from tests.support.server import RunningServer, served
from tests.support.smtp_sinks import Sink


@dataclass
class Relayed:
    """The server, its relay sink and the DNS server it asks."""

    server: RunningServer
    sink: Sink
    dns: DnsServer

    def account_api(self) -> Client:
        return self.server.account_api()

    def user_api(self) -> Client:
        return self.server.user_api()


@pytest.fixture(scope="session")
def relayed(backend: str) -> Iterator[Relayed]:
    """One relay-mode server per backend for the admin tests that need delivery or DNS."""
    with DnsServer() as dns, served(backend, sink="starttls", extra_env={
            "OPENLUX_DNS_SERVERS": dns.address, "OPENLUX_DELIVERY_RETRY_BASE_SECONDS": "0.2",
            "OPENLUX_HOSTNAME": "mail.openlux.test"}) as world:
        assert world.sink is not None
        yield Relayed(world.server, world.sink, dns)
