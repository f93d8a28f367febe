"""authentication and revokeAuthentication (spec/00-mechanics.md §4)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from openlux.auth import service
from openlux.auth.deps import CallerDep, ContextDep, SessionDep, request_facts
from openlux.auth.schemas import AuthRequest
from openlux.core.envelope import describe_validation_errors, ok
from openlux.core.errors import BadRequest
from openlux.core.jsonbody import parse_json
from openlux.core.routing import api_route

router = APIRouter()


@api_route(router, "authentication", status_code=201)
async def authentication(request: Request, session: SessionDep, ctx: ContextDep) -> JSONResponse:
    """Exchange token, date and HMAC signature for an auth code (201, no `data`)."""
    facts = await request_facts(request, ctx)
    body = await _auth_body(request)
    code = await service.authenticate(
        session=session, ctx=ctx, token=body.token, date=body.date, signature=body.signature,
        user=body.user, password=body.password, facts=facts,
    )
    return ok(status=201, auth=code)


@api_route(router, "revokeAuthentication")
async def revoke_authentication(caller: CallerDep, session: SessionDep) -> JSONResponse:
    """End the calling auth session."""
    await service.revoke(session=session, credentials=service.Credentials(
        caller.integration, caller.session_id, caller.session_user_id))
    return ok(comment="Authentication session revoked.")


async def _auth_body(request: Request) -> AuthRequest:
    raw = await request.body()
    data = parse_json(raw) if raw.strip() else {}
    if not isinstance(data, dict):
        raise BadRequest("The request body must be a JSON object with token, date and signature.")
    try:
        return AuthRequest.model_validate(data)
    except ValidationError as exc:
        raise BadRequest(describe_validation_errors(exc.errors())) from None
