"""Requests signed by hand the way LuxSci's PHP, C# and Python clients do — no SDK involved."""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import time
from typing import Any

import httpx


def hmac_hex(secret: str, text: str, upper: bool = False) -> str:
    digest = hmac.new(secret.encode(), text.encode(), hashlib.sha256).hexdigest()
    return digest.upper() if upper else digest


def php_url_encode(value: str) -> str:
    """PHP client's Util::url_encode: each of `+?&=#<> %"'` and non-ASCII becomes a literal %24."""
    out = []
    for ch in value:
        out.append("%24" if ch in "+?&=#<> %\"'" or ord(ch) > 127 else ch)
    return "".join(out)


def authenticate_body(
    token: str, secret: str, *, user: str | None = None, password: str | None = None, date: Any = None
) -> dict[str, Any]:
    """The JSON body of POST /auth, signed."""
    date = int(time.time()) if date is None else date
    text = f"{token}\n{date}\n" if user is None else f"{token}\n{date}\n{user}\n{password}\n"
    body: dict[str, Any] = {"token": token, "date": date}
    if user is not None:
        body.update({"user": user, "pass": password})
    body["signature"] = hmac_hex(secret, text)
    return body


def authenticate(
    base_url: str,
    token: str,
    secret: str,
    *,
    user: str | None = None,
    password: str | None = None,
    date: Any = None,
    upper: bool = False,
    extra: dict[str, Any] | None = None,
) -> httpx.Response:
    """POST /auth with a hand-made body; `date` may be an int or a string (C#)."""
    date = int(time.time()) if date is None else date
    text = f"{token}\n{date}\n" if user is None else f"{token}\n{date}\n{user}\n{password}\n"
    body: dict[str, Any] = {"token": token, "date": date}
    if user is not None:
        body.update({"user": user, "pass": password})
    body["signature"] = hmac_hex(secret, text, upper)
    body.update(extra or {})
    return httpx.post(
        f"{base_url}/perl/api/v2/auth", content=json.dumps(body), headers={"Content-Type": "application/json"}
    )


def signed(
    base_url: str,
    secret: str,
    auth: str,
    method: str,
    path: str,
    query: str = "",
    body: bytes | None = None,
    *,
    upper: bool = False,
    headers: dict[str, str] | None = None,
    sign_body: bytes | None = None,
) -> httpx.Response:
    """One signed call; `query` is sent and signed exactly as given."""
    payload = sign_body if sign_body is not None else (body or b"")
    body_hash = hashlib.sha256(payload.strip()).hexdigest() if method in ("POST", "PUT") else ""
    mac = hmac_hex(secret, f"{auth}\n{method}\n{path}\n{query}\n{body_hash}\n", upper)
    all_headers = {"Cookie": f"signature={auth}:{mac}"}
    if body is not None and "Content-Type" not in (headers or {}):
        all_headers["Content-Type"] = "application/json"
    all_headers.update(headers or {})
    url = f"{base_url}{path}" + (f"?{query}" if query else "")
    return httpx.request(method, url, content=body, headers=all_headers)


def http10_request(port: int, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send raw HTTP/1.0 bytes (the C# multipart sample speaks HTTP/1.0) and read the whole reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(raw)
        chunks = []
        while True:
            data = sock.recv(65536)
            if not data:
                break
            chunks.append(data)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    hdrs = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return status, hdrs, body
