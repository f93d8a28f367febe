"""updateDomain settings and user settings that must have an effect (each test shows the effect).

password_min_length (password changes), tls_policy (a TLS-required domain's mail is never sent with
a lower policy), escrow_min_expiration (escrow lifetime floor), password_expiration (password logins
refused after it runs out), force_ssl (web sign-on moves to HTTPS before the one-time token is used).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import select, update

from openlux.client import Client, LuxSciError
from tests.support.dbquery import on_server_db
from tests.support.server import RunningServer, served

PASSWORD = "Domain-Rules-Pass-2026"


def _domain_with_user(account_api: Client, server: RunningServer, **settings: Any) -> tuple[str, str, Client]:
    domain = f"rules{time.time_ns()}.example"
    account_api.create_domain(domain=domain)
    on_server_db(server, lambda s, _c: _verify(s, domain))  # sending domains must be verified in relay/mx modes
    account_api.update_domain(domain=domain, settings=settings)
    login = f"pat@{domain}"
    account_api.create_user(user=login, password=PASSWORD)
    c = server.credentials
    return domain, login, Client(server.base_url, c["user_token"], c["user_secret"], user=login, password=PASSWORD)


async def _verify(session: Any, domain: str) -> None:
    from openlux.accounts.models import Domain

    await session.execute(update(Domain).where(Domain.name == domain).values(is_verified=True))


def test_password_min_length_of_the_domain(account_api: Client, server: RunningServer) -> None:
    domain, login, _api = _domain_with_user(account_api, server, password_min_length=20)
    with pytest.raises(LuxSciError) as err:
        account_api.create_user(user=f"lee@{domain}", password="Only-15-Chars-x")
    assert err.value.status == 400 and "20" in str(err.value) and "password_min_length" in str(err.value)
    with pytest.raises(LuxSciError) as err:
        account_api.update_user_settings(username=login, password="Short-But-Valid-9")
    assert err.value.status == 400 and "password_min_length" in str(err.value)
    account_api.update_user_settings(username=login, password="A-Long-Enough-Password-2026")


def test_tls_required_domain_is_a_floor(account_api: Client, server: RunningServer) -> None:
    _domain, login, api = _domain_with_user(account_api, server, tls_policy="required")
    sent = api.send_email(
        messages=[
            {
                "from_address": login,
                "to": ["x@example.org"],
                "subject": "floor",
                "text": "t",
                "tls_policy": "opportunistic",
            }
        ]
    )
    from openlux.mail.models import OutboundMessage

    async def policy(session: Any, _ctx: Any) -> str:
        return await session.scalar(select(OutboundMessage.tls_policy).where(OutboundMessage.id == sent[0]["id"]))

    assert on_server_db(server, policy) == "required"


def test_password_expiration_refuses_password_logins(account_api: Client, server: RunningServer) -> None:
    _domain, login, api = _domain_with_user(account_api, server)
    assert api.get_user()["user"] == login
    account_api.update_user_settings(username=login, password_expiration=30)
    from openlux.accounts.models import User
    from openlux.core import time as clock

    async def age(session: Any, _ctx: Any) -> None:
        await session.execute(
            update(User).where(User.login == login).values(password_changed_at=clock.utcnow() - timedelta(days=31))
        )

    on_server_db(server, age)
    c = server.credentials
    with pytest.raises(LuxSciError) as err:
        Client(server.base_url, c["user_token"], c["user_secret"], user=login, password=PASSWORD).get_user()
    assert err.value.status == 401 and "expired" in str(err.value)
    account_api.update_user_settings(username=login, password="A-Fresh-Password-2026-x")  # an admin resets it
    fresh = Client(server.base_url, c["user_token"], c["user_secret"], user=login, password="A-Fresh-Password-2026-x")
    assert fresh.get_user()["user"] == login


async def test_escrow_lifetime_honours_the_domain_minimum(ctx: Any) -> None:
    from openlux.accounts.bootstrap import create_account, create_user
    from openlux.accounts.models import Domain
    from openlux.secureline import escrow

    async with ctx.db.transaction() as session:
        account = await create_account(session, "Escrow rules")
        user = await create_user(session, account, "doc@escrow-rules.example", PASSWORD)
        user.settings = {"escrow_expiration": 2}
        assert await escrow.expiration_days(session, user.id) == 2
        domain = await session.scalar(select(Domain).where(Domain.name == "escrow-rules.example"))
        domain.settings = {"escrow_min_expiration": 14}
        await session.flush()
        assert await escrow.expiration_days(session, user.id) == 14


@pytest.fixture(scope="module")
def https_public_server(backend: str) -> Iterator[RunningServer]:
    """A server whose public URL is HTTPS (as behind a TLS proxy) while it listens on plain HTTP."""
    with served(backend, extra_env={"OPENLUX_PUBLIC_URL": "https://mail.example.test"}) as world:
        yield world.server


def test_force_ssl_moves_sign_on_to_https_before_using_the_token(https_public_server: RunningServer) -> None:
    server = https_public_server
    c = server.credentials
    account = Client(server.base_url, c["account_token"], c["account_secret"], account=c["account"])
    login = "force-ssl@example.com"  # not an administrator: administrators get no sign-on links
    account.create_user(user=login, password=PASSWORD)
    account.update_user_settings(username=login, force_ssl=1)
    api = Client(server.base_url, c["user_token"], c["user_secret"], user=login, password=PASSWORD)
    link = urlsplit(api.get_user_single_sign_on_login_url()["url"])
    local = f"{server.base_url}{link.path}?{link.query}"
    answer = httpx.get(local, follow_redirects=False)
    assert answer.status_code == 307
    assert answer.headers["location"] == f"https://mail.example.test{link.path}?{link.query}"
    assert "set-cookie" not in answer.headers
    # with force_ssl off (user and domain) the same link signs in over plain HTTP, once
    account.update_user_settings(username=login, force_ssl=0)
    account.update_domain(domain=login.split("@")[1], settings={"force_ssl": 0})
    signed_in = httpx.get(local, follow_redirects=False)
    assert signed_in.status_code == 303 and "set-cookie" in signed_in.headers
