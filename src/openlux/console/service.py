"""Console sign-in: password check (throttled by openlux.auth.throttle, like API logins), server-side sessions, CSRF, TOTP second factor.

A session ends when it has been idle for `console_idle_timeout_seconds`, when it is older than
`console_max_age_seconds`, when its user is disabled, or when the user's password changed after
it was opened (so a password change signs every browser out).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction, LoginChannel, Outcome
from openlux.auth import service as auth_service
from openlux.console import totp
from openlux.console.models import ConsoleSession, SecondFactor
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.crypto import random_token
from openlux.core.errors import ApiError, AuthFailed, BadRequest, RateLimited
from openlux.core.time import as_utc
from openlux.db import rows_matched

COOKIE = "openlux_console"
LOGIN_CSRF_COOKIE = "openlux_console_login"
ADMIN_FLAG = "admin"
OPENED_BY_PASSWORD, OPENED_BY_SSO = "password", "sso"
TOUCH_INTERVAL = timedelta(seconds=30)  # last_seen_at is written at most this often per session
REAUTH_VALID = timedelta(minutes=15)
SECOND_FACTOR_SEAL = b"console_second_factor"


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who is looking at a console page (plain copies too: error pages render after a rollback)."""

    user: User
    session: ConsoleSession
    login: str
    is_admin: bool
    csrf: str

    @classmethod
    def of(cls, user: User, session: ConsoleSession) -> Viewer:
        return cls(user, session, user.login, ADMIN_FLAG in (user.flags or []), session.csrf_token)

    @property
    def recently_reauthenticated(self) -> bool:
        """True when sensitive admin changes are allowed (password session, or a fresh re-entry)."""
        if self.session.opened_by == OPENED_BY_PASSWORD:
            return True
        at = self.session.reauthenticated_at
        return at is not None and clock.utcnow() - as_utc(at) < REAUTH_VALID


def digest(value: str) -> str:
    """What is stored instead of a cookie value."""
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def is_admin(user: User) -> bool:
    """The account-administrator flag."""
    return ADMIN_FLAG in (user.flags or [])


def csrf_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a form's CSRF token."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


# ---- sign-in auditing (throttling is openlux.auth.throttle, shared with API logins) ------------------


def audit_login(
    session: AsyncSession, user: User, client_ip: str, channel: LoginChannel, *, opened_by: str | None = None
) -> None:
    """A successful console sign-in step, in the request's transaction (opened_by: how the session
    that took this step began, for the second factor: password or sso)."""
    audit.record(
        session,
        actor=audit.Actor.of_user(user),
        action=AuditAction.LOGIN,
        target=user.login,
        client_ip=client_ip,
        details={"channel": channel.value, **({"opened_by": opened_by} if opened_by else {})},
    )


async def audit_login_failure(
    ctx: AppContext,
    login: str,
    client_ip: str,
    exc: ApiError,
    channel: LoginChannel,
    *,
    opened_by: str | None = None,
) -> None:
    """A refused console sign-in step, written on its own (the request's connection is released)."""
    await audit.record_detached(
        ctx,
        actor=audit.Actor.anonymous(login),
        action=AuditAction.LOGIN,
        target=login,
        client_ip=client_ip,
        outcome=Outcome.LOCKED if isinstance(exc, RateLimited) else Outcome.FAILURE,
        details={
            "channel": channel.value,
            "reason": exc.message[:200],
            **({"opened_by": opened_by} if opened_by else {}),
        },
    )


async def verify_password(session: AsyncSession, login: str, password: str) -> User:
    """The enabled user with this login and password (AuthFailed otherwise, same time either way)."""
    if not login or not password:
        raise BadRequest("Enter your login and password.")
    try:
        return await auth_service.verify_user_login(session, None, login, password, "console")
    except ApiError as exc:
        raise AuthFailed("Wrong login or password.") from exc


# ---- sessions ------------------------------------------------------------------------------------


async def open_session(
    session: AsyncSession,
    ctx: AppContext,
    *,
    user: User,
    client_ip: str | None,
    opened_by: str,
    second_factor_done: bool,
) -> str:
    """A new console session; returns the cookie value."""
    cookie = random_token(32)
    now = clock.utcnow()
    session.add(
        ConsoleSession(
            user_id=user.id,
            cookie_hash=digest(cookie),
            csrf_token=random_token(24),
            client_ip=client_ip,
            opened_by=opened_by,
            second_factor_done=second_factor_done,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(seconds=ctx.settings.console_max_age_seconds),
        )
    )
    user.last_access_at = now
    await session.flush()
    return cookie


def _is_live(ctx: AppContext, row: ConsoleSession, user: User | None, now: datetime) -> bool:
    """A session is live until it expires, idles out, or its user is gone, disabled or changed password."""
    idle = timedelta(seconds=ctx.settings.console_idle_timeout_seconds)
    return not (
        as_utc(row.expires_at) <= now
        or now - as_utc(row.last_seen_at) > idle
        or user is None
        or user.status != "enabled"
        or as_utc(user.password_changed_at) > as_utc(row.created_at)
    )


