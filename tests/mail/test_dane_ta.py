"""DANE-TA (TLSA usage 2, RFC 7672 §3.1.2) over real sockets: loopback STARTTLS MX sinks and a loopback DNS
server answering the TLSA records with the AD bit. The trust anchor is a private CA that no trust store
knows: the server's certificate must chain to the anchor the record names and be valid for the MX host
name; a certificate from the test CA the delivery trusts for PKIX (OPENLUX_TLS_CA_FILE) is not enough."""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.mail.conftest import Mailbox, recipients_of, running_worker, wait_final
from tests.mail.test_delivery import message, queue
from tests.support import pki
from tests.support.dns_server import DnsServer
from tests.support.smtp_sinks import Sink, free_port, start_sink

# One sink per case, all on one port (mx_port is global), each on its own loopback address.
IPS = {"good": "127.0.0.26", "bare": "127.0.0.27", "wrong": "127.0.0.28", "foreign": "127.0.0.29", "old": "127.0.0.30"}
NOW = dt.datetime.now(dt.UTC)


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _ca(name: str) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = _key()
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def _leaf(
    name: str, issuer: x509.Certificate, issuer_key: ec.EllipticCurvePrivateKey, *, expired: bool = False
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = _key()
    start, end = (
        (NOW - dt.timedelta(days=30), NOW - dt.timedelta(days=1))
        if expired
        else (NOW - dt.timedelta(days=1), NOW + dt.timedelta(days=30))
    )
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(issuer.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key()), critical=False)
        .sign(issuer_key, hashes.SHA256())
    )
    return cert, key


def _write(
    directory: Path, stem: str, chain: list[x509.Certificate], key: ec.EllipticCurvePrivateKey
) -> tuple[Path, Path]:
    cert_path, key_path = directory / f"{stem}.crt", directory / f"{stem}.key"
    cert_path.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def _spki_sha256(cert: x509.Certificate) -> str:
    spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


@dataclass
class World:
    port: int
    sinks: dict[str, Sink]
    hosts: dict[str, str]  # case → its MX host name (TLSA published, authenticated)


@pytest.fixture(scope="module")
def dane_ta(dns_server: DnsServer) -> Iterator[World]:
    tmp = Path(tempfile.mkdtemp(prefix="openlux-dane-ta-"))
    anchor, anchor_key = _ca("Private DANE anchor")  # in no trust store
    tag = uuid.uuid4().hex[:6]
    hosts = {kind: f"{kind}.mx-{tag}.dane-ta.test" for kind in IPS}
    certs = {}
    leaf, key = _leaf(hosts["good"], anchor, anchor_key)
    certs["good"] = _write(tmp, "good", [leaf, anchor], key)  # the anchor is sent (RFC 7672 §3.1.2)
    leaf, key = _leaf(hosts["bare"], anchor, anchor_key)
    certs["bare"] = _write(tmp, "bare", [leaf], key)  # not sent: only `2 0 0` (the full anchor) can work
    leaf, key = _leaf("somebody-else.test", anchor, anchor_key)
    certs["wrong"] = _write(tmp, "wrong", [leaf, anchor], key)
    certs["foreign"] = pki.issue(tmp / "foreign", [hosts["foreign"]], ips=False)  # PKIX-valid, another CA
    leaf, key = _leaf(hosts["old"], anchor, anchor_key, expired=True)
    certs["old"] = _write(tmp, "old", [leaf, anchor], key)
    port = free_port(IPS["good"])
    sinks = {kind: start_sink("starttls", host=IPS[kind], port=port, cert=certs[kind]) for kind in IPS}
    digest = f"2 1 1 {_spki_sha256(anchor)}"
    full = f"2 0 0 {anchor.public_bytes(serialization.Encoding.DER).hex()}"
    for kind, host in hosts.items():
        dns_server.add(host, "A", IPS[kind])
        name = f"_{port}._tcp.{host}"
        dns_server.add(name, "TLSA", full if kind == "bare" else digest)
        dns_server.authenticated.add(name)
    try:
        yield World(port, sinks, hosts)
    finally:
        for sink in sinks.values():
            sink.stop()


async def _deliver(mailbox: Mailbox, to: str, **extra: object) -> str:
    ids = await queue(mailbox, message(to, **extra))
    async with running_worker(mailbox.ctx):
        await wait_final(mailbox.ctx, ids)
    [rcpt] = await recipients_of(mailbox.ctx, ids[0])
    return f"{rcpt.state}/{rcpt.method}"


def _reached(sink: Sink, address: str) -> bool:
    return any(address in m.rcpt_tos and b"Your results are ready." in m.data for m in sink.messages)


async def test_dane_ta_chains_to_the_named_anchor_and_checks_the_mx_name(
    mailbox: Mailbox, dns_server: DnsServer, dane_ta: World
) -> None:
    t = uuid.uuid4().hex[:6]
    mailbox.configure(delivery_mode="mx", mx_port=dane_ta.port, tls_ca_file=pki.ca_file())
    domains = {kind: f"{kind}-{t}.test" for kind in IPS}
    for kind, domain in domains.items():
        dns_server.add(domain, "MX", f"10 {dane_ta.hosts[kind]}.")
    # A certificate for the MX name chaining to the anchor: TLS is a must, and it is enough (no public CA).
    assert await _deliver(mailbox, f"pat@{domains['good']}", tls_policy="required") == "sent/tls"
    assert _reached(dane_ta.sinks["good"], f"pat@{domains['good']}")
    # `2 0 0` carries the anchor itself, so a server that sends only its leaf is still authenticated.
    assert await _deliver(mailbox, f"pat@{domains['bare']}") == "sent/tls"
    # Signed by the anchor but for another name; valid for the name but from a CA the record does not name
    # (even one the PKIX trust store accepts); expired: never delivered, not even for an opportunistic message.
    for kind in ("wrong", "foreign", "old"):
        address = f"pat@{domains[kind]}"
        assert await _deliver(mailbox, address) == "escrowed/escrow", kind
        assert not _reached(dane_ta.sinks[kind], address), kind
