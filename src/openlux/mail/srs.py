"""Sender Rewriting Scheme (SRS0, as in Shevek's "SRS" paper and postsrsd) for forwarded mail.

A forwarded copy leaves with `SRS0=HHHH=TT=<orig domain>=<orig local>@<forwarding domain>`:
TT is the day number (days since the epoch mod 1024, two base32 characters), HHHH the first four
base64 characters of HMAC-SHA1(secret, lower(TT + orig domain + orig local)). The forwarding
domain passes SPF for the envelope, and a bounce to that address is accepted only when the hash
matches and the stamp is at most MAX_AGE_DAYS old, so the address cannot be used as an open relay
for backscatter. An address that is already SRS0 is wrapped again as SRS0 (longer, still valid);
SRS1 chains are not produced.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from dataclasses import dataclass

PREFIX = "SRS0"
SEPARATOR = "="
MAX_AGE_DAYS = 21  # postsrsd's default
_BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_DAY = 86400
_STAMP_CYCLE = 1024


class SrsError(ValueError):
    """An SRS address that is malformed, forged or too old."""


@dataclass(frozen=True, slots=True)
class Srs:
    """SRS0 with one secret (derived from the master key)."""

    secret: bytes

    def _hash(self, stamp: str, domain: str, local: str) -> str:
        digest = hmac.new(self.secret, (stamp + domain + local).lower().encode("utf-8"), hashlib.sha1).digest()
        return base64.b64encode(digest).decode("ascii")[:4]

    @staticmethod
    def _stamp(now: float | None = None) -> str:
        day = int((time.time() if now is None else now) // _DAY) % _STAMP_CYCLE
        return _BASE32[day >> 5] + _BASE32[day & 31]

    def forward(self, sender: str, forwarding_domain: str, *, now: float | None = None) -> str:
        """The SRS0 envelope sender for `sender` forwarded through `forwarding_domain` ('' stays '')."""
        if not sender or "@" not in sender:
            return sender  # the null reverse path (a bounce) is forwarded as such
        local, domain = sender.rsplit("@", 1)
        stamp = self._stamp(now)
        return (
            f"{PREFIX}{SEPARATOR}{self._hash(stamp, domain, local)}{SEPARATOR}{stamp}{SEPARATOR}{domain}"
            f"{SEPARATOR}{local}@{forwarding_domain}"
        )

    def reverse(self, address: str, *, now: float | None = None) -> str:
        """The original sender inside an SRS0 address; SrsError when forged, malformed or expired."""
        local = address.rsplit("@", 1)[0]
        if not is_srs(local):
            raise SrsError("not an SRS0 address")
        parts = local[len(PREFIX) + 1 :].split(SEPARATOR, 3)
        if len(parts) != 4 or not all(parts[:3]) or not parts[3]:
            raise SrsError("malformed SRS0 address")
        given, stamp, domain, original_local = parts
        if not hmac.compare_digest(given.lower(), self._hash(stamp, domain, original_local).lower()):
            raise SrsError("SRS0 hash does not match")
        try:
            then = _BASE32.index(stamp[0].upper()) << 5 | _BASE32.index(stamp[1].upper())
        except (ValueError, IndexError):
            raise SrsError("malformed SRS0 timestamp") from None
        if len(stamp) != 2:
            raise SrsError("malformed SRS0 timestamp")
        today = int((time.time() if now is None else now) // _DAY) % _STAMP_CYCLE
        if (today - then) % _STAMP_CYCLE > MAX_AGE_DAYS:
            raise SrsError("SRS0 address has expired")
        return f"{original_local}@{domain}"


def is_srs(local_part: str) -> bool:
    """True when a local part looks like SRS0 (case-insensitive prefix, as MTAs treat it)."""
    return local_part[: len(PREFIX) + 1].upper() == PREFIX + SEPARATOR


def srs_of(box: object) -> Srs:
    """The server's SRS codec, its secret derived from the master key (ctx.box)."""
    return Srs(box.derive_key(b"srs"))  # type: ignore[attr-defined]
