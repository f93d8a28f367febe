"""Recipient key pairs for SecureLine tests: an OpenPGP key (sign primary + encrypt subkey, like GnuPG
makes) and a self-signed S/MIME certificate with its RSA key."""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

# PGPy 0.6 touches cryptography's deprecated TripleDES attribute on every encrypt/decrypt.
PGPY_WARNINGS = "ignore::cryptography.utils.CryptographyDeprecationWarning"


@dataclass
class PgpPair:
    private: object  # pgpy.PGPKey
    public_armored: str


@dataclass
class SmimePair:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate
    cert_pem: bytes


def pgp_pair(address: str, name: str = "Recipient") -> PgpPair:
    """A fresh RSA-2048 OpenPGP key for `address`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgpy
        from pgpy.constants import CompressionAlgorithm, HashAlgorithm, KeyFlags, PubKeyAlgorithm, SymmetricKeyAlgorithm

        key = pgpy.PGPKey.new(PubKeyAlgorithm.RSAEncryptOrSign, 2048)
        key.add_uid(
            pgpy.PGPUID.new(name, email=address),
            usage={KeyFlags.Sign, KeyFlags.Certify},
            hashes=[HashAlgorithm.SHA256],
            ciphers=[SymmetricKeyAlgorithm.AES256],
            compression=[CompressionAlgorithm.Uncompressed],
        )
        key.add_subkey(
            pgpy.PGPKey.new(PubKeyAlgorithm.RSAEncryptOrSign, 2048),
            usage={KeyFlags.EncryptCommunications, KeyFlags.EncryptStorage},
        )
        return PgpPair(key, str(key.pubkey))


def pgp_decrypt(pair: PgpPair, armored_message: str) -> bytes:
    """Decrypt an ASCII-armoured OpenPGP message with the pair's private key."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgpy

        message = pair.private.decrypt(pgpy.PGPMessage.from_blob(armored_message))  # type: ignore[attr-defined]
        content = message.message
        return content if isinstance(content, (bytes, bytearray)) else str(content).encode("utf-8")


def smime_pair(address: str) -> SmimePair:
    """A fresh self-signed RSA-2048 certificate whose SAN names `address`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, address)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.SubjectAlternativeName([x509.RFC822Name(address)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    return SmimePair(key, cert, cert.public_bytes(serialization.Encoding.PEM))
