"""The doorbell that wakes a polling role when this process has just made work for it."""

from __future__ import annotations

import asyncio
import threading

import pytest

from openlux.accounts.models import Account
from openlux.core.doorbell import Doorbell
from openlux.core.tasks import cancel_and_wait
from openlux.reports.models import ReportJob
from openlux.securetext import worker as sms_worker
from openlux.securetext.models import SmsMessage
from openlux.securetext.service import SmsKind, SmsState, queue_sms
from tests.support.polling import wait_until_async

HOUR = 3600.0


async def test_a_ring_wakes_a_waiting_role() -> None:
    bell = Doorbell()
    waiting = asyncio.create_task(bell.wait(HOUR))
    await wait_until_async(lambda: bell.waiting)
    bell.ring()
    await asyncio.wait_for(waiting, 10)
    assert bell.waiting == 0


async def test_a_ring_while_the_role_was_busy_makes_its_next_wait_return_at_once() -> None:
    bell = Doorbell()
    bell.ring()
    await asyncio.wait_for(bell.wait(HOUR), 10)
    # The ring is used up: the next wait sleeps its interval.
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(bell.wait(HOUR), 0.2)


async def test_a_ring_from_another_thread_wakes_the_role() -> None:
    bell = Doorbell()
    waiting = asyncio.create_task(bell.wait(HOUR))
    await wait_until_async(lambda: bell.waiting)
    threading.Thread(target=bell.ring).start()
    await asyncio.wait_for(waiting, 10)


async def test_without_a_ring_the_wait_lasts_its_interval() -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    await Doorbell().wait(0.05)
    assert loop.time() - started >= 0.05


async def test_it_rings_when_the_work_is_committed_and_not_when_it_is_rolled_back(ctx) -> None:
    bell = Doorbell()
    with pytest.raises(RuntimeError):
        async with ctx.db.transaction() as session:
            bell.ring_after_commit(session)
            raise RuntimeError("the request failed")
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(bell.wait(HOUR), 0.2)
    async with ctx.db.transaction() as session:
        await session.get(ReportJob, 1)
        bell.ring_after_commit(session)
    await asyncio.wait_for(bell.wait(HOUR), 10)


async def test_a_text_queued_in_this_process_is_sent_without_waiting_for_the_next_poll(ctx, monkeypatch) -> None:
    """The SMS role's poll is an hour here: only queue_sms's doorbell can wake it before the test's timeout."""
    monkeypatch.setattr(sms_worker, "POLL_SECONDS", HOUR)
    async with ctx.db.transaction() as session:
        account = Account(name="Texts")
        session.add(account)
        await session.flush()
        account_id = account.id
    role = asyncio.create_task(sms_worker.sms_role(ctx))
    try:
        await wait_until_async(lambda: ctx.sms_queued.waiting, what="the role idle in its poll")
        async with ctx.db.transaction() as session:
            sms_id = await queue_sms(
                ctx,
                session,
                account_id=account_id,
                user_id=None,
                escrow_id=None,
                kind=SmsKind.CODE,
                to="+15550100",
                text="Your code is 123456",
            )

        async def state() -> str | None:
            async with ctx.db.sessions() as session:
                row = await session.get(SmsMessage, sms_id, populate_existing=True)
                return row.state if row is not None and row.state != SmsState.QUEUED else None

        assert await wait_until_async(state, timeout=20) == SmsState.CAPTURED
    finally:
        await cancel_and_wait([role])
