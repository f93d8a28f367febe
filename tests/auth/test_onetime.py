"""Single-use and counted secrets under 50 concurrent attempts, on both databases (issue 9 item 7),
and credentials ended by a password change or a disabled user (item 8).

Each attempt runs in its own transaction on its own pooled connection, as parallel requests do.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import func, select

from openlux.accounts import bootstrap, sso
from openlux.accounts import service as accounts
from openlux.accounts.models import SsoToken, User, WebSession
from openlux.auth.models import AuthSession
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import ApiError
from openlux.secureline.models import EscrowMessage
from openlux.securesend import pickup, portal, users
from openlux.securesend.models import PickupCode
from openlux.securesend.schemas import SecureSendUserUpsert

PARALLEL = 50


async def _account_with_user(ctx: AppContext, name: str):
    async with ctx.db.transaction() as session:
        account = await bootstrap.create_account(session, name)
        user = await bootstrap.create_user(session, account, f"pat@{name.lower()}.example", "Right-Pass-123")
        issued = await bootstrap.create_integration(session, ctx, account, name="t", scope="account")
        integration = await session.scalar(
            select(bootstrap.ApiIntegration).where(bootstrap.ApiIntegration.token == issued.token)
        )
    return account, user, integration


async def _parallel(ctx: AppContext, attempt) -> list[object]:
    async def one():
        try:
            async with ctx.db.transaction() as session:
                return await attempt(session)
        except ApiError as exc:
            return exc

    return await asyncio.gather(*(one() for _ in range(PARALLEL)))


async def test_an_sso_url_is_redeemed_once_of_50_parallel_tries(ctx: AppContext) -> None:
    _, user, integration = await _account_with_user(ctx, "Sso")
    async with ctx.db.transaction() as session:
        made = await sso.create_url(
            session=session,
            ctx=ctx,
            integration=integration,
            user=await session.get(User, user.id),
            client_ip=None,
            target=None,
        )
    token = made["url"].split("token=")[1]
    outcomes = await _parallel(ctx, lambda session: sso.redeem(session=session, token=token, client_ip="10.0.0.1"))
    assert sum(not isinstance(o, ApiError) for o in outcomes) == 1
    async with ctx.db.sessions() as session:
        used = select(func.count()).select_from(SsoToken).where(SsoToken.used_at.is_not(None))
        assert await session.scalar(used) == 1


async def test_a_portal_link_is_redeemed_once_of_50_parallel_tries(ctx: AppContext) -> None:
    account, _, _ = await _account_with_user(ctx, "Portal")
    async with ctx.db.transaction() as session:
        await users.upsert(
            session=session,
            account_id=account.id,
            namespace_id="main",
            ss_user="r@example.org",
            body=SecureSendUserUpsert(password="Right-Pass-1"),
        )
        link = await users.sso_link(
            session=session, ctx=ctx, account_id=account.id, namespace_id="main", ss_user="r@example.org"
        )
    token = link["url"].rsplit("/", 1)[1]
    outcomes = await _parallel(ctx, lambda session: portal.redeem_sso(session=session, token=token))
    assert sum(not isinstance(o, ApiError) for o in outcomes) == 1


async def test_50_parallel_wrong_pickup_codes_count_at_most_the_limit_and_the_right_one_works_once(
    ctx: AppContext,
) -> None:
    account, user, _ = await _account_with_user(ctx, "Pickup")
    link_token = secrets.token_urlsafe(24)
    async with ctx.db.transaction() as session:
        row = EscrowMessage(
            account_id=account.id,
            user_id=user.id,
            sender="a@pickup.example",
            recipient="r@example.org",
            link_hash=hashlib.sha256(link_token.encode()).hexdigest(),
            content=b"x",
            expires_at=clock.utcnow() + timedelta(days=1),
        )
        session.add(row)
        await session.flush()
        code = await pickup.issue_code(session=session, row=row, token=link_token)
    wrong = f"{(int(code) + 1) % 10 ** len(code):0{len(code)}d}"
    outcomes = await _parallel(
        ctx, lambda session: pickup.verify_code(session=session, row=row, token=link_token, code=wrong)
    )
    assert all(o.cookie is None for o in outcomes)
    assert sum("not correct" in o.reason or "Too many" in o.reason for o in outcomes) == pickup.CODE_MAX_ATTEMPTS
    async with ctx.db.sessions() as session:
        stored = await session.scalar(select(PickupCode).where(PickupCode.escrow_id == row.id))
        assert stored.attempts == pickup.CODE_MAX_ATTEMPTS and stored.used_at is not None
    # A fresh code: 50 parallel right answers open exactly one pickup session.
    async with ctx.db.transaction() as session:
        code = await pickup.issue_code(session=session, row=row, token=link_token)
    outcomes = await _parallel(
        ctx, lambda session: pickup.verify_code(session=session, row=row, token=link_token, code=code)
    )
    assert sum(o.cookie is not None for o in outcomes) == 1


async def _credentials_of(ctx: AppContext, user_id: int) -> tuple[int, int, int]:
    async with ctx.db.sessions() as session:
        live_codes = await session.scalar(
            select(func.count())
            .select_from(AuthSession)
            .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        )
        web = await session.scalar(select(func.count()).select_from(WebSession).where(WebSession.user_id == user_id))
        links = await session.scalar(
            select(func.count()).select_from(SsoToken).where(SsoToken.user_id == user_id, SsoToken.used_at.is_(None))
        )
    return live_codes, web, links


async def _give_credentials(ctx: AppContext, user_id: int, integration) -> None:
    async with ctx.db.transaction() as session:
        user = await session.get(User, user_id)
        session.add(AuthSession(integration_id=integration.id, user_id=user_id, code_hash="x" * 64))
        session.add(
            WebSession(
                user_id=user_id, cookie_hash=secrets.token_hex(32), expires_at=clock.utcnow() + timedelta(hours=1)
            )
        )
        await sso.create_url(session=session, ctx=ctx, integration=integration, user=user, client_ip=None, target=None)


async def test_password_change_and_disable_end_codes_web_sessions_and_sso_links(ctx: AppContext) -> None:
    _, user, integration = await _account_with_user(ctx, "Revoke")
    await _give_credentials(ctx, user.id, integration)
    assert await _credentials_of(ctx, user.id) == (1, 1, 1)
    async with ctx.db.transaction() as session:
        await accounts.change_password(
            session=session,
            user=await session.get(User, user.id),
            password="Brand-New-Pass-9",
            old_password=None,
            require_old=False,
        )
    assert await _credentials_of(ctx, user.id) == (0, 0, 0)

    await _give_credentials(ctx, user.id, integration)
    async with ctx.db.transaction() as session:  # an unrelated change ends nothing
        (await session.get(User, user.id)).settings = {"timezone": "UTC"}
    assert await _credentials_of(ctx, user.id) == (1, 1, 1)
    async with ctx.db.transaction() as session:
        (await session.get(User, user.id)).status = "disabled"
    assert await _credentials_of(ctx, user.id) == (0, 0, 0)
