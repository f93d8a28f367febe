"""The signed-read fast path's memory (openlux.auth.hotpath): once a cached session has verified a
code and a MAC for a path, nothing else is let through on the strength of it — another MAC, another
query, another code of the session, a revoked session — and the answer stays the route's, headers
included. Over real sockets against a served app."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.support import handsigned
from tests.support.server import RunningServer, served


@pytest.fixture(scope="module")
def server(backend: str) -> Iterator[RunningServer]:
    with served(backend) as world:
        yield world.server


def _login(server: RunningServer) -> tuple[str, str, str]:
    """(auth code, secret, getUser path) of a fresh user-scope session."""
    c = server.credentials
    resp = handsigned.authenticate(
        server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"]
    )
    assert resp.status_code == 201, resp.text
    return resp.json()["auth"], c["user_secret"], f"/perl/api/v2/user/{c['user']}/profile"


def _get(server: RunningServer, auth: str, mac: str, path: str, query: str = "") -> httpx.Response:
    url = server.base_url + path + (f"?{query}" if query else "")
    return httpx.get(url, headers={"Cookie": f"signature={auth}:{mac}"})


def _mac(secret: str, auth: str, path: str, query: str = "") -> str:
    return handsigned.hmac_hex(secret, f"{auth}\nGET\n{path}\n{query}\n\n")


def test_a_verified_mac_opens_only_its_own_request(server: RunningServer) -> None:
    auth, secret, path = _login(server)
    mac = _mac(secret, auth, path)
    route = _get(server, auth, mac, path)  # the FastAPI route: fills the caches
    assert route.status_code == 200, route.text
    for _ in range(3):  # the fast path
        fast = _get(server, auth, mac, path)
        assert fast.status_code == 200
        assert fast.content == route.content
        assert fast.headers["content-type"] == "application/json"
        assert fast.headers["x-content-type-options"] == "nosniff"
    flipped = mac[:-1] + ("0" if mac[-1] != "0" else "1")
    assert _get(server, auth, flipped, path).status_code == 401
    assert _get(server, auth, mac, path, query="x=1").status_code == 401  # the MAC covers the query
    assert _get(server, auth, _mac(secret, auth, path, "x=1"), path, query="x=1").status_code == 200
    assert _get(server, auth, mac.upper(), path).status_code == 200  # C# clients send upper-case hex
    assert _get(server, auth, mac, path).status_code == 200


def test_another_code_of_the_same_session_id_is_refused(server: RunningServer) -> None:
    auth, secret, path = _login(server)
    assert _get(server, auth, _mac(secret, auth, path), path).status_code == 200
    assert _get(server, auth, _mac(secret, auth, path), path).status_code == 200  # remembered now
    session_id, _, rest = auth.partition("-")
    forged = f"{session_id}-{'0' * len(rest)}"  # same cache entry, wrong code
    assert _get(server, forged, _mac(secret, forged, path), path).status_code == 401


def test_revoking_ends_the_remembered_session(server: RunningServer) -> None:
    auth, secret, path = _login(server)
    mac = _mac(secret, auth, path)
    for _ in range(3):
        assert _get(server, auth, mac, path).status_code == 200
    revoke = "/perl/api/v2/auth"
    revoke_mac = handsigned.hmac_hex(secret, f"{auth}\nDELETE\n{revoke}\n\n\n")
    resp = httpx.delete(server.base_url + revoke, headers={"Cookie": f"signature={auth}:{revoke_mac}"})
    assert resp.status_code == 200, resp.text
    assert _get(server, auth, mac, path).status_code == 401
