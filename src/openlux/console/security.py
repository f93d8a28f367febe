"""One ASGI middleware for the web surface: who the client really is, and the security headers.

- Client address and scheme: `X-Forwarded-For` / `X-Forwarded-Proto` are believed only when the
  TCP peer is one of `OPENLUX_TRUSTED_PROXIES`; then the client is the right-most address that is
  not itself a trusted proxy. Throttling, `Secure` cookies and anything reading `request.url.scheme` see the result.
- Every HTML response gets a strict CSP, frame protection, nosniff and a referrer policy unless the
  page set its own (the /docs page uses a nonce; the message iframe allows `frame-ancestors 'self'`).
- Every response gets nosniff; over HTTPS every cookie gets `Secure` and HSTS is sent.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, MutableMapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Pages of our own: scripts, styles and images only from this origin, no framing, no plugins.
DEFAULT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-src 'self'; frame-ancestors 'none'"
)
HTML_HEADERS = {
    "content-security-policy": DEFAULT_CSP,
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
}
HSTS = "max-age=31536000"
_NOSNIFF = (b"x-content-type-options", b"nosniff")
_HTML_RAW = [(name.encode(), value.encode()) for name, value in [*HTML_HEADERS.items(), ("cache-control", "no-store")]]
_HSTS_RAW = (b"strict-transport-security", HSTS.encode())


def _with_security_headers(raw: Iterable[tuple[bytes, bytes]], https: bool) -> list[tuple[bytes, bytes]]:
    """The response's headers plus each security header it does not set itself.

    On the raw list (ASGI header names are lower case): this runs for every response, and
    building a MutableHeaders for it cost as much as the open pixel's own work.
    """
    headers = list(raw)
    names = {name.lower() for name, _ in headers}
    if _NOSNIFF[0] not in names:
        headers.append(_NOSNIFF)
    content_type = next((value for name, value in headers if name.lower() == b"content-type"), b"")
    if content_type.startswith(b"text/html"):
        headers.extend(item for item in _HTML_RAW if item[0] not in names)
    if https and _HSTS_RAW[0] not in names:
        headers.append(_HSTS_RAW)
    return headers


def parse_networks(text: str) -> list[Network]:
    """OPENLUX_TRUSTED_PROXIES: comma-separated addresses or CIDR networks (ValueError names a bad one)."""
    networks = []
    for item in (part.strip() for part in text.split(",")):
        if item:
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError as exc:
                raise ValueError(f"OPENLUX_TRUSTED_PROXIES: {item!r} is not an address or network") from exc
    return networks


def _trusted(address: str, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return any(ip in net for net in networks)


def forwarded_client(peer: str, forwarded_for: str, networks: list[Network]) -> str:
    """The client address: right-most X-Forwarded-For entry that is not a trusted proxy."""
    if not networks or not _trusted(peer, networks):
        return peer
    hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


class WebSecurityMiddleware:
    """Pure ASGI (no body buffering): rewrites client/scheme from trusted proxies, adds headers."""

    def __init__(self, app: ASGIApp, trusted_proxies: str = "") -> None:
        self.app = app
        self.networks = parse_networks(trusted_proxies)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        self._apply_proxy_headers(scope)
        https = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _with_security_headers(message.get("headers", ()), https)
                if https:
                    _secure_cookies(message)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _apply_proxy_headers(self, scope: Scope) -> None:
        client = scope.get("client")
        if not self.networks or not client or not _trusted(client[0], self.networks):
            return
        found: dict[bytes, str] = {}
        for name, value in scope.get("headers", []):
            if name in (b"x-forwarded-for", b"x-forwarded-proto"):
                found[name] = (found[name] + "," if name in found else "") + value.decode("latin-1")
        if b"x-forwarded-for" in found:
            scope["client"] = (forwarded_client(client[0], found[b"x-forwarded-for"], self.networks), client[1])
        if b"x-forwarded-proto" in found:
            proto = found[b"x-forwarded-proto"].split(",")[-1].strip().lower()
            if proto in ("http", "https"):
                scope["scheme"] = proto


def _secure_cookies(message: MutableMapping[str, Any]) -> None:
    raw = message.get("headers", [])
    out = []
    for name, value in raw:
        if name.lower() == b"set-cookie" and b"secure" not in value.lower().replace(b" ", b"").split(b";"):
            value = value + b"; Secure"
        out.append((name, value))
    message["headers"] = out
