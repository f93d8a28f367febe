"""SecureSend portal sessions: SSO links and passwords log a recipient in; the messages they may read."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.auth import onetime
from openlux.core import time as clock
from openlux.core.crypto import random_token
from openlux.core.errors import Forbidden, NotFound
from openlux.core.time import as_utc
from openlux.secureline.models import EscrowMessage
from openlux.securesend.models import PickupSession, SecureSendPortalSession, SecureSendSsoToken, SecureSendUser
from openlux.securesend.pickup import SESSION_LIFETIME, cookie_hash
from openlux.securesend.users import digest

COOKIE = "openlux_securesend"
COOKIE_PATH = "/securesend"  # covers the portal and every pickup link
PORTAL_LIFETIME = timedelta(minutes=30)
MAX_LISTED = 200  # messages shown in the portal list, newest first


async def redeem_sso(*, session: AsyncSession, token: str) -> str:
    """Use an SSO token once; the new portal cookie value. Forbidden when invalid, used or expired."""
    row = await session.scalar(select(SecureSendSsoToken).where(SecureSendSsoToken.token_hash == digest(token)))
    if row is None or row.used_at is not None or as_utc(row.expires_at) <= clock.utcnow():
        raise Forbidden("This sign-on link is invalid, already used or expired.")
    if not await onetime.spend(session, SecureSendSsoToken, row.id, clock.utcnow()):  # a parallel redemption won
        raise Forbidden("This sign-on link is invalid, already used or expired.")
    user = await session.get(SecureSendUser, row.user_id)
    if user is None or not user.enabled:
        raise Forbidden("This SecureSend login is disabled.")
    user.last_login_at = clock.utcnow()
    return await open_portal(session=session, user=user)


async def open_portal(*, session: AsyncSession, user: SecureSendUser) -> str:
    """A new portal session for the user; its cookie value."""
    cookie = random_token(32)
    session.add(
        SecureSendPortalSession(
            user_id=user.id,
            cookie_hash=digest(cookie),
            created_at=clock.utcnow(),
            expires_at=clock.utcnow() + PORTAL_LIFETIME,
        )
    )
    await session.flush()
    return cookie


async def portal_user(*, session: AsyncSession, cookie: str | None) -> SecureSendUser | None:
    """The enabled portal user of a live portal cookie, else None."""
    if not cookie:
        return None
    user = await session.scalar(
        select(SecureSendUser)
        .join(SecureSendPortalSession, SecureSendPortalSession.user_id == SecureSendUser.id)
        .where(
            SecureSendPortalSession.cookie_hash == digest(cookie), SecureSendPortalSession.expires_at > clock.utcnow()
        )
    )
    return user if user is not None and user.enabled else None


def may_read(user: SecureSendUser | None, row: EscrowMessage) -> bool:
    """True when the portal user is the escrowed message's recipient in the same account."""
    return user is not None and user.account_id == row.account_id and user.email == row.recipient.lower()


async def messages(*, session: AsyncSession, user: SecureSendUser) -> list[EscrowMessage]:
    """The user's unexpired escrowed messages in the namespace's account, newest first."""
    rows = await session.scalars(
        select(EscrowMessage)
        .where(
            EscrowMessage.account_id == user.account_id,
            EscrowMessage.recipient == user.email,
            EscrowMessage.expires_at > clock.utcnow(),
        )
        .order_by(EscrowMessage.id.desc())
        .limit(MAX_LISTED)
    )
    return list(rows)


async def message(*, session: AsyncSession, user: SecureSendUser, escrow_id: int) -> EscrowMessage:
    """One of the user's unexpired messages; NotFound otherwise (never another recipient's)."""
    row = await session.get(EscrowMessage, escrow_id)
    if row is None or not may_read(user, row) or as_utc(row.expires_at) <= clock.utcnow():
        raise NotFound("No such message.")
    return row


async def pickup_session(*, session: AsyncSession, row: EscrowMessage) -> str:
    """A pickup session for one message (after a password login on its pickup page); the cookie value."""
    cookie = random_token(32)
    session.add(
        PickupSession(
            escrow_id=row.id,
            cookie_hash=cookie_hash(cookie),
            created_at=clock.utcnow(),
            expires_at=clock.utcnow() + SESSION_LIFETIME,
        )
    )
    await session.flush()
    return cookie
