"""Sending endpoints (sendEmail, sendSecureEmailOrSecureText); captured mail is shown by the console."""

from __future__ import annotations

from fastapi import APIRouter

from openlux.auth.deps import CallerDep, ContextDep, FilesDep, JsonBody, SessionDep
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.mail import service
from openlux.mail.schemas import MessageIn, SendEmailBody
from openlux.securetext.service import send_secure_text  # the send endpoints' SecureText collaborator

router = APIRouter()


@api_route(router, "sendEmail")
async def send_email(
    caller: CallerDep, ctx: ContextDep, session: SessionDep, body: JsonBody[SendEmailBody], files: FilesDep
):
    try:
        return ok(
            await service.send_email(
                ctx=ctx,
                session=session,
                user=caller.require_user(),
                body=body,
                files=files,
                secure_text=send_secure_text,
            )
        )
    except service.NothingQueued as refused:
        await service.keep_rejections(session, refused.rejected)
        raise


@api_route(router, "sendSecureEmailOrSecureText")
async def send_secure_email_or_secure_text(
    caller: CallerDep, ctx: ContextDep, session: SessionDep, body: JsonBody[MessageIn], files: FilesDep
):
    try:
        return ok(
            await service.send_legacy(
                ctx=ctx,
                session=session,
                user=caller.require_user(),
                body=body,
                files=files,
                secure_text=send_secure_text,
            )
        )
    except service.NothingQueued as refused:
        await service.keep_rejections(session, refused.rejected)
        raise
