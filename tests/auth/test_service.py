"""Auth services on both databases: code expiry (idle and absolute) and revocation, with a moved clock."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest

from openlux.accounts import bootstrap
from openlux.auth import service, signing
from openlux.auth.runtime import AuthRuntime
from openlux.core import time as clock
from openlux.core.errors import AuthFailed


async def _setup(ctx):
    async with ctx.db.transaction() as session:
        account = await bootstrap.create_account(session, "Expiry")
        issued = await bootstrap.create_integration(session, ctx, account, name="t", scope="account")
    return issued


def _facts(code: str, secret: str) -> service.RequestFacts:
    path = "/perl/api/v2/account/1/domains"
    mac = signing.sign_request(secret, code, "GET", path, "", b"")
    return service.RequestFacts("GET", path, "", "", "127.0.0.1", None), f"signature={code}:{mac}"


async def _auth(ctx, issued) -> str:
    date = str(int(time.time()))
    facts = service.RequestFacts("POST", "/perl/api/v2/auth", "", "", "127.0.0.1", None)
    async with ctx.db.transaction() as session:
        return await service.authenticate(
            session=session,
            ctx=ctx,
            token=issued.token,
            date=date,
            signature=signing.sign_auth(issued.secret, issued.token, date),
            user=None,
            password=None,
            facts=facts,
        )


async def _call(ctx, code: str, secret: str) -> service.Credentials:
    facts, cookie = _facts(code, secret)
    async with ctx.db.transaction() as session:
        return await service.verify_signed_call(session=session, ctx=ctx, cookie=cookie, api_key=None, facts=facts)


async def test_code_expires_after_idle_timeout(ctx, frozen_clock: clock.Clock) -> None:
    issued = await _setup(ctx)
    code = await _auth(ctx, issued)
    assert (await _call(ctx, code, issued.secret)).integration.token == issued.token
    frozen_clock.move(timedelta(seconds=ctx.settings.auth_idle_timeout_seconds + 5))
    with pytest.raises(AuthFailed, match="expired"):
        await _call(ctx, code, issued.secret)


async def test_use_keeps_code_alive_until_absolute_expiry(ctx, frozen_clock: clock.Clock) -> None:
    issued = await _setup(ctx)
    code = await _auth(ctx, issued)
    start = frozen_clock.now()
    step = timedelta(seconds=ctx.settings.auth_idle_timeout_seconds - 60)
    while frozen_clock.now() - start + step < timedelta(seconds=ctx.settings.auth_max_age_seconds):
        frozen_clock.move(step)
        await _call(ctx, code, issued.secret)  # each call refreshes the idle timer
    frozen_clock.freeze(start + timedelta(seconds=ctx.settings.auth_max_age_seconds + 1))
    with pytest.raises(AuthFailed, match="expired"):
        await _call(ctx, code, issued.secret)


async def test_tampered_code_is_unknown(ctx) -> None:
    issued = await _setup(ctx)
    code = await _auth(ctx, issued)
    head, issued_at, _rest = code.split("-")
    forged = f"{head}-{issued_at}-{'0' * 64}"
    with pytest.raises(AuthFailed, match="Unknown authentication code"):
        await _call(ctx, forged, issued.secret)


async def test_failures_are_recorded_with_reason(ctx) -> None:
    from sqlalchemy import select

    from openlux.auth.models import AuthFailure

    issued = await _setup(ctx)
    with pytest.raises(AuthFailed):
        await _call(ctx, "1-2-" + "a" * 64, issued.secret)
    await AuthRuntime.of(ctx).sync()  # failures are buffered; the sync task writes them in batches
    async with ctx.db.sessions() as session:
        reasons = (await session.scalars(select(AuthFailure.reason))).all()
    assert "Unknown authentication code." in reasons
