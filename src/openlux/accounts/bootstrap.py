"""Creating accounts, users and API integrations outside the API (openlux init, CLI, tests)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts import service as user_service
from openlux.accounts.models import Account, Domain, User
from openlux.accounts.schemas import DEFAULT_SERVICES
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction
from openlux.auth import service as auth_service
from openlux.auth.access import ACCESS_LEVELS
from openlux.auth.models import ApiIntegration
from openlux.contract import areas
from openlux.core.addresses import normalise_address, normalise_domain
from openlux.core.context import AppContext
from openlux.core.crypto import random_token
from openlux.core.errors import BadRequest
from openlux.db.startup_lock import file_lock, lock_session


@dataclass(frozen=True)
class IssuedIntegration:
    """An integration with its secret, as shown once at creation."""

    id: int
    name: str
    scope: str
    token: str
    secret: str


async def create_account(session: AsyncSession, name: str) -> Account:
    """A new account."""
    account = Account(name=name, settings={})
    session.add(account)
    await session.flush()
    return account


async def ensure_domain(session: AsyncSession, account: Account, name: str) -> Domain:
    """The account's domain, created when missing."""
    name = normalise_domain(name)
    domain = await session.scalar(select(Domain).where(Domain.name == name))
    if domain is None:
        domain = Domain(account_id=account.id, name=name, is_enabled=True, is_verified=True, settings={})
        session.add(domain)
        await session.flush()
    elif domain.account_id != account.id:
        raise BadRequest(f"Domain {name} belongs to another account.")
    return domain


async def create_user(
    session: AsyncSession, account: Account, login: str, password: str, *, admin: bool = False, contact: str = ""
) -> User:
    """A new enabled user (its domain is created when missing)."""
    login = normalise_address(login, field="user")
    domain = await ensure_domain(session, account, login.split("@", 1)[1])
    user_service.check_password_policy(login, password)
    user = User(
        account_id=account.id,
        domain=domain,
        login=login,
        password_hash="",
        services=list(DEFAULT_SERVICES),
        flags=["admin"] if admin else [],
        contact_fields={"contact": contact, "email1": login} if contact else {"email1": login},
        settings={},
    )
    await user_service.set_password(user, password)
    session.add(user)
    await session.flush()
    return user


async def create_integration(
    session: AsyncSession,
    ctx: AppContext,
    account: Account,
    *,
    name: str,
    scope: str,
    access: dict[str, str] | None = None,
    default_access: str = "write",
    per_minute: int | None = None,
    per_day: int | None = None,
    allowed_ips: list[str] | None = None,
    allow_api_key: bool = False,
    allow_user_functions: bool = True,
) -> IssuedIntegration:
    """A new API integration; the secret is returned once and stored encrypted.

    Limits not given are LuxSci's documented defaults (settings integration_per_minute_limit /
    integration_per_day_limit: 60 and 6,000); 0 means unlimited.
    """
    if per_minute is None:
        per_minute = ctx.settings.integration_per_minute_limit
    if per_day is None:
        per_day = ctx.settings.integration_per_day_limit
    if scope not in ("user", "account"):
        raise BadRequest("scope must be 'user' or 'account'.")
    for area, level in (access or {}).items():
        if area not in areas() or level not in ACCESS_LEVELS:
            raise BadRequest(f"access: {area}={level} is not a known area and level ({', '.join(ACCESS_LEVELS)}).")
    token, secret = auth_service.new_token_pair()
    row = ApiIntegration(
        account_id=account.id,
        name=name,
        token=token,
        secret_sealed=auth_service.seal_secret(ctx, secret),
        scope=scope,
        enabled=True,
        access=dict(access or {}),
        default_access=default_access,
        per_minute_limit=per_minute,
        per_day_limit=per_day,
        allowed_ips=list(allowed_ips or []),
        allow_api_key=allow_api_key,
        allow_user_functions=allow_user_functions,
    )
    session.add(row)
    await session.flush()
    return IssuedIntegration(row.id, name, scope, token, secret)


async def initialise(
    ctx: AppContext,
    *,
    admin_login: str = "admin@example.com",
    password: str | None = None,
    account_name: str = "OpenLux",
) -> dict[str, Any] | None:
    """openlux init: an account, an admin user, and account- and user-scope integrations.

    None when the database already has an account. Processes starting together on one database
    take the start-up lock first, so exactly one of them initialises; the others wait and get None.
    """
    password = password or random_token(12)
    async with file_lock(ctx.settings.resolved_database_url), ctx.db.transaction() as session:
        await lock_session(session)
        if await session.scalar(select(Account.id).limit(1)) is not None:
            return None
        account = await create_account(session, account_name)
        user = await create_user(session, account, admin_login, password, admin=True, contact="Administrator")
        # The two first integrations stay unlimited, so tests, fuzzing and a developer's own runs are
        # never throttled; every integration made afterwards gets LuxSci's defaults.
        account_int = await create_integration(
            session,
            ctx,
            account,
            name="Default account integration",
            scope="account",
            # A static key is a password sent with every call: only when the operator asks for it.
            allow_api_key=ctx.settings.default_integration_api_key,
            per_minute=0,
            per_day=0,
        )
        user_int = await create_integration(
            session, ctx, account, name="Default user integration", scope="user", per_minute=0, per_day=0
        )
        # The audit trail starts with what initialisation made (the operator's start-up).
        audit.record_operator(session, account.id, AuditAction.USER_CREATE, user.login, {"admin": True, "init": True})
        audit.record_operator(
            session, account.id, AuditAction.ADMIN_FLAG_CHANGE, user.login, {"admin": True, "new_user": True}
        )
        for issued in (account_int, user_int):
            audit.record_operator(
                session,
                account.id,
                AuditAction.INTEGRATION_CREATE,
                f"{issued.name} ({issued.token})",
                {"scope": issued.scope, "access": {}, "default_access": "write", "init": True},
            )
    return {
        "api_url": ctx.settings.api_url,
        "account": str(account.id),
        "user": user.login,
        "password": password,
        "account_token": account_int.token,
        "account_secret": account_int.secret,
        "user_token": user_int.token,
        "user_secret": user_int.secret,
    }
