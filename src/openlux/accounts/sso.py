"""Single sign-on: one-time, short-lived URLs that log a user into OpenLux's web pages."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import SsoToken, User
from openlux.auth import onetime
from openlux.auth.models import ApiIntegration
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.crypto import random_token
from openlux.core.errors import BadRequest, Forbidden
from openlux.core.time import as_utc, format_datetime

SSO_PATH = "/sso/login"
TARGETS = ("profile", "outbox", "settings")
ADMIN_FLAG = "admin"  # the account-administrator flag (User.flags)
USER_SCOPE = "user"  # ApiIntegration.scope of an integration signed in with one user's password


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def create_url(
    *,
    session: AsyncSession,
    ctx: AppContext,
    integration: ApiIntegration,
    user: User,
    client_ip: str | None,
    target: str | None,
) -> dict[str, Any]:
    """getUserSingleSignOnLoginURL: a URL usable once, before it expires, optionally from one IP."""
    if not integration.sso_enabled:
        raise Forbidden("Single sign-on is not enabled for this API integration.")
    if integration.scope != USER_SCOPE and ADMIN_FLAG in (user.flags or []):
        # An account integration holds no password of the user: it must not open an administrator's
        # console (issue 9, clarification of item 9). A user-scope code was issued for the user's own
        # password, and a user with a second factor enters its code when redeeming (console routes).
        raise Forbidden(f"An account-scope API integration may not make sign-on links for administrator {user.login}.")
    target = target or "profile"
    if target not in TARGETS:
        raise BadRequest(f"Parameter 'target' must be one of {', '.join(TARGETS)}.")
    token = random_token(32)
    expires = clock.utcnow() + timedelta(seconds=ctx.settings.sso_url_lifetime_seconds)
    session.add(
        SsoToken(
            user_id=user.id,
            token_hash=_digest(token),
            client_ip=client_ip or None,
            target=target,
            integration_scope=integration.scope,
            expires_at=expires,
        )
    )
    await session.flush()
    return {
        "url": f"{ctx.settings.base_url}{SSO_PATH}?token={token}",
        "expires": format_datetime(expires),
        "ip": client_ip or "",
    }


async def user_of_token(session: AsyncSession, token: str) -> User | None:
    """The user an SSO token would sign in, without using the token (None when unknown)."""
    row = await session.scalar(select(SsoToken).where(SsoToken.token_hash == _digest(token)))
    return None if row is None else await session.get(User, row.user_id)


async def redeem(*, session: AsyncSession, token: str, client_ip: str | None) -> tuple[User, str]:
    """Use an SSO token once: (user, target page). The caller opens the session it serves (the
    console's, after the second factor when the user has one); no credential is made here."""
    row = await session.scalar(select(SsoToken).where(SsoToken.token_hash == _digest(token)))
    if row is None or row.used_at is not None or as_utc(row.expires_at) <= clock.utcnow():
        raise Forbidden("This sign-on link is invalid, already used or expired.")
    if row.client_ip and row.client_ip != client_ip:
        raise Forbidden("This sign-on link was issued for another IP address.")
    if not await onetime.spend(session, SsoToken, row.id, clock.utcnow()):  # a parallel redemption won
        raise Forbidden("This sign-on link is invalid, already used or expired.")
    user = await session.get(User, row.user_id)
    if user is None or user.status != "enabled":
        raise Forbidden("This user cannot sign in.")
    if row.integration_scope != USER_SCOPE and ADMIN_FLAG in (user.flags or []):
        # Made administrator after an account-scope integration (or a link of before the scope was
        # recorded) made the link: the rule of create_url holds when the link is used, too.
        raise Forbidden(
            "A sign-on link made by an account-scope API integration cannot open an administrator's console."
        )
    user.last_access_at = clock.utcnow()
    await session.flush()
    return user, row.target
