"""The SecureSend portal pages: SSO login, the recipient's list of escrowed messages, reading one."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction, Outcome, ReadChannel
from openlux.auth import throttle
from openlux.auth.deps import ContextDep, SessionDep
from openlux.core.errors import ApiError, RateLimited
from openlux.core.time import format_datetime
from openlux.secureline.models import EscrowMessage
from openlux.securesend import portal
from openlux.securesend.html import attachment_response, message_page, page
from openlux.securesend.models import SecureSendUser
from openlux.securesend.users import PORTAL_PATH, SSO_PATH

router = APIRouter(include_in_schema=False)
_LOGGED_OUT = "Your SecureSend session has ended. Open your secure message link or ask for a new sign-on link."


@router.get(SSO_PATH + "/{token}")
async def portal_sso(request: Request, ctx: ContextDep, session: SessionDep, token: str) -> Response:
    """Redeem a one-click login link and land on the portal."""
    client_ip = request.client.host if request.client else None
    try:
        async with throttle.attempt(ctx, login="securesend-link", client_ip=client_ip, per_login=False) as attempt:
            try:
                user, cookie = await portal.redeem_sso(session=session, token=token)
            except ApiError:
                await session.rollback()
                attempt.fail()
                raise
    except ApiError as exc:
        await audit.record_detached(
            ctx,
            actor=audit.Actor.anonymous("securesend portal link"),
            action=AuditAction.SSO_REDEEM,
            client_ip=client_ip,
            outcome=Outcome.LOCKED if isinstance(exc, RateLimited) else Outcome.FAILURE,
            details={"portal": True, "reason": exc.message[:200]},
        )
        return page(request, "message.html", status=exc.status, title="SecureSend", message=exc.message)
    audit.record(
        session,
        actor=audit.Actor.of_portal_user(user.email, user.id, user.account_id),
        action=AuditAction.SSO_REDEEM,
        target=user.email,
        client_ip=client_ip,
        details={"portal": True},
    )
    response = RedirectResponse(PORTAL_PATH, status_code=303)
    response.set_cookie(
        portal.COOKIE,
        cookie,
        httponly=True,
        samesite="lax",
        path=portal.COOKIE_PATH,
        max_age=int(portal.PORTAL_LIFETIME.total_seconds()),
        secure=request.url.scheme == "https",
    )
    return response


async def _user(request: Request, session: SessionDep) -> SecureSendUser | HTMLResponse:
    user = await portal.portal_user(session=session, cookie=request.cookies.get(portal.COOKIE))
    if user is None:
        return page(request, "message.html", status=401, title="SecureSend", message=_LOGGED_OUT)
    return user


@router.get(PORTAL_PATH)
async def portal_home(request: Request, session: SessionDep) -> Response:
    """The logged-in recipient's unexpired secure messages."""
    user = await _user(request, session)
    if isinstance(user, HTMLResponse):
        return user
    rows = [
        {
            "id": r.id,
            "sender": r.sender,
            "created": format_datetime(r.created_at),
            "expires": format_datetime(r.expires_at),
        }
        for r in await portal.messages(session=session, user=user)
    ]
    return page(request, "portal.html", title="SecureSend", email=user.email, rows=rows, base=PORTAL_PATH)


async def _message(request: Request, session: SessionDep, escrow_id: int, part: str) -> EscrowMessage | HTMLResponse:
    """The portal user's message (its reading audited), or the page to show instead."""
    user = await _user(request, session)
    if isinstance(user, HTMLResponse):
        return user
    try:
        row = await portal.message(session=session, user=user, escrow_id=escrow_id)
    except ApiError as exc:
        return page(request, "message.html", status=exc.status, title="SecureSend", message=exc.message)
    audit.record(
        session,
        actor=audit.Actor.of_portal_user(user.email, user.id, user.account_id),
        action=AuditAction.MESSAGE_READ,
        target=f"escrow {row.id}",
        client_ip=request.client.host if request.client else None,
        details={"channel": ReadChannel.PORTAL.value, "part": part},
    )
    return row


@router.get(PORTAL_PATH + "/message/{escrow_id}")
async def portal_message(request: Request, ctx: ContextDep, session: SessionDep, escrow_id: int) -> Response:
    """One of the recipient's messages."""
    row = await _message(request, session, escrow_id, "message")
    if isinstance(row, HTMLResponse):
        return row
    return await message_page(request, ctx, session, row, base=f"{PORTAL_PATH}/message/{row.id}")


@router.get(PORTAL_PATH + "/message/{escrow_id}/attachment/{index}")
async def portal_attachment(
    request: Request, ctx: ContextDep, session: SessionDep, escrow_id: int, index: int
) -> Response:
    """One attachment of one of the recipient's messages, as a download."""
    row = await _message(request, session, escrow_id, f"attachment {index}")
    if isinstance(row, HTMLResponse):
        return row
    return attachment_response(request, ctx, row, index, title="SecureSend")
