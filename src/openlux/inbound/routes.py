"""Auto-responder and forwarding endpoints (spec 10-user, Email › AutoResponders and Forwarding)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from openlux.audit.schemas import AuditAction
from openlux.auth.deps import CallerDep, JsonBody, SessionDep
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.core.types import LuxId
from openlux.inbound import service
from openlux.inbound.schemas import AutoResponderCreate, ForwardingUpdate

router = APIRouter()


@api_route(router, "newEmailAutoResponder")
async def new_email_auto_responder(
    caller: CallerDep, session: SessionDep, body: JsonBody[AutoResponderCreate]
) -> JSONResponse:
    return ok(await service.create_responder(session=session, user=caller.require_user(), body=body))


@api_route(router, "getEmailAutoResponders")
async def get_email_auto_responders(caller: CallerDep, session: SessionDep) -> JSONResponse:
    return ok(await service.list_responders(session=session, user=caller.require_user()))


@api_route(router, "deleteEmailAutoResponder")
async def delete_email_auto_responder(caller: CallerDep, session: SessionDep, autoresponder_id: LuxId) -> JSONResponse:
    return ok(
        await service.delete_responder(session=session, user=caller.require_user(), responder_id=autoresponder_id)
    )


@api_route(router, "updateEmailForwarding")
async def update_email_forwarding(
    caller: CallerDep, session: SessionDep, body: JsonBody[ForwardingUpdate]
) -> JSONResponse:
    user = caller.require_user()
    settings = await service.update_forwarding(session=session, user=user, body=body)
    # Where a user's mail goes is a disclosure decision: the destinations are kept (never the bounce text).
    caller.audit(
        session,
        AuditAction.FORWARDING_CHANGE,
        user.login,
        {"action": settings["action"], "destinations": settings["destinations"]},
    )
    return ok(settings)
