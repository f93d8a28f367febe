"""Keeping a process's resident memory close to what it really holds (glibc on Linux).

A burst of work (an addContacts call of 10,000 contacts, a campaign batch, a report export) grows
the heap; when it is over, CPython returns the objects to glibc, and glibc keeps most of the pages
mapped for reuse. Two glibc knobs make resident memory follow the live data instead:

- `limit_malloc_arenas`: glibc gives each thread that allocates its own arena (up to 8 per core),
  and every arena keeps its own free pages. OpenLux's threads (asyncio.to_thread for composition,
  DKIM signing, SQLite) need no more than two; fewer arenas means less memory held in free lists.
  Called once, before any thread starts (it is what MALLOC_ARENA_MAX=2 does from the environment).
- `release_freed_memory` (malloc_trim(0)): hands free pages of every arena back to the kernel.
  `trim_role` calls it every TRIM_SECONDS in every process, in a thread (it walks the heaps;
  a few milliseconds), and only when the process's RSS grew by TRIM_GROWTH since the last trim.

One CPython knob, for start-up: `collection_paused`.

Elsewhere (musl, macOS) both are no-ops: the functions are looked up once and may be missing.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import gc
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger("openlux.memory")

M_ARENA_MAX = -8  # glibc malloc.h
ARENAS = 2
TRIM_SECONDS = 5.0
TRIM_GROWTH = 8 * 1024 * 1024  # bytes of RSS growth since the last trim that make the next one worth it
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        libc = ctypes.CDLL(name)
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") and hasattr(libc, "mallopt") else None


LIBC = _glibc()


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas (before threads exist); False where there is no glibc."""
    if LIBC is None:
        return False
    return bool(LIBC.mallopt(ctypes.c_int(M_ARENA_MAX), ctypes.c_int(arenas)))


def release_freed_memory() -> bool:
    """Give the free pages of glibc's heaps back to the kernel; True when some were released."""
    if LIBC is None:
        return False
    return bool(LIBC.malloc_trim(ctypes.c_size_t(0)))


@contextmanager
def collection_paused() -> Iterator[None]:
    """Run a start-up step without the cyclic garbage collector, then freeze what it built.

    Importing OpenLux and building its app allocate a few hundred thousand objects that live as long
    as the process (modules, classes, routes, tables) and almost no garbage. The collector, triggered
    by allocation counts, walks them again and again while they are made: about 0.27 s of the 1.45 s
    of CPU an `openlux api` spends to readiness (measured, five alternating starts each). Frozen
    afterwards, later collections no longer walk them either. Resident memory at readiness: 123 MB
    against 122 MB (the little start-up garbage is frozen with the rest).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def resident_bytes() -> int:
    """This process's resident set size (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


async def trim_role(interval: float = TRIM_SECONDS, growth: int = TRIM_GROWTH) -> None:
    """Every `interval`, release freed memory when RSS grew by `growth` since the last release."""
    if LIBC is None:
        return
    after_last = resident_bytes()
    while True:
        await asyncio.sleep(interval)
        now = resident_bytes()
        if now - after_last < growth:
            after_last = min(after_last, now)  # the process shrank by itself: measure growth from here
            continue
        await asyncio.to_thread(release_freed_memory)
        after_last = resident_bytes()
        log.debug("released freed memory: %d MB -> %d MB resident", now >> 20, after_last >> 20)
