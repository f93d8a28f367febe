"""Request building and signing shared by the sync and async clients (no I/O here).

Signs exactly like LuxSci's own clients: `date` as an integer, lower-case hex, the raw path with
`@` unescaped, the query string as sent (`quote(value, safe='')`, insertion order), the trimmed
JSON body hashed, and for multipart the `json` part hashed.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from openlux.auth import signing
from openlux.contract import API_PREFIX, Endpoint, endpoint

AUTH_PATH = f"{API_PREFIX}/auth"
# Messages of a 401 after which re-authenticating may help (the code expired or was revoked).
_STALE_CODE_HINTS = ("expired", "revoked", "unknown authentication code")


class LuxSciError(Exception):
    """A call answered with `success: 0` (or no JSON): HTTP status, message and the whole body."""

    def __init__(self, status: int, message: str, body: Any = None) -> None:
        super().__init__(f"HTTP {status}: {message}")
        self.status = status
        self.message = message
        self.body = body


@dataclass
class PreparedRequest:
    """Everything needed to send one call."""

    method: str
    path: str
    query: str
    content: bytes | None
    headers: dict[str, str] = field(default_factory=dict)
    signed_body: bytes | None = None  # multipart: the `json` part, which the signature covers

    @property
    def target(self) -> str:
        """Path plus `?query` when there is one."""
        return f"{self.path}?{self.query}" if self.query else self.path


def split_base_url(base_url: str) -> str:
    """Scheme and host of the API (a trailing /perl/api/v2 is dropped)."""
    base = base_url.rstrip("/")
    return base[: -len(API_PREFIX)] if base.endswith(API_PREFIX) else base


def auth_request(
    token: str, secret: str, user: str | None, password: str | None, now: int | None = None
) -> PreparedRequest:
    """POST /auth with the signed token/date (and user/pass for user scope, i.e. when a password is given)."""
    date = str(int(now if now is not None else time.time()))
    body: dict[str, Any] = {"token": token, "date": int(date)}
    if password is not None:  # user scope: the login and password are signed too
        body.update({"user": user or "", "pass": password})
        body["signature"] = signing.sign_auth(secret, token, date, user or "", password)
    else:
        body["signature"] = signing.sign_auth(secret, token, date)
    return PreparedRequest("POST", AUTH_PATH, "", json.dumps(body).encode(), {"Content-Type": "application/json"})


def encode_query(params: dict[str, Any]) -> str:
    """key=value pairs, values percent-encoded with nothing safe, in insertion order; lists repeat."""
    parts = []
    for key, value in params.items():
        if value is None:
            continue
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if isinstance(item, bool):
                item = int(item)
            parts.append(f"{quote(str(key), safe='')}={quote(str(item), safe='')}")
    return "&".join(parts)


def fill_path(ep: Endpoint, params: dict[str, Any], defaults: dict[str, Any]) -> str:
    """The endpoint path with its `{…}` parameters taken out of params (or defaults)."""
    path = ep.path
    for name in ep.path_params:
        value = params.pop(name, None)
        if value is None:
            value = defaults.get(name)
        if value is None:
            raise TypeError(f"{ep.python_name}() needs the path parameter {name!r}")
        # spec 00-mechanics §2: logins go into paths raw, '@' not percent-encoded.
        path = path.replace("{" + name + "}", quote(str(value), safe="@:+/" if name == "directory" else "@:+"))
    return path


def path_defaults(ep: Endpoint, *, user: str | None, account: str | None) -> dict[str, Any]:
    """Path parameters the client fills in by itself: its account, and its user on user-scope endpoints.

    `username` is never defaulted on account endpoints (deleteUser must name its target).
    """
    defaults: dict[str, Any] = {"account": account}
    if ep.scope == "user":
        defaults["username"] = user
    return defaults


def build_call(
    ep: Endpoint, params: dict[str, Any], defaults: dict[str, Any], files: list[tuple[str, bytes]] | None = None
) -> PreparedRequest:
    """The unsigned request for one endpoint call."""
    params = dict(params)
    path = fill_path(ep, params, defaults)
    if ep.method in ("GET", "DELETE"):
        return PreparedRequest(ep.method, path, encode_query(params), None)
    if files:
        return _multipart(ep.method, path, params, files)
    return PreparedRequest(ep.method, path, "", json.dumps(params).encode(), {"Content-Type": "application/json"})


def _multipart(method: str, path: str, params: dict[str, Any], files: list[tuple[str, bytes]]) -> PreparedRequest:
    """multipart/form-data like the C# sample: a `json` part, then one `files` part per file."""
    params.setdefault("attachments", [{"name": name, "hash": hashlib.sha256(data).hexdigest()} for name, data in files])
    json_part = json.dumps(params).encode()
    boundary = uuid.uuid4().hex
    chunks = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="json"; filename="json.js"\r\n'
        "Content-Type: application/json\r\n\r\n".encode()
        + json_part
        + b"\r\n"
    ]
    for name, data in files:
        safe_name = name.replace('"', "%22").replace("\r", "").replace("\n", "")
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{safe_name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n".encode()
            + data
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return PreparedRequest(
        method,
        path,
        "",
        b"".join(chunks),
        {"Content-Type": f"multipart/form-data; boundary={boundary}"},
        signed_body=json_part,
    )


def sign(request: PreparedRequest, auth_code: str, secret: str) -> None:
    """Add the `signature` cookie."""
    signed_body = request.signed_body if request.signed_body is not None else (request.content or b"")
    mac = signing.sign_request(secret, auth_code, request.method, request.path, request.query, signed_body)
    request.headers["Cookie"] = f"signature={auth_code}:{mac}"


def parse_response(status: int, text: str) -> dict[str, Any]:
    """The envelope, or LuxSciError when it says `success: 0` or is not JSON."""
    try:
        body = json.loads(text)
    except ValueError:
        raise LuxSciError(status, f"the server did not answer JSON: {text[:200]!r}", text) from None
    if not isinstance(body, dict) or body.get("success") not in (1, "1", True):
        message = body.get("error") or body.get("error_message") if isinstance(body, dict) else None
        raise LuxSciError(status, message or "the call failed", body)
    return body


def is_stale_code(error: LuxSciError) -> bool:
    """True when re-authenticating could fix the error."""
    return error.status == 401 and any(h in error.message.lower() for h in _STALE_CODE_HINTS)


def endpoint_for(name: str) -> Endpoint:
    """Table row by LuxSci name."""
    return endpoint(name)
