"""Console pages: landing, /docs, sign-in (password, SSO, second factor), dashboard, messages, queue,
suppressions, settings and the administrators' pages. Thin: rules live in service/mailview/dashboard.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData

import openlux
from openlux.accounts import bootstrap, sso, verification
from openlux.accounts import branding as account_branding
from openlux.accounts import domains as account_domains
from openlux.accounts import retention as account_retention
from openlux.accounts import service as user_service
from openlux.accounts.models import Account, Domain, User
from openlux.accounts.schemas import DomainCreate
from openlux.admin import dkim as admin_dkim
from openlux.admin.models import BounceDomain
from openlux.admin.schemas import DkimCreate
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction, LoginChannel, Outcome, ReadChannel
from openlux.auth import throttle
from openlux.auth.access import ACCESS_LEVELS
from openlux.auth.deps import ContextDep, SessionDep
from openlux.auth.models import ApiIntegration
from openlux.console import dashboard, docs, mailview, service, totp
from openlux.console.service import COOKIE, LOGIN_CSRF_COOKIE, Viewer
from openlux.contract import areas
from openlux.core.context import AppContext
from openlux.core.envelope import ok
from openlux.core.errors import ApiError, AuthFailed, BadRequest, RateLimited
from openlux.core.forms import read_form
from openlux.mail.dkim import dns_record
from openlux.mail.models import DkimKey
from openlux.secureline import keys as secureline_keys
from openlux.suppressions import service as suppressions
from openlux.suppressions.schemas import SuppressionCreate, SuppressionQuery

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
CONSOLE = "/console"
SECOND_FACTOR_PATH = f"{CONSOLE}/login/second-factor"
# Old SSO targets (accounts.sso.TARGETS) → console pages.
SSO_TARGETS = {"profile": f"{CONSOLE}/settings", "settings": f"{CONSOLE}/settings", "outbox": f"{CONSOLE}/messages"}


class PageError(Exception):
    """A console page that cannot be shown: rendered as an HTML page (or a redirect)."""

    def __init__(
        self,
        status: int,
        title: str,
        message: str = "",
        location: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(title)
        self.status, self.title, self.message, self.location = status, title, message, location
        self.headers = headers or {}


def client_ip(request: Request) -> str:
    """The client address (already corrected for trusted proxies by the middleware)."""
    return request.client.host if request.client else ""


def render(
    request: Request, name: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any
) -> HTMLResponse:
    """A console page (Jinja2 autoescapes every value)."""
    viewer: Viewer | None = getattr(request.state, "viewer", None)
    context.setdefault("viewer", viewer)
    context.setdefault("csrf", viewer.csrf if viewer else "")
    context.setdefault("version", openlux.__version__)
    return templates.TemplateResponse(request, name, context, status_code=status, headers=headers)


def error_page(request: Request, exc: PageError) -> Response:
    """The HTML answer of a PageError."""
    if exc.location:
        return RedirectResponse(exc.location, status_code=303, headers=exc.headers)
    return render(request, "error.html", status=exc.status, headers=exc.headers, title=exc.title, message=exc.message)


def set_session_cookie(request: Request, response: Response, ctx: AppContext, cookie: str) -> None:
    """HttpOnly, SameSite=Lax; Secure over HTTPS (the middleware adds it for any cookie there)."""
    response.set_cookie(
        COOKIE,
        cookie,
        httponly=True,
        samesite="lax",
        path="/",
        secure=request.url.scheme == "https",
        max_age=ctx.settings.console_max_age_seconds,
    )


def safe_next(target: str | None) -> str:
    """Only local paths are followed after sign-in (no open redirect)."""
    if not target:
        return CONSOLE
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return CONSOLE
    return target


def audited(
    request: Request,
    viewer: Viewer,
    session: AsyncSession,
    action: AuditAction,
    target: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Record an administrator's change in the request's transaction."""
    audit.record(
        session,
        actor=audit.Actor.of_user(viewer.user),
        action=action,
        target=target,
        client_ip=client_ip(request),
        details=details,
    )


async def release(session: AsyncSession) -> None:
    """Give the request's connection back before a failure is counted (its own short transaction)."""
    session.expunge_all()
    await session.rollback()


# ---- who is looking -------------------------------------------------------------------------------


async def signed_in(request: Request, session: SessionDep, ctx: ContextDep) -> Viewer:
    """The signed-in viewer; otherwise a redirect to the login page (or to the second factor: an
    administrator's password sign-in, a sign-on link of a user with a second factor)."""
    viewer = await service.viewer_for_cookie(session, ctx, request.cookies.get(COOKIE))
    if viewer is None:
        wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise PageError(303, "Sign in", location=f"{CONSOLE}/login?next={quote(wanted)}")
    if not viewer.session.second_factor_done:
        raise PageError(303, "Second factor", location=SECOND_FACTOR_PATH)
    request.state.viewer = viewer
    return viewer


ViewerDep = Annotated[Viewer, Depends(signed_in)]


async def administrator(viewer: ViewerDep) -> Viewer:
    """Only account administrators."""
    if not viewer.is_admin:
        raise PageError(403, "Administrators only", "This page is for account administrators.")
    return viewer


AdminDep = Annotated[Viewer, Depends(administrator)]


async def checked_form(request: Request, viewer: Viewer) -> FormData:
    """The posted form after its CSRF token matched the session's."""
    form = await read_form(request)
    token = form.get("csrf")
    if not service.csrf_matches(viewer.csrf, token if isinstance(token, str) else None):
        raise PageError(403, "Form expired", "This form was not issued by your current session; reload the page.")
    return form


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def require_recent_password(viewer: Viewer, request: Request) -> None:
    """SSO sessions enter the password again before sensitive administrator changes."""
    if not viewer.recently_reauthenticated:
        raise PageError(303, "Confirm", location=f"{CONSOLE}/reauth?next={quote(request.url.path)}")


# ---- public pages -------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def landing(request: Request, ctx: ContextDep) -> Response:
    """What this server is, with links to the console, the API docs and the compatibility notes."""
    return render(request, "landing.html", title="OpenLux", settings=ctx.settings, openapi_url=docs.OPENAPI_PATH)


