"""DKIM-Signature headers (RFC 6376) signed by OpenSSL through `cryptography`, RSA and Ed25519 (RFC 8463).

dkimpy signs RSA in pure Python (7.8 ms of CPU per 2048-bit signature here); OpenSSL needs about
0.25 ms and releases the interpreter lock while it works. dkimpy stays the reference: it verifies
every signature this module makes in the tests, and the canonicalisation below follows its
reading of RFC 6376 §3.4 (header selection bottom-up, `h=` listing absent fields too).

Everything here is plain functions of bytes and picklable values, so a thread pool or a process
pool can run `sign_message`. Opened private keys are cached per process by the digest of their
PEM: a rotated key has another digest, so rotation needs no invalidation message; the cache is
bounded, so keys no longer used fall out.
"""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import StrEnum

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

LINE_END = re.compile(rb"\r?\n")
WSP_RUN = re.compile(rb"[\t ]+")
WSP_TO_SPACE = re.compile(rb"[\t ]{2,}|\t")  # what differs from a single space: the same result, fewer matches
FIELD_END = re.compile(rb"\r\n(?![\t ])")  # a CRLF not followed by WSP ends a field
FIELD_NAME = re.compile(rb"[\x21-\x39\x3b-\x7e]+[\t ]*:")  # RFC 5322 §3.6.8 (WSP before the colon: obsolete form)
KEY_CACHE_SIZE = 256


class Algorithm(StrEnum):
    """The `a=` tag: which key type signs."""

    RSA_SHA256 = "rsa-sha256"
    ED25519_SHA256 = "ed25519-sha256"


class Canon(StrEnum):
    """RFC 6376 §3.4 canonicalisation of headers or body."""

    SIMPLE = "simple"
    RELAXED = "relaxed"


@dataclass(frozen=True, slots=True)
class KeyMaterial:
    """One signing key as a pool worker needs it (picklable): PEM plus where its public half is published."""

    algorithm: Algorithm
    domain: str
    selector: str
    private_pem: bytes
    digest: bytes = field(default=b"", compare=False)  # sha256 of the PEM: the per-process cache key

    @classmethod
    def of(cls, algorithm: Algorithm, domain: str, selector: str, private_pem: bytes) -> KeyMaterial:
        return cls(Algorithm(algorithm), domain, selector, private_pem, hashlib.sha256(private_pem).digest())


class BadMessage(ValueError):
    """The header section cannot be parsed into fields (nothing to sign)."""


_opened: OrderedDict[bytes, rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey] = OrderedDict()
_opened_lock = threading.Lock()


def opened_key(material: KeyMaterial) -> rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey:
    """The private key object, parsed once per process (parsing checks an RSA key: milliseconds)."""
    digest = material.digest or hashlib.sha256(material.private_pem).digest()
    with _opened_lock:
        key = _opened.get(digest)
        if key is not None:
            _opened.move_to_end(digest)
            return key
    loaded = serialization.load_pem_private_key(material.private_pem, password=None)
    if not isinstance(loaded, rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey):
        raise ValueError(f"unsupported DKIM key type {type(loaded).__name__}")
    key = loaded
    with _opened_lock:
        _opened[digest] = key
        while len(_opened) > KEY_CACHE_SIZE:
            _opened.popitem(last=False)
    return key


def opened_key_count() -> int:
    """How many keys this process holds open (tests check the cache)."""
    return len(_opened)


def split_message(mime: bytes) -> tuple[list[tuple[bytes, bytes]], bytes]:
    """(header fields as (name, raw value incl. folding and final CRLF), body) of a CRLF message."""
    end = mime.find(b"\r\n\r\n")
    if mime.startswith(b"\r\n"):
        block, body = b"", mime[2:]
    elif end < 0:
        block, body = mime, b""
    else:
        block, body = mime[: end + 2], mime[end + 4 :]
    fields: list[tuple[bytes, bytes]] = []
    for raw in FIELD_END.split(block)[:-1] if block else []:
        found = FIELD_NAME.match(raw)
        if found is None:
            if raw.startswith(b"From "):  # mbox separator line: not a field (dkimpy skips it too)
                continue
            raise BadMessage(f"not a header field: {raw[:60]!r}")
        value = raw[found.end() :]
        fields.append((raw[: found.end() - 1], value + b"\r\n"))
    return fields, body


def canonical_header(name: bytes, value: bytes, canon: Canon) -> bytes:
    """One header field as it is hashed (with its CRLF)."""
    if canon == Canon.SIMPLE:
        return name + b":" + value
    return name.rstrip(b" \t").lower() + b":" + WSP_RUN.sub(b" ", value.replace(b"\r\n", b"")).strip(b" ") + b"\r\n"


