"""Waiting for something to happen, by polling — never by a fixed sleep."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")


def wait_until(check: Callable[[], T], timeout: float = 30.0, interval: float = 0.05, what: str = "") -> T:
    """Call `check()` until it returns something truthy; that value (AssertionError after `timeout` s)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what or 'condition'} not met within {timeout}s (last: {value!r})")
        time.sleep(interval)


async def wait_until_async(
    check: Callable[[], Awaitable[T]] | Callable[[], T], timeout: float = 30.0, interval: float = 0.05, what: str = ""
) -> T:
    """`wait_until` for async tests: `check` may be a coroutine function; sleeps without blocking the loop."""
    deadline = time.monotonic() + timeout
    while True:
        value: Any = check()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what or 'condition'} not met within {timeout}s (last: {value!r})")
        await asyncio.sleep(interval)


def assert_stays(check: Callable[[], Any], seconds: float, interval: float = 0.05, what: str = "") -> None:
    """`check()` stays truthy for `seconds` — for "this must NOT happen" where there is no event to wait for.

    Prefer a barrier (wait for something that happens after the thing that must not) when there is one.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert check(), f"{what or 'condition'} stopped holding"
        time.sleep(interval)
