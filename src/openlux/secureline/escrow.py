"""Escrow: keep a recipient's copy sealed at rest and tell them where to pick it up."""

from __future__ import annotations

import contextlib
import hashlib
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.accounts.retention import RetainedData, lifetimes_of
from openlux.accounts.schemas import DEFAULT_USER_SETTINGS
from openlux.accounts.service import domain_setting
from openlux.config import Settings
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.crypto import random_token
from openlux.secureline.models import EscrowMessage

PICKUP_PATH = "/securesend/pickup"
MAX_EXPIRATION_DAYS = 3650  # a typo in the setting must not keep PHI around for centuries


def link_hash(token: str) -> str:
    """SHA-256 hex of a pickup link token (the token itself is never stored)."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def sealing_context(row_link_hash: str) -> bytes:
    """The AES-GCM associated data binding sealed content to its escrow row."""
    return b"escrow_message:" + row_link_hash.encode("ascii")


def pickup_url(settings: Settings, token: str) -> str:
    """The recipient's link to the pickup page (under OPENLUX_PUBLIC_URL)."""
    return f"{settings.base_url}{PICKUP_PATH}/{token}"


async def expiration_days(session: AsyncSession, user_id: int | None, account_id: int | None = None) -> int:
    """The sender's `escrow_expiration` setting in days (default 30), at least the sender domain's
    `escrow_min_expiration`, at most the account's escrowed-mail retention lifetime (which the
    retention role enforces anyway: capping here keeps the date in the recipient's notice true),
    bounded to 1…3650."""
    days: Any = DEFAULT_USER_SETTINGS["escrow_expiration"]
    floor: Any = 0
    if user_id is not None:
        user = await session.get(User, user_id)
        if user is not None:
            days = (user.settings or {}).get("escrow_expiration", days)
            floor = domain_setting(user.domain, "escrow_min_expiration")
            account_id = user.account_id
    try:
        value = int(days)
    except (TypeError, ValueError):
        value = int(DEFAULT_USER_SETTINGS["escrow_expiration"])
    with contextlib.suppress(TypeError, ValueError):
        value = max(value, int(floor or 0))
    if account_id is not None:
        value = min(value, (await lifetimes_of(session, account_id)).days[RetainedData.ESCROWED_MAIL])
    return min(max(value, 1), MAX_EXPIRATION_DAYS)


async def store(
    *,
    ctx: AppContext,
    session: AsyncSession,
    account_id: int,
    user_id: int | None,
    sender: str,
    recipient: str,
    mime: bytes,
    queue_message_id: int | None = None,
) -> tuple[EscrowMessage, str]:
    """Seal and store one recipient's copy; returns the row and the link token (shown once)."""
    token = random_token(32)
    hashed = link_hash(token)
    now = clock.utcnow()
    row = EscrowMessage(
        account_id=account_id,
        user_id=user_id,
        queue_message_id=queue_message_id,
        sender=sender,
        recipient=recipient.lower(),
        link_hash=hashed,
        content=ctx.box.seal(mime, context=sealing_context(hashed)),
        size=len(mime),
        created_at=now,
        expires_at=now + timedelta(days=await expiration_days(session, user_id, account_id)),
    )
    session.add(row)
    await session.flush()
    return row, token


async def find_for(*, session: AsyncSession, queue_message_id: int | None, recipient: str) -> EscrowMessage | None:
    """The copy already escrowed for this queued message and recipient, if any."""
    if queue_message_id is None:
        return None
    return await session.scalar(
        select(EscrowMessage)
        .where(EscrowMessage.queue_message_id == queue_message_id, EscrowMessage.recipient_index == recipient)
        .limit(1)
    )


def open_content(ctx: AppContext, row: EscrowMessage) -> bytes:
    """The escrowed MIME message in clear."""
    return ctx.box.open(row.content, context=sealing_context(row.link_hash))