async def _session_row(session: AsyncSession, cookie: str | None) -> ConsoleSession | None:
    if not cookie or len(cookie) > 200:
        return None
    return await session.scalar(select(ConsoleSession).where(ConsoleSession.cookie_hash == digest(cookie)))


async def viewer_for_cookie(session: AsyncSession, ctx: AppContext, cookie: str | None) -> Viewer | None:
    """The live session of a cookie (idle time refreshed), or None."""
    row = await _session_row(session, cookie)
    if row is None:
        return None
    now = clock.utcnow()
    user = await session.get(User, row.user_id)
    if not _is_live(ctx, row, user, now) or user is None:
        await session.delete(row)
        await session.flush()
        return None
    if now - as_utc(row.last_seen_at) > TOUCH_INTERVAL:
        row.last_seen_at = now
    return Viewer.of(user, row)


async def session_is_live(session: AsyncSession, ctx: AppContext, cookie: str | None) -> bool:
    """Whether a console cookie names a live session, read only (the body-limit check before routing)."""
    row = await _session_row(session, cookie)
    return row is not None and _is_live(ctx, row, await session.get(User, row.user_id), clock.utcnow())


async def close_session(session: AsyncSession, cookie: str | None) -> None:
    """Sign out: the session row is deleted."""
    if cookie:
        await session.execute(delete(ConsoleSession).where(ConsoleSession.cookie_hash == digest(cookie)))


async def close_all_for_user(session: AsyncSession, user_id: int) -> None:
    """End every console session of a user (disabled, password reset by an administrator)."""
    await session.execute(delete(ConsoleSession).where(ConsoleSession.user_id == user_id))


# ---- second factor -------------------------------------------------------------------------------


async def second_factor_of(session: AsyncSession, user_id: int) -> SecondFactor | None:
    """The user's TOTP enrolment (confirmed or pending), or None."""
    return await session.get(SecondFactor, user_id)


async def has_second_factor(session: AsyncSession, user_id: int) -> bool:
    """True when the user has a confirmed second factor (a sign-on link then asks for its code)."""
    enrolment = await second_factor_of(session, user_id)
    return enrolment is not None and enrolment.confirmed


async def start_enrolment(session: AsyncSession, ctx: AppContext, user: User) -> tuple[str, list[str]]:
    """A new (unconfirmed) TOTP secret and recovery codes; both are shown once."""
    secret, codes = totp.new_secret(), totp.new_recovery_codes()
    row = await session.get(SecondFactor, user.id)
    if row is None:
        row = SecondFactor(user_id=user.id, secret_sealed=b"", recovery_hashes=[], last_step=0)
        session.add(row)
    row.secret_sealed = ctx.box.seal_text(secret, context=SECOND_FACTOR_SEAL)
    row.recovery_hashes = [totp.recovery_hash(c) for c in codes]
    row.confirmed = False
    row.last_step = 0
    await session.flush()
    return secret, codes


def secret_of(ctx: AppContext, row: SecondFactor) -> str:
    """The TOTP secret, decrypted."""
    return ctx.box.open_text(row.secret_sealed, context=SECOND_FACTOR_SEAL)


async def verify_second_factor(session: AsyncSession, ctx: AppContext, user_id: int, code: str) -> bool:
    """Accept a current TOTP code (each step once) or an unused recovery code (consumed atomically)."""
    row = await session.get(SecondFactor, user_id)
    if row is None:
        return False
    step = totp.matching_step(secret_of(ctx, row), code, after_step=row.last_step)
    if step is not None:
        # Conditional UPDATE: two concurrent submissions of one code cannot both pass.
        result = await session.execute(
            update(SecondFactor)
            .where(SecondFactor.user_id == user_id, SecondFactor.last_step < step)
            .values(last_step=step, confirmed=True)
        )
        await session.refresh(row)
        return bool(rows_matched(result))
    wanted = totp.recovery_hash(code)
    if row.confirmed and wanted in (row.recovery_hashes or []):
        # Row lock (PostgreSQL) / the database write lock (SQLite): a recovery code is used once.
        locked = await session.get(SecondFactor, user_id, with_for_update=True, populate_existing=True)
        if locked is None or wanted not in (locked.recovery_hashes or []):
            return False
        locked.recovery_hashes = [h for h in locked.recovery_hashes if h != wanted]
        await session.flush()
        return True
    return False


async def mark_second_factor_done(session: AsyncSession, viewer: Viewer) -> None:
    """The session passed its second factor. For a session opened by a sign-on link this is no
    password entry: its sensitive administrator changes still ask for the password (mark_reauthenticated)."""
    viewer.session.second_factor_done = True
    await session.flush()


async def mark_reauthenticated(session: AsyncSession, viewer: Viewer) -> None:
    """The session's user entered the password (and code) again: sensitive changes for REAUTH_VALID."""
    viewer.session.second_factor_done = True
    viewer.session.reauthenticated_at = clock.utcnow()
    await session.flush()
