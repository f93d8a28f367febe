"""Browser pages: the SSO landing and the signed-in user's profile page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from openlux.accounts import service as user_service
from openlux.accounts import sso
from openlux.auth.deps import ContextDep, SessionDep
from openlux.core.errors import ApiError

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from web/templates (Jinja2 autoescapes every value)."""
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get(sso.SSO_PATH)
async def sso_login(request: Request, ctx: ContextDep, session: SessionDep, token: str = "") -> Response:
    """Redeem a one-time SSO URL: set the web-session cookie and go to the target page.

    force_ssl (the user's or the domain's setting): when this server is reachable over HTTPS (its
    own TLS listener or an https public URL), a plain-HTTP request is sent there before the
    one-time token is used, so the session cookie is only ever set over HTTPS.
    """
    https_base = ctx.settings.base_url
    if request.url.scheme != "https" and https_base.startswith("https://"):
        owner = await sso.user_of_token(session, token)
        if owner is not None and user_service.requires_https(owner):
            query = f"?{request.url.query}" if request.url.query else ""
            return RedirectResponse(f"{https_base}{request.url.path}{query}", status_code=307)
    try:
        user, target, cookie = await sso.redeem(session=session, token=token,
                                                client_ip=request.client.host if request.client else None)
    except ApiError as exc:
        return render(request, "message.html", status=exc.status, title="Sign-on failed", message=exc.message)
    response = RedirectResponse(f"/web/{target}", status_code=303)
    response.set_cookie(sso.WEB_SESSION_COOKIE, cookie, httponly=True, samesite="lax",
                        max_age=int(sso.WEB_SESSION_LIFETIME.total_seconds()),
                        secure=request.url.scheme == "https")
    return response


@router.get("/web/profile")
async def profile_page(request: Request, session: SessionDep) -> Response:
    """The signed-in user's profile."""
    user = await sso.user_for_cookie(session, request.cookies.get(sso.WEB_SESSION_COOKIE))
    if user is None:
        return render(request, "message.html", status=401, title="Not signed in",
                      message="Sign in through your application's single sign-on link.")
    record = await user_service.profile(session=session, user=user)
    return render(request, "profile.html", title=f"Profile of {user.login}", record=record)


@router.get("/web/settings")
async def settings_page(request: Request, session: SessionDep) -> Response:
    """The signed-in user's settings."""
    user = await sso.user_for_cookie(session, request.cookies.get(sso.WEB_SESSION_COOKIE))
    if user is None:
        return render(request, "message.html", status=401, title="Not signed in",
                      message="Sign in through your application's single sign-on link.")
    return render(request, "profile.html", title=f"Settings of {user.login}", record=user_service.settings_of(user))
