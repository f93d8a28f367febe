"""PGP/MIME (RFC 3156) and S/MIME (RFC 8551) encryption of a composed message, plus key parsing.

Everything here is synchronous and CPU-bound: callers run it through `asyncio.to_thread`.
The RFC 5322 headers (From, To, Subject, Date, Message-ID …) stay outside the encrypted part so
the message can still be routed and threaded; the MIME entity (Content-* headers and body) is
what gets encrypted, as both RFCs prescribe.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.utils import CryptographyDeprecationWarning

from openlux.core import time as clock

CRLF = b"\r\n"
# Headers that describe the MIME entity and therefore travel inside the ciphertext.
_ENTITY_PREFIX = b"content-"
_DROPPED = (b"mime-version",)  # re-added once on the outer message


_PGPY_LOCK = threading.Lock()


@contextmanager
def _pgpy() -> Iterator[None]:
    """PGPy 0.6 reads cryptography's deprecated TripleDES on every operation; keep that warning quiet.

    warnings.catch_warnings is process-global, so PGPy work is serialised while it is in force.
    """
    with _PGPY_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        warnings.simplefilter("ignore", DeprecationWarning)  # pgpy imports imghdr (deprecated in 3.11)
        yield


class UnusableKey(ValueError):
    """A key or certificate that cannot be used for encryption; the message says why."""


@dataclass(frozen=True, slots=True)
class ParsedKey:
    """A validated public key: kind, fingerprint, expiry, normalised text, addresses it names."""

    kind: str
    fingerprint: str
    expires_at: datetime | None
    material: str
    addresses: tuple[str, ...]


def _canonical(data: bytes) -> bytes:
    """CRLF line ends everywhere (RFC 3156 §3 and RFC 8551 §3.1.1 canonical form)."""
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", CRLF)


def split_entity(mime: bytes) -> tuple[list[bytes], bytes]:
    """(outer header lines, inner MIME entity) of a message; folded headers kept whole."""
    data = _canonical(mime)
    head, sep, body = data.partition(CRLF + CRLF)
    if not sep:
        head, body = data, b""
    headers: list[bytes] = []
    for line in head.split(CRLF):
        if line[:1] in (b" ", b"\t") and headers:
            headers[-1] += CRLF + line
        elif line:
            headers.append(line)
    outer, inner = [], []
    for header in headers:
        name = header.split(b":", 1)[0].strip().lower()
        if name.startswith(_ENTITY_PREFIX):
            inner.append(header)
        elif name not in _DROPPED:
            outer.append(header)
    if not any(h.lower().startswith(b"content-type:") for h in inner):
        inner.insert(0, b"Content-Type: text/plain; charset=us-ascii")  # RFC 2045 §5.2 default
    return outer, CRLF.join(inner) + CRLF + CRLF + body


def parse_pgp_key(text: str) -> ParsedKey:
    """Validate an ASCII-armoured OpenPGP public key that can encrypt."""
    with _pgpy():
        return _parse_pgp_key(text)


def _parse_pgp_key(text: str) -> ParsedKey:
    import pgpy
    from pgpy.constants import KeyFlags

    try:
        key, _ = pgpy.PGPKey.from_blob(text.strip())
    except Exception as exc:  # noqa: BLE001 - PGPy raises a zoo of types for bad input
        raise UnusableKey(f"not an OpenPGP public key ({exc.__class__.__name__})") from None
    if not key.is_public:
        raise UnusableKey("a private key was given; register the public key only")
    usable = {KeyFlags.EncryptCommunications, KeyFlags.EncryptStorage}
    if not any(usable & set(_key_flags(k)) for k in [key, *key.subkeys.values()]):
        raise UnusableKey("the key has no encryption-capable (sub)key")
    expires = key.expires_at
    if expires is not None:
        expires = expires.replace(tzinfo=UTC) if expires.tzinfo is None else expires.astimezone(UTC)
        if expires <= clock.utcnow():
            raise UnusableKey("the key has expired")
    addresses = tuple(uid.email.lower() for uid in key.userids if getattr(uid, "email", ""))
    return ParsedKey("pgp", str(key.fingerprint).replace(" ", "").upper(), expires, str(key), addresses)


def _key_flags(key: object) -> set[object]:
    """The key-usage flags a (sub)key's self-signature grants."""
    try:
        return set(key._get_key_flags())  # type: ignore[attr-defined]  # PGPy exposes no public accessor
    except Exception:  # noqa: BLE001 - a private PGPy helper: any failure means no usable flags
        return set()


