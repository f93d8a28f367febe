"""ASGI factory: `create_app(settings)` mounts the routers of the router table, the error handlers and static files."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.errors import ServerErrorMiddleware
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Receive, Scope, Send

import openlux
from openlux.accounts import routes as accounts_routes
from openlux.admin import routes as admin_routes
from openlux.auth import invalidation as _credential_events  # noqa: F401  (registers session events)
from openlux.auth import routes as auth_routes
from openlux.auth.hotpath import SignedReadFastPath
from openlux.auth.liveness import has_live_credentials
from openlux.config import Settings
from openlux.console import routes as console_routes
from openlux.console.security import WebSecurityMiddleware
from openlux.content import routes as content_routes
from openlux.core import openapi
from openlux.core.bodylimit import BodyLimitMiddleware
from openlux.core.context import AppContext
from openlux.core.envelope import install_error_handlers
from openlux.inbound import routes as inbound_routes
from openlux.mail import routes as mail_routes
from openlux.marketing import routes as marketing_routes
from openlux.marketing import routes_v2 as marketing_v2_routes
from openlux.reports import routes as reports_routes
from openlux.secureforms import pages as secureform_pages
from openlux.secureforms import routes as secureforms_routes
from openlux.secureline import routes as secureline_routes
from openlux.securesend import pages as pickup_pages
from openlux.securesend import portal_pages
from openlux.securesend import routes as securesend_routes
from openlux.suppressions import routes as suppressions_routes
from openlux.tracking import recorder as tracking_recorder
from openlux.tracking import routes as tracking_routes
from openlux.webaides import routes as webaides_routes

# The router table. Order matters: Starlette tries routes in the order they were added and the
# first match wins, so a literal path (…/marketing/reports/summary) must come before a sibling
# router's parameterised one that would also match it. Every LuxSci path is unique in
# endpoints.tsv; keep new routers after the ones whose paths they could shadow.
ROUTERS: tuple[APIRouter, ...] = (
    auth_routes.router,  # /auth first: every client's first call
    accounts_routes.router,
    admin_routes.router,
    content_routes.router,
    content_routes.public_router,  # public content-library links (no signature)
    inbound_routes.router,
    mail_routes.router,
    marketing_routes.router,
    marketing_v2_routes.router,
    reports_routes.router,
    secureforms_routes.router,
    secureform_pages.router,  # public secure-form posts
    secureline_routes.router,
    pickup_pages.router,  # escrow pickup pages (recipients, no signature)
    securesend_routes.router,
    portal_pages.router,  # SecureSend portal pages
    suppressions_routes.router,
    webaides_routes.router,
    console_routes.router,  # web console: /, /docs, /console/…, SSO landing and the old /web/… pages
)

# The routes of the router table, in its order, as the app's own routes. Not app.include_router:
# FastAPI (since 0.16x) builds an included route's request handling (dependency graph, response
# model) again for each inclusion, lazily, so each process built every route twice (at import and on
# its first request: 0.2-0.3 s of CPU, measured) and every new app of a process did it once more.
# The table's routers have no prefix, dependencies, tags or dependency overrides of their own (a
# test checks), so their routes, complete at import, are the same routes an inclusion would build.
ROUTES: tuple[BaseRoute, ...] = tuple(route for router in ROUTERS for route in router.routes)


class OpenLuxApp(FastAPI):
    """FastAPI behind a lean front door (`front`, set by create_app).

    Starlette builds its user middleware *inside* its own exception layers, and every layer costs
    each request a closure and an await. The front holds the layers every request needs (error
    envelope, security headers, body limits) and the two hottest paths — the recipients' open,
    click and unsubscribe URLs and fully cached signed getUser calls — so those are answered
    before Starlette's stack and FastAPI's routing; everything else goes on to FastAPI unchanged.
    """

    front: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.front is None:
            await super().__call__(scope, receive, send)
            return
        scope["app"] = self  # what Starlette sets; the recipient routes read app.state.ctx
        await self.front(scope, receive, send)

    async def routed(self, scope: Scope, receive: Receive, send: Send) -> None:
        """FastAPI's own handling: Starlette's middleware stack, routing, dependencies."""
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None, *, ctx: AppContext | None = None) -> OpenLuxApp:
    """The OpenLux ASGI application."""
    if ctx is None:
        ctx = AppContext.build(settings or Settings.load())
    context = ctx

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Opens and clicks are answered from memory and written in batches by this task.
        flusher = asyncio.create_task(tracking_recorder.run(context), name="tracking-flush")
        yield
        flusher.cancel()
        await asyncio.gather(flusher, return_exceptions=True)
        await context.close()

    app = OpenLuxApp(
        title="OpenLux — LuxSci REST API v2",
        version=openlux.__version__,
        openapi_url=None,  # served by openlux.core.openapi (at the same path)
        docs_url=None,  # the console serves /docs from bundled assets (no CDN)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    install_error_handlers(app)
    openapi.install(app)
    app.router.routes.extend(ROUTES)
    console_routes.install(app)
    app.mount("/static", StaticFiles(directory=str(Path(__file__).parent / "web" / "static")), name="static")

    async def live_credentials(headers: dict[str, str]) -> bool:
        return await has_live_credentials(context, headers)

    # Outermost first. Open pixel, click redirect and unsubscribe pages (recipients, no signature)
    # are the hottest paths of a campaign (openlux.tracking.routes); fully cached signed getUser
    # calls are answered without a database trip (openlux.auth.hotpath); both pass the rest on.
    app.front = ServerErrorMiddleware(
        WebSecurityMiddleware(
            BodyLimitMiddleware(
                tracking_routes.RecipientPaths(SignedReadFastPath(app.routed, ctx=ctx), ctx=ctx),
                limit=context.settings.max_body_bytes,
                unauthenticated_limit=context.settings.max_unauthenticated_body_bytes,
                has_live_credentials=live_credentials,
            ),
            trusted_proxies=ctx.settings.trusted_proxies,
        ),
        handler=app.exception_handlers[Exception],
    )
    return app
