"""Sending endpoints (sendEmail, sendSecureEmailOrSecureText); captured mail is shown by the console.

Both accept the `Idempotency-Key` header (an extension, mail/idempotency.py): a retried send with
the same key gets the first answer and queues nothing again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Header
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.auth.deps import CallerDep, ContextDep, FilesDep, JsonBody, SessionDep
from openlux.core.context import AppContext
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.mail import idempotency, service
from openlux.mail.schemas import MessageIn, SendEmailBody
from openlux.securetext.service import send_secure_text  # the send endpoints' SecureText collaborator

router = APIRouter()
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=idempotency.HEADER,
        description="Extension: a retry with the same key within 24 h gets the first answer and sends nothing.",
    ),
]


@api_route(router, "sendEmail")
async def send_email(
    caller: CallerDep,
    ctx: ContextDep,
    session: SessionDep,
    body: JsonBody[SendEmailBody],
    files: FilesDep,
    idempotency_key: IdempotencyKey = None,
):
    user = caller.require_user()
    return await _answer(
        ctx,
        session,
        user,
        ("sendEmail", body, files, idempotency_key),
        lambda: service.send_email(
            ctx=ctx, session=session, user=user, body=body, files=files, secure_text=send_secure_text
        ),
    )


@api_route(router, "sendSecureEmailOrSecureText")
async def send_secure_email_or_secure_text(
    caller: CallerDep,
    ctx: ContextDep,
    session: SessionDep,
    body: JsonBody[MessageIn],
    files: FilesDep,
    idempotency_key: IdempotencyKey = None,
):
    user = caller.require_user()
    return await _answer(
        ctx,
        session,
        user,
        ("sendSecureEmailOrSecureText", body, files, idempotency_key),
        lambda: service.send_legacy(
            ctx=ctx, session=session, user=user, body=body, files=files, secure_text=send_secure_text
        ),
    )


async def _answer(
    ctx: AppContext,
    session: AsyncSession,
    user: User,
    request: tuple[str, BaseModel, list[Any], str | None],
    sending: Callable[[], Awaitable[Any]],
) -> Response:
    """The send's reply (or the first reply to its Idempotency-Key); a call refused as a whole keeps
    its rejections (recorded after the rollback)."""
    endpoint, body, files, key = request
    claim = None
    if key is not None:
        held = await idempotency.begin(
            session,
            account_id=user.account_id,
            key=idempotency.check_key(key),
            fingerprint=idempotency.fingerprint(endpoint=endpoint, user_id=user.id, body=body, files=files),
            window_hours=ctx.settings.send_idempotency_hours,
        )
        if isinstance(held, Response):
            return held
        claim = held
    try:
        response = ok(await sending())
    except service.NothingQueued as refused:
        await service.keep_rejections(session, refused.rejected)
        raise
    if claim is not None:
        await idempotency.finish(session, claim, response)
    return response
