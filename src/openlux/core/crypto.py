"""Secrets: HMAC signing, password hashing (argon2id), random tokens, AES-GCM at rest."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
_NONCE_BYTES = 12  # NIST SP 800-38D: 96-bit nonces for AES-GCM
_KEY_BYTES = 32


def hmac_sha256_hex(key: str, message: str) -> str:
    """Lower-case hex HMAC-SHA256 of a UTF-8 message under a UTF-8 key."""
    return hmac.new(key.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def derive_key(master: bytes, purpose: bytes) -> bytes:
    """A 32-byte sub-key of the master key for one purpose (HMAC-SHA256 as a PRF, as in HKDF-Expand)."""
    return hmac.new(master, purpose, hashlib.sha256).digest()


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256."""
    return hashlib.sha256(data).hexdigest()


def hex_equal(expected_lower_hex: str, given: str) -> bool:
    """Constant-time compare of a hex digest, accepting either letter case in `given`."""
    return hmac.compare_digest(expected_lower_hex.encode("ascii"), given.strip().lower().encode("ascii", "replace"))


def random_token(nbytes: int = 32) -> str:
    """A URL-safe random token."""
    return secrets.token_urlsafe(nbytes)


def random_hex(nbytes: int = 32) -> str:
    """Random lower-case hex."""
    return secrets.token_hex(nbytes)


def hash_password(password: str) -> str:
    """argon2id hash (CPU-heavy: call through a thread from async code)."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when the password matches the argon2 hash (CPU-heavy: call through a thread)."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class SecretBox:
    """AES-256-GCM for data at rest; output is nonce ‖ ciphertext ‖ tag."""

    def __init__(self, key: bytes) -> None:
        if len(key) != _KEY_BYTES:
            raise ValueError("the master key must be 32 bytes (base64 of 32 random bytes)")
        self._aead = AESGCM(key)
        self._key = key
        self._derived: dict[bytes, bytes] = {}  # purpose → key: delivery derives the ref key for every message

    def derive_key(self, purpose: bytes) -> bytes:
        """A 32-byte key for one purpose (HKDF-SHA256 over the master key): HMAC tokens, SRS secrets."""
        key = self._derived.get(purpose)
        if key is None:
            info = b"openlux:" + purpose
            key = self._derived[purpose] = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
                self._key
            )
        return key

    def seal(self, plaintext: bytes, *, context: bytes = b"") -> bytes:
        """Encrypt; `context` is authenticated (binds a ciphertext to its row/purpose)."""
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, context or None)

    def open(self, sealed: bytes, *, context: bytes = b"") -> bytes:
        """Decrypt what seal() produced with the same context."""
        return self._aead.decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], context or None)

    def seal_text(self, text: str, *, context: bytes = b"") -> bytes:
        """Encrypt a string."""
        return self.seal(text.encode("utf-8"), context=context)

    def open_text(self, sealed: bytes, *, context: bytes = b"") -> str:
        """Decrypt to a string."""
        return self.open(sealed, context=context).decode("utf-8")


def load_master_key(configured: str | None, data_dir: Path) -> bytes:
    """The master key from settings, else from data_dir/master.key, creating it (0600) on first use."""
    if configured:
        return _decode_key(configured, "OPENLUX_MASTER_KEY")
    path = data_dir / "master.key"
    if path.exists():
        return _decode_key(path.read_text().strip(), str(path))
    data_dir.mkdir(parents=True, exist_ok=True)
    key = os.urandom(_KEY_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(base64.b64encode(key).decode("ascii") + "\n")
    return key


def _decode_key(text: str, where: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise ValueError(f"{where}: the master key must be base64") from exc
    if len(key) != _KEY_BYTES:
        raise ValueError(f"{where}: the master key must decode to 32 bytes, got {len(key)}")
    return key
