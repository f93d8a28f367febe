"""Report and report-job endpoints (spec/30-reports.md); one handler serves all 34 report endpoints."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.audit.schemas import AuditAction
from openlux.auth.deps import Caller, CallerDep, ContextDep, SessionDep
from openlux.core.context import AppContext
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.core.types import Flag, LuxId
from openlux.reports import jobs, service
from openlux.reports.catalog import ENDPOINTS
from openlux.reports.engine import Scope

router = APIRouter()


def names_messages_or_addresses(endpoint_name: str) -> bool:
    """Whether a report's rows name messages, senders, recipients or clients (audited when read);
    the summaries hold counts only."""
    return not ENDPOINTS[endpoint_name].endswith("_summary")


def read_details(request: Request, result: dict[str, Any]) -> dict[str, Any]:
    """What a report read records: the rows returned and the query asked (each value cut short)."""
    query = {
        key: value[:200] for key, value in request.query_params.items() if not key.startswith("destination")
    }  # destination parameters (a password among them) belong to export jobs, never to the log
    return {"rows": len(result.get("rows") or []), "query": query}


def _report_route(name: str) -> Callable[..., Any]:
    async def handler(request: Request, caller: CallerDep, session: SessionDep, ctx: ContextDep) -> Any:
        scope = service.scope_of(
            account_id=caller.account_id, user=caller.user if caller.endpoint.scope == "user" else None
        )
        result = await service.report(
            ctx=ctx, session=session, endpoint=name, scope=scope, params=dict(request.query_params)
        )
        if "job_id" in result:  # an export job was queued
            caller.audit(
                session,
                AuditAction.REPORT_JOB_CREATE,
                f"report job {result['job_id']}",
                {"report": name, "destination": result.get("destination", "")},
            )
        elif names_messages_or_addresses(name):
            caller.audit(session, AuditAction.REPORT_READ, name, read_details(request, result))
        return ok(result)

    # STYLE.md §3: the function is the operation name in snake_case (operation_id keeps the original).
    handler.__name__ = handler.__qualname__ = re.sub(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()
    return handler


for _name in ENDPOINTS:
    api_route(router, _name)(_report_route(_name))


@api_route(router, "getUserJobs")
async def get_user_jobs(caller: CallerDep, session: SessionDep) -> Any:
    return ok(
        await jobs.list_jobs(
            session=session, scope=service.scope_of(account_id=caller.account_id, user=caller.require_user())
        )
    )


@api_route(router, "getAccountJobs")
async def get_account_jobs(caller: CallerDep, session: SessionDep) -> Any:
    return ok(await jobs.list_jobs(session=session, scope=service.scope_of(account_id=caller.account_id, user=None)))


@api_route(router, "getUserJob")
async def get_user_job(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, job_id: LuxId, download: Flag = False
) -> Any:
    scope = service.scope_of(account_id=caller.account_id, user=caller.require_user())
    return ok(await fetched_job(caller, session, ctx, scope, job_id, download))


@api_route(router, "getAccountJob")
async def get_account_job(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, job_id: LuxId, download: Flag = False
) -> Any:
    scope = service.scope_of(account_id=caller.account_id, user=None)
    return ok(await fetched_job(caller, session, ctx, scope, job_id, download))


async def fetched_job(
    caller: Caller, session: AsyncSession, ctx: AppContext, scope: Scope, job_id: int, download: bool
) -> dict[str, Any]:
    """A job object; a download of its file is audited."""
    job = await jobs.get_job(ctx=ctx, session=session, scope=scope, job_id=job_id, download=download)
    if download:
        caller.audit(session, AuditAction.EXPORT_DOWNLOAD, f"report job {job_id}", {"report": job.get("report", "")})
    return job
