"""The recipients' open and click URLs, answered directly by RecipientPaths (no router, no Request):
the same bytes Starlette's responses sent, a neutral page for anything malformed — never a 500 —
and each valid open or click queued for the next flush. Over real sockets."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from openlux.tracking.tokens import LinkToken, TokenKind, make_link
from tests.support.server import RunningServer, served

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
NO_STORE = "no-store, no-cache, must-revalidate, private"


@pytest.fixture(scope="module")
def server(backend: str) -> Iterator[RunningServer]:
    # No flush during the module: the queued events stay where the tests can see them.
    with served(backend, extra_env={"OPENLUX_TRACKING_FLUSH_SECONDS": "3600"}) as world:
        yield world.server


def _token(server: RunningServer, kind: TokenKind, url: str = "") -> str:
    sent = int(time.time()) - 3600  # long after delivery: not a scanner
    return make_link(server.context.link_key, LinkToken(kind, 10**9, 10**9, 1 if url else 0, sent, url))


def test_the_pixel_is_the_same_gif_with_the_same_headers_for_any_token(server: RunningServer) -> None:
    for token in (_token(server, TokenKind.OPEN) + ".gif", "not-a-token.gif"):
        resp = httpx.get(f"{server.base_url}/t/o/{token}", headers={"User-Agent": BROWSER})
        assert resp.status_code == 200
        assert resp.headers["content-type"] == "image/gif"
        assert resp.headers["content-length"] == str(len(resp.content)) == "42"
        assert resp.headers["cache-control"] == NO_STORE and resp.headers["pragma"] == "no-cache"
        assert resp.headers["x-content-type-options"] == "nosniff"
    head = httpx.head(f"{server.base_url}/t/o/{_token(server, TokenKind.OPEN)}.gif")
    assert head.status_code == 200 and head.content == b""


def test_a_valid_open_and_click_are_queued_with_agent_and_address(server: RunningServer) -> None:
    events = server.context.tracking_events
    events.clear()
    target = "https://example.org/landing?x=1"
    httpx.get(f"{server.base_url}/t/o/{_token(server, TokenKind.OPEN)}.gif", headers={"User-Agent": BROWSER})
    resp = httpx.get(
        f"{server.base_url}/t/c/{_token(server, TokenKind.CLICK, target)}", headers={"User-Agent": BROWSER}
    )
    assert resp.status_code == 302
    assert resp.headers["location"] == target and resp.headers["content-length"] == "0"
    assert resp.headers["cache-control"] == NO_STORE
    assert [s.token.kind for s in events] == [TokenKind.OPEN, TokenKind.CLICK]
    assert all(s.user_agent == BROWSER and s.client_ip == "127.0.0.1" and not s.automated for s in events)
    assert events[1].token.url == target


def test_a_bot_agent_is_classified_automated(server: RunningServer) -> None:
    events = server.context.tracking_events
    events.clear()
    httpx.get(f"{server.base_url}/t/o/{_token(server, TokenKind.OPEN)}.gif", headers={"User-Agent": "curl/8.5"})
    httpx.get(f"{server.base_url}/t/o/{_token(server, TokenKind.OPEN)}.gif", headers={"User-Agent": "CURL/8.5"})
    assert [s.automated for s in events] == [True, True]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/t/o/"),
        ("GET", "/t/c/"),
        ("GET", "/t/c/abc/def"),
        ("GET", "/t/o/a/b.gif"),
        ("POST", "/t/o/abc.gif"),
        ("DELETE", "/t/c/abc"),
        ("GET", "/t/c/not-a-token"),
    ],
)
def test_malformed_recipient_urls_get_a_neutral_answer_never_a_500(
    server: RunningServer, method: str, path: str
) -> None:
    resp = httpx.request(method, server.base_url + path, headers={"User-Agent": BROWSER})
    assert resp.status_code in (404, 405), (resp.status_code, resp.text[:200])
    assert "location" not in resp.headers
