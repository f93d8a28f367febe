"""authentication and revokeAuthentication (spec/00-mechanics.md §4)."""

from __future__ import annotations

import base64
from urllib.parse import unquote_plus

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from openlux.audit.schemas import AuditAction, LoginChannel
from openlux.auth import service
from openlux.auth.deps import CallerDep, ContextDep, SessionDep, request_facts
from openlux.auth.schemas import AuthRequest
from openlux.contract import API_PREFIX
from openlux.core.envelope import describe_validation_errors, ok
from openlux.core.errors import ApiError, BadRequest
from openlux.core.forms import read_form
from openlux.core.jsonbody import parse_json
from openlux.core.routing import api_route

router = APIRouter()


@api_route(router, "authentication", status_code=201)
async def authentication(request: Request, session: SessionDep, ctx: ContextDep) -> JSONResponse:
    """Exchange token, date and HMAC signature for an auth code (201, no `data`)."""
    facts = await request_facts(request, ctx)
    body = await _auth_body(request)
    code = await service.authenticate(
        session=session,
        ctx=ctx,
        token=body.token,
        date=body.date,
        signature=body.signature,
        user=body.user,
        password=body.password,
        facts=facts,
    )
    return ok(status=201, auth=code)


@api_route(router, "revokeAuthentication")
async def revoke_authentication(caller: CallerDep, session: SessionDep) -> JSONResponse:
    """End the calling auth session."""
    await service.revoke(
        session=session, credentials=service.Credentials(caller.integration, caller.session_id, caller.session_user_id)
    )
    caller.audit(session, AuditAction.LOGOUT, f"auth session {caller.session_id}", {"channel": LoginChannel.API.value})
    return ok(comment="Authentication session revoked.")


# OAuth 2.0 token endpoint (an OpenLux extension: LuxSci's is not public). Form-encoded as RFC 6749
# asks; client credentials in HTTP Basic (preferred) or in the body; answers in OAuth's own format.
OAUTH_TOKEN_PATH = f"{API_PREFIX}/oauth/token"


@router.post(OAUTH_TOKEN_PATH, include_in_schema=False)
async def oauth_token(request: Request, session: SessionDep, ctx: ContextDep) -> JSONResponse:
    """Client-credentials grant (RFC 6749 §4.4) for account-scope integrations: a bearer auth code."""
    facts = await request_facts(request, ctx)
    form = await read_form(request)
    client_id, client_secret = _basic_credentials(request)
    client_id = client_id or str(form.get("client_id") or "")
    client_secret = client_secret or str(form.get("client_secret") or "")
    if form.get("grant_type") != "client_credentials":
        return _oauth_error(400, "unsupported_grant_type", "Only grant_type=client_credentials is offered.")
    if not client_id or not client_secret:
        return _oauth_error(401, "invalid_client", "Client authentication is required.")
    try:
        code = await service.issue_client_credentials_token(
            session=session, ctx=ctx, client_id=client_id, client_secret=client_secret, facts=facts
        )
    except ApiError as exc:
        if exc.status == 429:
            return _oauth_error(429, "slow_down", exc.message)
        if exc.status == 403:
            return _oauth_error(400, "unauthorized_client", exc.message)
        return _oauth_error(401, "invalid_client", exc.message)
    return JSONResponse(
        {"access_token": code, "token_type": "Bearer", "expires_in": ctx.settings.auth_max_age_seconds},
        headers={"Cache-Control": "no-store", "Pragma": "no-cache"},
    )


def _basic_credentials(request: Request) -> tuple[str, str]:
    scheme, _, encoded = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return "", ""
    try:
        user, _, password = base64.b64decode(encoded.strip()).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return "", ""
    return unquote_plus(user), unquote_plus(password)


def _oauth_error(status: int, error: str, description: str) -> JSONResponse:
    headers = {"Cache-Control": "no-store"}
    if status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="openlux"'
    return JSONResponse({"error": error, "error_description": description}, status_code=status, headers=headers)


async def _auth_body(request: Request) -> AuthRequest:
    raw = await request.body()
    data = parse_json(raw) if raw.strip() else {}
    if not isinstance(data, dict):
        raise BadRequest("The request body must be a JSON object with token, date and signature.")
    try:
        return AuthRequest.model_validate(data)
    except ValidationError as exc:
        raise BadRequest(describe_validation_errors(exc.errors())) from None
