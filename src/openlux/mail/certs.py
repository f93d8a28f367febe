"""TLS certificates for our SMTP listeners: the configured PEM pair, or a self-signed one in the data dir."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import ssl
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from openlux.config import Settings

SELF_SIGNED_DAYS = 825  # CA/B forum's former maximum; long enough for a dev install


def write_self_signed(cert_path: Path, key_path: Path, hostname: str) -> None:
    """Create a self-signed P-256 certificate for `hostname` (and 127.0.0.1); key file 0600."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostname)])
    now = dt.datetime.now(dt.UTC)
    alt = x509.SubjectAlternativeName([x509.DNSName(hostname), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=SELF_SIGNED_DAYS))
        .add_extension(alt, critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(
            key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
        )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def server_context(cert_path: Path, key_path: Path) -> ssl.SSLContext:
    """A server-side TLS context (TLS 1.2+) for STARTTLS."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(str(cert_path), str(key_path))
    return context


def listener_context(settings: Settings) -> ssl.SSLContext:
    """The STARTTLS context of our SMTP listeners: configured files, else data_dir/tls/smtp.{crt,key}."""
    cert, key = settings.smtp_tls_cert, settings.smtp_tls_key
    if cert is None or key is None:
        tls_dir = Path(settings.data_dir) / "tls"
        cert, key = tls_dir / "smtp.crt", tls_dir / "smtp.key"
        if not (cert.exists() and key.exists()):
            write_self_signed(cert, key, settings.hostname)
    return server_context(Path(cert), Path(key))
