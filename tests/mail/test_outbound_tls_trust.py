"""Outbound TLS that cannot be intercepted (mail-trust issue, item 7), over real sockets: loopback MX sinks
with a good, a wrong-name and a self-signed certificate, a loopback DNS server (TLSA with and without
the AD bit) and a loopback HTTPS server for MTA-STS policies."""

from __future__ import annotations

import hashlib
import http.server
import ssl
import tempfile
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from openlux.core import time as clock
from openlux.mail import tlsrpt
from tests.mail.conftest import Mailbox, recipients_of, running_worker, wait_final
from tests.mail.test_delivery import message, queue
from tests.support import pki
from tests.support.dns_server import DnsServer
from tests.support.https_server import TlsThreadingHTTPServer
from tests.support.smtp_sinks import Sink, free_port, start_sink

IPS = {"good": "127.0.0.31", "wrong": "127.0.0.32", "self": "127.0.0.33"}


@dataclass
class Mxs:
    port: int
    sinks: dict[str, Sink]
    names: dict[str, str]
    self_signed_cert: Path


@pytest.fixture(scope="module")
def mxs() -> Iterator[Mxs]:
    """Three STARTTLS MX sinks on one port: test-CA certificate for its name, for another name, self-signed."""
    tmp = Path(tempfile.mkdtemp(prefix="openlux-mxtls-"))
    port = free_port(IPS["good"])
    names = {"good": "mx.good.test", "wrong": "mx.wrong.test", "self": "mx.self.test"}
    certs = {
        "good": pki.issue(tmp, [names["good"]], ips=False),
        "wrong": pki.issue(tmp, ["somebody-else.test"], ips=False),
        "self": pki.self_signed(tmp, [names["self"]]),
    }
    sinks = {kind: start_sink("starttls", host=IPS[kind], port=port, cert=certs[kind]) for kind in IPS}
    try:
        yield Mxs(port, sinks, names, certs["self"][0])
    finally:
        for sink in sinks.values():
            sink.stop()


def _route(dns: DnsServer, mxs: Mxs, domain: str, kind: str) -> None:
    dns.add_mx(domain, mxs.names[kind], IPS[kind])


def _configure(mailbox: Mailbox, mxs: Mxs, **extra: object) -> None:
    mailbox.configure(delivery_mode="mx", mx_port=mxs.port, tls_ca_file=pki.ca_file(), **extra)


async def _deliver(mailbox: Mailbox, to: str, **extra: object) -> str:
    ids = await queue(mailbox, message(to, **extra))
    async with running_worker(mailbox.ctx):
        await wait_final(mailbox.ctx, ids)
    [rcpt] = await recipients_of(mailbox.ctx, ids[0])
    return f"{rcpt.state}/{rcpt.method}"


def _content_reached(sink: Sink, address: str) -> bool:
    return any(address in m.rcpt_tos and b"Your results are ready." in m.data for m in sink.messages)


async def test_required_tls_verifies_name_and_chain_and_escrows_otherwise(
    mailbox: Mailbox, dns_server: DnsServer, mxs: Mxs
) -> None:
    t = uuid.uuid4().hex[:6]
    assert mailbox.ctx.settings.delivery_tls_verify is False  # the default: required TLS verifies anyway
    _configure(mailbox, mxs)
    for kind in IPS:
        _route(dns_server, mxs, f"{kind}-{t}.test", kind)
    assert await _deliver(mailbox, f"pat@good-{t}.test", tls_policy="required") == "sent/tls"
    assert _content_reached(mxs.sinks["good"], f"pat@good-{t}.test")
    for kind in ("wrong", "self"):
        address = f"pat@{kind}-{t}.test"
        assert await _deliver(mailbox, address, tls_policy="required") == "escrowed/escrow"
        assert not _content_reached(mxs.sinks[kind], address)  # never to the interceptor, never in clear
    # Opportunistic TLS stays opportunistic (MTA practice) when no policy asks for more.
    assert await _deliver(mailbox, f"pat@self-{t}.test") == "sent/tls"


@dataclass
class StsServer:
    """A loopback HTTPS server answering MTA-STS policy requests by Host, one test-CA certificate per name."""

    port: int
    tmp: Path
    policies: dict[str, str]
    contexts: dict[str, ssl.SSLContext]

    def publish(self, dns: DnsServer, domain: str, policy: str, policy_id: str = "1") -> None:
        host = f"mta-sts.{domain}"
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*map(str, pki.issue(self.tmp, [host], ips=False)))
        self.contexts[host] = context
        self.policies[host] = policy
        dns.add(host, "A", "127.0.0.1")
        dns.add_txt(f"_mta-sts.{domain}", f"v=STSv1; id={policy_id}")


