"""Issue 9, clarification of item 9, over signed HTTP on both backends: no API integration mints a
console sign-on link for an account administrator (an SSO session skips the second factor), and
minting any link needs write access."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from openlux.accounts import bootstrap
from openlux.accounts.models import Account
from openlux.client import Client, LuxSciError
from tests.audit.helpers import audit_rows
from tests.console.helpers import PASSWORD, new_tenant
from tests.support.dbquery import fetch_all, on_server_db
from tests.support.server import RunningServer


def _tag() -> str:
    return "s" + uuid.uuid4().hex[:10]


def _sso_tokens(server: RunningServer) -> int:
    return int(fetch_all(server.database_url, "SELECT count(*) AS n FROM sso_token")[0]["n"])


def _refusal(call) -> LuxSciError:
    with pytest.raises(LuxSciError) as err:
        call()
    return err.value


def test_user_scope_integration_of_an_administrator_cannot_mint_its_sign_on_link(
    server: RunningServer, user_api: Client
) -> None:
    """The attack: the administrator's own user-scope code asks for the administrator's SSO link,
    which would open a console session without the second factor."""
    before = _sso_tokens(server)
    refused = _refusal(user_api.get_user_single_sign_on_login_url)
    assert refused.status == 403 and "administrator" in refused.message
    assert refused.body["success"] == 0 and refused.body["error"] == refused.message  # the API's envelope
    assert _sso_tokens(server) == before


def test_a_tenant_administrator_is_refused_and_a_plain_user_still_gets_a_link(server: RunningServer) -> None:
    boss = new_tenant(server, f"boss@{_tag()}.example.com", own_account=True, admin=True)
    with Client(server.base_url, boss.token, boss.secret, user=boss.login, password=PASSWORD) as api:
        assert _refusal(api.get_user_single_sign_on_login_url).status == 403
    plain = new_tenant(server, f"user@{_tag()}.example.com", own_account=True)
    with Client(server.base_url, plain.token, plain.secret, user=plain.login, password=PASSWORD) as api:
        url = api.get_user_single_sign_on_login_url()["url"]
    with httpx.Client(timeout=30, follow_redirects=True) as browser:
        assert browser.get(url).status_code == 200
    [minted] = audit_rows(server, "sso_link.create", target=plain.login)
    assert minted["on_behalf_of"] == plain.login and minted["outcome"] == "success"


def test_read_only_user_scope_integration_cannot_mint_a_link(server: RunningServer) -> None:
    plain = new_tenant(server, f"user@{_tag()}.example.com", own_account=True)

    async def reader(session: Any, ctx: Any) -> tuple[str, str]:
        account = await session.get(Account, plain.account_id)
        issued = await bootstrap.create_integration(
            session, ctx, account, name="reader", scope="user", default_access="read", per_minute=0, per_day=0
        )
        return issued.token, issued.secret

    token, secret = on_server_db(server, reader)
    before = _sso_tokens(server)
    with Client(server.base_url, token, secret, user=plain.login, password=PASSWORD) as api:
        assert api.get_user()  # reading is allowed
        refused = _refusal(api.get_user_single_sign_on_login_url)
    assert refused.status == 403 and "write" in refused.message
    assert _sso_tokens(server) == before


def test_a_link_minted_before_its_user_became_an_administrator_is_refused_when_used(
    server: RunningServer, account_api: Client
) -> None:
    tenant = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    with Client(server.base_url, tenant.token, tenant.secret, user=tenant.login, password=PASSWORD) as api:
        url = api.get_user_single_sign_on_login_url()["url"]
    account_api.update_user_settings(username=tenant.login, flags=["admin"])
    with httpx.Client(timeout=30, follow_redirects=True) as browser:
        refused = browser.get(url)
        assert refused.status_code == 403 and "second factor" in refused.text
        assert browser.get(f"{server.base_url}/console").url.path == "/console/login"  # no session
    failed = [
        row for row in audit_rows(server, "sso.redeem", outcome="failure") if "second factor" in str(row["details"])
    ]
    assert failed