@router.get("/docs", response_class=HTMLResponse)
async def api_docs(request: Request) -> Response:
    """Swagger UI from the bundled package; the start-up script runs under a per-response nonce."""
    nonce = secrets.token_urlsafe(16)
    return render(
        request,
        "docs.html",
        title="OpenLux API reference",
        nonce=nonce,
        assets=docs.ASSETS_PATH,
        script=docs.start_up_script(),
        headers={"Content-Security-Policy": docs.docs_csp(nonce)},
    )


@router.get("/compat", response_class=HTMLResponse)
def compat_notes(request: Request) -> Response:  # sync: FastAPI runs it in a thread (file I/O)
    """docs/compat.md when the checkout has it (decisions where LuxSci's documentation is silent)."""
    path = Path(openlux.__file__).resolve().parents[2] / "docs" / "compat.md"
    body = path.read_text(encoding="utf-8") if path.is_file() else "docs/compat.md ships with the source checkout."
    return render(request, "compat.html", title="LuxSci compatibility notes", body=body)


# ---- signing in ---------------------------------------------------------------------------------


@router.get(f"{CONSOLE}/login", response_class=HTMLResponse)
async def login_form(request: Request, session: SessionDep, ctx: ContextDep, next: str = "") -> Response:
    """The login form (its CSRF token is a double-submit cookie: there is no session yet)."""
    viewer = await service.viewer_for_cookie(session, ctx, request.cookies.get(COOKIE))
    if viewer is not None and viewer.session.second_factor_done:
        return RedirectResponse(safe_next(next), status_code=303)
    return login_page(request, next=next)


def login_page(
    request: Request,
    *,
    next: str = "",
    error: str = "",
    login: str = "",
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "login.html",
        status=status,
        headers=headers,
        title="Sign in",
        login_csrf=token,
        next=safe_next(next),
        error=error,
        login=login,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        path=f"{CONSOLE}/login",
        secure=request.url.scheme == "https",
    )
    return response


@router.post(f"{CONSOLE}/login", response_class=HTMLResponse)
async def login_submit(request: Request, session: SessionDep, ctx: ContextDep) -> Response:
    """Check the password (throttled per login and address); admins go on to their second factor."""
    form = await read_form(request)
    login, password, target = text(form, "login").lower(), str(form.get("password") or ""), text(form, "next")
    expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
    if not service.csrf_matches(expected, text(form, "csrf")):
        return login_page(
            request, next=target, login=login, status=403, error="The form expired; please sign in again."
        )
    ip = client_ip(request)
    try:
        # The same throttle as API logins, per (login, client address) in the database.
        async with throttle.attempt(ctx, login=login, client_ip=ip) as attempt:
            try:
                user = await service.verify_password(session, login, password)
            except ApiError:
                await release(session)
                attempt.fail()
                raise
            await attempt.succeeded(session)
    except RateLimited as exc:
        await service.audit_login_failure(ctx, login, ip, exc, LoginChannel.CONSOLE)
        return login_page(
            request,
            next=target,
            login=login,
            status=429,
            error=exc.message,
            headers={"Retry-After": str(exc.retry_after)},
        )
    except ApiError as exc:
        await service.audit_login_failure(ctx, login, ip, exc, LoginChannel.CONSOLE)
        return login_page(request, next=target, login=login, status=401, error=exc.message)
    service.audit_login(session, user, ip, LoginChannel.CONSOLE)
    admin = service.is_admin(user)
    cookie = await service.open_session(
        session, ctx, user=user, client_ip=ip, opened_by=service.OPENED_BY_PASSWORD, second_factor_done=not admin
    )
    response = RedirectResponse(after_first_step(safe_next(target), second_factor_pending=admin), status_code=303)
    set_session_cookie(request, response, ctx, cookie)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=f"{CONSOLE}/login")
    return response


def after_first_step(target: str, *, second_factor_pending: bool) -> str:
    """Where a new session goes: its page, or first the second-factor form (password or sign-on link)."""
    return f"{SECOND_FACTOR_PATH}?next={quote(target)}" if second_factor_pending else target


async def pending_viewer(request: Request, session: AsyncSession, ctx: AppContext) -> Viewer:
    viewer = await service.viewer_for_cookie(session, ctx, request.cookies.get(COOKIE))
    if viewer is None:
        raise PageError(303, "Sign in", location=f"{CONSOLE}/login")
    request.state.viewer = viewer
    return viewer


@router.get(SECOND_FACTOR_PATH, response_class=HTMLResponse)
async def second_factor_form(request: Request, session: SessionDep, ctx: ContextDep, next: str = "") -> Response:
    """A TOTP or recovery code; an administrator's first password sign-in enrols (secret and recovery
    codes shown once). A session opened by a sign-on link never enrols: it proved no password here."""
    viewer = await pending_viewer(request, session, ctx)
    if viewer.session.second_factor_done:
        return RedirectResponse(safe_next(next), status_code=303)
    enrolment = await service.second_factor_of(session, viewer.user.id)
    if enrolment is not None and enrolment.confirmed:
        return render(request, "second_factor.html", title="Second factor", next=safe_next(next), enrol=None)
    if viewer.session.opened_by != service.OPENED_BY_PASSWORD:
        raise PageError(
            403, "Sign in with your password", "Set up your second factor after signing in with your password."
        )
    secret, codes = await service.start_enrolment(session, ctx, viewer.user)
    return render(
        request,
        "second_factor.html",
        title="Set up your second factor",
        next=safe_next(next),
        enrol={"secret": secret, "uri": totp.provisioning_uri(secret, viewer.user.login), "codes": codes},
    )


