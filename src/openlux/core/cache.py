"""Per-process caches of `(valid until, value)` entries whose concurrent misses share one load.

Sixteen delivery tasks starting together all missed the same domain's DKIM keys and bounce domain
and each went to the database (a stampede); here the first miss loads and the others await it.
A forgotten key (`forget`) also drops its load in flight, so a load that raced a change is not
cached.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")


async def cached(
    store: dict[Any, tuple[float, Any]],
    loads: dict[tuple[int, Hashable], asyncio.Future[Any]],
    key: Hashable,
    ttl: float,
    load: Callable[[], Awaitable[T]],
) -> T:
    """store[key]'s value while it is fresh; else one shared `load()` for every caller that missed."""
    hit = store.get(key)
    if hit is not None and hit[0] > time.monotonic():
        return cast(T, hit[1])
    slot = (id(store), key)
    pending = loads.get(slot)
    if pending is None:
        pending = loads[slot] = asyncio.ensure_future(load())

        def settle(done: asyncio.Future[Any]) -> None:
            if loads.get(slot) is not done:
                return  # forgotten meanwhile: the result may predate the change
            del loads[slot]
            if not done.cancelled() and done.exception() is None:
                store[key] = (time.monotonic() + ttl, done.result())

        pending.add_done_callback(settle)
    return cast(T, await asyncio.shield(pending))


def forget(
    store: dict[Any, tuple[float, Any]], loads: dict[tuple[int, Hashable], asyncio.Future[Any]], key: Hashable
) -> None:
    """Drop a cached value and any load of it in flight (the next caller loads afresh)."""
    store.pop(key, None)
    loads.pop((id(store), key), None)
