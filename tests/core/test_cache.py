"""openlux.core.cache: concurrent misses share one load; a forgotten key never caches a racing load."""

from __future__ import annotations

import asyncio
import time

import pytest

from openlux.core import cache


async def test_concurrent_misses_share_one_load() -> None:
    store: dict = {}
    loads: dict = {}
    calls = 0

    async def load() -> str:
        nonlocal calls
        calls += 1
        await asyncio.sleep(0.05)
        return "value"

    results = await asyncio.gather(*(cache.cached(store, loads, "k", 60, load) for _ in range(16)))
    assert results == ["value"] * 16 and calls == 1 and not loads
    assert await cache.cached(store, loads, "k", 60, load) == "value" and calls == 1  # fresh: no load


async def test_expired_entries_load_again() -> None:
    store: dict = {"k": (time.monotonic() - 1, "old")}
    loads: dict = {}

    async def load() -> str:
        return "new"

    assert await cache.cached(store, loads, "k", 60, load) == "new"
    assert store["k"][1] == "new"


async def test_forget_during_a_load_keeps_its_result_out_of_the_cache() -> None:
    store: dict = {}
    loads: dict = {}
    release = asyncio.Event()

    async def stale() -> str:
        await release.wait()
        return "before the change"

    waiting = asyncio.create_task(cache.cached(store, loads, "k", 60, stale))
    await asyncio.sleep(0)
    cache.forget(store, loads, "k")  # e.g. a DKIM key was created while a worker was reading the old state

    async def fresh() -> str:
        return "after the change"

    assert await cache.cached(store, loads, "k", 60, fresh) == "after the change"
    release.set()
    assert await waiting == "before the change"  # its own caller still gets an answer
    assert store["k"][1] == "after the change"


async def test_a_failed_load_is_not_cached_and_reaches_every_caller() -> None:
    store: dict = {}
    loads: dict = {}

    async def broken() -> str:
        await asyncio.sleep(0.01)
        raise RuntimeError("database down")

    outcomes = await asyncio.gather(
        *(cache.cached(store, loads, "k", 60, broken) for _ in range(3)), return_exceptions=True
    )
    assert all(isinstance(o, RuntimeError) for o in outcomes) and not store and not loads
    with pytest.raises(RuntimeError):
        await cache.cached(store, loads, "k", 60, broken)