@pytest.fixture(scope="module")
def sts_server() -> Iterator[StsServer]:
    tmp = Path(tempfile.mkdtemp(prefix="openlux-sts-"))
    policies: dict[str, str] = {}
    contexts: dict[str, ssl.SSLContext] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = policies.get((self.headers.get("Host") or "").split(":")[0])
            if self.path != "/.well-known/mta-sts.txt" or body is None:
                self.send_response(404)
                self.end_headers()
                return
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            return None

    base = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    base.load_cert_chain(*map(str, pki.issue(tmp, ["mta-sts.default.test"], ips=False)))

    def pick(sock: ssl.SSLObject, name: str | None, _ctx: ssl.SSLContext) -> None:
        if name in contexts:
            sock.context = contexts[name]

    base.sni_callback = pick
    httpd = TlsThreadingHTTPServer(("127.0.0.1", 0), Handler, base)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield StsServer(httpd.server_address[1], tmp, policies, contexts)
    finally:
        httpd.shutdown()
        httpd.server_close()


async def test_mta_sts_enforce_refuses_a_wrong_certificate_and_is_reported(
    mailbox: Mailbox, dns_server: DnsServer, mxs: Mxs, sts_server: StsServer
) -> None:
    t = uuid.uuid4().hex[:6]
    strict, fine = f"sts-{t}.test", f"stsok-{t}.test"
    dns_server.add_mx(strict, f"mx.{strict}", IPS["wrong"])  # an interceptor answering on the MX's address
    dns_server.add_mx(fine, mxs.names["good"], IPS["good"])
    sts_server.publish(dns_server, strict, f"version: STSv1\nmode: enforce\nmx: mx.{strict}\nmax_age: 86400\n")
    sts_server.publish(dns_server, fine, "version: STSv1\nmode: enforce\nmx: *.good.test\nmax_age: 86400\n")
    _configure(mailbox, mxs, mta_sts_port=sts_server.port)
    # An opportunistic message: the recipient domain's policy makes TLS a must, so no plaintext, no interceptor.
    assert await _deliver(mailbox, f"pat@{strict}") == "escrowed/escrow"
    assert not _content_reached(mxs.sinks["wrong"], f"pat@{strict}")
    assert await _deliver(mailbox, f"pat@{fine}") == "sent/tls"
    async with mailbox.ctx.db.sessions() as session:
        report = await tlsrpt.daily_report(
            session, account_id=mailbox.account_id, day=clock.utcnow().date(), contact="postmaster@example.com"
        )
    by_domain = {p["policy"]["policy-domain"]: p for p in report["policies"] if p["policy"]["policy-type"] == "sts"}
    assert by_domain[strict]["summary"]["total-failure-session-count"] >= 1
    assert by_domain[strict]["failure-details"][0]["result-type"] == "certificate-host-mismatch"
    assert by_domain[fine]["summary"] == {"total-successful-session-count": 1, "total-failure-session-count": 0}
    assert "mode: enforce" in by_domain[fine]["policy"]["policy-string"]


def _spki_sha256(cert_path: Path) -> str:
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


async def test_dane_tlsa_is_honoured_only_when_authenticated(mailbox: Mailbox, dns_server: DnsServer, mxs: Mxs) -> None:
    t = uuid.uuid4().hex[:6]
    pinned, mismatched, unsigned = f"dane-{t}.test", f"danebad-{t}.test", f"daneno-{t}.test"
    for domain in (pinned, mismatched, unsigned):
        dns_server.add_mx(domain, f"mx.{domain}", IPS["self"])
    good_hash, bad_hash = _spki_sha256(mxs.self_signed_cert), "00" * 32
    for domain, digest, authenticated in (
        (pinned, good_hash, True),
        (mismatched, bad_hash, True),
        (unsigned, bad_hash, False),
    ):
        name = f"_{mxs.port}._tcp.mx.{domain}"
        dns_server.add(name, "TLSA", f"3 1 1 {digest}")
        if authenticated:
            dns_server.authenticated.add(name)
    _configure(mailbox, mxs)
    # DANE-EE: the self-signed certificate is exactly what the domain pinned, so it is trusted (no PKIX).
    assert await _deliver(mailbox, f"pat@{pinned}", tls_policy="required") == "sent/tls"
    # A pinned key that does not match: never delivered, even for an opportunistic message.
    assert await _deliver(mailbox, f"pat@{mismatched}") == "escrowed/escrow"
    assert not _content_reached(mxs.sinks["self"], f"pat@{mismatched}")
    # Without the AD bit the records cannot be trusted and are ignored (opportunistic TLS as before).
    assert await _deliver(mailbox, f"pat@{unsigned}") == "sent/tls"
