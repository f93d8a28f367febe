"""What a user may send as (mail-trust issue, item 4): the login, the user's aliases, addresses an
administrator granted (allowed_sender rows), domains with the "any address" flag, and the
account-wide exception the operator sets from the CLI. mail/vet.py applies the rule.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Account, AllowedSender, Domain, User
from openlux.admin.aliases import CATCH_ALL_KIND
from openlux.admin.models import EmailAlias

DOMAIN_FLAG = "any_sender"  # domain.settings: 1 lets every user of the account send as any address of it
ACCOUNT_FLAG = "any_sender"  # account.settings: operator only (`openlux account any-sender`)
_ON = (1, "1", True, "true", "yes", "on")


async def allowed_addresses(session: AsyncSession, user: User) -> set[str]:
    """The user's enabled aliases (plain aliases and lists that deliver to the user) and granted addresses."""
    granted = set(await session.scalars(select(AllowedSender.address).where(AllowedSender.user_id == user.id)))
    aliases = await session.execute(
        select(EmailAlias.address, EmailAlias.destinations).where(
            EmailAlias.account_id == user.account_id,
            EmailAlias.action == "email",
            EmailAlias.status == "enabled",
            EmailAlias.kind != CATCH_ALL_KIND,
        )
    )
    for address, destinations in aliases:
        if user.login in [str(d).strip().lower() for d in destinations or []]:
            granted.add(address)
    return granted


def domain_any_address(domain: Domain) -> bool:
    """True when the domain's administrator allows any address of it."""
    return (domain.settings or {}).get(DOMAIN_FLAG, 0) in _ON


def account_any_address(account: Account | None) -> bool:
    """True when the operator allowed the whole account to send as any of its addresses."""
    return account is not None and (account.settings or {}).get(ACCOUNT_FLAG, 0) in _ON


async def grant(session: AsyncSession, user: User, address: str) -> bool:
    """Let the user send as `address` (which must be in the account's domains); False if already granted."""
    if await session.scalar(
        select(AllowedSender.id).where(AllowedSender.user_id == user.id, AllowedSender.address == address)
    ):
        return False
    session.add(AllowedSender(account_id=user.account_id, user_id=user.id, address=address))
    await session.flush()
    return True


async def revoke(session: AsyncSession, user: User, address: str) -> bool:
    """Withdraw a grant; False when there was none."""
    row = await session.scalar(
        select(AllowedSender).where(AllowedSender.user_id == user.id, AllowedSender.address == address)
    )
    if row is None:
        return False
    await session.delete(row)
    await session.flush()
    return True


def set_account_any_address(account: Account, allowed: bool) -> None:
    """The operator's account-wide exception (never exposed over the API)."""
    account.settings = {**(account.settings or {}), ACCOUNT_FLAG: int(allowed)}


def describe(grants: list[Any]) -> list[str]:
    """Sorted addresses of grant rows (CLI listing)."""
    return sorted(g.address for g in grants)
