"""Failed-login throttling shared by every login surface: API auth, SMTP AUTH, SSO links, the
SecureSend portal login and pickup codes (issue 9 item 6).

Failures are counted under two keys in table `login_throttle`, so every process sees them (the
login appears only as its keyed HMAC, openlux.core.sealing.address_index, so no login is stored in clear):
- `login:<login>`: only a growing delay before each further attempt, never a lock, so nobody can
  lock the administrator out from afar;
- `pair:<login>|<client address>`: the same delay, then after `login_lock_after` failures a lock of
  `login_lock_seconds`, answered 429 (HTTP) or 454 (SMTP) with the seconds to wait.
The delay is `login_delay_base_seconds × 2^(failures − login_free_failures)`, at most
`login_delay_max_seconds`. Unknown logins are counted like known ones (no enumeration).

Attempts of one (login, address) are serialised within a process, so parallel guesses each see
the failures before them. The database work runs in short transactions of its own: call
`attempt()` while holding no connection, and release yours (commit or roll back) before a failed
block ends: on SQLite an open write transaction would block the failure's own write.

    async with throttle.attempt(ctx, login=login, client_ip=ip) as attempt:
        ...                        # an AuthFailed raised here counts as a failure
        attempt.fail()             # or say so without raising
        await attempt.succeeded(session)   # forget the failures, in the caller's transaction
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.auth.models import LoginThrottle
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.crypto import SecretBox
from openlux.core.errors import AuthFailed, RateLimited
from openlux.core.sealing import address_index
from openlux.core.time import as_utc
from openlux.db.upsert import insert_ignore

KEY_MAX = 400  # LoginThrottle.key length
_LOCKS: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()


class LoginLocked(RateLimited):
    """Too many failed logins from this client for this login: try again after retry_after seconds."""


def login_key(login: str, box: SecretBox) -> str:
    """The per-login key."""
    return f"login:{_blind(login, box)}"


def pair_key(login: str, client_ip: str | None, box: SecretBox) -> str:
    """The per-(login, client address) key."""
    return f"pair:{_blind(login, box)}|{client_ip or '-'}"[:KEY_MAX]


def _blind(login: str, box: SecretBox) -> str:
    """The login as keys hold it: the keyed HMAC of its trimmed, lower-cased form (equal logins match)."""
    return address_index((login or "")[:320], box)


@dataclass
class Attempt:
    """One login attempt under the throttle."""

    ctx: AppContext
    login: str
    client_ip: str | None
    per_login: bool = True
    failed: bool = False
    succeeded_: bool = False
    delay: float = 0.0
    keys: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        pair = pair_key(self.login, self.client_ip, self.ctx.box)
        self.keys = (login_key(self.login, self.ctx.box), pair) if self.per_login else (pair,)

    def fail(self) -> None:
        """Count this attempt as a failure when the block ends."""
        self.failed = True

    async def succeeded(self, session: AsyncSession) -> None:
        """Forget the failures of this login from this client, in the caller's transaction."""
        self.succeeded_ = True
        await session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(self.keys)))


@asynccontextmanager
async def attempt(
    ctx: AppContext, *, login: str, client_ip: str | None, per_login: bool = True
) -> AsyncIterator[Attempt]:
    """Wait out the delay (or raise LoginLocked), run the attempt, then record a failure.

    `per_login=False` counts only the (login, address) pair: for secrets guessed without a login
    (SSO links), where a shared per-login delay would slow every honest user.
    """
    current = Attempt(ctx, login, client_ip, per_login)
    lock = _LOCKS.get(current.keys[-1])
    if lock is None:
        lock = _LOCKS[current.keys[-1]] = asyncio.Lock()
    async with lock:
        current.delay = await _delay_or_refuse(ctx, current.keys)
        if current.delay:
            await asyncio.sleep(current.delay)
        try:
            yield current
        except AuthFailed:
            current.failed = True
            raise
        finally:
            if current.failed and not current.succeeded_:
                await record_failure(ctx, current.keys)


async def _delay_or_refuse(ctx: AppContext, keys: tuple[str, ...]) -> float:
    now = clock.utcnow()
    async with ctx.db.transaction() as session:
        rows = {row.key: row for row in await session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys)))}
    pair = rows.get(keys[-1])
    if pair is not None and pair.locked_until is not None and as_utc(pair.locked_until) > now:
        wait = int((as_utc(pair.locked_until) - now).total_seconds()) + 1
        raise LoginLocked(f"Too many failed logins; try again in {wait} seconds.", retry_after=wait)
    failures = max((_live_failures(ctx, row, now) for row in rows.values()), default=0)
    return delay_for(ctx, failures)


def delay_for(ctx: AppContext, failures: int) -> float:
    """Seconds to wait before an attempt that follows `failures` recent failures."""
    s = ctx.settings
    over = failures - s.login_free_failures
    if over < 0:
        return 0.0
    return float(min(s.login_delay_base_seconds * (2 ** min(over, 30)), s.login_delay_max_seconds))


def _live_failures(ctx: AppContext, row: LoginThrottle, now: datetime) -> int:
    if now - as_utc(row.last_failure_at) > timedelta(seconds=ctx.settings.login_failure_window_seconds):
        return 0
    return row.failures


async def record_failure(ctx: AppContext, keys: tuple[str, ...]) -> None:
    """Count one failure under both keys; lock the pair when it reaches login_lock_after."""
    s = ctx.settings
    now = clock.utcnow()
    async with ctx.db.transaction() as session:
        for key in keys:
            # INSERT first: on SQLite it takes the write lock before anything is read.
            await session.execute(insert_ignore(session, LoginThrottle, key=key, failures=0, last_failure_at=now))
            row = await session.get(LoginThrottle, key, with_for_update=True, populate_existing=True)
            assert row is not None
            row.failures = _live_failures(ctx, row, now) + 1
            row.last_failure_at = now
            if key.startswith("pair:") and row.failures >= s.login_lock_after:
                row.locked_until = now + timedelta(seconds=s.login_lock_seconds)
                row.failures = 0


async def state(ctx: AppContext, login: str, client_ip: str | None) -> dict[str, Any]:
    """The counters of a login and a pair (for operators and tests)."""
    keys = (login_key(login, ctx.box), pair_key(login, client_ip, ctx.box))
    async with ctx.db.transaction() as session:
        rows = {row.key: row for row in await session.scalars(select(LoginThrottle).where(LoginThrottle.key.in_(keys)))}
    return {key: (rows[key].failures, rows[key].locked_until) if key in rows else None for key in keys}
