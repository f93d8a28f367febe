"""Asynchronous report jobs (spec 30 §A.5/§A.6): submit, list, show; the worker lives in worker.py."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.crypto import SecretBox
from openlux.core.errors import BadRequest, NotFound, PayloadTooLarge, RateLimited
from openlux.core.time import format_datetime
from openlux.reports import destinations
from openlux.reports.engine import Query, Scope
from openlux.reports.models import JOB_ACTIVE_STATES, JobStatus, ReportJob

# docs/compat.d/reports.md: concurrently active jobs per account (spec 30 §A.5 `max_jobs`).
MAX_JOBS = 3
# endpoints.tsv: the jobs endpoints show the last 7 days; older jobs and their files are purged.
RETENTION = timedelta(days=7)
# spec 30 §A.2: a response past ~50 MB may be cut; a local CSV is returned inline only up to this.
MAX_INLINE_BYTES = destinations.MAX_KEPT_BYTES
SEAL_CONTEXT = b"report_job"


async def active_jobs(session: AsyncSession, account_id: int) -> int:
    """Jobs of the account not yet complete or failed."""
    return int(
        await session.scalar(
            select(func.count())
            .select_from(ReportJob)
            .where(ReportJob.account_id == account_id, ReportJob.status.in_(JOB_ACTIVE_STATES))
        )
        or 0
    )


async def submit(
    *,
    ctx: AppContext,
    session: AsyncSession,
    endpoint: str,
    key: str,
    scope: Scope,
    query: Query,
    destination: destinations.Destination,
    password: str,
) -> dict[str, Any]:
    """Queue a report job; its job object. RateLimited when the account already runs max_jobs."""
    if await active_jobs(session, scope.account_id) >= MAX_JOBS:
        raise RateLimited(
            f"This account already has {MAX_JOBS} report jobs running (max_jobs); wait for one to finish.",
            retry_after=60,
        )
    now = clock.utcnow()
    job = ReportJob(
        account_id=scope.account_id,
        user_id=scope.user_id,
        report=endpoint,
        params=query.to_params(),
        destination=destination.public(),
        filename="",
        status=JobStatus.SUBMITTED,
        created_at=now,
        updated_at=now,
        destination_secret_sealed=ctx.box.seal(password.encode(), context=SEAL_CONTEXT) if password else None,
    )
    session.add(job)
    await session.flush()
    job.filename = f"{key}-{job.id}-{now:%Y%m%d%H%M%S}.csv"
    await session.flush()
    ctx.report_job_submitted.ring_after_commit(session)
    return await job_object(session, job)


async def job_object(session: AsyncSession, job: ReportJob) -> dict[str, Any]:
    """The spec 30 §A.6 job object (plus report, destination and file_size)."""
    return {
        "job_id": job.id,
        "report": job.report,
        "filename": job.filename,
        "created": format_datetime(job.created_at),
        "updated": format_datetime(job.updated_at),
        "completed": format_datetime(job.completed_at) if job.completed_at else "",
        "status": job.status,
        "status_detail": job.status_detail or "",
        "expected_rows": job.expected_rows,
        "completed_rows": job.completed_rows,
        "uid": job.user_id or 0,
        "current_jobs": await active_jobs(session, job.account_id),
        "max_jobs": MAX_JOBS,
        "destination": (job.destination or {}).get("kind", ""),
        "destination_hostname": (job.destination or {}).get("hostname", ""),
        "file_size": job.file_size,
    }


def _visible(scope: Scope) -> list[Any]:
    since = clock.utcnow() - RETENTION
    owner = [ReportJob.user_id == scope.user_id] if scope.user_id is not None else []
    return [ReportJob.account_id == scope.account_id, ReportJob.created_at >= since, *owner]


async def list_jobs(*, session: AsyncSession, scope: Scope) -> list[dict[str, Any]]:
    """The scope's jobs of the last 7 days, newest first (a user sees its own; an account all)."""
    jobs = await session.scalars(select(ReportJob).where(*_visible(scope)).order_by(ReportJob.id.desc()))
    return [await job_object(session, job) for job in jobs]


async def get_job(
    *, ctx: AppContext, session: AsyncSession, scope: Scope, job_id: int, download: bool = False
) -> dict[str, Any]:
    """One job object; with download, a finished local job's CSV is added as `file`."""
    job = await session.scalar(select(ReportJob).where(ReportJob.id == job_id, *_visible(scope)))
    if job is None:
        raise NotFound(f"No report job {job_id}.")
    out = await job_object(session, job)
    if download:
        out["file"] = read_local(ctx.settings.data_dir, job, ctx.box)
    return out


def read_local(data_dir: Path, job: ReportJob, box: SecretBox) -> str:
    """The CSV text of a complete job kept locally."""
    if (job.destination or {}).get("kind") != "local" or job.status != JobStatus.COMPLETE:
        raise BadRequest("Only a complete job with destination 'local' can be downloaded.")
    legacy = destinations.legacy_local_path(data_dir, job.account_id, job.filename)
    if legacy.exists() and legacy.stat().st_size > MAX_INLINE_BYTES:  # sealed ones never are (keep_sealed)
        raise PayloadTooLarge(
            f"The file of report job {job.id} is larger than {MAX_INLINE_BYTES} bytes; "
            "use an http or https destination."
        )
    kept = destinations.read_kept(data_dir, job.account_id, job.filename, box)
    if kept is None:
        raise NotFound(f"The file of report job {job.id} is no longer kept.")
    return kept.decode("utf-8")