def parse_smime_certificate(data: bytes) -> ParsedKey:
    """Validate a PEM or DER X.509 certificate with an RSA key, usable for S/MIME encryption."""
    try:
        cert = x509.load_pem_x509_certificate(data) if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
    except ValueError:
        raise UnusableKey("not a PEM or DER X.509 certificate") from None
    # cryptography's PKCS7EnvelopeBuilder encrypts to RSA recipients only.
    if not isinstance(cert.public_key(), rsa.RSAPublicKey):
        raise UnusableKey("only RSA certificates can be used for S/MIME encryption")
    now = clock.utcnow()
    if cert.not_valid_after_utc <= now:
        raise UnusableKey("the certificate has expired")
    addresses: list[str] = []
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        addresses = [a.lower() for a in san.get_values_for_type(x509.RFC822Name)]
    except x509.ExtensionNotFound:
        pass
    addresses += [
        a.value.lower()
        for a in cert.subject.get_attributes_for_oid(x509.NameOID.EMAIL_ADDRESS)
        if isinstance(a.value, str)
    ]
    der = cert.public_bytes(serialization.Encoding.DER)
    pem = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
    return ParsedKey(
        "smime", hashlib.sha256(der).hexdigest().upper(), cert.not_valid_after_utc, pem, tuple(dict.fromkeys(addresses))
    )


def pgp_mime(mime: bytes, armored_key: str) -> bytes:
    """The message as RFC 3156 multipart/encrypted, readable only with the key's private half."""
    outer, entity = split_entity(mime)
    with _pgpy():
        import pgpy
        from pgpy.constants import CompressionAlgorithm

        key, _ = pgpy.PGPKey.from_blob(armored_key)
        # Uncompressed: every key accepts it, and MIME attachments are mostly compressed already.
        literal = pgpy.PGPMessage.new(entity, file=True, compression=CompressionAlgorithm.Uncompressed)
        ciphertext = str(key.encrypt(literal))
    boundary = f"=_openlux_pgp_{secrets.token_hex(12)}"
    parts = [
        *outer,
        b"MIME-Version: 1.0",
        f'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="{boundary}"'.encode(),
        b"",
        b"This is an OpenPGP/MIME encrypted message (RFC 3156).",
        f"--{boundary}".encode(),
        b"Content-Type: application/pgp-encrypted",
        b"Content-Description: PGP/MIME version identification",
        b"",
        b"Version: 1",
        b"",
        f"--{boundary}".encode(),
        b'Content-Type: application/octet-stream; name="encrypted.asc"',
        b"Content-Description: OpenPGP encrypted message",
        b'Content-Disposition: inline; filename="encrypted.asc"',
        b"",
        _canonical(ciphertext.encode("ascii")).rstrip(CRLF),
        b"",
        f"--{boundary}--".encode(),
        b"",
    ]
    return CRLF.join(parts)


def smime_enveloped(mime: bytes, pem_certificate: str) -> bytes:
    """The message as application/pkcs7-mime enveloped-data (AES-256-CBC) for the certificate's owner."""
    outer, entity = split_entity(mime)
    cert = x509.load_pem_x509_certificate(pem_certificate.encode("ascii"))
    builder = pkcs7.PKCS7EnvelopeBuilder().set_data(entity).add_recipient(cert)
    if hasattr(builder, "set_content_encryption_algorithm"):  # cryptography ≥ 45; older ones use AES-128-CBC
        builder = builder.set_content_encryption_algorithm(algorithms.AES256)
    enveloped = _canonical(builder.encrypt(serialization.Encoding.SMIME, []))
    return CRLF.join(outer) + CRLF + enveloped
