"""The pickup portal: link → one-time code by e-mail (or a SecureSend login) → the message, attachments.

Every value is HTML-escaped by Jinja2; pages carry a strict Content-Security-Policy.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction, LoginChannel, Outcome, ReadChannel
from openlux.auth import throttle
from openlux.auth.deps import ContextDep, SessionDep
from openlux.auth.service import record_failure
from openlux.core import bodylimit
from openlux.core.errors import ApiError
from openlux.core.time import format_datetime
from openlux.secureline.escrow import PICKUP_PATH
from openlux.secureline.models import EscrowMessage
from openlux.securesend import notices, pickup, portal, users
from openlux.securesend.html import attachment_response, message_page, page
from openlux.securetext import service as securetext
from openlux.securetext.service import is_phone

router = APIRouter(include_in_schema=False)
PICKUP_BODY_BYTES = 16 * 1024  # the pickup forms post a code or a password, nothing more
bodylimit.public_limit(PICKUP_PATH + "/", PICKUP_BODY_BYTES)
COOKIE = "openlux_pickup"


def _problem(request: Request, exc: ApiError) -> HTMLResponse:
    return page(request, "message.html", status=exc.status, title="Secure message", message=exc.message)


async def _start(
    request: Request, session: SessionDep, row: EscrowMessage, token: str, status: int = 200, **extra: Any
) -> HTMLResponse:
    login = await users.has_login(session=session, account_id=row.account_id, email=row.recipient.lower())
    return page(
        request,
        "pickup_start.html",
        status=status,
        title="Secure message",
        login=login,
        sender=row.sender,
        recipient=pickup.masked(row.recipient),
        base=f"{PICKUP_PATH}/{token}",
        expires=format_datetime(row.expires_at),
        **extra,
    )


@router.get(PICKUP_PATH + "/{token}")
async def pickup_start(request: Request, session: SessionDep, token: str) -> Response:
    """The landing page of a pickup link: straight to the message when already verified."""
    try:
        row = await pickup.find(session=session, token=token)
    except ApiError as exc:
        return _problem(request, exc)
    if await _has_access(session, row, request):
        return RedirectResponse(f"{PICKUP_PATH}/{token}/message", status_code=303)
    return await _start(request, session, row, token)


@router.post(PICKUP_PATH + "/{token}/code")
async def pickup_send_code(request: Request, ctx: ContextDep, session: SessionDep, token: str) -> Response:
    """Mail a fresh one-time code to the recipient."""
    try:
        row = await pickup.find(session=session, token=token)
        code = await pickup.issue_code(session=session, row=row, token=token)
    except ApiError as exc:
        return _problem(request, exc)
    if is_phone(row.recipient):  # a SecureText recipient gets the code by SMS
        await securetext.send_code(
            ctx, session, row=row, code=code, minutes=int(pickup.CODE_LIFETIME.total_seconds() // 60)
        )
    else:
        await notices.send_code(ctx=ctx, session=session, row=row, code=code)
    return await _start(
        request,
        session,
        row,
        token,
        code_sent=True,
        notice=f"We sent a code to {pickup.masked(row.recipient)}. It works once, "
        f"for {int(pickup.CODE_LIFETIME.total_seconds() // 60)} minutes.",
    )


@router.post(PICKUP_PATH + "/{token}/verify")
async def pickup_verify(
    request: Request, ctx: ContextDep, session: SessionDep, token: str, code: str = Form("")
) -> Response:
    """Check the code; on success set the session cookie and show the message."""
    try:
        row = await pickup.find(session=session, token=token)
        await session.commit()  # hold no connection while the throttle waits
        async with throttle.attempt(ctx, login=f"pickup:{row.link_hash}", client_ip=_client(request)) as attempt:
            outcome = await pickup.verify_code(session=session, row=row, token=token, code=code[:64])
            await session.commit()  # the counted attempt stays counted
            if outcome.cookie is None:
                attempt.fail()
    except ApiError as exc:
        return _problem(request, exc)
    login_event = {
        "actor": recipient_actor(row),
        "action": AuditAction.LOGIN,
        "target": f"escrow {row.id}",
        "client_ip": _client(request),
        "details": {"channel": LoginChannel.PICKUP.value},
    }
    if outcome.cookie is None:
        await audit.record_detached(ctx, **login_event, outcome=Outcome.FAILURE)
        return await _start(request, session, row, token, status=400, code_sent=True, error=outcome.reason)
    await audit.record_detached(ctx, **login_event)  # the code was spent in its own commit above
    return _opened(request, token, outcome.cookie)


def recipient_actor(row: EscrowMessage) -> audit.Actor:
    """The recipient of an escrowed message, as the pickup flow knows them (by address)."""
    return audit.Actor.of_portal_user(row.recipient.lower(), None, row.account_id)


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


def _opened(request: Request, token: str, cookie: str) -> Response:
    """Redirect to the message with the pickup session cookie set."""
    response = RedirectResponse(f"{PICKUP_PATH}/{token}/message", status_code=303)
    response.set_cookie(
        COOKIE,
        cookie,
        httponly=True,
        samesite="strict",
        path=f"{PICKUP_PATH}/{token}",
        max_age=int(pickup.SESSION_LIFETIME.total_seconds()),
        secure=request.url.scheme == "https",
    )
    return response


@router.post(PICKUP_PATH + "/{token}/login")
async def pickup_login(
    request: Request, ctx: ContextDep, session: SessionDep, token: str, email: str = Form(""), password: str = Form("")
) -> Response:
    """A SecureSend portal login instead of a code: the recipient's address and portal password."""
    try:
        row = await pickup.find(session=session, token=token)
        await session.commit()  # hold no connection while the throttle waits
        given = email.strip().lower()[:320]
        async with throttle.attempt(ctx, login=given, client_ip=_client(request)) as attempt:
            user, reason = None, "That e-mail address and password do not match a SecureSend login."
            if given == row.recipient.lower() and password:
                user, reason = await users.check_password(
                    session=session, account_id=row.account_id, email=given, password=password
                )
            if user is None:
                await session.commit()  # nothing written; releases the connection, keeps `row` loaded
                attempt.fail()
            else:
                await attempt.succeeded(session)
    except ApiError as exc:
        return _problem(request, exc)
    login_event = {
        "action": AuditAction.LOGIN,
        "target": f"escrow {row.id}",
        "client_ip": _client(request),
        "details": {"channel": LoginChannel.PORTAL.value, "via": "pickup link"},
    }
    if user is None:
        await audit.record_detached(
            ctx, **login_event, actor=audit.Actor.anonymous(given, row.account_id), outcome=Outcome.FAILURE
        )
        # The path is recorded without the link token: the failure log must not hold a working link.
        await record_failure(
            ctx,
            reason=reason,
            status=401,
            channel="securesend",
            username=given or None,
            client_ip=request.client.host if request.client else None,
            method="POST",
            path=f"{PICKUP_PATH}/…/login",
            details={"account_id": row.account_id},
        )
        if given == row.recipient.lower():
            await users.note_failure(session=session, account_id=row.account_id, email=given)
        return await _start(request, session, row, token, status=401, error=reason)
    audit.record(session, **login_event, actor=audit.Actor.of_portal_user(user.email, user.id, user.account_id))
    return _opened(request, token, await portal.pickup_session(session=session, row=row))


