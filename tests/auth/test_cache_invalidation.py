"""The authenticated-session cache across processes (issue 11 item 1): two `openlux api` processes
on one database. A revocation, a password change, a disabled user or a disabled integration takes
effect at once in the process that made it, and within the poll interval plus one second in the
other (and for a change made by a third process, the CLI, in both)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from tests.support import handsigned
from tests.support.cli import create_integration, run_cli
from tests.support.server import RunningServer, served, start_api_process, stop_process

POLL_SECONDS = 0.25  # OPENLUX_AUTH_SYNC_INTERVAL_SECONDS below
ALLOWED = POLL_SECONDS + 1.0  # the bound: the poll interval plus one second


@pytest.fixture(scope="module")
def two_apis(backend: str) -> Iterator[tuple[RunningServer, str, str]]:
    """(the first server, its URL, a second `openlux api` process's URL) on one database."""
    with served(backend, extra_env={"OPENLUX_AUTH_SYNC_INTERVAL_SECONDS": str(POLL_SECONDS)}) as world:
        server = world.server
        second, port = start_api_process(server.env)
        try:
            yield server, server.base_url, f"http://127.0.0.1:{port}"
        finally:
            stop_process(second)


def _get(base: str, secret: str, auth: str, path: str) -> int:
    mac = handsigned.hmac_hex(secret, f"{auth}\nGET\n{path}\n\n\n")
    return httpx.get(base + path, headers={"Cookie": f"signature={auth}:{mac}"}).status_code


def _seconds_until_refused(base: str, secret: str, auth: str, path: str, limit: float = 10.0) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if _get(base, secret, auth, path) in (401, 403):
            return time.monotonic() - started
        time.sleep(0.02)
    return float("inf")


def _user_code(base: str, token: str, secret: str, user: str, password: str) -> str:
    resp = handsigned.authenticate(base, token, secret, user=user, password=password)
    assert resp.status_code == 201, resp.text
    return resp.json()["auth"]


def _warm(bases: tuple[str, str], secret: str, auth: str, path: str) -> None:
    for base in bases:  # twice each: the second call is served from the cache
        assert _get(base, secret, auth, path) == 200
        assert _get(base, secret, auth, path) == 200


def test_revocation_reaches_the_other_process_within_a_second(two_apis) -> None:
    server, a, b = two_apis
    c = server.credentials
    path = f"/perl/api/v2/user/{c['user']}/profile"
    auth = _user_code(a, c["user_token"], c["user_secret"], c["user"], c["password"])
    _warm((a, b), c["user_secret"], auth, path)
    mac = handsigned.hmac_hex(c["user_secret"], f"{auth}\nDELETE\n/perl/api/v2/auth\n\n\n")
    assert httpx.delete(a + "/perl/api/v2/auth", headers={"Cookie": f"signature={auth}:{mac}"}).status_code == 200
    assert _get(a, c["user_secret"], auth, path) == 401  # at once where it was made
    assert _seconds_until_refused(b, c["user_secret"], auth, path) <= ALLOWED


def test_password_change_and_disable_reach_the_other_process(two_apis) -> None:
    server, a, b = two_apis
    c = server.credentials
    run_cli(server, "user", "create", "pat@example.com", "--password", "First-Pass-123")
    path = "/perl/api/v2/user/pat@example.com/profile"
    auth = _user_code(a, c["user_token"], c["user_secret"], "pat@example.com", "First-Pass-123")
    _warm((a, b), c["user_secret"], auth, path)
    account_auth = handsigned.authenticate(a, c["account_token"], c["account_secret"]).json()["auth"]
    resp = handsigned.signed(
        a,
        c["account_secret"],
        account_auth,
        "PUT",
        path.replace("/profile", "/password"),
        body=b'{"password": "Second-Pass-456"}',
    )
    assert resp.status_code == 200, resp.text
    assert _get(a, c["user_secret"], auth, path) == 401
    assert _seconds_until_refused(b, c["user_secret"], auth, path) <= ALLOWED

    auth = _user_code(a, c["user_token"], c["user_secret"], "pat@example.com", "Second-Pass-456")
    _warm((a, b), c["user_secret"], auth, path)
    users_path = f"/perl/api/v2/account/{c['account']}/users/pat@example.com"
    resp = handsigned.signed(b, c["account_secret"], account_auth, "PUT", users_path, body=b'{"status": "disabled"}')
    assert resp.status_code == 200, resp.text
    assert _get(b, c["user_secret"], auth, path) == 401
    assert _seconds_until_refused(a, c["user_secret"], auth, path) <= ALLOWED


def test_an_integration_disabled_by_the_cli_is_refused_by_both_processes(two_apis) -> None:
    server, a, b = two_apis
    issued = create_integration(server, "soon-disabled")
    path = f"/perl/api/v2/account/{server.credentials['account']}/domains"
    auth = handsigned.authenticate(a, issued["token"], issued["secret"]).json()["auth"]
    _warm((a, b), issued["secret"], auth, path)
    run_cli(server, "integration", "disable", issued["token"])  # committed when the command returns
    changed = time.monotonic()
    _seconds_until_refused(a, issued["secret"], auth, path)
    _seconds_until_refused(b, issued["secret"], auth, path)
    assert time.monotonic() - changed <= ALLOWED
    assert _get(a, issued["secret"], auth, path) == 403 and _get(b, issued["secret"], auth, path) == 403


def _profile(base: str, secret: str, auth: str, path: str) -> dict:
    mac = handsigned.hmac_hex(secret, f"{auth}\nGET\n{path}\n\n\n")
    resp = httpx.get(base + path, headers={"Cookie": f"signature={auth}:{mac}"})
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_cached_getuser_answers_like_the_route_and_follows_profile_changes(two_apis) -> None:
    """The fast path's cached user record: the same answer as the FastAPI route, and a profile
    change shows at once in the process that made it and within the bound in the other."""
    server, a, b = two_apis
    c = server.credentials
    path = f"/perl/api/v2/user/{c['user']}/profile"
    auth = _user_code(a, c["user_token"], c["user_secret"], c["user"], c["password"])
    first = _profile(b, c["user_secret"], auth, path)  # the route (fills the caches)
    for _ in range(3):  # then the fast path
        assert _profile(b, c["user_secret"], auth, path) == first
    city = f"Springfield-{time.monotonic_ns()}"
    body = (f'{{"city": "{city}"}}').encode()
    assert handsigned.signed(a, c["user_secret"], auth, "PUT", path, body=body).status_code == 200
    assert _profile(a, c["user_secret"], auth, path)["data"]["city"] == city  # at once where it was made
    started = time.monotonic()
    while _profile(b, c["user_secret"], auth, path)["data"]["city"] != city:
        assert time.monotonic() - started <= ALLOWED
        time.sleep(0.02)
