"""The cheap "does this request carry live credentials?" check the body-limit middleware asks.

Runs before routing, on the headers alone: a `signature` cookie naming a live auth code (its MAC
is not checked here, the body it covers has not arrived), a live console session cookie, or a
valid X-API-Key. One short read transaction, released before the request's own session is opened.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from openlux.auth import service, signing
from openlux.console import service as console_service
from openlux.core.context import AppContext
from openlux.core.errors import ApiError


async def has_live_credentials(ctx: AppContext, headers: dict[str, str]) -> bool:
    """True when the headers name a live auth code, a live console session or a valid API key."""
    cookie_header = headers.get("cookie", "")
    parsed = signing.parse_signature_cookie(cookie_header)
    console_cookie = _cookie(cookie_header, console_service.COOKIE)
    api_key = headers.get("x-api-key")
    if parsed is None and not console_cookie and not api_key:
        return False
    async with ctx.db.transaction() as session:
        try:
            if parsed is not None and await service.auth_code_is_live(session, ctx, parsed[0]):
                return True
            if api_key and await service.api_key_is_valid(session, ctx, api_key):
                return True
        except ApiError:
            pass
        return await console_service.session_is_live(session, ctx, console_cookie)


def _cookie(cookie_header: str, name: str) -> str | None:
    try:
        jar = SimpleCookie()
        jar.load(cookie_header)
    except CookieError:
        return None
    return jar[name].value if name in jar else None
