"""The doorbell that wakes a polling role when this process has just made work for it."""

from __future__ import annotations

import asyncio
import threading

import pytest

from openlux.core.doorbell import Doorbell
from openlux.reports.models import ReportJob
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
