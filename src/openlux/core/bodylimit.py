"""Request body limits, enforced while the body streams in (Content-Length or chunked).

An ASGI middleware around the whole application, so no route, dependency or form parser ever
holds more than its limit in memory, whatever the framing:

- A declared Content-Length over the limit is refused before the body is read.
- A chunked (or lying) body is counted as it arrives; the read that crosses the limit raises
  PayloadTooLarge, which the application answers with the 413 envelope (and this middleware does,
  should the error escape it).
- Which limit: a public path (Secure Forms posts, pickup pages) has its own, registered by its area
  with `public_limit(prefix, limit)`, whoever calls it. Otherwise a request whose headers carry
  credentials that are live when the headers arrive (a cheap check supplied by the application)
  gets `max_body_bytes`; every other request gets `max_unauthenticated_body_bytes`, enough for
  POST /auth and login forms.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from openlux.core.envelope import fail
from openlux.core.errors import PayloadTooLarge

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
# (headers as a lower-case dict) -> True when they carry credentials that are live now.
CredentialCheck = Callable[[dict[str, str]], Awaitable[bool]]

# Header names (as ASGI servers give them: lower case) that announce a request body.
_FRAMING = (b"content-length", b"transfer-encoding")
# path prefix -> body limit of a public endpoint (registered by the area that serves it)
PUBLIC_LIMITS: dict[str, int] = {}


def public_limit(prefix: str, limit: int) -> None:
    """Give every request under `prefix` its own body limit, authenticated or not."""
    PUBLIC_LIMITS[prefix] = limit


def too_large_message(limit: int) -> str:
    """The sentence of the 413 envelope."""
    return f"The request body is larger than {limit} bytes."


class BodyLimitMiddleware:
    """Cut every request body at its limit while it streams in."""

    def __init__(
        self, app: ASGIApp, *, limit: int, unauthenticated_limit: int, has_live_credentials: CredentialCheck
    ) -> None:
        self.app = app
        self.limit = limit
        self.unauthenticated_limit = unauthenticated_limit
        self.has_live_credentials = has_live_credentials

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_headers = scope.get("headers", ())
        if not any(name in _FRAMING for name, _ in raw_headers):
            # Neither framing header: HTTP/1.1 says the body is empty (RFC 9112 §6.3), so there is
            # nothing to count and no credential check to pay for (every GET of the hot paths).
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw_headers}
        declared = _declared_length(headers)
        limit = await self._limit_for(scope["path"], headers, declared)
        if declared is not None and declared > limit:
            await _send_too_large(scope, receive, send, limit)
            return
        started = exceeded = False
        received = 0

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise PayloadTooLarge(too_large_message(limit))
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if exceeded:  # the rest of the body is never read: the connection cannot be reused
                    message = {**message, "headers": [*message.get("headers", []), (b"connection", b"close")]}
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except PayloadTooLarge:
            if started:
                raise
            await _send_too_large(scope, receive, send, limit)

    async def _limit_for(self, path: str, headers: dict[str, str], declared: int | None) -> int:
        for prefix, limit in PUBLIC_LIMITS.items():
            if path.startswith(prefix):
                return limit
        if declared is not None and declared <= self.unauthenticated_limit:
            return self.unauthenticated_limit  # small enough for anyone: skip the credential check
        if not headers.get("cookie") and not headers.get("x-api-key"):
            return self.unauthenticated_limit
        return self.limit if await self.has_live_credentials(headers) else self.unauthenticated_limit


def _declared_length(headers: dict[str, str]) -> int | None:
    """Content-Length as an int; None when absent (chunked) or not plain ASCII digits."""
    value = headers.get("content-length", "").strip()
    if value and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None


async def _send_too_large(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    # Connection: close — the rest of the body is never read, so the connection cannot be reused.
    await fail(413, too_large_message(limit), {"Connection": "close"})(scope, receive, send)