async def _has_access(session: SessionDep, row: EscrowMessage, request: Request) -> bool:
    """A live pickup session for this message, or a portal login of its recipient."""
    if await pickup.has_session(session=session, row=row, cookie=request.cookies.get(COOKIE)):
        return True
    return await portal.may_open(
        session, await portal.portal_user(session=session, cookie=request.cookies.get(portal.COOKIE)), row
    )


async def _verified(request: Request, session: SessionDep, token: str, part: str) -> EscrowMessage | HTMLResponse:
    """The escrow row when the browser holds a live session for it (its reading audited), else the
    page to show instead."""
    try:
        row = await pickup.find(session=session, token=token)
    except ApiError as exc:
        return _problem(request, exc)
    if not await _has_access(session, row, request):
        return await _start(
            request, session, row, token, status=401, error="Please confirm your address with a one-time code first."
        )
    audit.record(
        session,
        actor=recipient_actor(row),
        action=AuditAction.MESSAGE_READ,
        target=f"escrow {row.id}",
        client_ip=_client(request),
        details={"channel": ReadChannel.PICKUP.value, "part": part},
    )
    return row


@router.get(PICKUP_PATH + "/{token}/message")
async def pickup_message(request: Request, ctx: ContextDep, session: SessionDep, token: str) -> Response:
    """The escrowed message, for a verified browser."""
    row = await _verified(request, session, token, "message")
    if isinstance(row, HTMLResponse):
        return row
    return await message_page(request, ctx, session, row, base=f"{PICKUP_PATH}/{token}")


@router.get(PICKUP_PATH + "/{token}/attachment/{index}")
async def pickup_attachment(request: Request, ctx: ContextDep, session: SessionDep, token: str, index: int) -> Response:
    """One attachment as a download (never rendered inline: it could be active content)."""
    row = await _verified(request, session, token, f"attachment {index}")
    if isinstance(row, HTMLResponse):
        return row
    return attachment_response(request, ctx, row, index, title="Secure message")
