"""Issue 9, clarification of item 9, over real HTTP on both backends: console sign-on links.

- Minting any link needs write access.
- An account-scope integration gets no link for an account administrator (and a link it made for
  a user who became an administrator since is refused when used).
- A user-scope integration mints its own user's link, administrator or not; but a user with a
  second factor enrolled enters its code on landing (the console login's second step, throttled
  like it) before the session is of any use. Without a second factor the link opens the session.
- Redemptions and second-factor steps are in the audit log, successes and failures.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import httpx
import pytest

from openlux.accounts import bootstrap
from openlux.accounts.models import Account
from openlux.client import Client, LuxSciError
from openlux.console import totp
from tests.audit.helpers import audit_rows, throttle_key
from tests.console.helpers import PASSWORD, Tenant, new_tenant
from tests.support.console import csrf_of, form_post, password_browser
from tests.support.dbquery import fetch_all, on_server_db
from tests.support.server import RunningServer

SECOND_FACTOR = "/console/login/second-factor"


def _tag() -> str:
    return "s" + uuid.uuid4().hex[:10]


def _sso_tokens(server: RunningServer) -> int:
    return int(fetch_all(server.database_url, "SELECT count(*) AS n FROM sso_token")[0]["n"])


def _refusal(call, **kwargs: Any) -> LuxSciError:
    with pytest.raises(LuxSciError) as err:
        call(**kwargs)
    return err.value


def _details(row: dict[str, Any]) -> dict[str, Any]:
    value = row["details"]
    return json.loads(value) if isinstance(value, str) else value


def _own_link(server: RunningServer, tenant: Tenant) -> str:
    """The tenant's console sign-on link, minted by its own user-scope integration (path and query)."""
    with Client(server.base_url, tenant.token, tenant.secret, user=tenant.login, password=PASSWORD) as api:
        url = api.get_user_single_sign_on_login_url()["url"]
    return url.removeprefix(server.base_url)


def _enrol_second_factor(server: RunningServer, tenant: Tenant) -> tuple[str, list[str]]:
    """Sign in with the password and enrol a second factor, as an administrator does the first time:
    (TOTP secret, recovery codes)."""
    browser, reply = password_browser(server, tenant.login, PASSWORD)
    assert reply.status_code == 303 and reply.headers["location"].startswith(SECOND_FACTOR)
    page = browser.get(reply.headers["location"])
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text).group(1)
    codes = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", page.text)
    done = browser.post(
        SECOND_FACTOR, data={"csrf": csrf_of(page.text), "code": totp.code_at(secret, totp.current_step())}
    )
    assert done.status_code == 303 and browser.get("/console").status_code == 200
    return secret, codes


def _failures(server: RunningServer, login: str) -> int:
    """Failed sign-ins counted for the login by the shared throttle (0 when none are on record)."""
    rows = fetch_all(
        server.database_url, "SELECT failures FROM login_throttle WHERE key = :k", k=throttle_key(server, login)
    )
    return int(rows[0]["failures"]) if rows else 0


def _second_factor_events(server: RunningServer, login: str, outcome: str) -> list[dict[str, Any]]:
    return [
        _details(row)
        for row in audit_rows(server, "login", target=login, outcome=outcome)
        if _details(row)["channel"] == "console_second_factor"
    ]


def test_own_link_of_an_administrator_with_a_second_factor_asks_for_the_code(server: RunningServer) -> None:
    """The attack: the administrator's user-scope integration mints the administrator's own link,
    which must not open a console that the password form opens only with the second factor."""
    boss = new_tenant(server, f"boss@{_tag()}.example.com", own_account=True, admin=True)
    secret, recovery = _enrol_second_factor(server, boss)

    browser = httpx.Client(base_url=server.base_url, timeout=30)
    landing = browser.get(_own_link(server, boss))
    assert landing.status_code == 303 and landing.headers["location"].startswith(SECOND_FACTOR)
    # Without the code the session opens nothing: every console page sends it to the code form.
    for path in ("/console", "/console/settings", "/console/admin/integrations", "/web/outbox.json"):
        refused = browser.get(path)
        assert refused.status_code == 303 and refused.headers["location"] == SECOND_FACTOR, path
    form = browser.get(landing.headers["location"])
    assert form.status_code == 200 and 'name="code"' in form.text
    assert "totp-secret" not in form.text and "recovery-codes" not in form.text  # never the key again

    wrong = browser.post(SECOND_FACTOR, data={"csrf": csrf_of(form.text), "code": "000000", "next": "/console"})
    assert wrong.status_code == 401 and "totp-secret" not in wrong.text
    assert _failures(server, boss.login) == 1  # the login form's throttle counts it
    assert browser.get("/console").headers["location"] == SECOND_FACTOR  # still no session

    # The next step's code (the enrolment used the current one; each step is accepted once).
    right = totp.code_at(secret, totp.current_step() + 1)
    done = browser.post(SECOND_FACTOR, data={"csrf": csrf_of(form.text), "code": right, "next": "/console/settings"})
    assert done.status_code == 303 and done.headers["location"] == "/console/settings"
    assert browser.get("/console").status_code == 200
    assert _failures(server, boss.login) == 0  # a success forgets the failures, as on the login form

    # Still a session opened by a link: creating an integration asks for the password first.
    refused = form_post(
        browser, "/console/admin/integrations", "/console/admin/integrations", {"name": "via-sso", "scope": "user"}
    )
    assert refused.status_code == 303 and refused.headers["location"].startswith("/console/reauth")
    confirmed = form_post(
        browser,
        "/console/reauth",
        "/console/reauth",
        {"password": PASSWORD, "code": recovery[0], "next": "/console/admin/integrations"},
    )
    assert confirmed.status_code == 303
    made = form_post(
        browser, "/console/admin/integrations", "/console/admin/integrations", {"name": "via-sso", "scope": "user"}
    )
    assert made.status_code == 200 and 'id="issued-secret"' in made.text

    [redeemed] = audit_rows(server, "sso.redeem", target=boss.login)
    assert redeemed["outcome"] == "success" and _details(redeemed)["second_factor"] is True
    [failed] = _second_factor_events(server, boss.login, "failure")
    assert failed["opened_by"] == "sso"
    assert [e.get("opened_by") for e in _second_factor_events(server, boss.login, "success")] == ["password", "sso"]


