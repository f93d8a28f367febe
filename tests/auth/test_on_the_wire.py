"""Bytes that only a real socket shows: a chunked signed body, and the API's body limit (declared and streamed).

The rest of the suite may talk to in-process servers through any transport; these stay on raw sockets
(http.client / handsigned) because what is under test is how the bytes arrive.
"""

from __future__ import annotations

import hashlib
import http.client
import json
from collections.abc import Iterator

import pytest

from tests.support import handsigned
from tests.support.server import RunningServer, served

PROFILE = "/perl/api/v2/user/{user}/profile"
LIMIT = 4096  # OPENLUX_MAX_BODY_BYTES of the small server


def _auth(server: RunningServer) -> str:
    c = server.credentials
    resp = handsigned.authenticate(
        server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"]
    )
    assert resp.status_code == 201, resp.text
    return resp.json()["auth"]


def _signed_put(server: RunningServer, body: bytes, *, chunks: int | None) -> tuple[int, dict]:
    """PUT the profile with `body` signed; sent in `chunks` chunks (Transfer-Encoding: chunked) or whole."""
    c = server.credentials
    auth, path = _auth(server), PROFILE.format(user=c["user"])
    mac = handsigned.hmac_hex(c["user_secret"], f"{auth}\nPUT\n{path}\n\n{hashlib.sha256(body.strip()).hexdigest()}\n")
    headers = {"Cookie": f"signature={auth}:{mac}", "Content-Type": "application/json"}
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        if chunks is None:  # http.client declares Content-Length
            conn.request("PUT", path, body=body, headers=headers)
        else:
            size = max(1, len(body) // chunks)
            parts = (body[i : i + size] for i in range(0, len(body), size))
            conn.request("PUT", path, body=parts, headers=headers, encode_chunked=True)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def test_chunked_body_is_hashed_as_received(server: RunningServer) -> None:
    status, reply = _signed_put(server, b'{"company":"Chunked Ltd","city":"Shelbyville"}', chunks=4)
    assert status == 200, reply
    assert reply["data"]["company"] == "Chunked Ltd" and reply["data"]["city"] == "Shelbyville"


@pytest.fixture(scope="module")
def small_server() -> Iterator[RunningServer]:
    """A server with a tiny body limit (SQLite: the limit does not depend on the backend)."""
    with served("sqlite", extra_env={"OPENLUX_MAX_BODY_BYTES": str(LIMIT)}) as world:
        yield world.server


def _too_big() -> bytes:
    return json.dumps({"company": "x" * (LIMIT + 10)}).encode()


def test_declared_length_over_the_limit_is_413(small_server: RunningServer) -> None:
    status, reply = _signed_put(small_server, _too_big(), chunks=None)
    assert status == 413 and reply["success"] == 0 and str(LIMIT) in reply["error"]


def test_chunked_body_over_the_limit_is_413(small_server: RunningServer) -> None:
    status, reply = _signed_put(small_server, _too_big(), chunks=8)  # no Content-Length to trust
    assert status == 413 and reply["success"] == 0


def test_body_at_the_limit_is_accepted(small_server: RunningServer) -> None:
    body = json.dumps({"company": "Limit Co"}).encode()
    status, reply = _signed_put(small_server, body + b" " * (LIMIT - len(body)), chunks=None)
    assert status == 200, reply
