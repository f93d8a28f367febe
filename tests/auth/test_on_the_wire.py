"""Bytes that only a real socket shows: a chunked signed body, and the API's body limit (declared and streamed).

The rest of the suite may talk to in-process servers through any transport; these stay on raw sockets
(http.client / handsigned) because what is under test is how the bytes arrive.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import socket
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
    if chunks is not None:
        return _chunked_put(server, path, headers, body, chunks)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:  # http.client declares Content-Length
        conn.request("PUT", path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def _chunked_put(
    server: RunningServer, path: str, headers: dict[str, str], body: bytes, chunks: int
) -> tuple[int, dict]:
    """The request with a chunked body, written in one go before the answer is read.

    The server answers 413 while the body streams in and closes the connection. A client still
    writing then (http.client sends the last chunk separately) gets a broken pipe, and the
    connection reset loses the 413 it was sent: a test failing by timing alone.
    """
    size = max(1, len(body) // chunks)
    framed = b"".join(
        b"%x\r\n%s\r\n" % (len(part), part) for part in (body[i : i + size] for i in range(0, len(body), size))
    )
    head = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    request = (
        f"PUT {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nTransfer-Encoding: chunked\r\n{head}\r\n".encode()
        + framed
        + b"0\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(request)
        response = http.client.HTTPResponse(sock)
        response.begin()
        return response.status, json.loads(response.read() or b"{}")


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
