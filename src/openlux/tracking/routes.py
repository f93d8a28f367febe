"""Recipient-facing endpoints (no signature): open pixel, click redirect, unsubscribe page and one-click POST.

They are the hottest paths of a campaign, so they are plain Starlette routes served by
`RecipientPaths`, an ASGI middleware that answers their prefixes before FastAPI's router, exception
middleware and dependency machinery (bench/tracking.py). None of them ever shows an error page: a
bad pixel token still gets the image, a bad link or unsubscribe token a short neutral page.
"""

from __future__ import annotations

import base64
import html
import logging
import time
from datetime import UTC, datetime

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route, Router
from starlette.types import ASGIApp, Receive, Scope, Send

from openlux.core.asgi import request_header
from openlux.core.context import AppContext
from openlux.core.forms import read_form
from openlux.tracking import recorder, unsubscribe
from openlux.tracking.classify import Classification, classify
from openlux.tracking.links import CLICK_PATH, OPEN_PATH, UNSUBSCRIBE_PATH
from openlux.tracking.tokens import LinkToken, TokenKind, read_link, read_pair

log = logging.getLogger("openlux.tracking")
# The smallest transparent GIF (43 bytes).
PIXEL_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NO_STORE = {"Cache-Control": "no-store, no-cache, must-revalidate, private", "Pragma": "no-cache"}
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}}
button{{font-size:1rem;padding:.5rem 1.2rem}}</style></head><body><h1>{title}</h1>{body}</body></html>"""


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(PAGE.format(title=html.escape(title), body=body), status_code=status, headers=NO_STORE)


def _seen(ctx: AppContext, scope: Scope, kind: str, token: LinkToken) -> None:
    agent = request_header(scope, b"user-agent") or ""
    client = scope.get("client")
    client_ip = client[0] if client else ""
    verdict = classify(
        kind=kind,
        method=scope["method"],
        user_agent=agent,
        client_ip=client_ip,
        seconds_after_send=time.time() - token.sent_at,
        scanner_seconds=ctx.settings.tracking_scanner_seconds,
    )
    recorder.record(ctx, recorder.Seen(token, datetime.now(UTC), client_ip, agent, verdict == Classification.AUTOMATED))


async def open_pixel(ctx: AppContext, scope: Scope, receive: Receive, send: Send, raw_token: str) -> None:
    """The 1×1 image; the open is recorded when the token is valid."""
    token = read_link(ctx.link_key, raw_token.removesuffix(".gif"))
    if token is not None and token.kind == TokenKind.OPEN:
        _seen(ctx, scope, "open", token)
    await send({"type": "http.response.start", "status": 200, "headers": PIXEL_HEADERS})
    await send({"type": "http.response.body", "body": PIXEL_GIF})


async def click(ctx: AppContext, scope: Scope, receive: Receive, send: Send, raw_token: str) -> None:
    """302 to the link that was signed into the token; anything else gets a neutral page, never a redirect."""
    token = read_link(ctx.link_key, raw_token)
    if token is None or token.kind != TokenKind.CLICK or not token.url.startswith(("http://", "https://")):
        page = _page(
            "Link not recognised",
            "<p>This link is incomplete or has expired. If you copied it from a "
            "message, please make sure you copied all of it.</p>",
            404,
        )
        await page(scope, receive, send)
        return
    _seen(ctx, scope, "click", token)
    headers = [(b"location", token.url.encode("latin-1")), *REDIRECT_HEADERS]
    await send({"type": "http.response.start", "status": 302, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


def _unsubscribe_ids(request: Request) -> tuple[int, int] | None:
    return read_pair(request.app.state.ctx.link_key, TokenKind.UNSUBSCRIBE, request.path_params["token"])


async def unsubscribe_page(request: Request) -> Response:
    """GET: a confirmation page whose button POSTs (RFC 8058: a GET never unsubscribes; scanners follow links)."""
    if _unsubscribe_ids(request) is None:
        return _page(
            "Link not recognised",
            "<p>This unsubscribe link is incomplete. Please use the link from the message exactly as it was sent.</p>",
            404,
        )
    return _page(
        "Unsubscribe",
        '<p>Stop receiving these messages?</p><form method="post">'
        '<input type="hidden" name="confirm" value="1"><button type="submit">Unsubscribe</button></form>',
    )


async def unsubscribe_post(request: Request) -> Response:
    """POST: one-click (List-Unsubscribe=One-Click, RFC 8058) or the page's button; unsubscribes at once."""
    ids = _unsubscribe_ids(request)
    if ids is None:
        return _page("Link not recognised", "<p>This unsubscribe link is incomplete.</p>", 404)
    form = await read_form(request)
    one_click = form.get("List-Unsubscribe") == "One-Click"
    ctx: AppContext = request.app.state.ctx
    try:
        async with ctx.db.transaction() as session:
            await unsubscribe.unsubscribe(
                session,
                ctx,
                campaign_id=ids[0],
                contact_id=ids[1],
                method=unsubscribe.Method.ONE_CLICK if one_click else unsubscribe.Method.PAGE,
                client_ip=request.client.host if request.client else "",
                user_agent=request.headers.get("user-agent", ""),
            )
    except Exception:
        log.exception("unsubscribe failed")
        return _page(
            "Please try again", "<p>We could not record your request just now. Please try again in a minute.</p>", 503
        )
    if one_click:
        return Response("Unsubscribed.\n", media_type="text/plain", headers=NO_STORE)
    return _page("Unsubscribed", "<p>You will not receive these messages any more.</p>")


# The unsubscribe pages (rare, a form to parse) go through a Starlette router; opens and clicks
# are dispatched directly (RecipientPaths) with their headers built once, here.
ROUTES = Router(
    routes=[
        Route(UNSUBSCRIBE_PATH + "{token}", unsubscribe_page, methods=["GET"]),
        Route(UNSUBSCRIBE_PATH + "{token}", unsubscribe_post, methods=["POST"]),
    ]
)
PREFIXES = (OPEN_PATH, CLICK_PATH, UNSUBSCRIBE_PATH)
_NO_STORE_RAW = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in NO_STORE.items()]
# What starlette.responses.Response sent for these answers, byte for byte.
PIXEL_HEADERS = [*_NO_STORE_RAW, (b"content-length", str(len(PIXEL_GIF)).encode()), (b"content-type", b"image/gif")]
REDIRECT_HEADERS = [*_NO_STORE_RAW, (b"content-length", b"0")]
DIRECT = ((OPEN_PATH, open_pixel), (CLICK_PATH, click))


class RecipientPaths:
    """ASGI middleware: requests under the tracking and unsubscribe prefixes are answered here."""

    def __init__(self, app: ASGIApp, ctx: AppContext) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PREFIXES):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        if scope["method"] in ("GET", "HEAD"):
            for prefix, endpoint in DIRECT:
                token = path[len(prefix) :] if path.startswith(prefix) else ""
                if token and "/" not in token:
                    await endpoint(self.ctx, scope, receive, send, token)
                    return
        try:
            await ROUTES(scope, receive, send)
        except HTTPException as exc:  # no route or method: Starlette raises, as scope["app"] is set
            await _refused(exc)(scope, receive, send)


def _refused(exc: HTTPException) -> Response:
    if exc.status_code == 405:
        return Response("Method Not Allowed", status_code=405, headers={**(exc.headers or {}), **NO_STORE})
    return _page("Link not recognised", "<p>This link is incomplete.</p>", 404)
