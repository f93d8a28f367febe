"""Failed-login throttling over real sockets (issue 9 item 6): API auth over HTTP and SMTP AUTH.

The server runs with small delays so the test is quick; the rules are the production ones:
per (login, client address) a lock after `login_lock_after` failures (429 / SMTP 454 with the wait),
per login alone only a delay, so the right password from another address still gets in.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import aiosmtplib
import httpx
import pytest

from tests.support import handsigned
from tests.support.server import RunningServer, served

LOCK_AFTER = 5
THROTTLE_ENV = {
    "OPENLUX_LOGIN_FREE_FAILURES": "2",
    "OPENLUX_LOGIN_DELAY_BASE_SECONDS": "0.05",
    "OPENLUX_LOGIN_DELAY_MAX_SECONDS": "0.2",
    "OPENLUX_LOGIN_LOCK_AFTER": str(LOCK_AFTER),
    "OPENLUX_LOGIN_LOCK_SECONDS": "600",
}


@pytest.fixture(scope="module")
def throttled_server(backend: str) -> Iterator[RunningServer]:
    with served(backend, extra_env=THROTTLE_ENV) as world:
        yield world.server


def _login(server: RunningServer, password: str, source: str = "127.0.0.1") -> httpx.Response:
    c = server.credentials
    body = handsigned.authenticate_body(c["user_token"], c["user_secret"], user=c["user"], password=password)
    with httpx.Client(transport=httpx.HTTPTransport(local_address=source), timeout=30) as client:
        return client.post(f"{server.base_url}/perl/api/v2/auth", json=body)


def test_api_logins_lock_the_address_but_not_the_login(throttled_server: RunningServer) -> None:
    server = throttled_server
    for _ in range(LOCK_AFTER):
        assert _login(server, "Wrong-Password-1").status_code == 401
    locked = _login(server, server.credentials["password"])
    assert locked.status_code == 429, locked.text
    assert 500 <= int(locked.headers["Retry-After"]) <= 601 and "Too many failed logins" in locked.json()["error"]
    # The same login from another address: only delayed, and the right password works.
    assert _login(server, server.credentials["password"], source="127.0.0.2").status_code == 201


def test_unknown_logins_are_throttled_like_known_ones(throttled_server: RunningServer) -> None:
    server = throttled_server
    c = server.credentials
    for _ in range(LOCK_AFTER):
        body = handsigned.authenticate_body(
            c["user_token"], c["user_secret"], user="nobody@example.com", password="Wrong-Password-1"
        )
        with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.3")) as client:
            assert client.post(f"{server.base_url}/perl/api/v2/auth", json=body).status_code == 401
    with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.3")) as client:
        assert client.post(f"{server.base_url}/perl/api/v2/auth", json=body).status_code == 429


def _smtp_auth(server: RunningServer, password: str, source: str) -> None:
    async def run() -> None:
        smtp = aiosmtplib.SMTP(
            hostname="127.0.0.1",
            port=int(server.env["OPENLUX_SUBMISSION_PORT"]),
            start_tls=True,
            validate_certs=False,
            timeout=30,
            source_address=(source, 0),
        )
        await smtp.connect()
        try:
            await smtp.login(server.credentials["user"], password)
        finally:
            smtp.close()

    asyncio.run(run())


def test_smtp_auth_answers_454_once_the_address_is_locked(throttled_server: RunningServer) -> None:
    server = throttled_server
    codes = []
    for _ in range(LOCK_AFTER):  # aiosmtplib may try two mechanisms per login: up to 2 failures each
        with pytest.raises(aiosmtplib.SMTPAuthenticationError) as err:
            _smtp_auth(server, "Wrong-Password-1", "127.0.0.4")
        codes.append(err.value.code)
    assert codes[0] == 535 and codes[-1] == 454
    with pytest.raises(aiosmtplib.SMTPAuthenticationError) as err:
        _smtp_auth(server, server.credentials["password"], "127.0.0.4")
    assert err.value.code == 454 and "try again in" in err.value.message
    _smtp_auth(server, server.credentials["password"], "127.0.0.5")  # another address gets in
