"""Stopping asyncio tasks for good, even when one of them swallowed its cancellation."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

log = logging.getLogger("openlux")
RECANCEL_SECONDS = 0.5


async def cancel_and_wait(tasks: Iterable[asyncio.Task[None]]) -> None:
    """Cancel the tasks and wait until every one has ended, cancelling again those still running.

    One cancel is not always enough on Python 3.11: `asyncio.wait_for` returns the awaited result
    instead of raising when the cancellation and the result arrive together (fixed in 3.12), and
    aiosmtplib waits for every SMTP reply with it. A delivery task that lost its cancellation that way
    went on to wait for its outcome to be recorded by a recorder that was already stopped, and the
    worker never ended (a test hung for its full 300 s timeout). Cancelling again at the next await
    ends such a task.
    """
    pending = set(tasks)
    everything = list(pending)
    while pending:
        for task in pending:
            task.cancel()
        _done, pending = await asyncio.wait(pending, timeout=RECANCEL_SECONDS)
        if pending:
            log.warning("%d tasks did not end when cancelled; cancelling them again", len(pending))
    for task in everything:
        if not task.cancelled() and task.exception() is not None:
            log.error("task %s ended with an error while stopping", task.get_name(), exc_info=task.exception())
