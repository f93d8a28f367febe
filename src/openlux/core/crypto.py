"""Secrets: HMAC signing, password hashing (argon2id), random tokens, AES-GCM at rest."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from openlux.core.datadir import write_private_atomically


class PasswordHashCost(StrEnum):
    """The argon2id cost of new password hashes (setting password_hash_cost)."""

    RECOMMENDED = "recommended"  # the library's recommended parameters (RFC 9106 low-memory: t=3, 64 MiB, p=4)
    TEST_MINIMUM = "test-minimum"  # argon2's minimum (t=1, 8 KiB, p=1): for the test suite only, never production


_HASHERS = {
    PasswordHashCost.RECOMMENDED: PasswordHasher(),
    PasswordHashCost.TEST_MINIMUM: PasswordHasher(time_cost=1, memory_cost=8, parallelism=1),
}
_hasher = _HASHERS[PasswordHashCost.RECOMMENDED]
_NONCE_BYTES = 12  # NIST SP 800-38D: 96-bit nonces for AES-GCM
_KEY_BYTES = 32


def hmac_sha256_hex(key: str, message: str) -> str:
    """Lower-case hex HMAC-SHA256 of a UTF-8 message under a UTF-8 key."""
    # hmac.digest is OpenSSL's one-shot HMAC: several times cheaper than building an hmac.HMAC object
    # (it runs on every signed call).
    return hmac.digest(key.encode("utf-8"), message.encode("utf-8"), "sha256").hex()


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


def use_password_hash_cost(cost: PasswordHashCost) -> None:
    """Hash new passwords of this process at `cost` (AppContext.build applies the setting).

    Verifying reads the parameters from the stored hash, so hashes of either cost keep verifying.
    """
    global _hasher
    _hasher = _HASHERS[cost]


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
    """AES-256-GCM for data at rest; output is nonce ‖ ciphertext ‖ tag.

    `previous` keys (newest first) come from a key rotation: they still open what they sealed until
    `openlux key rotate` has re-sealed it. Derived keys (HMAC of link tokens, SRS, blind indexes)
    come from the installation's first key (`root`; by default the oldest key given), so links in
    mail sent before a rotation keep working.
    """

    def __init__(
        self, key: bytes, previous: list[bytes] | tuple[bytes, ...] = (), *, root: bytes | None = None
    ) -> None:
        for candidate in (key, *previous, *([root] if root else [])):
            if len(candidate) != _KEY_BYTES:
                raise ValueError("the master key must be 32 bytes (base64 of 32 random bytes)")
        self._aead = AESGCM(key)
        self._previous = [AESGCM(k) for k in previous]
        self._key = key
        self._root = root or (previous[-1] if previous else key)
        self._derived: dict[bytes, bytes] = {}  # purpose → key: delivery derives the ref key for every message
        # Names the sealing key without revealing it (key rotation, sealed columns).
        self.key_id = hmac.new(key, b"openlux key id", hashlib.sha256).hexdigest()[:16]

    @property
    def rotating(self) -> bool:
        """True while previous keys are kept (a rotation started and has not been finished)."""
        return bool(self._previous)

    def derive_key(self, purpose: bytes) -> bytes:
        """A 32-byte key for one purpose (HKDF-SHA256 over the root key): HMAC tokens, SRS secrets."""
        key = self._derived.get(purpose)
        if key is None:
            info = b"openlux:" + purpose
            key = self._derived[purpose] = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(
                self._root
            )
        return key

    def derive_prf_key(self, purpose: bytes) -> bytes:
        """derive_key(root key, purpose): the HMAC-PRF derivation the tracking link key has always used."""
        return derive_key(self._root, purpose)

    def seal(self, plaintext: bytes, *, context: bytes = b"") -> bytes:
        """Encrypt; `context` is authenticated (binds a ciphertext to its row/purpose)."""
        nonce = os.urandom(_NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, context or None)

    def open(self, sealed: bytes, *, context: bytes = b"") -> bytes:
        """Decrypt what seal() produced with the same context (under the current or a previous key)."""
        return self.open_reporting(sealed, context=context)[0]

    def open_reporting(self, sealed: bytes, *, context: bytes = b"") -> tuple[bytes, bool]:
        """The clear bytes and whether the current key opened them (False: re-seal on rotation)."""
        nonce, body = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, body, context or None), True
        except InvalidTag:
            for aead in self._previous:
                try:
                    return aead.decrypt(nonce, body, context or None), False
                except InvalidTag:
                    continue
            raise

    def seal_text(self, text: str, *, context: bytes = b"") -> bytes:
        """Encrypt a string."""
        return self.seal(text.encode("utf-8"), context=context)

    def open_text(self, sealed: bytes, *, context: bytes = b"") -> str:
        """Decrypt to a string."""
        return self.open(sealed, context=context).decode("utf-8")


def new_master_key() -> str:
    """A fresh master key, base64 of 32 random bytes (the form OPENLUX_MASTER_KEY and key files hold)."""
    return base64.b64encode(os.urandom(_KEY_BYTES)).decode("ascii")


def master_key_path(data_dir: Path, key_file: Path | None) -> Path:
    """Where the master key file is: OPENLUX_MASTER_KEY_FILE, else data_dir/master.key."""
    return key_file if key_file is not None else data_dir / "master.key"


@dataclass(frozen=True)
class KeyFile:
    """The lines of a key file: the current key, keys a rotation still needs, the derivation root.

    One base64 key per line, the current key first; `previous:` lines open what a rotation has not
    re-sealed yet; a `derive:` line is the installation's first key, kept after rotations only to
    derive HMAC keys (link tokens in mail already sent, blind indexes), never to encrypt.
    """

    current: str
    previous: tuple[str, ...] = ()
    derive: str | None = None

    def lines(self) -> list[str]:
        """The file's lines."""
        return [
            self.current,
            *(f"{PREVIOUS}{k}" for k in self.previous),
            *([f"{DERIVE}{self.derive}"] if self.derive else []),
        ]

    def box(self, where: str) -> SecretBox:
        """The SecretBox of these keys."""
        return SecretBox(
            _decode_key(self.current, where),
            [_decode_key(k, where) for k in self.previous],
            root=_decode_key(self.derive, where) if self.derive else None,
        )


