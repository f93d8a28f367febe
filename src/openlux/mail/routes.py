"""Sending endpoints (sendEmail, sendSecureEmailOrSecureText); captured mail is shown by the console."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

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
    user = caller.require_user()
    return await _answer(
        session,
        service.send_email(ctx=ctx, session=session, user=user, body=body, files=files, secure_text=send_secure_text),
    )


@api_route(router, "sendSecureEmailOrSecureText")
async def send_secure_email_or_secure_text(
    caller: CallerDep, ctx: ContextDep, session: SessionDep, body: JsonBody[MessageIn], files: FilesDep
):
    user = caller.require_user()
    return await _answer(
        session,
        service.send_legacy(ctx=ctx, session=session, user=user, body=body, files=files, secure_text=send_secure_text),
    )


async def _answer(session: AsyncSession, sending: Awaitable[Any]) -> JSONResponse:
    """The send's reply; a call refused as a whole keeps its rejections (recorded after the rollback)."""
    try:
        return ok(await sending)
    except service.NothingQueued as refused:
        await service.keep_rejections(session, refused.rejected)
        raise