def canonical_body(body: bytes, canon: Canon) -> bytes:
    """The body as it is hashed (RFC 6376 §3.4.3, §3.4.4)."""
    if canon == Canon.RELAXED and not _relaxed_as_is(body):
        # Line by line: a regex over the whole body scans every byte for WSP and took 4x longer
        # (1 ms for 10 KB); most lines need no change at all, and `in` tests run at memchr speed.
        body = b"\r\n".join(
            [
                WSP_TO_SPACE.sub(b" ", line) if b"\t" in line or b"  " in line else line
                for line in (raw.rstrip(b" \t") for raw in body.split(b"\r\n"))
            ]
        )
    end = len(body)
    while end >= 2 and body[end - 2 : end] == b"\r\n":
        end -= 2
    body = body[:end] + b"\r\n"
    return b"" if canon == Canon.RELAXED and body == b"\r\n" else body


def _relaxed_as_is(body: bytes) -> bool:
    """True when relaxed canonicalisation leaves every line as it is: no tab, no run of spaces and no
    space ending a line (quoted-printable and most composed bodies), checked at memchr speed instead of
    line by line."""
    return b"\t" not in body and b"  " not in body and b" \r\n" not in body and not body.endswith(b" ")


def select_headers(fields: list[tuple[bytes, bytes]], names: tuple[bytes, ...]) -> list[tuple[bytes, bytes]]:
    """The fields `h=` names, each name taking the next occurrence from the bottom (RFC 6376 §5.4.2)."""
    chosen = []
    below: dict[bytes, int] = {}
    lowered = [name.rstrip(b" \t").lower() for name, _v in fields]
    for name in names:
        i = below.get(name, len(fields))
        while i > 0:
            i -= 1
            if lowered[i] == name:
                chosen.append(fields[i])
                break
        below[name] = i
    return chosen


def _signature_value(
    material: KeyMaterial, canon: tuple[Canon, Canon], names: tuple[bytes, ...], body_hash: bytes, timestamp: int
) -> bytes:
    """The DKIM-Signature value with an empty b=, folded (b= on its own line, as dkimpy does)."""
    return (
        f" v=1; a={material.algorithm}; c={canon[0]}/{canon[1]}; d={material.domain}; s={material.selector};\r\n"
        f"\tt={timestamp}; q=dns/txt; h={':'.join(n.decode('ascii') for n in names)};\r\n"
        f"\tbh={base64.b64encode(body_hash).decode('ascii')};\r\n\tb="
    ).encode("ascii")


def signature_headers(
    mime: bytes,
    keys: tuple[KeyMaterial, ...],
    *,
    names: tuple[bytes, ...],
    canon: tuple[Canon, Canon] = (Canon.RELAXED, Canon.RELAXED),
    timestamp: int | None = None,
) -> bytes:
    """One DKIM-Signature header field per key (CRLF-terminated) for a CRLF message."""
    if b"from" not in names:
        raise ValueError("RFC 6376 §5.4: the From header field must be signed")
    fields, body = split_message(mime)
    body_hash = hashlib.sha256(canonical_body(body, canon[1])).digest()
    signed = b"".join(canonical_header(n, v, canon[0]) for n, v in select_headers(fields, names))
    stamp = int(time.time()) if timestamp is None else timestamp
    out = []
    for material in keys:
        value = _signature_value(material, canon, names, body_hash, stamp)
        # §3.7: the signature field itself is hashed last, b= empty and without its final CRLF.
        data = signed + canonical_header(b"DKIM-Signature", value + b"\r\n", canon[0])[:-2]
        key = opened_key(material)
        if isinstance(key, rsa.RSAPrivateKey):
            signature = key.sign(data, padding.PKCS1v15(), hashes.SHA256())
        else:  # RFC 8463 §3: Ed25519 (PureEdDSA) over the SHA-256 of the same data
            signature = key.sign(hashlib.sha256(data).digest())
        out.append(b"DKIM-Signature:" + value + base64.b64encode(signature) + b"\r\n")
    return b"".join(out)


def sign_message(
    mime: bytes,
    keys: tuple[KeyMaterial, ...],
    names: tuple[bytes, ...],
    canon: tuple[Canon, Canon] = (Canon.RELAXED, Canon.RELAXED),
) -> bytes:
    """The message (line ends made CRLF, as SMTP sends it) with its DKIM-Signature fields on top."""
    if mime.count(b"\n") != mime.count(b"\r\n"):
        mime = LINE_END.sub(b"\r\n", mime)
    return signature_headers(mime, keys, names=names, canon=canon) + mime
