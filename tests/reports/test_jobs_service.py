"""Report jobs at service level: the per-account limit, and a job whose worker died is taken over."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import update

from openlux.accounts.models import Account
from openlux.core import time as clock
from openlux.core.errors import RateLimited
from openlux.core.tasks import cancel_and_wait
from openlux.reports import destinations, jobs, worker
from openlux.reports.engine import Query, Scope
from openlux.reports.models import ReportJob
from tests.support.polling import wait_until_async

LOCAL = destinations.Destination("local")


async def new_account(ctx) -> int:
    async with ctx.db.transaction() as session:
        account = Account(name="Jobs Test")
        session.add(account)
        await session.flush()
        return account.id


async def submit(ctx, account_id: int) -> dict:
    async with ctx.db.transaction() as session:
        return await jobs.submit(
            ctx=ctx,
            session=session,
            endpoint="getEmailSMTPSentReportAccount",
            key="smtp_sent",
            scope=Scope(account_id),
            query=Query(),
            destination=LOCAL,
            password="",
        )


async def test_a_fourth_active_job_is_refused_until_one_finishes(ctx) -> None:
    account_id = await new_account(ctx)
    made = [await submit(ctx, account_id) for _ in range(jobs.MAX_JOBS)]
    assert [m["current_jobs"] for m in made] == [1, 2, 3] and made[0]["max_jobs"] == jobs.MAX_JOBS
    with pytest.raises(RateLimited) as err:
        await submit(ctx, account_id)
    assert "max_jobs" in err.value.message
    job_id = await worker.claim(ctx, "w1")
    assert job_id == made[0]["job_id"]
    await worker.run_job(ctx, job_id, "w1")
    async with ctx.db.transaction() as session:
        done = await jobs.get_job(ctx=ctx, session=session, scope=Scope(account_id), job_id=job_id, download=True)
    assert done["status"] == "complete" and done["expected_rows"] == 0 and done["file"].startswith("date,queue_id,")
    assert (await submit(ctx, account_id))["current_jobs"] == 3


async def test_a_stalled_job_is_claimed_again_and_the_old_worker_cannot_overwrite_it(ctx) -> None:
    account_id = await new_account(ctx)
    job = await submit(ctx, account_id)
    assert await worker.claim(ctx, "dead") == job["job_id"]
    assert await worker.claim(ctx, "other") is None  # still leased
    async with ctx.db.transaction() as session:
        await session.execute(
            update(ReportJob).values(updated_at=clock.utcnow() - worker.STALE_AFTER - timedelta(seconds=1))
        )
    assert await worker.claim(ctx, "other") == job["job_id"]
    await worker.set_state(ctx, job["job_id"], "dead", status="failed", status_detail="late")
    async with ctx.db.transaction() as session:
        row = await session.get(ReportJob, job["job_id"])
        assert row.status == "preparing" and row.claimed_by == "other"


async def test_a_job_submitted_in_this_process_starts_without_waiting_for_the_next_poll(ctx, monkeypatch) -> None:
    """The role's poll is an hour here: only the submit's doorbell can wake it before the test's timeout."""
    monkeypatch.setattr(worker, "POLL_SECONDS", 3600.0)
    account_id = await new_account(ctx)
    role = asyncio.create_task(worker.report_jobs(ctx))
    try:
        await wait_until_async(lambda: ctx.report_job_submitted.waiting, what="the role idle in its poll")
        job = await submit(ctx, account_id)

        async def status() -> str | None:
            async with ctx.db.sessions() as session:
                found = await session.get(ReportJob, job["job_id"], populate_existing=True)
                return found.status if found is not None and found.status == "complete" else None

        assert await wait_until_async(status, timeout=20) == "complete"
    finally:
        await cancel_and_wait([role])
