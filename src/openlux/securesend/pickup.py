"""Pickup of escrowed messages: one-time codes mailed to the recipient, then a short browser session.

A code is hashed together with the link token, which is itself stored only as a hash, so a copy
of the database does not let anyone try the (small) code space offline.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.auth import onetime
from openlux.core import time as clock
from openlux.core.crypto import random_token
from openlux.core.errors import NotFound, RateLimited
from openlux.core.time import as_utc
from openlux.secureline import escrow
from openlux.secureline.models import EscrowMessage
from openlux.securesend.models import PickupCode, PickupSession

CODE_DIGITS = 8  # 10^8 codes, 5 tries each: a guess succeeds with probability 5e-8
CODE_LIFETIME = timedelta(minutes=15)
CODE_MAX_ATTEMPTS = 5
CODES_PER_HOUR = 5  # per escrowed message: bounds mail sent to the recipient by anyone holding the link
SESSION_LIFETIME = timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class Verification:
    """Outcome of a code check: the session cookie on success, else the reason."""

    cookie: str | None
    reason: str = ""


def _code_hash(token: str, code: str) -> str:
    return hashlib.sha256(f"{token}:{code}".encode()).hexdigest()


def cookie_hash(cookie: str) -> str:
    """What is stored of a browser session cookie: its SHA-256 (a database copy opens no session)."""
    return hashlib.sha256(cookie.encode("ascii", "replace")).hexdigest()


async def find(*, session: AsyncSession, token: str) -> EscrowMessage:
    """The escrowed message a link token opens; NotFound when unknown or expired."""
    row = await session.scalar(select(EscrowMessage).where(EscrowMessage.link_hash == escrow.link_hash(token)))
    if row is None:
        raise NotFound("This secure message link is not valid.")
    if as_utc(row.expires_at) <= clock.utcnow():
        raise NotFound("This secure message has expired and is no longer available.")
    return row


async def issue_code(*, session: AsyncSession, row: EscrowMessage, token: str) -> str:
    """A new one-time code for the recipient (earlier codes stop working); RateLimited past the hourly cap."""
    now = clock.utcnow()
    recent = await session.scalar(
        select(func.count())
        .select_from(PickupCode)
        .where(PickupCode.escrow_id == row.id, PickupCode.created_at > now - timedelta(hours=1))
    )
    if (recent or 0) >= CODES_PER_HOUR:
        raise RateLimited("Too many codes were requested for this message; try again later.", retry_after=3600)
    await session.execute(
        update(PickupCode).where(PickupCode.escrow_id == row.id, PickupCode.used_at.is_(None)).values(used_at=now)
    )
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    session.add(
        PickupCode(escrow_id=row.id, code_hash=_code_hash(token, code), created_at=now, expires_at=now + CODE_LIFETIME)
    )
    await session.flush()
    return code


async def verify_code(*, session: AsyncSession, row: EscrowMessage, token: str, code: str) -> Verification:
    """Check a code; returns (not raises) a failure so the attempt count is committed with the reply."""
    now = clock.utcnow()
    active = await session.scalar(
        select(PickupCode)
        .where(
            PickupCode.escrow_id == row.id,
            PickupCode.used_at.is_(None),
            PickupCode.expires_at > now,
        )
        .order_by(PickupCode.id.desc())
        .limit(1)
    )
    if active is None:
        return Verification(None, "There is no valid code for this message; request a new one.")
    # Counted and spent by conditional UPDATEs, so parallel guesses cannot exceed the limit.
    attempts = await onetime.count_attempt(session, PickupCode, active.id, now, CODE_MAX_ATTEMPTS)
    if attempts is None:
        return Verification(None, "There is no valid code for this message; request a new one.")
    given = "".join(ch for ch in code if ch.isdigit())
    if hmac.compare_digest(active.code_hash, _code_hash(token, given)) and await onetime.spend(
        session, PickupCode, active.id, now
    ):
        cookie = random_token(32)
        session.add(
            PickupSession(
                escrow_id=row.id, cookie_hash=cookie_hash(cookie), created_at=now, expires_at=now + SESSION_LIFETIME
            )
        )
        await session.flush()
        return Verification(cookie)
    if attempts >= CODE_MAX_ATTEMPTS:
        await onetime.spend(session, PickupCode, active.id, now)  # burnt: the recipient must ask for a new code
        return Verification(None, "Too many wrong codes; request a new one.")
    return Verification(None, "That code is not correct.")


async def has_session(*, session: AsyncSession, row: EscrowMessage, cookie: str | None) -> bool:
    """True when the browser's cookie is a live pickup session for this message."""
    if not cookie:
        return False
    found = await session.scalar(
        select(PickupSession.id).where(
            PickupSession.escrow_id == row.id,
            PickupSession.cookie_hash == cookie_hash(cookie),
            PickupSession.expires_at > clock.utcnow(),
        )
    )
    return found is not None


async def mark_viewed(*, session: AsyncSession, row: EscrowMessage) -> None:
    """Count a view; the first one is timestamped."""
    row.view_count = (row.view_count or 0) + 1
    if row.first_viewed_at is None:
        row.first_viewed_at = clock.utcnow()
    await session.flush()


def masked(address: str) -> str:
    """`p***@example.org` (or `+1•••••••67` for a SecureText phone): enough to recognise, little for anyone else."""
    if address.startswith("+"):
        return f"{address[:2]}{'•' * max(len(address) - 4, 0)}{address[-2:]}"
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def content(ctx: Any, row: EscrowMessage) -> bytes:
    """The escrowed MIME in clear."""
    return escrow.open_content(ctx, row)
