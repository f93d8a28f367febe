"""Signing in to the web console from tests: through an SSO link or the login form."""

from __future__ import annotations

import re
from typing import Any

import httpx
from sqlalchemy import select

from openlux.accounts.models import User
from openlux.client import Client
from openlux.console import service as console_service
from tests.support.dbquery import on_server_db
from tests.support.server import RunningServer

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF.search(html)
    assert found, "page has no form with a CSRF token"
    return found.group(1)


def sso_browser(
    server: RunningServer,
    *,
    token: str | None = None,
    secret: str | None = None,
    login: str | None = None,
    password: str | None = None,
) -> httpx.Client:
    """An HTTP client holding a console session opened by the user's SSO link (default: the admin).

    The user must have no second factor enrolled (with one, the link lands on the code form)."""
    creds = server.credentials
    with Client(
        server.base_url,
        token or creds["user_token"],
        secret or creds["user_secret"],
        user=login or creds["user"],
        password=password or creds["password"],
    ) as api:
        url = api.get_user_single_sign_on_login_url()["url"]
    browser = httpx.Client(base_url=server.base_url, timeout=30)
    reply = browser.get(url.removeprefix(server.base_url), follow_redirects=True)
    assert reply.status_code == 200, reply.text[:300]
    return browser


def admin_browser(server: RunningServer, login: str | None = None) -> httpx.Client:
    """An HTTP client holding an administrator's console session (default: the server's admin) as
    the password form and the second factor leave it: no password re-entry before sensitive changes.

    A TOTP code is accepted once per 30-second step, so the session is opened the way those forms
    end (console.service), on the server's database; the sign-in pages themselves are tested in
    tests/console and tests/audit/test_sso_minting.py.
    """
    wanted = (login or server.credentials["user"]).lower()

    async def work(session: Any, ctx: Any) -> str:
        user = await session.scalar(select(User).where(User.login == wanted))
        assert user is not None and console_service.is_admin(user), f"{wanted} is not an administrator"
        return await console_service.open_session(
            session,
            ctx,
            user=user,
            client_ip="127.0.0.1",
            opened_by=console_service.OPENED_BY_PASSWORD,
            second_factor_done=True,
        )

    browser = httpx.Client(base_url=server.base_url, timeout=30)
    browser.cookies.set(console_service.COOKIE, on_server_db(server, work))
    reply = browser.get("/console")
    assert reply.status_code == 200, reply.text[:300]
    return browser


def password_browser(server: RunningServer, login: str, password: str) -> tuple[httpx.Client, httpx.Response]:
    """An HTTP client after posting the login form (the reply tells where it went)."""
    browser = httpx.Client(base_url=server.base_url, timeout=30)
    form = browser.get("/console/login")
    reply = browser.post(
        "/console/login", data={"csrf": csrf_of(form.text), "login": login, "password": password, "next": "/console"}
    )
    return browser, reply


def form_post(browser: httpx.Client, page_path: str, action: str, data: dict[str, Any]) -> httpx.Response:
    """Post a form the way a browser does: the CSRF token comes from the page that shows it."""
    page = browser.get(page_path)
    assert page.status_code == 200, page.text[:300]
    return browser.post(action, data={"csrf": csrf_of(page.text), **data})
