"""Waking a polling background role at once when this process has just made work for it."""

from __future__ import annotations

import asyncio

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession


class Doorbell:
    """A role polls the database every few hundred ms for work any process may have made. Work made in
    this process also rings the role's bell, so the role looks at once instead of sleeping out its
    interval: a report job submitted to `openlux serve` starts without waiting for the next poll.

    A ring that comes while the role is busy is kept: its next `wait` returns at once.
    """

    def __init__(self) -> None:
        self._rung = False
        self._waiters: set[asyncio.Future[None]] = set()

    @property
    def waiting(self) -> int:
        """How many roles are waiting on the bell now."""
        return len(self._waiters)

    def ring(self) -> None:
        """Wake the waiting role (from any thread)."""
        self._rung = True
        for waiter in list(self._waiters):
            waiter.get_loop().call_soon_threadsafe(_answer, waiter)

    def ring_after_commit(self, session: AsyncSession) -> None:
        """Ring once the session's transaction commits: before that, the role could not see the work."""
        event.listen(session.sync_session, "after_commit", lambda _session: self.ring(), once=True)

    async def wait(self, seconds: float) -> None:
        """Sleep up to `seconds`; return early when rung, now or since the last wait."""
        if self._rung:
            self._rung = False
            return
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        self._waiters.add(waiter)
        timer = loop.call_later(seconds, _answer, waiter)
        try:
            await waiter
        finally:
            timer.cancel()
            self._waiters.discard(waiter)
            # A ring between the answer and here is dropped on purpose: the role looks for work next,
            # and a ring always follows the commit of the work it announces.
            self._rung = False


def _answer(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)
