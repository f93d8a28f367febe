"""User- and account-level suppression endpoints (spec 11-user-content §4, 50-account)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.audit.schemas import AuditAction
from openlux.auth.deps import Caller, CallerDep, JsonBody, SessionDep
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.suppressions import service
from openlux.suppressions.schemas import SuppressionCreate, SuppressionQuery
from openlux.suppressions.service import Owner

router = APIRouter()
QueryDep = Annotated[SuppressionQuery, Depends()]
# A local part may hold '/', so the address segment is matched as a path.
_EMAIL_PATH = {"email": "path"}


def user_owner(caller: CallerDep) -> Owner:
    """The path user's own list."""
    return Owner(caller.account_id, caller.require_user().id)


def account_owner(caller: CallerDep) -> Owner:
    """The caller's account list (scope and account match are checked by CallerDep)."""
    return Owner(caller.account_id)


UserOwner = Annotated[Owner, Depends(user_owner)]
AccountOwner = Annotated[Owner, Depends(account_owner)]


async def created(caller: Caller, session: AsyncSession, owner: Owner, body: SuppressionCreate) -> JSONResponse:
    """Suppress the body's addresses; each one newly suppressed is an audit event (a bulk list too)."""
    result = await service.create_many(session=session, owner=owner, body=body)
    for address in service.created_addresses(result):
        caller.audit(session, AuditAction.SUPPRESSION_ADD, address, {"level": owner.level})
    return ok(result)


async def deleted(caller: Caller, session: AsyncSession, owner: Owner, email: str) -> JSONResponse:
    """Lift one suppression (audited)."""
    result = await service.delete_one(session=session, owner=owner, email=email)
    caller.audit(session, AuditAction.SUPPRESSION_REMOVE, str(result["email"]), {"level": owner.level})
    return ok(result)


@api_route(router, "createUserSuppression")
async def create_user_suppression(
    caller: CallerDep, owner: UserOwner, session: SessionDep, body: JsonBody[SuppressionCreate]
) -> JSONResponse:
    return await created(caller, session, owner, body)


@api_route(router, "getUserSuppressionList")
async def get_user_suppression_list(owner: UserOwner, session: SessionDep, query: QueryDep) -> JSONResponse:
    return ok(await service.list_page(session=session, owner=owner, query=query))


@api_route(router, "getUserSuppression", path_converters=_EMAIL_PATH)
async def get_user_suppression(owner: UserOwner, session: SessionDep, email: str) -> JSONResponse:
    return ok(await service.get_one(session=session, owner=owner, email=email))


@api_route(router, "deleteUserSuppression", path_converters=_EMAIL_PATH)
async def delete_user_suppression(caller: CallerDep, owner: UserOwner, session: SessionDep, email: str) -> JSONResponse:
    return await deleted(caller, session, owner, email)


@api_route(router, "createAccountSuppression")
async def create_account_suppression(
    caller: CallerDep, owner: AccountOwner, session: SessionDep, body: JsonBody[SuppressionCreate]
) -> JSONResponse:
    return await created(caller, session, owner, body)


@api_route(router, "getAccountSuppressionList")
async def get_account_suppression_list(owner: AccountOwner, session: SessionDep, query: QueryDep) -> JSONResponse:
    return ok(await service.list_page(session=session, owner=owner, query=query))


@api_route(router, "getAccountSuppression", path_converters=_EMAIL_PATH)
async def get_account_suppression(owner: AccountOwner, session: SessionDep, email: str) -> JSONResponse:
    return ok(await service.get_one(session=session, owner=owner, email=email))


@api_route(router, "deleteAccountSuppression", path_converters=_EMAIL_PATH)
async def delete_account_suppression(
    caller: CallerDep, owner: AccountOwner, session: SessionDep, email: str
) -> JSONResponse:
    return await deleted(caller, session, owner, email)
