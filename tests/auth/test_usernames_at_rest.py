"""Issue 9 item 11 (with item 6): the logins tried in failed logins are not stored in clear.

- login_throttle keys hold the keyed HMAC of the login, and the throttle still delays and locks;
- auth_failure keeps the login sealed (the login-failure report shows it), with its HMAC for one
  user's report and its domain (an account's domain, clear) for the account's report.
Failures are made over real sockets (signed /auth over HTTP, SMTP AUTH); rows are read with SQL.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import aiosmtplib
import httpx
import pytest

from openlux.auth import throttle
from openlux.client import Client
from openlux.core.sealing import address_index
from tests.support import handsigned
from tests.support.dbquery import fetch_all, fetch_until, server_box
from tests.support.polling import wait_until
from tests.support.server import RunningServer, served

LOCK_AFTER = 3
THROTTLE_ENV = {
    "OPENLUX_LOGIN_FREE_FAILURES": "1",
    "OPENLUX_LOGIN_DELAY_BASE_SECONDS": "0.05",
    "OPENLUX_LOGIN_DELAY_MAX_SECONDS": "0.1",
    "OPENLUX_LOGIN_LOCK_AFTER": str(LOCK_AFTER),
    "OPENLUX_LOGIN_LOCK_SECONDS": "600",
}


@pytest.fixture(scope="module")
def throttled_server(backend: str) -> Iterator[RunningServer]:
    with served(backend, extra_env=THROTTLE_ENV) as world:
        yield world.server


def _api_login(server: RunningServer, login: str, password: str, source: str) -> int:
    c = server.credentials
    body = handsigned.authenticate_body(c["user_token"], c["user_secret"], user=login, password=password)
    with httpx.Client(transport=httpx.HTTPTransport(local_address=source), timeout=30) as client:
        return client.post(f"{server.base_url}/perl/api/v2/auth", json=body).status_code


def _smtp_login(server: RunningServer, login: str, password: str) -> None:
    async def run() -> None:
        smtp = aiosmtplib.SMTP(
            hostname="127.0.0.1",
            port=int(server.env["OPENLUX_SUBMISSION_PORT"]),
            start_tls=True,
            validate_certs=False,
            timeout=30,
        )
        await smtp.connect()
        try:
            await smtp.login(login, password)
        finally:
            smtp.close()

    asyncio.run(run())


def test_throttle_keys_hold_no_login_and_still_lock(throttled_server: RunningServer) -> None:
    server, local = throttled_server, f"pat-{uuid.uuid4().hex[:8]}"
    login = f"{local}@example.com"
    for _ in range(LOCK_AFTER):
        assert _api_login(server, login, "Wrong-Password-1", "127.0.0.41") == 401
    assert _api_login(server, login.upper(), "Wrong-Password-1", "127.0.0.41") == 429  # locked, in any case

    keys = [row["key"] for row in fetch_all(server.database_url, "SELECT key FROM login_throttle")]
    assert not [key for key in keys if local in key]
    box = server_box(server)
    assert throttle.login_key(login, box) in keys and throttle.pair_key(login, "127.0.0.41", box) in keys
    # Another address is not locked (per login there is only a delay).
    assert _api_login(server, login, "Wrong-Password-1", "127.0.0.42") == 401

    failures = fetch_until(
        server.database_url,
        "SELECT username, username_index, username_domain FROM auth_failure",
        lambda rows: len([r for r in rows if r["username_index"] == address_index(login, box)]) >= 2,
    )
    assert local not in repr(failures)
    mine = [r for r in failures if r["username_index"] == address_index(login, box)]
    assert {r["username_domain"] for r in mine} == {"example.com"} and all(
        r["username"].startswith("ol1:") for r in mine
    )


def test_login_failure_reports_show_the_sealed_login(throttled_server: RunningServer) -> None:
    server = throttled_server
    domain = server.credentials["user"].rsplit("@", 1)[1]
    guess = f"Guess-{uuid.uuid4().hex[:8]}@{domain.upper()}"
    with pytest.raises(aiosmtplib.SMTPAuthenticationError):
        _smtp_login(server, guess, "guess-123456")
    with pytest.raises(aiosmtplib.SMTPAuthenticationError):
        _smtp_login(server, server.credentials["user"], "wrong-password-123")

    def report(client: Client, name: str) -> list[dict]:
        return client.call(name, type="login_failure")["rows"]

    with server.account_api() as account:  # the account sees guesses in its domains (by the clear domain)
        named = wait_until(  # SMTP failures are written in batches
            lambda: [r for r in report(account, "getSMTPLoginFailureReportAccount") if r["login"] == guess],
            timeout=10,
            what=f"{guess} in the account's login-failure report",
        )
        assert named[0]["channel"] == "smtp"
        # the report's `login` filter matches the sealed login through its blind index (whole value, any case)
        filtered = account.call("getSMTPLoginFailureReportAccount", type="login_failure", login=guess.lower())["rows"]
        assert filtered and {r["login"] for r in filtered} == {guess}  # (aiosmtplib may try two mechanisms)
        assert account.call("getSMTPLoginFailureReportAccount", login=guess.split("@")[0])["rows"] == []
    with server.user_api() as user:  # the user sees its own login's failures (by the login's HMAC), not guesses

        def own_failures() -> list[dict] | None:  # waited for too: the two failures may land in different batches
            rows = report(user, "getEmailSMTPLoginFailureReportUser")
            return rows if any(r["login"] == server.credentials["user"] for r in rows) else None

        mine = wait_until(own_failures, timeout=10, what=f"{server.credentials['user']} in the user's failure report")
        assert guess not in [r["login"] for r in mine]
    stored = fetch_all(server.database_url, "SELECT username FROM auth_failure WHERE channel = 'smtp'")
    assert stored and guess.split("@")[0] not in repr(stored) and all(r["username"].startswith("ol1:") for r in stored)
