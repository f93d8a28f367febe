"""The report-jobs role: claim a submitted job, write its CSV in batches, deliver it, record progress.

A job's `updated` moves with every batch; a job whose worker died stops moving and is claimed
again after STALE_AFTER (it restarts from the beginning: a CSV is only delivered whole).

The report-counters role keeps the delivery reports' counters (reports/state_counts.py): every
FOLD_SECONDS it folds PostgreSQL's deltas into them (a role of its own, so a long job never holds
the fold back), and every PURGE_EVERY it removes the counters back at zero.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, or_, select, update

from openlux.accounts.models import User
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import ApiError
from openlux.core.netguard import OutboundGuard
from openlux.db import rows_matched
from openlux.reports import destinations, state_counts
from openlux.reports.catalog import definition_of
from openlux.reports.engine import Scope, parse_query
from openlux.reports.jobs import RETENTION, SEAL_CONTEXT
from openlux.reports.models import JOB_ACTIVE_STATES, JobStatus, ReportJob

log = logging.getLogger("openlux.reports")
POLL_SECONDS = 0.5  # how often an idle worker looks for jobs other processes submitted
STALE_AFTER = timedelta(minutes=10)  # no progress for this long: the worker is presumed dead
PURGE_EVERY = timedelta(hours=1)


async def claim(ctx: AppContext, worker: str) -> int | None:
    """Take the oldest submitted (or abandoned) job; its id, or None."""
    now = clock.utcnow()
    claimable = or_(
        ReportJob.status == JobStatus.SUBMITTED,
        and_(ReportJob.status.in_(JOB_ACTIVE_STATES), ReportJob.updated_at < now - STALE_AFTER),
    )
    async with ctx.db.transaction() as session:
        job_id = await session.scalar(select(ReportJob.id).where(claimable).order_by(ReportJob.id).limit(1))
        if job_id is None:
            return None
        # Conditional UPDATE: exactly one worker wins a job (STYLE.md §5).
        result = await session.execute(
            update(ReportJob)
            .where(ReportJob.id == job_id, claimable)
            .values(
                status=JobStatus.PREPARING,
                claimed_by=worker,
                updated_at=now,
                expected_rows=None,
                completed_rows=None,
                status_detail="",
            )
        )
        return job_id if rows_matched(result) == 1 else None


async def set_state(ctx: AppContext, job_id: int, worker: str, **values: Any) -> None:
    """Record progress, unless another worker has taken the job over."""
    async with ctx.db.transaction() as session:
        await session.execute(
            update(ReportJob)
            .where(ReportJob.id == job_id, ReportJob.claimed_by == worker)
            .values(updated_at=clock.utcnow(), **values)
        )


async def load(ctx: AppContext, job_id: int) -> tuple[ReportJob, Scope, str]:
    """The job, whose data it reads, and the destination password."""
    async with ctx.db.transaction() as session:
        job = await session.get(ReportJob, job_id)
        assert job is not None
        login = await session.scalar(select(User.login).where(User.id == job.user_id)) if job.user_id else ""
        session.expunge(job)
    password = (
        ctx.box.open(job.destination_secret_sealed, context=SEAL_CONTEXT).decode()
        if job.destination_secret_sealed
        else ""
    )
    return job, Scope(job.account_id, job.user_id, login or ""), password


async def write_csv(ctx: AppContext, job: ReportJob, scope: Scope, worker: str, target: Path) -> int:
    """Count, then stream the report into `target`; the number of rows written."""
    _key, definition = definition_of(job.report)
    query = parse_query(job.params or {}, filters=definition.filters, asynchronous=True)
    async with ctx.db.transaction() as session:
        total = await definition.count(session, scope, query)
    expected = max(0, min(total - query.paging.first_row, query.paging.matches))
    await set_state(ctx, job.id, worker, status=JobStatus.RUNNING, expected_rows=expected, completed_rows=0)
    written = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        out.write(definition.report.csv([]))  # the header row, exactly as the synchronous CSV has it
        async with ctx.db.transaction() as session:
            async for batch in definition.stream(session, scope, query):
                out.write(definition.report.csv(batch).split("\r\n", 1)[1])
                written += len(batch)
                await set_state(ctx, job.id, worker, completed_rows=written)
    return written


async def run_job(ctx: AppContext, job_id: int, worker: str) -> None:
    """Produce and deliver one job's CSV; a failure is recorded on the job, never raised."""
    job, scope, password = await load(ctx, job_id)
    tmp = ctx.settings.data_dir / "report-jobs" / "tmp" / f"{job_id}-{worker}.csv"
    tmp.parent.mkdir(parents=True, exist_ok=True)
    try:
        await write_csv(ctx, job, scope, worker, tmp)
        await set_state(ctx, job_id, worker, status=JobStatus.UPLOADING, file_size=tmp.stat().st_size)
        await destinations.deliver(
            destination=job.destination,
            password=password,
            source=tmp,
            data_dir=ctx.settings.data_dir,
            account_id=job.account_id,
            filename=job.filename,
            guard=OutboundGuard.from_setting(ctx.settings.outbound_allowed_networks),
            box=ctx.box,
        )
        await set_state(ctx, job_id, worker, status=JobStatus.COMPLETE, completed_at=clock.utcnow())
    except (ApiError, OSError, RuntimeError, ValueError) as exc:
        detail = exc.message if isinstance(exc, ApiError) else str(exc) or type(exc).__name__
        log.warning("report job %s failed: %s", job_id, detail)
        await set_state(ctx, job_id, worker, status=JobStatus.FAILED, status_detail=detail[:1000])
    except Exception:
        log.exception("report job %s failed", job_id)
        await set_state(
            ctx, job_id, worker, status=JobStatus.FAILED, status_detail="Internal error while producing the report."
        )
    finally:
        tmp.unlink(missing_ok=True)


async def purge(ctx: AppContext) -> None:
    """Forget jobs older than the retention period, and their kept files."""
    cutoff = clock.utcnow() - RETENTION
    async with ctx.db.transaction() as session:
        old = (
            await session.execute(select(ReportJob.account_id, ReportJob.filename).where(ReportJob.created_at < cutoff))
        ).all()
        await session.execute(delete(ReportJob).where(ReportJob.created_at < cutoff))
    for account_id, filename in old:
        destinations.local_path(ctx.settings.data_dir, account_id, filename).unlink(missing_ok=True)
        destinations.legacy_local_path(ctx.settings.data_dir, account_id, filename).unlink(missing_ok=True)


async def report_jobs(ctx: AppContext) -> None:
    """Run report jobs one at a time per process until cancelled."""
    worker = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
    next_purge = clock.utcnow()
    while True:
        if clock.utcnow() >= next_purge:
            await purge(ctx)
            next_purge = clock.utcnow() + PURGE_EVERY
        job_id = await claim(ctx, worker)
        if job_id is None:
            await ctx.report_job_submitted.wait(POLL_SECONDS)
            continue
        await run_job(ctx, job_id, worker)


async def report_counters(ctx: AppContext) -> None:
    """Fold the report counters' deltas every FOLD_SECONDS until cancelled; drop zero counts hourly."""
    next_purge = clock.utcnow()
    while True:
        await state_counts.fold_deltas(ctx.db)
        if clock.utcnow() >= next_purge:
            await state_counts.drop_zero_counts(ctx.db)
            next_purge = clock.utcnow() + PURGE_EVERY
        await asyncio.sleep(state_counts.FOLD_SECONDS)
