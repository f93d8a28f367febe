"""Secure Form endpoints (spec 50-account "Secure Form"; all inferred) and the public post page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from openlux.audit.schemas import AuditAction
from openlux.auth.deps import CallerDep, ContextDep, SessionDep
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.core.types import LuxId
from openlux.secureforms import forms, service
from openlux.secureforms.models import SecureForm
from openlux.secureforms.schemas import RowQuery

router = APIRouter()
QueryDep = Annotated[RowQuery, Depends()]


async def account_form(caller: CallerDep, session: SessionDep, form_id: LuxId) -> SecureForm:
    """The path's form, when it belongs to the caller's account (404 otherwise)."""
    return await forms.get(session=session, account_id=caller.account_id, form_id=form_id)


FormDep = Annotated[SecureForm, Depends(account_form)]


@api_route(router, "getSecureFormList")
async def get_secure_form_list(caller: CallerDep, ctx: ContextDep, session: SessionDep) -> JSONResponse:
    return ok([forms.record(ctx, f) for f in await forms.list_forms(session=session, account_id=caller.account_id)])


@api_route(router, "getSecureForm")
async def get_secure_form(form: FormDep, ctx: ContextDep) -> JSONResponse:
    return ok(forms.record(ctx, form))


def form_target(form: SecureForm, row_id: int | None = None) -> str:
    """The audit target of a form's posts, or of one post (row)."""
    return f"secure form {form.id}" + ("" if row_id is None else f" row {row_id}")


@api_route(router, "getSecureFormDatabasePosts")
async def get_secure_form_database_posts(
    caller: CallerDep, form: FormDep, session: SessionDep, query: QueryDep
) -> JSONResponse:
    found = await service.posts(session=session, form=form, query=query)
    # Metadata only (time, poster's address, size), but it names who posted: audited like the rows.
    caller.audit(
        session, AuditAction.SECUREFORM_POST_READ, form_target(form), {"part": "posts", "rows": len(found["rows"])}
    )
    return ok(found)


@api_route(router, "getSecureFormDatabaseRows")
async def get_secure_form_database_rows(
    caller: CallerDep, form: FormDep, ctx: ContextDep, session: SessionDep, query: QueryDep
) -> JSONResponse:
    found = await service.rows(session=session, ctx=ctx, form=form, query=query)
    row_ids = [row["row_id"] for row in found["rows"]]
    caller.audit(
        session,
        AuditAction.SECUREFORM_POST_READ,
        form_target(form),
        {"part": "rows", "rows": len(row_ids), "row_ids": row_ids},
    )
    return ok(found)


@api_route(router, "getSecureFormDatabaseRow")
async def get_secure_form_database_row(
    caller: CallerDep, form: FormDep, ctx: ContextDep, session: SessionDep, row_id: LuxId
) -> JSONResponse:
    found = await service.row(session=session, ctx=ctx, form=form, row_id=row_id)
    caller.audit(session, AuditAction.SECUREFORM_POST_READ, form_target(form, row_id), {"part": "row"})
    return ok(found)


@api_route(router, "deleteSecureFormDatabaseRow")
async def delete_secure_form_database_row(
    caller: CallerDep, form: FormDep, ctx: ContextDep, session: SessionDep, row_id: LuxId
) -> JSONResponse:
    deleted = await service.delete_row(session=session, ctx=ctx, form=form, row_id=row_id)
    caller.audit(
        session,
        AuditAction.SECUREFORM_POST_DELETE,
        form_target(form, row_id),
        {"part": "row", "files_deleted": deleted["files_deleted"]},
    )
    return ok(deleted)


@api_route(router, "getSecureFormDatabaseFile")
async def get_secure_form_database_file(
    caller: CallerDep, form: FormDep, ctx: ContextDep, session: SessionDep, row_id: LuxId, file_id: LuxId
) -> JSONResponse:
    found = await service.get_file(session=session, ctx=ctx, form=form, row_id=row_id, file_id=file_id)
    caller.audit(
        session, AuditAction.SECUREFORM_POST_READ, form_target(form, row_id), {"part": "file", "file_id": file_id}
    )
    return ok(found)


@api_route(router, "deleteSecureFormDatabaseFile")
async def delete_secure_form_database_file(
    caller: CallerDep, form: FormDep, ctx: ContextDep, session: SessionDep, row_id: LuxId, file_id: LuxId
) -> JSONResponse:
    deleted = await service.delete_file(session=session, ctx=ctx, form=form, row_id=row_id, file_id=file_id)
    caller.audit(
        session, AuditAction.SECUREFORM_POST_DELETE, form_target(form, row_id), {"part": "file", "file_id": file_id}
    )
    return ok(deleted)