@router.post(SECOND_FACTOR_PATH, response_class=HTMLResponse)
async def second_factor_submit(request: Request, session: SessionDep, ctx: ContextDep) -> Response:
    """Check the code (failures count towards the same throttle as passwords)."""
    viewer = await pending_viewer(request, session, ctx)
    form = await checked_form(request, viewer)
    target = safe_next(text(form, "next"))
    ip = client_ip(request)
    login, opened_by = viewer.user.login, viewer.session.opened_by
    await session.commit()  # hold no connection while the throttle waits
    try:
        # The login form's throttle: a code guessed behind a sign-on link counts like a password guess.
        async with throttle.attempt(ctx, login=login, client_ip=ip) as attempt:
            accepted = await service.verify_second_factor(session, ctx, viewer.user.id, text(form, "code"))
            if not accepted:
                await release(session)
                attempt.fail()
            else:
                await attempt.succeeded(session)
    except RateLimited as exc:
        await service.audit_login_failure(ctx, login, ip, exc, LoginChannel.CONSOLE_SECOND_FACTOR, opened_by=opened_by)
        raise PageError(429, "Too many attempts", exc.message, headers={"Retry-After": str(exc.retry_after)}) from exc
    if not accepted:
        await service.audit_login_failure(
            ctx,
            login,
            ip,
            ApiError("wrong second-factor code"),
            LoginChannel.CONSOLE_SECOND_FACTOR,
            opened_by=opened_by,
        )
        enrolment = await service.second_factor_of(session, viewer.user.id)
        enrol = None
        if enrolment is not None and not enrolment.confirmed and opened_by == service.OPENED_BY_PASSWORD:
            secret = service.secret_of(ctx, enrolment)
            enrol = {"secret": secret, "uri": totp.provisioning_uri(secret, viewer.user.login), "codes": []}
        return render(
            request,
            "second_factor.html",
            status=401,
            title="Second factor",
            next=target,
            enrol=enrol,
            error="That code is not valid; try the current one from your app or a recovery code.",
        )
    service.audit_login(session, viewer.user, ip, LoginChannel.CONSOLE_SECOND_FACTOR, opened_by=opened_by)
    await service.mark_second_factor_done(session, viewer)
    return RedirectResponse(target, status_code=303)


@router.get(f"{CONSOLE}/reauth", response_class=HTMLResponse)
async def reauth_form(request: Request, viewer: ViewerDep, next: str = "") -> Response:
    """Sessions opened by SSO confirm the password before sensitive administrator changes."""
    return render(request, "reauth.html", title="Confirm your password", next=safe_next(next))


@router.post(f"{CONSOLE}/reauth", response_class=HTMLResponse)
async def reauth_submit(request: Request, viewer: ViewerDep, session: SessionDep, ctx: ContextDep) -> Response:
    form = await checked_form(request, viewer)
    ip, target = client_ip(request), safe_next(text(form, "next"))
    login = viewer.user.login
    await session.commit()  # hold no connection while the throttle waits
    try:
        async with throttle.attempt(ctx, login=login, client_ip=ip) as attempt:
            try:
                user = await service.verify_password(session, login, str(form.get("password") or ""))
                if user.id != viewer.user.id:
                    raise AuthFailed("Refused.")
                enrolment = await service.second_factor_of(session, user.id)
                if (
                    enrolment is not None
                    and enrolment.confirmed
                    and not await service.verify_second_factor(session, ctx, user.id, text(form, "code"))
                ):
                    raise ApiError("The second-factor code is not valid.")
            except ApiError:
                await release(session)
                attempt.fail()
                raise
            await attempt.succeeded(session)
    except RateLimited as exc:
        await service.audit_login_failure(ctx, login, ip, exc, LoginChannel.CONSOLE_REAUTH)
        raise PageError(429, "Too many attempts", exc.message, headers={"Retry-After": str(exc.retry_after)}) from exc
    except ApiError as exc:
        await service.audit_login_failure(ctx, login, ip, exc, LoginChannel.CONSOLE_REAUTH)
        return render(request, "reauth.html", status=401, title="Confirm your password", next=target, error=exc.message)
    service.audit_login(session, viewer.user, ip, LoginChannel.CONSOLE_REAUTH)
    await service.mark_reauthenticated(session, viewer)
    return RedirectResponse(target, status_code=303)