def test_link_redeemed_elsewhere_without_the_code_opens_nothing(server: RunningServer) -> None:
    """A stolen link of a user with a second factor: used once, it leaves only a pending session."""
    boss = new_tenant(server, f"boss@{_tag()}.example.com", own_account=True, admin=True)
    _enrol_second_factor(server, boss)
    link = _own_link(server, boss)
    with httpx.Client(base_url=server.base_url, timeout=30, follow_redirects=True) as thief:
        page = thief.get(link)
        assert page.status_code == 200 and page.url.path == SECOND_FACTOR
        assert thief.get("/web/outbox.json").url.path == SECOND_FACTOR
        assert thief.get("/console/admin/users").url.path == SECOND_FACTOR
        again = thief.get(link)  # the link works once
        assert again.status_code == 403


def test_administrator_without_a_second_factor_gets_a_session_through_the_own_link(server: RunningServer) -> None:
    boss = new_tenant(server, f"boss@{_tag()}.example.com", own_account=True, admin=True)
    with httpx.Client(base_url=server.base_url, timeout=30, follow_redirects=True) as browser:
        page = browser.get(_own_link(server, boss))
        assert page.status_code == 200 and page.url.path == "/console/settings"
        assert browser.get("/console/admin/users").status_code == 200
        refused = form_post(
            browser, "/console/admin/integrations", "/console/admin/integrations", {"name": "x", "scope": "user"}
        )
        assert refused.url.path == "/console/reauth"  # (followed) sensitive changes want the password
    [redeemed] = audit_rows(server, "sso.redeem", target=boss.login)
    assert redeemed["outcome"] == "success" and _details(redeemed)["second_factor"] is False
    [minted] = audit_rows(server, "sso_link.create", target=boss.login)
    assert minted["on_behalf_of"] == boss.login and minted["outcome"] == "success"


def test_account_scope_integration_gets_no_link_for_an_administrator(
    server: RunningServer, account_api: Client
) -> None:
    admin = server.credentials["user"]
    before = _sso_tokens(server)
    refused = _refusal(account_api.get_user_single_sign_on_login_url, username=admin)
    assert refused.status == 403 and "administrator" in refused.message
    assert refused.body["success"] == 0 and refused.body["error"] == refused.message  # the API's envelope
    assert _sso_tokens(server) == before
    plain = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    url = account_api.get_user_single_sign_on_login_url(username=plain.login)["url"]  # not an administrator
    with httpx.Client(timeout=30, follow_redirects=True) as browser:
        assert browser.get(url).status_code == 200
        assert browser.get(f"{server.base_url}/console").status_code == 200


def test_account_scope_link_of_a_user_made_administrator_since_is_refused_when_used(
    server: RunningServer, account_api: Client
) -> None:
    tenant = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    url = account_api.get_user_single_sign_on_login_url(username=tenant.login)["url"]
    account_api.update_user_settings(username=tenant.login, flags=["admin"])
    with httpx.Client(timeout=30, follow_redirects=True) as browser:
        refused = browser.get(url)
        assert refused.status_code == 403 and "account-scope" in refused.text
        assert browser.get(f"{server.base_url}/console").url.path == "/console/login"  # no session
    failed = [
        row for row in audit_rows(server, "sso.redeem", outcome="failure") if "account-scope" in str(row["details"])
    ]
    assert failed


def test_own_link_of_a_user_made_administrator_since_still_works(server: RunningServer, account_api: Client) -> None:
    """The user-scope rule is checked when the link is used: no second factor, so a session."""
    tenant = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    link = _own_link(server, tenant)
    account_api.update_user_settings(username=tenant.login, flags=["admin"])
    with httpx.Client(base_url=server.base_url, timeout=30, follow_redirects=True) as browser:
        assert browser.get(link).url.path == "/console/settings"
        assert browser.get("/console/admin/users").status_code == 200


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
