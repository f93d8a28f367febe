"""HTTPS for the API listener: the operator's certificate files, or a local CA that OpenLux makes.

LuxSci's own clients hard-code `https://` (the PHP client also the host rest.luxsci.com). For
development OpenLux generates a small CA (data_dir/tls/ca.crt) and a server certificate for the
configured names; users are told to trust that CA, so it carries X.509 name constraints
(RFC 5280 §4.2.1.10) that limit it to exactly those names: a leaked CA key cannot mint a
certificate for any other site. Production installs use their own certificate or a reverse proxy.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from openlux.config import Settings

CA_DAYS = 3650
SERVER_DAYS = 397  # the CA/B forum's maximum, so browsers accept it too


@dataclass(frozen=True, slots=True)
class TlsFiles:
    """What uvicorn needs (cert chain and key) and, for a generated certificate, the CA to trust."""

    cert: Path
    key: Path
    ca: Path | None = None


def _names(text: str) -> tuple[list[str], list[ipaddress.IPv4Address | ipaddress.IPv6Address]]:
    dns, ips = [], []
    for raw in (part.strip() for part in text.split(",")):
        if not raw:
            continue
        try:
            ips.append(ipaddress.ip_address(raw))
        except ValueError:
            dns.append(raw.lower().rstrip("."))
    return dns, ips


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )


def _network(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    return ipaddress.ip_network(f"{ip}/{ip.max_prefixlen}")


def make_local_ca(directory: Path, names: str) -> TlsFiles:
    """A name-constrained CA and a server certificate for `names` in `directory` (keys 0600)."""
    dns, ips = _names(names)
    if not dns and not ips:
        raise ValueError("tls_names must list at least one DNS name or IP address")
    directory.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "OpenLux local CA"),
            x509.NameAttribute(
                NameOID.COMMON_NAME, f"OpenLux local CA for {', '.join(dns + [str(i) for i in ips])}"[:64]
            ),
        ]
    )
    constraints = x509.NameConstraints(
        permitted_subtrees=[*(x509.DNSName(n) for n in dns), *(x509.IPAddress(_network(i)) for i in ips)],
        excluded_subtrees=None,
    )
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(constraints, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, (dns or [str(ips[0])])[0])])
    alt = x509.SubjectAlternativeName([*(x509.DNSName(n) for n in dns), *(x509.IPAddress(i) for i in ips)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=SERVER_DAYS))
        .add_extension(alt, critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    files = TlsFiles(directory / "https.crt", directory / "https.key", directory / "ca.crt")
    _write_key(directory / "ca.key", ca_key)
    _write_key(files.key, key)
    assert files.ca is not None
    files.ca.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM) + ca.public_bytes(serialization.Encoding.PEM))
    (directory / "names").write_text(names)
    return files


def https_files(settings: Settings) -> TlsFiles | None:
    """The certificate the HTTP listener serves, or None for plain HTTP.

    Operator files win; otherwise, with `tls` on, the local CA in data_dir/tls (made once, and
    again when tls_names change).
    """
    if settings.tls_cert is not None and settings.tls_key is not None:
        return TlsFiles(settings.tls_cert, settings.tls_key)
    if not settings.tls:
        return None
    directory = settings.data_dir / "tls"
    files = TlsFiles(directory / "https.crt", directory / "https.key", directory / "ca.crt")
    names_file = directory / "names"
    if (
        files.cert.exists()
        and files.key.exists()
        and names_file.exists()
        and names_file.read_text() == settings.tls_names
    ):
        return files
    return make_local_ca(directory, settings.tls_names)