@router.post(f"{CONSOLE}/logout")
async def logout(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    await checked_form(request, viewer)
    await service.close_session(session, request.cookies.get(COOKIE))
    audited(request, viewer, session, AuditAction.LOGOUT, viewer.login, {"channel": LoginChannel.CONSOLE.value})
    response = RedirectResponse(f"{CONSOLE}/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get(sso.SSO_PATH)
async def sso_login(request: Request, session: SessionDep, ctx: ContextDep, token: str = "") -> Response:
    """Redeem a one-time SSO URL into a console session and go to the page it names.

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
    await session.commit()  # hold no connection while the throttle waits
    try:
        # Guessed links are throttled per client address (issue 9 item 6).
        async with throttle.attempt(ctx, login="sso-link", client_ip=client_ip(request), per_login=False) as attempt:
            try:
                user, target = await sso.redeem(session=session, token=token, client_ip=client_ip(request))
            except ApiError:
                await session.rollback()
                attempt.fail()
                raise
    except ApiError as exc:
        await audit.record_detached(
            ctx,
            actor=audit.Actor.anonymous("sign-on link"),
            action=AuditAction.SSO_REDEEM,
            client_ip=client_ip(request),
            outcome=Outcome.LOCKED if isinstance(exc, RateLimited) else Outcome.FAILURE,
            details={"portal": False, "reason": exc.message[:200]},
        )
        return render(request, "error.html", status=exc.status, title="Sign-on failed", message=exc.message)
    # A user with a second factor enters its code before the session is of any use (the login
    # form's second step): a link proves at most the password of a user-scope integration.
    second_factor = await service.has_second_factor(session, user.id)
    audit.record(
        session,
        actor=audit.Actor.of_user(user),
        action=AuditAction.SSO_REDEEM,
        target=user.login,
        client_ip=client_ip(request),
        details={"portal": False, "page": target, "second_factor": second_factor},
    )
    cookie = await service.open_session(
        session,
        ctx,
        user=user,
        client_ip=client_ip(request),
        opened_by=service.OPENED_BY_SSO,
        second_factor_done=not second_factor,
    )
    goto = after_first_step(SSO_TARGETS.get(target, CONSOLE), second_factor_pending=second_factor)
    response = RedirectResponse(goto, status_code=303)
    set_session_cookie(request, response, ctx, cookie)
    return response


@router.get("/web/outbox.json")
async def outbox_json(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    """Captured mail as JSON: the signed-in user's (administrators: the account's). The listing shows
    subjects and recipients, so it is audited (which captured messages were listed)."""
    listed = await mailview.captured_for(session=session, user=viewer.user)
    audited(
        request,
        viewer,
        session,
        AuditAction.MESSAGE_LIST,
        "captured mail",
        {"channel": ReadChannel.CONSOLE.value, "count": len(listed), "captured_ids": [m["id"] for m in listed]},
    )
    return ok(listed)


@router.get("/web/{page}")
async def old_web_pages(page: str, viewer: ViewerDep) -> Response:
    """The SSO landing pages of before the console (/web/profile, /web/settings, /web/outbox)."""
    if page not in SSO_TARGETS:
        raise PageError(404, "No such page")
    return RedirectResponse(SSO_TARGETS[page], status_code=303)


@router.get("/web/outbox/{message_id}")
async def old_outbox_message(message_id: int, viewer: ViewerDep, session: SessionDep) -> Response:
    """Old captured-message links (captured id): the console's message page (queue id)."""
    queue_id = await mailview.outbound_id_of_captured(session=session, user=viewer.user, captured_id=message_id)
    if queue_id is None:
        raise PageError(404, "No such message", f"There is no captured message {message_id} that you can see.")
    return RedirectResponse(f"{CONSOLE}/messages/{queue_id}", status_code=303)


# ---- dashboard, messages, queue ------------------------------------------------------------------


def audit_listing(
    request: Request,
    viewer: Viewer,
    session: AsyncSession,
    page: str,
    rows: list[mailview.MessageRow],
    query: dict[str, Any] | None = None,
) -> None:
    """A console page listing messages (subjects, senders, recipients) is a `message.list` event:
    which messages it showed, and the search that found them (a search is recorded even when it
    finds nothing: it asked about somebody's mail)."""
    if rows or (query or {}).get("q"):
        audited(
            request,
            viewer,
            session,
            AuditAction.MESSAGE_LIST,
            "messages",
            {
                "channel": ReadChannel.CONSOLE.value,
                "page": page,
                "count": len(rows),
                "message_ids": [r.id for r in rows],
            }
            | (query or {}),
        )


@router.get(CONSOLE, response_class=HTMLResponse)
async def dashboard_page(request: Request, viewer: ViewerDep, session: SessionDep, ctx: ContextDep) -> Response:
    """Charts of the last 30 days and the last 50 messages."""
    days = await dashboard.daily(session=session, ctx=ctx, user=viewer.user)
    _total, recent = await mailview.list_messages(session=session, ctx=ctx, user=viewer.user, limit=50)
    audit_listing(request, viewer, session, "dashboard", recent)
    return render(
        request,
        "dashboard.html",
        title="Dashboard",
        charts=dashboard.charts(days),
        days=days,
        metrics=dashboard.METRICS,
        messages=recent,
    )


@router.get(f"{CONSOLE}/messages", response_class=HTMLResponse)
async def messages_page(
    request: Request, viewer: ViewerDep, session: SessionDep, ctx: ContextDep, q: str = "", page: int = 1
) -> Response:
    """Sent and captured mail with search."""
    page = max(1, min(page, 10_000))
    total, rows = await mailview.list_messages(
        session=session, ctx=ctx, user=viewer.user, search=q[:200], offset=(page - 1) * mailview.PAGE_SIZE
    )
    audit_listing(request, viewer, session, "messages", rows, {"q": q[:200], "page_number": page})
    return render(
        request,
        "messages.html",
        title="Messages",
        messages=rows,
        q=q,
        page=page,
        total=total,
        pages=max(1, -(-total // mailview.PAGE_SIZE)),
        mode=ctx.settings.delivery_mode,
    )


async def message_or_404(
    session: AsyncSession, ctx: AppContext, viewer: Viewer, message_id: int, part: str
) -> mailview.MessageView:
    """The message the viewer may see (its reading audited), else a 404 page."""
    view = await mailview.load(session=session, ctx=ctx, user=viewer.user, message_id=message_id)
    if view is None:
        raise PageError(404, "No such message", f"There is no message {message_id} that you can see.")
    audit.record(
        session,
        actor=audit.Actor.of_user(viewer.user),
        action=AuditAction.MESSAGE_READ,
        target=f"message {message_id}",
        client_ip=viewer.session.client_ip,
        details={"channel": ReadChannel.CONSOLE.value, "part": part},
    )
    return view


@router.get(f"{CONSOLE}/messages/{{message_id}}", response_class=HTMLResponse)
async def message_page(
    request: Request, viewer: ViewerDep, session: SessionDep, ctx: ContextDep, message_id: int, images: int = 0
) -> Response:
    """One message: rendered HTML (sandboxed iframe), text, headers, attachments, raw MIME, attempts."""
    view = await message_or_404(session, ctx, viewer, message_id, "page")
    return render(
        request,
        "message.html",
        title=view.subject or f"Message {message_id}",
        view=view,
        images=bool(images),
        raw=view.mime.decode("utf-8", "replace"),
    )


@router.get(f"{CONSOLE}/messages/{{message_id}}/html", response_class=HTMLResponse)
async def message_html(
    request: Request, viewer: ViewerDep, session: SessionDep, ctx: ContextDep, message_id: int, images: int = 0
) -> Response:
    """The message's HTML for the iframe: no scripts, no forms, remote images only when asked for."""
    view = await message_or_404(session, ctx, viewer, message_id, "html")
    remote = " https: http:" if images else ""
    csp = (
        f"default-src 'none'; img-src 'self' data:{remote}; style-src 'unsafe-inline'; font-src data:; "
        "form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox allow-same-origin"
    )
    body = mailview.html_for_frame(view, f"{CONSOLE}/messages/{message_id}/parts")
    return HTMLResponse(
        body,
        headers={"Content-Security-Policy": csp, "X-Frame-Options": "SAMEORIGIN", "Referrer-Policy": "no-referrer"},
    )


@router.get(f"{CONSOLE}/messages/{{message_id}}/parts/{{index}}")
async def message_part(
    viewer: ViewerDep, session: SessionDep, ctx: ContextDep, message_id: int, index: int, download: int = 0
) -> Response:
    """An attachment: images inline (for cid: references), everything else as a download."""
    view = await message_or_404(session, ctx, viewer, message_id, f"part {index}")
    found = mailview.part_bytes(view, index)
    if found is None:
        raise PageError(404, "No such attachment")
    part, data = found
    inline = not download and part.content_type in ("image/png", "image/jpeg", "image/gif", "image/webp")
    safe_name = quote(part.filename)
    return Response(
        data,
        media_type=part.content_type if inline else "application/octet-stream",
        headers={
            "Content-Disposition": f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{safe_name}",
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )


@router.get(f"{CONSOLE}/messages/{{message_id}}/raw")
async def message_raw(viewer: ViewerDep, session: SessionDep, ctx: ContextDep, message_id: int) -> Response:
    """The MIME source as plain text."""
    view = await message_or_404(session, ctx, viewer, message_id, "raw")
    return PlainTextResponse(
        view.mime.decode("utf-8", "replace"),
        headers={"Content-Disposition": f"inline; filename=message-{message_id}.eml"},
    )


@router.get(f"{CONSOLE}/queue", response_class=HTMLResponse)
async def queue_page(request: Request, viewer: ViewerDep, session: SessionDep, done: str = "") -> Response:
    """Queued and deferred messages with their next attempt and last reply."""
    rows = await mailview.queue_rows(session=session, user=viewer.user)
    return render(request, "queue.html", title="Queue", rows=rows, done=done)


@router.post(f"{CONSOLE}/queue/{{message_id}}/retry")
async def queue_retry(request: Request, viewer: AdminDep, session: SessionDep, message_id: int) -> Response:
    await checked_form(request, viewer)
    retried = await mailview.retry_now(session=session, user=viewer.user, message_id=message_id)
    audited(request, viewer, session, AuditAction.QUEUE_RETRY, f"message {message_id}", {"applied": bool(retried)})
    return RedirectResponse(f"{CONSOLE}/queue?done={'retried' if retried else 'nothing'}", status_code=303)


@router.post(f"{CONSOLE}/queue/{{message_id}}/purge")
async def queue_purge(request: Request, viewer: AdminDep, session: SessionDep, message_id: int) -> Response:
    await checked_form(request, viewer)
    purged = await mailview.purge(session=session, user=viewer.user, message_id=message_id)
    audited(request, viewer, session, AuditAction.QUEUE_PURGE, f"message {message_id}", {"applied": bool(purged)})
    return RedirectResponse(f"{CONSOLE}/queue?done={'purged' if purged else 'nothing'}", status_code=303)


# ---- suppressions ---------------------------------------------------------------------------------


def suppression_owner(viewer: Viewer, level: str) -> suppressions.Owner:
    """Administrators may manage the account list; everyone manages their own."""
    if level == "account" and viewer.is_admin:
        return suppressions.Owner(viewer.user.account_id)
    return suppressions.Owner(viewer.user.account_id, viewer.user.id)


@router.get(f"{CONSOLE}/suppressions", response_class=HTMLResponse)
async def suppressions_page(
    request: Request,
    viewer: ViewerDep,
    session: SessionDep,
    q: str = "",
    level: str = "user",
    error: str = "",
    done: str = "",
) -> Response:
    owner = suppression_owner(viewer, level)
    data = await suppressions.list_page(
        session=session, owner=owner, query=SuppressionQuery(email=q[:320] or None, matches=500)
    )
    return render(
        request,
        "suppressions.html",
        title="Suppressions",
        rows=data["rows"],
        total=data["total_matches"],
        q=q,
        level=owner.level,
        error=error,
        done=done,
        reasons=suppressions.REASONS,
    )


@router.post(f"{CONSOLE}/suppressions", response_class=HTMLResponse)
async def suppression_add(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    form = await checked_form(request, viewer)
    owner = suppression_owner(viewer, text(form, "level"))
    try:
        await suppressions.create_many(
            session=session,
            owner=owner,
            body=SuppressionCreate(
                email=text(form, "email"), reason=text(form, "reason") or None, note=text(form, "note") or None
            ),
        )
    except ApiError as exc:
        data = await suppressions.list_page(session=session, owner=owner, query=SuppressionQuery(matches=500))
        return render(
            request,
            "suppressions.html",
            status=400,
            title="Suppressions",
            rows=data["rows"],
            total=data["total_matches"],
            q="",
            level=owner.level,
            error=exc.message,
            done="",
            reasons=suppressions.REASONS,
            email=text(form, "email"),
        )
    audited(request, viewer, session, AuditAction.SUPPRESSION_ADD, text(form, "email").lower(), {"level": owner.level})
    return RedirectResponse(f"{CONSOLE}/suppressions?level={owner.level}&done=added", status_code=303)


@router.post(f"{CONSOLE}/suppressions/remove")
async def suppression_remove(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    form = await checked_form(request, viewer)
    owner = suppression_owner(viewer, text(form, "level"))
    try:
        await suppressions.delete_one(session=session, owner=owner, email=text(form, "email"))
    except ApiError as exc:
        raise PageError(exc.status, "Not removed", exc.message) from exc
    audited(
        request, viewer, session, AuditAction.SUPPRESSION_REMOVE, text(form, "email").lower(), {"level": owner.level}
    )
    return RedirectResponse(f"{CONSOLE}/suppressions?level={owner.level}&done=removed", status_code=303)


# ---- settings ---------------------------------------------------------------------------------------

SETTING_FIELDS = ("timezone", "language", "date_format", "time_format", "tls_policy")


async def settings_context(session: AsyncSession, viewer: Viewer) -> dict[str, Any]:
    return {
        "record": await user_service.profile(session=session, user=viewer.user),
        "settings": user_service.settings_of(viewer.user),
        "setting_fields": SETTING_FIELDS,
        "contact_fields": ("contact", "company", "phone1", "city", "country"),
        # Read-only here: operators set lifetimes with `openlux retention set` (docs/compat.d/retention.md).
        "retention": await account_retention.lifetimes_of(session, viewer.user.account_id),
    }


@router.get(f"{CONSOLE}/settings", response_class=HTMLResponse)
async def settings_page(request: Request, viewer: ViewerDep, session: SessionDep, done: str = "") -> Response:
    return render(
        request,
        "settings.html",
        title="Profile and settings",
        errors={},
        done=done,
        **await settings_context(session, viewer),
    )


@router.post(f"{CONSOLE}/settings", response_class=HTMLResponse)
async def settings_submit(request: Request, viewer: ViewerDep, session: SessionDep) -> Response:
    """Contact fields and the user's own settings; a bad value is shown next to its field."""
    form = await checked_form(request, viewer)
    ctx_fields = await settings_context(session, viewer)
    errors: dict[str, str] = {}
    changes = {name: text(form, name) for name in ctx_fields["contact_fields"]}
    for name, value in changes.items():
        if len(value) > 200:
            errors[name] = "At most 200 characters."
    wanted = {name: text(form, name) for name in SETTING_FIELDS if text(form, name)}  # empty: unchanged
    for name, value in wanted.items():
        try:
            user_service.validated_settings({name: value})
        except ApiError as exc:
            errors[name] = exc.message
    if errors:
        return render(
            request,
            "settings.html",
            status=400,
            title="Profile and settings",
            errors=errors,
            done="",
            form=dict(form),
            **ctx_fields,
        )
    await user_service.update_profile(session=session, user=viewer.user, changes=changes)
    viewer.user.settings = {**(viewer.user.settings or {}), **user_service.validated_settings(wanted)}
    audited(request, viewer, session, AuditAction.USER_CHANGE, viewer.login, {"fields": sorted({*changes, *wanted})})
    return RedirectResponse(f"{CONSOLE}/settings?done=saved", status_code=303)


@router.post(f"{CONSOLE}/settings/password", response_class=HTMLResponse)
async def password_submit(request: Request, viewer: ViewerDep, session: SessionDep, ctx: ContextDep) -> Response:
    """Change the own password; every other session of the user ends, this one is renewed."""
    form = await checked_form(request, viewer)
    try:
        await user_service.change_password(
            session=session,
            user=viewer.user,
            password=str(form.get("password") or ""),
            old_password=str(form.get("old_password") or ""),
            require_old=True,
        )
    except ApiError as exc:
        return render(
            request,
            "settings.html",
            status=400,
            title="Profile and settings",
            done="",
            errors={"password": exc.message},
            **await settings_context(session, viewer),
        )
    audited(request, viewer, session, AuditAction.PASSWORD_CHANGE, viewer.login)
    await service.close_all_for_user(session, viewer.user.id)
    cookie = await service.open_session(
        session,
        ctx,
        user=viewer.user,
        client_ip=client_ip(request),
        opened_by=service.OPENED_BY_PASSWORD,
        second_factor_done=True,
    )
    response = RedirectResponse(f"{CONSOLE}/settings?done=password", status_code=303)
    set_session_cookie(request, response, ctx, cookie)
    return response


# ---- administrators ------------------------------------------------------------------------------


@router.get(f"{CONSOLE}/admin/users", response_class=HTMLResponse)
async def users_page(request: Request, viewer: AdminDep, session: SessionDep, error: str = "") -> Response:
    users = (
        await session.scalars(select(User).where(User.account_id == viewer.user.account_id).order_by(User.login))
    ).all()
    return render(request, "admin_users.html", title="Users", users=users, error=error)


@router.post(f"{CONSOLE}/admin/users", response_class=HTMLResponse)
async def user_create(request: Request, viewer: AdminDep, session: SessionDep) -> Response:
    form = await checked_form(request, viewer)
    if form.get("admin"):
        require_recent_password(viewer, request)
    account = await session.get_one(Account, viewer.user.account_id)
    try:
        created = await bootstrap.create_user(
            session,
            account,
            text(form, "login"),
            str(form.get("password") or ""),
            admin=bool(form.get("admin")),
            contact=text(form, "contact"),
        )
        audited(request, viewer, session, AuditAction.USER_CREATE, created.login, {"admin": bool(form.get("admin"))})
        if form.get("admin"):
            audited(
                request,
                viewer,
                session,
                AuditAction.ADMIN_FLAG_CHANGE,
                created.login,
                {"admin": True, "new_user": True},
            )
    except (ApiError, ValueError) as exc:
        users = (
            await session.scalars(select(User).where(User.account_id == viewer.user.account_id).order_by(User.login))
        ).all()
        return render(
            request,
            "admin_users.html",
            status=400,
            title="Users",
            users=users,
            error=getattr(exc, "message", str(exc)),
            form=dict(form),
        )
    return RedirectResponse(f"{CONSOLE}/admin/users", status_code=303)


@router.post(f"{CONSOLE}/admin/users/{{user_id}}", response_class=HTMLResponse)
async def user_change(request: Request, viewer: AdminDep, session: SessionDep, user_id: int) -> Response:
    """Enable/disable a user or set/clear the administrator flag (never one's own)."""
    form = await checked_form(request, viewer)
    target = await session.get(User, user_id)
    if target is None or target.account_id != viewer.user.account_id:
        raise PageError(404, "No such user")
    if target.id == viewer.user.id:
        raise PageError(400, "Not allowed", "Administrators cannot change their own status or flag here.")
    action = text(form, "action")
    if action in ("grant_admin", "revoke_admin"):
        require_recent_password(viewer, request)
        flags = set(target.flags or [])
        if action == "grant_admin":
            flags.add(service.ADMIN_FLAG)
        else:
            flags.discard(service.ADMIN_FLAG)
        target.flags = sorted(flags)
        audited(
            request, viewer, session, AuditAction.ADMIN_FLAG_CHANGE, target.login, {"admin": action == "grant_admin"}
        )
    elif action in ("enable", "disable"):
        target.status = "enabled" if action == "enable" else "disabled"
        if action == "disable":
            await service.close_all_for_user(session, target.id)
        audited(
            request,
            viewer,
            session,
            AuditAction.USER_CHANGE,
            target.login,
            {"fields": ["status"], "status": target.status},
        )
    else:
        raise PageError(400, "Unknown action")
    return RedirectResponse(f"{CONSOLE}/admin/users", status_code=303)


@router.get(f"{CONSOLE}/admin/branding", response_class=HTMLResponse)
async def branding_page(
    request: Request, viewer: AdminDep, session: SessionDep, ctx: ContextDep, error: str = ""
) -> Response:
    """The account's branding (getUserBrandingInformation answers with it)."""
    shown = await account_branding.branding(session=session, ctx=ctx, user=viewer.user)
    return render(
        request,
        "admin_branding.html",
        title="Branding",
        branding=shown,
        keys=account_branding.BRANDING_KEYS,
        error=error,
    )


@router.post(f"{CONSOLE}/admin/branding", response_class=HTMLResponse)
async def branding_save(request: Request, viewer: AdminDep, session: SessionDep, ctx: ContextDep) -> Response:
    """Change branding keys (an empty field restores the default); errors shown in place."""
    form = await checked_form(request, viewer)
    account = await session.get_one(Account, viewer.user.account_id)
    defaults = account_branding.branding_defaults(ctx.settings.base_url, account, viewer.user.login.split("@", 1)[1])
    changes = {key: text(form, key) for key in account_branding.BRANDING_KEYS if key in form}
    changes = {k: ("" if v == str(defaults.get(k, "")) else v) for k, v in changes.items()}
    try:
        await account_branding.set_branding(session, account, changes)
    except ValueError as exc:
        shown = {**defaults, **{k: v for k, v in changes.items() if v}}
        return render(
            request,
            "admin_branding.html",
            status=400,
            title="Branding",
            branding=shown,
            keys=account_branding.BRANDING_KEYS,
            error=str(exc),
        )
    audited(request, viewer, session, AuditAction.BRANDING_CHANGE, f"account {account.id}", {"keys": sorted(changes)})
    return RedirectResponse(f"{CONSOLE}/admin/branding?saved=1", status_code=303)


@router.get(f"{CONSOLE}/admin/domains", response_class=HTMLResponse)
async def domains_page(request: Request, viewer: AdminDep, session: SessionDep, ctx: ContextDep) -> Response:
    """The account's domains and the DNS records to publish for each."""
    return await render_domains(request, viewer, session, ctx)


@router.post(f"{CONSOLE}/admin/domains", response_class=HTMLResponse)
async def domain_add(request: Request, viewer: AdminDep, session: SessionDep, ctx: ContextDep) -> Response:
    """Add a domain (createDomain rules) or a DKIM key for one (createDkim rules); errors shown in place."""
    form = await checked_form(request, viewer)
    try:
        if text(form, "action") == "dkim":
            key = await admin_dkim.create(
                session=session,
                ctx=ctx,
                account_id=viewer.user.account_id,
                body=DkimCreate(domain=text(form, "domain"), selector=None, key_type=None),
            )
            audited(request, viewer, session, AuditAction.DKIM_KEY_CREATE, key["domain"], {"selector": key["selector"]})
        else:
            await account_domains.create(
                session=session, account_id=viewer.user.account_id, body=DomainCreate(domain=text(form, "domain"))
            )
            audited(request, viewer, session, AuditAction.DOMAIN_CREATE, text(form, "domain").lower())
    except ApiError as exc:
        return await render_domains(
            request, viewer, session, ctx, status=400, error=exc.message, domain=text(form, "domain")
        )
    return RedirectResponse(f"{CONSOLE}/admin/domains", status_code=303)


async def render_domains(
    request: Request,
    viewer: Viewer,
    session: AsyncSession,
    ctx: AppContext,
    *,
    status: int = 200,
    error: str = "",
    domain: str = "",
) -> Response:
    domains = (
        await session.scalars(select(Domain).where(Domain.account_id == viewer.user.account_id).order_by(Domain.name))
    ).all()
    dkim: dict[str, list[DkimKey]] = {}
    for key in await session.scalars(
        select(DkimKey).where(DkimKey.account_id == viewer.user.account_id, DkimKey.enabled.is_(True))
    ):
        dkim.setdefault(key.domain, []).append(key)
    bounce: dict[int, list[str]] = {}
    for row in await session.scalars(select(BounceDomain).where(BounceDomain.account_id == viewer.user.account_id)):
        bounce.setdefault(row.domain_id, []).append(row.name)
    host = ctx.settings.hostname
    records = {
        d.id: [
            *[
                ("TXT", f"{k.selector}._domainkey.{d.name}", dns_record(k), "DKIM public key")
                for k in dkim.get(d.name, [])
            ],
            *(
                []
                if d.is_verified
                else [
                    (
                        "TXT",
                        verification.record_name(d),
                        verification.record_value(d),
                        "Domain verification (openlux domain verify checks it)",
                    )
                ]
            ),
            ("TXT", d.name, f"v=spf1 a:{host} ~all", "SPF advice: add this server to your existing SPF record"),
            *[("CNAME", b, host, "Bounce domain (return path)") for b in bounce.get(d.id, [])],
        ]
        for d in domains
    }
    return render(
        request,
        "admin_domains.html",
        status=status,
        title="Domains",
        domains=domains,
        records=records,
        missing_dkim=[d.name for d in domains if d.name not in dkim],
        error=error,
        domain=domain,
    )


@router.get(f"{CONSOLE}/admin/integrations", response_class=HTMLResponse)
async def integrations_page(request: Request, viewer: AdminDep, session: SessionDep) -> Response:
    rows = (
        await session.scalars(
            select(ApiIntegration)
            .where(ApiIntegration.account_id == viewer.user.account_id)
            .order_by(ApiIntegration.id)
        )
    ).all()
    return render(
        request,
        "admin_integrations.html",
        title="API integrations",
        rows=rows,
        areas=areas(),
        levels=ACCESS_LEVELS,
        issued=None,
        error="",
    )


def limit_of(form: FormData, name: str) -> int | None:
    """A request limit from the form: empty = the installation's default, 0 = unlimited."""
    value = text(form, name)
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        raise BadRequest(f"Field '{name}' must be a whole number (0 = unlimited).")
    return int(value)


@router.post(f"{CONSOLE}/admin/integrations", response_class=HTMLResponse)
async def integration_create(request: Request, viewer: AdminDep, session: SessionDep, ctx: ContextDep) -> Response:
    """A new integration; its secret is on this one response only (never stored in clear)."""
    form = await checked_form(request, viewer)
    require_recent_password(viewer, request)
    account = await session.get_one(Account, viewer.user.account_id)
    access = {a: text(form, f"access_{a}") for a in areas() if text(form, f"access_{a}") in ACCESS_LEVELS}
    name = text(form, "name")
    issued, error = None, ""
    try:
        if not name or len(name) > 200:
            raise ApiError("Give the integration a name (at most 200 characters).")
        issued = await bootstrap.create_integration(
            session,
            ctx,
            account,
            name=name,
            scope=text(form, "scope"),
            access=access,
            default_access=text(form, "default_access") or "write",
            per_minute=limit_of(form, "per_minute"),
            per_day=limit_of(form, "per_day"),
        )
        audited(
            request,
            viewer,
            session,
            AuditAction.INTEGRATION_CREATE,
            f"{name} ({issued.token})",
            {"scope": text(form, "scope"), "access": access, "default_access": text(form, "default_access") or "write"},
        )
    except ApiError as exc:
        error = exc.message
    rows = (
        await session.scalars(
            select(ApiIntegration)
            .where(ApiIntegration.account_id == viewer.user.account_id)
            .order_by(ApiIntegration.id)
        )
    ).all()
    return render(
        request,
        "admin_integrations.html",
        status=400 if error else 200,
        title="API integrations",
        rows=rows,
        areas=areas(),
        levels=ACCESS_LEVELS,
        issued=issued,
        error=error,
    )


@router.post(f"{CONSOLE}/admin/integrations/{{integration_id}}", response_class=HTMLResponse)
async def integration_change(request: Request, viewer: AdminDep, session: SessionDep, integration_id: int) -> Response:
    """Enable/disable an integration or set its access per area."""
    form = await checked_form(request, viewer)
    require_recent_password(viewer, request)
    row = await session.get(ApiIntegration, integration_id)
    if row is None or row.account_id != viewer.user.account_id:
        raise PageError(404, "No such integration")
    action = text(form, "action")
    if action in ("enable", "disable"):
        row.enabled = action == "enable"
    elif action == "access":
        row.access = {a: text(form, f"access_{a}") for a in areas() if text(form, f"access_{a}") in ACCESS_LEVELS}
        if text(form, "default_access") in ACCESS_LEVELS:
            row.default_access = text(form, "default_access")
    else:
        raise PageError(400, "Unknown action")
    changes: dict[str, Any] = {"action": action}
    if action == "access":
        changes.update(access=row.access, default_access=row.default_access)
    audited(request, viewer, session, AuditAction.INTEGRATION_CHANGE, f"{row.name} ({row.token})", changes)
    return RedirectResponse(f"{CONSOLE}/admin/integrations", status_code=303)


@router.get(f"{CONSOLE}/admin/keys", response_class=HTMLResponse)
async def keys_page(request: Request, viewer: AdminDep, session: SessionDep, error: str = "") -> Response:
    rows = await secureline_keys.list_for_account(session=session, account_id=viewer.user.account_id)
    return render(
        request,
        "admin_keys.html",
        title="SecureLine keys",
        rows=[secureline_keys.record(r) for r in rows],
        kinds=secureline_keys.KINDS,
        error=error,
    )


@router.post(f"{CONSOLE}/admin/keys", response_class=HTMLResponse)
async def key_add(request: Request, viewer: AdminDep, session: SessionDep) -> Response:
    form = await checked_form(request, viewer)
    try:
        added = await secureline_keys.add(
            session=session,
            account_id=viewer.user.account_id,
            kind=text(form, "kind"),
            material=str(form.get("key") or ""),
            address=text(form, "address") or None,
        )
    except ApiError as exc:
        rows = await secureline_keys.list_for_account(session=session, account_id=viewer.user.account_id)
        return render(
            request,
            "admin_keys.html",
            status=400,
            title="SecureLine keys",
            rows=[secureline_keys.record(r) for r in rows],
            kinds=secureline_keys.KINDS,
            error=exc.message,
        )
    for row in added:
        key = secureline_keys.record(row)
        audited(
            request, viewer, session, AuditAction.SECURELINE_KEY_ADD, key["address"], secureline_keys.audit_details(key)
        )
    return RedirectResponse(f"{CONSOLE}/admin/keys", status_code=303)


@router.post(f"{CONSOLE}/admin/keys/{{key_id}}/remove")
async def key_remove(request: Request, viewer: AdminDep, session: SessionDep, key_id: int) -> Response:
    await checked_form(request, viewer)
    try:
        key = await secureline_keys.remove(session=session, account_id=viewer.user.account_id, key_id=key_id)
    except ApiError as exc:
        raise PageError(exc.status, "Not removed", exc.message) from exc
    audited(
        request, viewer, session, AuditAction.SECURELINE_KEY_REMOVE, key["address"], secureline_keys.audit_details(key)
    )
    return RedirectResponse(f"{CONSOLE}/admin/keys", status_code=303)


# ---- audit log ------------------------------------------------------------------------------------------

AUDIT_PAGE_ROWS = 500


@router.get(f"{CONSOLE}/admin/audit", response_class=HTMLResponse)
async def audit_page(
    request: Request, viewer: AdminDep, session: SessionDep, since: str = "", who: str = "", action: str = ""
) -> Response:
    """The account's audit log, newest first, filtered by date, actor and action (administrators only)."""
    error, events = "", []
    try:
        events = await audit.list_events(
            session,
            account_id=viewer.user.account_id,
            since=audit.parse_since(since),
            actor=who[:320] or None,
            action=audit.parse_action(action),
            limit=AUDIT_PAGE_ROWS,
        )
    except ApiError as exc:
        error = exc.message
    account = await session.get(Account, viewer.user.account_id)
    return render(
        request,
        "admin_audit.html",
        status=400 if error else 200,
        title="Audit log",
        events=events,
        actions=[a.value for a in AuditAction],
        since=since[:10],
        who=who[:320],
        action=action,
        error=error,
        limit=AUDIT_PAGE_ROWS,
        retention_days=audit.retention_days(account),
    )


def install(app: Any) -> None:
    """Wire the console into the application: HTML error pages, Swagger UI assets, described OpenAPI."""

    async def page_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, PageError)
        return error_page(request, exc)

    app.add_exception_handler(PageError, page_error)
    app.mount(docs.ASSETS_PATH, StaticFiles(directory=str(docs.SWAGGER_ASSETS)), name="swagger-ui")
    app.mount(f"{CONSOLE}/static", StaticFiles(directory=str(Path(__file__).parent / "static")), name="console-static")
    docs.install(app)
