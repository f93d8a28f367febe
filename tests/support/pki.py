"""A test certificate authority for loopback TLS servers (SMTP sinks, MTA-STS HTTPS).

One CA per test process (`ca_file()`); `issue()` writes a leaf certificate signed by it, with the
chain (leaf + CA) in the certificate file, so the same file serves a server and, as a CA bundle,
a client. tests/conftest.py points OPENLUX_TLS_CA_FILE at the CA so required TLS can be verified.
`self_signed()` makes one no CA vouches for.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import tempfile
from functools import lru_cache
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

LOOPBACK_IPS = [ipaddress.ip_address(f"127.0.0.{n}") for n in range(1, 40)]
_NOW = dt.datetime.now(dt.UTC)


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


@lru_cache(maxsize=1)
def _ca() -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "OpenLux Test CA")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_NOW - dt.timedelta(days=1))
        .not_valid_after(_NOW + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    path = Path(tempfile.mkdtemp(prefix="openlux-test-ca-")) / "ca.pem"
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert, key, path


def ca_file() -> Path:
    """The test CA's certificate (PEM)."""
    return _ca()[2]


def _leaf(
    names: list[str], issuer: x509.Certificate | None, issuer_key: ec.EllipticCurvePrivateKey | None, ips: bool
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])])
    alt: list[x509.GeneralName] = [x509.DNSName(n) for n in names]
    if ips:
        alt += [x509.IPAddress(ip) for ip in LOOPBACK_IPS]
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_NOW - dt.timedelta(days=1))
        .not_valid_after(_NOW + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key()), critical=False
        )
    return builder.sign(issuer_key or key, hashes.SHA256()), key


def issue(directory: Path, names: list[str], *, ips: bool = True) -> tuple[Path, Path]:
    """A leaf for `names` (and every 127.0.0.x when `ips`) signed by the test CA: (chain file, key file)."""
    ca_cert, ca_key, _path = _ca()
    cert, key = _leaf(names, ca_cert, ca_key, ips)
    directory.mkdir(parents=True, exist_ok=True)
    stem = names[0].replace("*", "star")
    cert_path, key_path = directory / f"{stem}.crt", directory / f"{stem}.key"
    cert_path.write_bytes(
        cert.public_bytes(serialization.Encoding.PEM) + ca_cert.public_bytes(serialization.Encoding.PEM)
    )
    key_path.write_bytes(_pem_key(key))
    return cert_path, key_path


def self_signed(directory: Path, names: list[str]) -> tuple[Path, Path]:
    """A self-signed leaf for `names` and the loopback addresses (no CA vouches for it)."""
    cert, key = _leaf(names, None, None, True)
    directory.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = directory / f"self-{names[0]}.crt", directory / f"self-{names[0]}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(_pem_key(key))
    return cert_path, key_path
