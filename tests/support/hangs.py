"""What every event loop of a test process waits on, printed shortly before pytest-timeout ends a test.

pytest-timeout's own dump shows threads, and a hang in asyncio code shows there only as a loop asleep
in select(). This names, per loop, its scheduled timers and its tasks with the line each one is
suspended at, so a hang in CI can be read from the log instead of reproduced.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
from typing import IO

import pytest

MARGIN = 10.0  # seconds before pytest-timeout fires


def timeout_of(item: pytest.Item) -> float:
    """The pytest-timeout limit of the item (its marker, --timeout, or the ini value); 0 = none."""
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        return float(marker.args[0])
    value = item.config.getvalue("timeout")
    if value is None:
        value = item.config.getini("timeout")
    return float(value or 0)


def dump_event_loops(out: IO[str]) -> None:
    """Each open event loop: running or not, its timers and ready callbacks, and every task's stack."""
    loops = [o for o in gc.get_objects() if isinstance(o, asyncio.BaseEventLoop) and not o.is_closed()]
    for loop in loops:
        scheduled = getattr(loop, "_scheduled", [])
        ready = getattr(loop, "_ready", [])
        print(
            f"~~~ event loop {id(loop):#x}: running={loop.is_running()} timers={len(scheduled)} ready={len(ready)}",
            file=out,
        )
        for task in list(asyncio.all_tasks(loop)):
            print(f"--- {task!r}", file=out)
            task.print_stack(limit=25, file=out)
    out.flush()


def watch(item: pytest.Item) -> threading.Timer | None:
    """A daemon timer that dumps the event loops MARGIN seconds before the item's timeout (None: no timeout)."""
    limit = timeout_of(item)
    if limit <= 2 * MARGIN:
        return None
    timer = threading.Timer(limit - MARGIN, dump_event_loops, args=(sys.__stderr__,))
    timer.daemon = True
    timer.start()
    return timer
