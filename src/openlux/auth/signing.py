"""LuxSci request signing, shared by the server and the SDK.

Quirks dictated by LuxSci clients (spec/00-mechanics.md §4–§6, §9):
- Every line of a string-to-sign ends with "\\n", the last one included.
- The auth `date` is signed exactly as the decimal digits sent (C# sends it as a string).
- The query string is signed as received, bytes after `?`, never re-encoded: PHP's client writes
  a literal `%24` for spaces and other characters, Python's `quote(…, safe='')` writes `%20`.
- The body line is the lower-case hex SHA-256 of the raw body with surrounding white space
  removed (PHP regex trim, C# .Trim()); for multipart, of the `json` part. GET/DELETE: empty.
- The HMAC arrives in lower case (PHP, Python) or upper case (C#, VB).
- Cookie `signature=<auth>:<hmac>` splits at the last `:`; other cookies may come along.
"""

from __future__ import annotations

import hashlib
import re
from http.cookies import CookieError, SimpleCookie

from openlux.core.crypto import hmac_sha256_hex

_BODY_METHODS = frozenset({"POST", "PUT"})
# A cookie value SimpleCookie passes through unchanged (no quoting, separators or spaces).
_PLAIN_COOKIE_VALUE = re.compile(r"[A-Za-z0-9:_.\-]+")


def auth_string_to_sign(token: str, date: str, user: str | None = None, password: str | None = None) -> str:
    """String signed by POST /auth: account scope has two lines, user scope four."""
    if user is None:
        return f"{token}\n{date}\n"
    return f"{token}\n{date}\n{user}\n{password or ''}\n"


def sign_auth(secret: str, token: str, date: str, user: str | None = None, password: str | None = None) -> str:
    """Hex HMAC for POST /auth."""
    return hmac_sha256_hex(secret, auth_string_to_sign(token, date, user, password))


def body_hash(method: str, body: bytes) -> str:
    """The fifth line: SHA-256 of the trimmed body for POST/PUT, empty otherwise."""
    if method.upper() not in _BODY_METHODS:
        return ""
    return hashlib.sha256(body.strip()).hexdigest()


def request_string_to_sign(auth: str, method: str, path: str, query: str, content_hash: str) -> str:
    """The five-line string signed on every authenticated call."""
    return f"{auth}\n{method.upper()}\n{path}\n{query}\n{content_hash}\n"


def sign_request(secret: str, auth: str, method: str, path: str, query: str, body: bytes) -> str:
    """Hex HMAC for an authenticated call with a JSON (or empty) body."""
    return hmac_sha256_hex(secret, request_string_to_sign(auth, method, path, query, body_hash(method, body)))


def parse_signature_cookie(cookie_header: str) -> tuple[str, str] | None:
    """(auth code, hmac) from a Cookie header, or None when no usable `signature` cookie is there."""
    value = None
    name, _, raw = cookie_header.partition("=")
    if name == "signature" and _PLAIN_COOKIE_VALUE.fullmatch(raw):
        value = raw  # the one cookie every client sends, unquoted: what SimpleCookie would give, cheaper
    if value is None:
        value = _cookie_jar_value(cookie_header)
    if not value or ":" not in value:
        return None
    auth, _, mac = value.rpartition(":")
    if not auth or not mac:
        return None
    return auth, mac


def _cookie_jar_value(cookie_header: str) -> str | None:
    value = None
    try:
        jar = SimpleCookie()
        jar.load(cookie_header)
        if "signature" in jar:
            value = jar["signature"].value
    except CookieError:
        value = None
    if value is None:
        # SimpleCookie gives up on the whole header for one odd cookie; fall back to a plain scan.
        for part in cookie_header.split(";"):
            name, sep, raw = part.strip().partition("=")
            if sep and name.strip() == "signature":
                value = raw.strip().strip('"')
                break
    return value
