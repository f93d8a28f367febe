"""Sending endpoints (sendEmail, sendSecureEmailOrSecureText) and the captured-mail pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from openlux.auth.deps import CallerDep, ContextDep, FilesDep, JsonBody, SessionDep
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.mail import outbox, service
from openlux.mail.schemas import MessageIn, SendEmailBody
from openlux.securetext.service import send_secure_text  # the send endpoints' SecureText collaborator

router = APIRouter()


@api_route(router, "sendEmail")
async def send_email(caller: CallerDep, ctx: ContextDep, session: SessionDep, body: JsonBody[SendEmailBody],
                     files: FilesDep):
    return ok(await service.send_email(ctx=ctx, session=session, user=caller.require_user(), body=body, files=files,
                                       secure_text=send_secure_text))


@api_route(router, "sendSecureEmailOrSecureText")
async def send_secure_email_or_secure_text(caller: CallerDep, ctx: ContextDep, session: SessionDep,
                                           body: JsonBody[MessageIn], files: FilesDep):
    return ok(await service.send_legacy(ctx=ctx, session=session, user=caller.require_user(), body=body,
                                        files=files, secure_text=send_secure_text))


def _local_only(request: Request) -> bool:
    # Captured mail holds real content: only the machine running OpenLux may browse it.
    return bool(request.client and request.client.host in ("127.0.0.1", "::1", "localhost"))


@router.get("/web/outbox", include_in_schema=False)
async def outbox_page(request: Request, ctx: ContextDep, session: SessionDep) -> Response:
    """Captured messages (delivery_mode=capture), newest first, for loopback clients."""
    if not _local_only(request):
        return HTMLResponse("Captured mail is visible from the server itself only.", status_code=403)
    return HTMLResponse(outbox.render_list(await outbox.list_captured(session=session, limit=200)))


@router.get("/web/outbox/{captured_id}", include_in_schema=False)
async def outbox_message_page(request: Request, ctx: ContextDep, session: SessionDep, captured_id: int) -> Response:
    """One captured message with its full MIME source."""
    if not _local_only(request):
        return HTMLResponse("Captured mail is visible from the server itself only.", status_code=403)
    found = await outbox.get_captured(session=session, ctx=ctx, captured_id=captured_id)
    if found is None:
        return HTMLResponse("No such captured message.", status_code=404)
    return HTMLResponse(outbox.render_one(*found))


@router.get("/web/outbox.json", include_in_schema=False)
async def outbox_json(request: Request, ctx: ContextDep, session: SessionDep) -> Response:
    """The captured-mail list as JSON (id, from, recipients, subject, size, captured)."""
    if not _local_only(request):
        return JSONResponse({"success": 0, "error": "Captured mail is visible from the server itself only."}, 403)
    return ok(await outbox.list_captured(session=session, limit=200))
