"""SecureSend user endpoints (spec 50-account "SecureSend namespaces"; all inferred)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction
from openlux.auth.deps import CallerDep, ContextDep, JsonBody, SessionDep
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.securesend import users
from openlux.securesend.schemas import SecureSendPassword, SecureSendUserUpsert

router = APIRouter()
# A local part may hold '/', so the address segment is matched as a path.
_USER_PATH = {"ss_user": "path"}


# Registered before the upsert: its {ss_user:path} would otherwise swallow '…/password'.
@api_route(router, "changeSecureSendUserPassword", path_converters=_USER_PATH)
async def change_secure_send_user_password(
    caller: CallerDep, session: SessionDep, namespace_id: str, ss_user: str, body: JsonBody[SecureSendPassword]
) -> JSONResponse:
    saved = await users.change_password(
        session=session,
        account_id=caller.account_id,
        namespace_id=namespace_id,
        ss_user=ss_user,
        password=body.password,
    )
    audit.record(
        session,
        actor=caller.actor(),
        action=AuditAction.PORTAL_USER_CHANGE,
        target=f"{saved['email']} (namespace {saved['namespace']})",
        client_ip=caller.client_ip,
        details={"fields": ["password"]},
    )
    return ok(saved)


@api_route(router, "createOrUpdateSecureSendUser", path_converters=_USER_PATH)
async def create_or_update_secure_send_user(
    caller: CallerDep, session: SessionDep, namespace_id: str, ss_user: str, body: JsonBody[SecureSendUserUpsert]
) -> JSONResponse:
    saved = await users.upsert(
        session=session, account_id=caller.account_id, namespace_id=namespace_id, ss_user=ss_user, body=body
    )
    audit.record(
        session,
        actor=caller.actor(),
        action=AuditAction.PORTAL_USER_CREATE if saved["status"] == "created" else AuditAction.PORTAL_USER_CHANGE,
        target=f"{saved['email']} (namespace {saved['namespace']})",
        client_ip=caller.client_ip,
        details={"fields": sorted(body.model_dump(exclude_unset=True))},  # names only, never values
    )
    return ok(saved)


@api_route(router, "getSecureSendUserSingleSignOnLink", path_converters=_USER_PATH)
async def get_secure_send_user_single_sign_on_link(
    caller: CallerDep, ctx: ContextDep, session: SessionDep, namespace_id: str, ss_user: str
) -> JSONResponse:
    link = await users.sso_link(
        session=session, ctx=ctx, account_id=caller.account_id, namespace_id=namespace_id, ss_user=ss_user
    )
    audit.record(
        session,
        actor=caller.actor(),
        action=AuditAction.PORTAL_SSO_LINK_CREATE,
        target=f"{link['email']} (namespace {link['namespace']})",
        client_ip=caller.client_ip,
        details={"expires": link["expires"]},
    )
    return ok(link)


@api_route(router, "getSecureSendUserList")
async def get_secure_send_user_list(caller: CallerDep, session: SessionDep, namespace_id: str) -> JSONResponse:
    return ok(await users.list_users(session=session, account_id=caller.account_id, namespace_id=namespace_id))