PREVIOUS = "previous:"
DERIVE = "derive:"


def read_key_file(path: Path) -> KeyFile:
    """Parse a key file (KeyFile); ValueError naming the file when it is malformed."""
    lines = [line.strip() for line in path.read_text().splitlines() if line.strip()]
    current = [line for line in lines if not line.startswith((PREVIOUS, DERIVE))]
    derive = [line.removeprefix(DERIVE) for line in lines if line.startswith(DERIVE)]
    if len(current) != 1 or len(derive) > 1:
        raise ValueError(f"{path}: a key file holds one current key (and optional previous:/derive: lines)")
    previous = tuple(line.removeprefix(PREVIOUS) for line in lines if line.startswith(PREVIOUS))
    return KeyFile(current[0], previous, derive[0] if derive else None)


def load_master_box(configured: str | None, data_dir: Path, key_file: Path | None = None) -> SecretBox:
    """The at-rest box: OPENLUX_MASTER_KEY, else the key file (OPENLUX_MASTER_KEY_FILE or data_dir/master.key).

    A missing key file is created (0600) with a new key: data_dir/master.key always, an
    OPENLUX_MASTER_KEY_FILE when its directory exists.
    """
    if configured:
        return SecretBox(_decode_key(configured, "OPENLUX_MASTER_KEY"))
    path = master_key_path(data_dir, key_file)
    if not path.exists():
        if key_file is None:
            data_dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # another process starting together made it first
            write_key_file(path, [new_master_key()], exclusive=True)
    return read_key_file(path).box(str(path))


def write_key_file(path: Path, keys: list[str], *, exclusive: bool = False) -> None:
    """Write base64 keys (current first) to `path` 0600, replacing it atomically unless `exclusive`."""
    if exclusive:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write("\n".join(keys) + "\n")
        return
    write_private_atomically(path, ("\n".join(keys) + "\n").encode(), aside_suffix=".new")


def _decode_key(text: str, where: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except ValueError as exc:
        raise ValueError(f"{where}: the master key must be base64") from exc
    if len(key) != _KEY_BYTES:
        raise ValueError(f"{where}: the master key must decode to 32 bytes, got {len(key)}")
    return key
