"""A small mail world on loopback for SecureLine tests: a DNS server and four kinds of MX.

    tls.test      MX sink.test      → STARTTLS sink (self-signed; its certificate is the test CA)
    refuse.test   MX mx.refuse.test → advertises STARTTLS, answers 454
    plain.test    MX mx.plain.test  → no STARTTLS (receives escrow notices and codes)
    down.test     MX mx.down.test   → nothing listens
    mixed.test    MX 10 mx.plain.test (no STARTTLS), MX 20 sink.test (STARTTLS)
    nomx.test     a TXT record only; implicit.test an A record only

All sinks share one port on different 127.0.0.x addresses, so OPENLUX_MX_PORT reaches each.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.dns_server import DnsServer
from tests.support.smtp_sinks import Sink, free_port, start_sink, tls_files

HOSTS = {"tls": "127.0.0.21", "refuse": "127.0.0.22", "plain": "127.0.0.23", "down": "127.0.0.24"}


@dataclass
class MailWorld:
    dns: DnsServer
    port: int
    ca_file: Path
    sinks: dict[str, Sink]

    def env(self) -> dict[str, str]:
        """Server settings that route MX lookups and connections into this world."""
        return {
            "OPENLUX_DNS_SERVERS": self.dns.address,
            "OPENLUX_MX_PORT": str(self.port),
            "OPENLUX_TLS_CA_FILE": str(self.ca_file),
            "OPENLUX_TLS_CHECK_TIMEOUT_SECONDS": "5",
        }


@pytest.fixture(scope="session")
def mail_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailWorld]:
    """The DNS server and sinks, for the whole session."""
    tls_dir = tmp_path_factory.mktemp("secureline-tls")
    port = free_port(HOSTS["tls"])
    sinks = {
        "tls": start_sink("starttls", host=HOSTS["tls"], port=port, tls_dir=tls_dir),
        "refuse": start_sink("refuse_starttls", host=HOSTS["refuse"], port=port, tls_dir=tls_dir),
        "plain": start_sink("plain", host=HOSTS["plain"], port=port),
    }
    dns = DnsServer().start()
    dns.add_mx("tls.test", "sink.test", HOSTS["tls"])
    dns.add_mx("refuse.test", "mx.refuse.test", HOSTS["refuse"])
    dns.add_mx("plain.test", "mx.plain.test", HOSTS["plain"])
    dns.add_mx("down.test", "mx.down.test", HOSTS["down"])
    dns.add("mixed.test", "MX", "10 mx.plain.test.", "20 sink.test.")
    dns.add("nomx.test", "TXT", '"v=spf1 -all"')
    dns.add("implicit.test", "A", HOSTS["plain"])
    cert, _key = tls_files(tls_dir)
    try:
        yield MailWorld(dns, port, cert, sinks)
    finally:
        dns.stop()
        for sink in sinks.values():
            sink.stop()
