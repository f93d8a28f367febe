"""App-specific passwords: random, shown once, argon2-hashed, optional expiry and service limits.

They are "login aliases" (LuxSci blog 2017-12-14): the user's login with a separate password that
only opens the services it names. Expired ones stop working at once and are purged after
PURGE_AFTER; listAllAppSpecificPassword still shows them until then.
"""

from __future__ import annotations

import asyncio
import secrets
import string
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import AppPassword, User
from openlux.accounts.schemas import APP_PASSWORD_SERVICES, AppPasswordCreate
from openlux.core import time as clock
from openlux.core.crypto import hash_password, verify_password
from openlux.core.errors import BadRequest, LimitExceeded, NotFound
from openlux.core.time import as_utc, format_datetime

GENERATED_LENGTH = 20  # 20 of 32 unambiguous symbols ≈ 100 bits
_ALPHABET = "".join(c for c in string.ascii_lowercase + string.digits if c not in "0o1il")
MAX_PER_USER = 50
PURGE_AFTER = timedelta(days=30)


def record(row: AppPassword, login: str) -> dict[str, Any]:
    """The listing shape (the password itself is never listed)."""
    now = clock.utcnow()
    return {
        "id": row.id,
        "login": login,
        "label": row.label,
        "services": list(row.services or []),
        "web_site_management": int(row.web_site_management),
        "created": format_datetime(row.created_at),
        "expires": format_datetime(row.expires_at),
        "expired": int(row.expires_at is not None and as_utc(row.expires_at) <= now),
        "last_used": format_datetime(row.last_used_at),
    }


def generate_password() -> str:
    """A random password in groups of five, easy to type on a phone."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(GENERATED_LENGTH))
    return "-".join(raw[i : i + 5] for i in range(0, GENERATED_LENGTH, 5))


async def create(*, session: AsyncSession, user: User, body: AppPasswordCreate) -> dict[str, Any]:
    """createAppSpecificPassword: returns the record plus the password, shown only this once."""
    label = (body.label or "").strip()
    if not label:
        raise BadRequest("Field 'label' is required: say which application or device it is for.")
    services = sorted(set(body.services or ["smtp", "imap", "pop"]))
    unknown = sorted(set(services) - set(APP_PASSWORD_SERVICES))
    if unknown:
        raise BadRequest(
            f"Field 'services': unknown service(s) {', '.join(unknown)}; known: {', '.join(APP_PASSWORD_SERVICES)}."
        )
    expires_at = body.expires
    if expires_at is not None and expires_at <= clock.utcnow():
        raise BadRequest("Field 'expires' must be in the future.")
    count = len((await session.scalars(select(AppPassword.id).where(AppPassword.user_id == user.id))).all())
    if count >= MAX_PER_USER:
        raise LimitExceeded(f"A user may have at most {MAX_PER_USER} app-specific passwords.")
    password = generate_password()
    row = AppPassword(
        user_id=user.id,
        label=label,
        services=services,
        expires_at=expires_at,
        web_site_management=bool(body.web_site_management),
        password_hash=await asyncio.to_thread(hash_password, password),
    )
    session.add(row)
    await session.flush()
    return {**record(row, user.login), "password": password}


async def list_for_user(*, session: AsyncSession, user: User, include_expired: bool) -> list[dict[str, Any]]:
    """listAppSpecificPasswords (usable ones) / listAllAppSpecificPassword (expired ones too)."""
    await purge_expired(session, user)
    rows = (
        await session.scalars(select(AppPassword).where(AppPassword.user_id == user.id).order_by(AppPassword.id))
    ).all()
    now = clock.utcnow()
    return [
        record(r, user.login) for r in rows if include_expired or r.expires_at is None or as_utc(r.expires_at) > now
    ]


async def delete_one(*, session: AsyncSession, user: User, app_password_id: int) -> dict[str, Any]:
    """deleteAppSpecificPassword."""
    row = await session.get(AppPassword, app_password_id)
    if row is None or row.user_id != user.id:
        raise NotFound(f"No app-specific password {app_password_id} for {user.login}.")
    await session.delete(row)
    await session.flush()
    return {"id": row.id, "deleted": 1}


async def purge_expired(session: AsyncSession, user: User) -> None:
    """Delete the user's app passwords that expired more than PURGE_AFTER ago."""
    await session.execute(
        delete(AppPassword).where(
            AppPassword.user_id == user.id,
            AppPassword.expires_at.is_not(None),
            AppPassword.expires_at < clock.utcnow() - PURGE_AFTER,
        )
    )


async def verify(session: AsyncSession, *, user: User, password: str, service: str) -> bool:
    """True when an unexpired app password of the user opens `service` (smtp, imap, api …)."""
    rows = (await session.scalars(select(AppPassword).where(AppPassword.user_id == user.id))).all()
    now = clock.utcnow()
    for row in rows:
        if row.expires_at is not None and as_utc(row.expires_at) <= now:
            continue
        if service not in (row.services or []):
            continue
        if await asyncio.to_thread(verify_password, row.password_hash, password):
            row.last_used_at = now
            return True
    return False
