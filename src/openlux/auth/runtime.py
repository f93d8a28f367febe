"""Per-process state of the signed-call hot path, and the one task that syncs it with the database.

A signed read call must cost no database write and, once its auth code is known, no database read
for authentication (issue 11). So each process keeps:

- a cache of authenticated sessions (session id → code hash, integration, user, issue/last-use
  times). It is trusted only while the auth generation (table `auth_generation`) has been read
  recently; every change that must end a cached authentication bumps that counter in its own
  transaction (openlux.auth.invalidation), clears this process's cache at commit, and every other
  process sees the new value at its next poll (`auth_sync_interval_seconds`, 0.25 s by default);
- rate-limit windows counted in memory: `known` is the database count at the last reconciliation,
  `pending` what this process admitted since; reconciled at least every `auth_rate_sync_seconds`;
- buffers for auth failures (bounded; the oldest are dropped and counted when full) and for
  last-used times (one write per session per `auth_touch_interval_seconds`).

The sync task writes everything in one short transaction of its own, so no request ever needs a
second pooled connection for authentication (issue 9 item 1). close() flushes what is buffered;
a SIGKILL loses at most one sync interval of it (documented in docs/operations.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import weakref
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update

from openlux.auth.models import ApiIntegration, AuthFailure, AuthGeneration, AuthSession, RateWindow
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import RateLimited
from openlux.db.upsert import insert_ignore

log = logging.getLogger("openlux.auth.runtime")

# Counted windows, with the integration column holding each limit.
WINDOWS = (("minute", 60, "per_minute_limit"), ("day", 86400, "per_day_limit"))
# The cache is not trusted when the generation has not been read for this many sync intervals.
STALE_AFTER_INTERVALS = 8

_LIVE: weakref.WeakSet[AuthRuntime] = weakref.WeakSet()


@dataclass(slots=True)
class CachedSession:
    """What a signed call needs of its auth session, detached from any database session."""

    id: int
    code_hash: str
    integration: ApiIntegration  # expunged: attributes loaded, bound to no session
    user_id: int | None
    issued_at: datetime
    last_used_at: datetime  # newest use known here
    written_last_used_at: datetime  # newest value written (or queued) to the database
    revoked: bool
    from_cache: bool = False
    # The signed-read fast path's memory of what it has verified for this session (openlux.auth.hotpath):
    # the auth code that matched code_hash, and request → MAC pairs that passed check_request_mac.
    verified_code: str = ""
    verified_macs: dict[tuple[str, str], str] = field(default_factory=dict)


@dataclass(slots=True)
class WindowCount:
    """One rate-limit window of one integration, as this process sees it."""

    start: int
    known: int = 0  # the database count at the last reconciliation (every process's calls)
    pending: int = 0  # calls admitted here since then


def invalidate_all() -> None:
    """Drop every cached authentication of this process (called after an auth change commits)."""
    for runtime in list(_LIVE):
        runtime.invalidate()


class AuthRuntime:
    """The hot-path state of one process (one per AppContext)."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.sessions: dict[int, CachedSession] = {}
        self.epoch = 0  # bumped by every invalidation; a load that straddles one is not cached
        self.generation: int | None = None
        self.generation_read_at = 0.0  # time.monotonic() of the last successful poll
        self.failures: deque[dict[str, Any]] = deque()
        self.dropped_failures = 0
        self.touches: dict[int, datetime] = {}
        self.windows: dict[tuple[int, str], WindowCount] = {}
        self.last_rate_sync = 0.0
        self._task: asyncio.Task[None] | None = None
        self._closed = False
        self._flush_lock = asyncio.Lock()
        _LIVE.add(self)

    @classmethod
    def of(cls, ctx: AppContext) -> AuthRuntime:
        """The runtime of this context, created (and its close registered) on first use."""
        runtime = ctx.auth_runtime
        if runtime is None:
            runtime = ctx.auth_runtime = cls(ctx)
            ctx.closers.append(runtime.close)
        return runtime

    # -- session cache -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the sync task on the running loop (idempotent)."""
        if self._closed:
            return
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="auth-sync")

    def cache_trusted(self) -> bool:
        """True while the auth generation has been read recently enough to trust cached sessions."""
        if self.generation is None:
            return False
        horizon = STALE_AFTER_INTERVALS * self.ctx.settings.auth_sync_interval_seconds
        return time.monotonic() - self.generation_read_at < max(horizon, 1.0)

    def cached(self, session_id: int) -> CachedSession | None:
        """The cached session, when the cache may be trusted."""
        if not self.cache_trusted():
            return None
        return self.sessions.get(session_id)

    def remember(self, entry: CachedSession, epoch: int) -> None:
        """Cache a session loaded from the database, unless an invalidation happened meanwhile."""
        if epoch == self.epoch and not self._closed:
            self.sessions[entry.id] = entry

    def last_use(self, session_id: int) -> datetime | None:
        """The newest use of a session this process knows of and may not have written yet."""
        queued = self.touches.get(session_id)
        entry = self.sessions.get(session_id)
        known = [t for t in (queued, entry.last_used_at if entry else None) if t is not None]
        return max(known) if known else None

    def forget(self, session_id: int) -> None:
        """Drop one cached session (it is re-read on the next call)."""
        self.sessions.pop(session_id, None)

    def invalidate(self) -> None:
        """Drop every cached session and integration."""
        self.epoch += 1
        self.sessions.clear()

    # -- buffered writes -----------------------------------------------------------------------

    def add_failure(self, row: dict[str, Any]) -> None:
        """Queue one AuthFailure row; when the buffer is full the oldest row is dropped and counted."""
        if len(self.failures) >= self.ctx.settings.auth_failure_buffer:
            self.failures.popleft()
            self.dropped_failures += 1
        self.failures.append(row)
        self._start_if_possible()

    def touch(self, entry: CachedSession, now: datetime) -> None:
        """Note a use of the session; the database hears of it at most every touch interval."""
        entry.last_used_at = now
        if (now - entry.written_last_used_at).total_seconds() >= self.ctx.settings.auth_touch_interval_seconds:
            entry.written_last_used_at = now
            self.touches[entry.id] = now

    def admit(self, integration: ApiIntegration) -> None:
        """Count a call against the integration's minute and day limits; RateLimited when over.

        A refused call is not counted. Within one process the limit is exact; across N processes
        each may admit what it has not yet heard of from the others (see docs/operations.md).
        """
        limits = [
            (kind, seconds, getattr(integration, attr)) for kind, seconds, attr in WINDOWS if getattr(integration, attr)
        ]
        if not limits:
            return
        now = int(clock.utcnow().timestamp())  # the clock seam: a test freezes the minute it counts in
        counts = []
        for kind, seconds, limit in limits:
            start = now - now % seconds
            key = (integration.id, kind)
            count = self.windows.get(key)
            if count is None or count.start != start:
                count = self.windows[key] = WindowCount(start)
            if count.known + count.pending >= limit:
                raise RateLimited(
                    f"Over this API integration's limit of {limit} requests per {kind}.",
                    retry_after=start + seconds - now,
                )
            counts.append(count)
        for count in counts:
            count.pending += 1
        self._start_if_possible()

    def _start_if_possible(self) -> None:
        with contextlib.suppress(RuntimeError):  # no running loop (a synchronous caller): close() still flushes
            self.start()

    # -- the sync task -------------------------------------------------------------------------

    async def _run(self) -> None:
        interval = self.ctx.settings.auth_sync_interval_seconds
        failed_since: float | None = None
        while not self._closed:
            try:
                await self.sync()
                failed_since = None
            except asyncio.CancelledError:
                raise
            except Exception:  # the database is away: keep the buffers, try again, never die
                if failed_since is None:
                    failed_since = time.monotonic()
                    log.exception("auth sync failed; buffered auth writes are kept and retried")
            await asyncio.sleep(interval)

    async def sync(self) -> None:
        """Poll the generation and write what is buffered, in one short transaction."""
        async with self._flush_lock:
            now = time.monotonic()
            rate_due = now - self.last_rate_sync >= self.ctx.settings.auth_rate_sync_seconds
            failures, self.failures = self.failures, deque()
            touches, self.touches = self.touches, {}
            windows = [(key, count, count.pending) for key, count in self.windows.items() if count.pending or rate_due]
            try:
                async with self.ctx.db.transaction() as session:
                    generation = int(
                        await session.scalar(select(AuthGeneration.value).where(AuthGeneration.id == 1)) or 0
                    )
                    if failures:
                        await session.execute(insert(AuthFailure), list(failures))
                    for session_id, used_at in touches.items():
                        await session.execute(
                            update(AuthSession)
                            .where(AuthSession.id == session_id, AuthSession.last_used_at < used_at)
                            .values(last_used_at=used_at)
                        )
                    totals = [
                        await _add_to_window(session, key[0], key[1], count.start, pending)
                        for key, count, pending in windows
                    ]
            except BaseException:
                # Not written: put the rows back in front of what arrived meanwhile (still bounded).
                failures.extend(self.failures)
                self.failures = failures
                while len(self.failures) > self.ctx.settings.auth_failure_buffer:
                    self.failures.popleft()
                    self.dropped_failures += 1
                self.touches = {**touches, **self.touches}
                raise
            for (_key, count, pending), total in zip(windows, totals, strict=False):
                count.pending -= pending
                count.known = total
            if rate_due:
                self.last_rate_sync = now
                horizon = int(clock.utcnow().timestamp())
                for key in [k for k, c in self.windows.items() if not c.pending and c.start + _seconds(k[1]) < horizon]:
                    del self.windows[key]
            if self.dropped_failures:
                log.warning("%d auth failures were not recorded: the failure buffer was full", self.dropped_failures)
                self.dropped_failures = 0
            if generation != self.generation:
                if self.generation is not None:
                    self.invalidate()
                self.generation = generation
            self.generation_read_at = time.monotonic()

    async def close(self) -> None:
        """Stop the sync task and flush everything buffered."""
        self._closed = True
        task, self._task = self._task, None
        if task is not None and task.get_loop() is asyncio.get_running_loop():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        if self.failures or self.touches or any(c.pending for c in self.windows.values()):
            try:
                await self.sync()
            except Exception:
                log.exception("could not flush buffered auth writes at shutdown")
        _LIVE.discard(self)


def _seconds(kind: str) -> int:
    return next(seconds for name, seconds, _ in WINDOWS if name == kind)


async def _add_to_window(session: Any, integration_id: int, kind: str, start: int, amount: int) -> int:
    """Add `amount` calls to a window row (creating it) and return the row's total."""
    key = (RateWindow.integration_id == integration_id, RateWindow.kind == kind, RateWindow.window_start == start)
    if amount:
        result = await session.execute(update(RateWindow).where(*key).values(count=RateWindow.count + amount))
        if result.rowcount == 0:
            await session.execute(
                insert_ignore(
                    session, RateWindow, integration_id=integration_id, kind=kind, window_start=start, count=0
                )
            )
            await session.execute(update(RateWindow).where(*key).values(count=RateWindow.count + amount))
            await session.execute(
                delete(RateWindow).where(
                    RateWindow.integration_id == integration_id,
                    RateWindow.kind == kind,
                    RateWindow.window_start < start,
                )
            )
    return int(await session.scalar(select(RateWindow.count).where(*key)) or 0)
