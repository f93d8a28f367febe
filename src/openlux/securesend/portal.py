"""SecureSend portal sessions: SSO links and passwords log a recipient in; the messages they may read."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Account
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
# account.settings: when true, portal users also see mail escrowed before they were created. Off by
# default: whoever may create a portal user must not thereby open a recipient's earlier mail (issue 9 item 9).
EARLIER_MAIL_SETTING = "securesend_portal_shows_earlier_mail"


async def shows_earlier_mail(session: AsyncSession, account_id: int) -> bool:
    """The account's opt-in: portal users see mail escrowed before their creation too."""
    account = await session.get(Account, account_id)
    return bool(account is not None and (account.settings or {}).get(EARLIER_MAIL_SETTING) in (True, 1, "1", "yes"))


def set_shows_earlier_mail(account: Account, shown: bool) -> None:
    """Change the account's opt-in (operator CLI)."""
    account.settings = {**(account.settings or {}), EARLIER_MAIL_SETTING: bool(shown)}


async def redeem_sso(*, session: AsyncSession, token: str) -> tuple[SecureSendUser, str]:
    """Use an SSO token once: the portal user and the new portal cookie value. Forbidden when invalid,
    used or expired."""
    row = await session.scalar(select(SecureSendSsoToken).where(SecureSendSsoToken.token_hash == digest(token)))
    if row is None or row.used_at is not None or as_utc(row.expires_at) <= clock.utcnow():
        raise Forbidden("This sign-on link is invalid, already used or expired.")
    if not await onetime.spend(session, SecureSendSsoToken, row.id, clock.utcnow()):  # a parallel redemption won
        raise Forbidden("This sign-on link is invalid, already used or expired.")
    user = await session.get(SecureSendUser, row.user_id)
    if user is None or not user.enabled:
        raise Forbidden("This SecureSend login is disabled.")
    user.last_login_at = clock.utcnow()
    return user, await open_portal(session=session, user=user)


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


def may_read(user: SecureSendUser | None, row: EscrowMessage, *, earlier_mail: bool) -> bool:
    """True when the portal user is the escrowed message's recipient in the same account, and the
    message was escrowed after the portal user was created (unless the account shows earlier mail)."""
    return (
        user is not None
        and user.account_id == row.account_id
        and user.email == row.recipient.lower()
        and (earlier_mail or as_utc(row.created_at) >= as_utc(user.created_at))
    )


async def may_open(session: AsyncSession, user: SecureSendUser | None, row: EscrowMessage) -> bool:
    """may_read with the account's setting looked up."""
    return user is not None and may_read(user, row, earlier_mail=await shows_earlier_mail(session, row.account_id))


async def messages(*, session: AsyncSession, user: SecureSendUser) -> list[EscrowMessage]:
    """The user's unexpired escrowed messages in the namespace's account, newest first (only those
    escrowed since the user was created, unless the account shows earlier mail)."""
    query = select(EscrowMessage).where(
        EscrowMessage.account_id == user.account_id,
        EscrowMessage.recipient_index == user.email,  # AddressIndex: hashed when bound
        EscrowMessage.expires_at > clock.utcnow(),
    )
    if not await shows_earlier_mail(session, user.account_id):
        query = query.where(EscrowMessage.created_at >= user.created_at)
    rows = await session.scalars(query.order_by(EscrowMessage.id.desc()).limit(MAX_LISTED))
    return list(rows)


async def message(*, session: AsyncSession, user: SecureSendUser, escrow_id: int) -> EscrowMessage:
    """One of the user's unexpired messages; NotFound otherwise (never another recipient's)."""
    row = await session.get(EscrowMessage, escrow_id)
    if row is None or not await may_open(session, user, row) or as_utc(row.expires_at) <= clock.utcnow():
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
