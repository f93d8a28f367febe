"""Authentication under concurrent load, over real sockets (issue 9 item 1).

Refused calls and rate limiting must never need a second pooled connection while the request's
own is held: floods of bad signatures, and bursts of a rate-limited integration, all get an
answer, and the server stays up.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, timedelta

import httpx

from openlux.core.time import Clock
from tests.support import handsigned
from tests.support.cli import create_integration
from tests.support.databases import database_url, drop_postgres_database
from tests.support.dbquery import fetch_all, fetch_until
from tests.support.server import start_server

DOMAINS = "/perl/api/v2/account/{account}/domains"


def _account_auth(server, token: str, secret: str) -> str:
    resp = handsigned.authenticate(server.base_url, token, secret)
    assert resp.status_code == 201, resp.text
    return resp.json()["auth"]


def _cookie(secret: str, auth: str, path: str) -> str:
    mac = handsigned.hmac_hex(secret, f"{auth}\nGET\n{path}\n\n\n")
    return f"signature={auth}:{mac}"


async def _burst(base_url: str, path: str, cookies: list[str]) -> list[httpx.Response | BaseException]:
    limits = httpx.Limits(max_connections=len(cookies), max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=120) as client:
        return await asyncio.gather(*(client.get(path, headers={"Cookie": c}) for c in cookies), return_exceptions=True)


def test_200_concurrent_bad_signatures_then_a_good_call_succeeds(server) -> None:
    c = server.credentials
    path = DOMAINS.format(account=c["account"])
    auth = _account_auth(server, c["account_token"], c["account_secret"])
    bad = [f"signature={auth}:{i:064x}" for i in range(200)]
    started = time.monotonic()
    answers = asyncio.run(_burst(server.base_url, path, bad))
    statuses = [a.status_code if isinstance(a, httpx.Response) else repr(a) for a in answers]
    assert statuses == [401] * 200, sorted(set(map(str, statuses)))
    assert time.monotonic() - started < 60
    good = httpx.get(server.base_url + path, headers={"Cookie": _cookie(c["account_secret"], auth, path)})
    assert good.status_code == 200, good.text
    assert server.is_running(), server.log_tail()
    # Every refusal reaches the failure log (written in batches by the auth sync task).
    rows = fetch_until(
        server.database_url,
        "SELECT count(*) AS n FROM auth_failure WHERE path = :p AND status = 401",
        lambda rows: rows[0]["n"] >= 200,
        p=path,
    )
    assert rows[0]["n"] >= 200


def test_32_concurrent_calls_of_a_rate_limited_integration_all_answer(server) -> None:
    issued = create_integration(server, "burst", "--per-minute", "1000", "--per-day", "100000")
    path = DOMAINS.format(account=server.credentials["account"])
    auth = _account_auth(server, issued["token"], issued["secret"])
    answers = asyncio.run(_burst(server.base_url, path, [_cookie(issued["secret"], auth, path)] * 32))
    statuses = [a.status_code if isinstance(a, httpx.Response) else repr(a) for a in answers]
    assert statuses == [200] * 32, statuses
    # The calls reach the shared counters within the reconciliation interval.
    rows = fetch_until(
        server.database_url,
        "SELECT kind, count FROM rate_window WHERE integration_id = :i",
        lambda rows: {r["kind"]: r["count"] for r in rows}.get("day", 0) >= 32,
        i=issued["id"],
    )
    counts = {r["kind"]: r["count"] for r in rows}
    assert counts["day"] == 32  # every call counted once (POST /auth is not a counted call)


def test_rate_limit_is_exact_in_one_process_and_refusals_say_when_to_retry(server, frozen_clock: Clock) -> None:
    issued = create_integration(server, "five-a-minute", "--per-minute", "5")
    path = DOMAINS.format(account=server.credentials["account"])
    auth = _account_auth(server, issued["token"], issued["secret"])
    # The in-process server counts in the frozen minute: the burst cannot straddle two windows.
    frozen_clock.freeze()
    answers = asyncio.run(_burst(server.base_url, path, [_cookie(issued["secret"], auth, path)] * 12))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * 5 + [429] * 7
    refused = next(a for a in answers if a.status_code == 429)
    retry_after = int(refused.headers["Retry-After"])
    assert 1 <= retry_after <= 60 and "limit of 5" in refused.json()["error"]
    # After the wait it names, the next minute's window admits the integration again.
    frozen_clock.move(timedelta(seconds=retry_after))
    again = httpx.get(server.base_url + path, headers={"Cookie": _cookie(issued["secret"], auth, path)})
    assert again.status_code == 200, again.text


def test_idle_code_of_a_rate_limited_integration_does_not_lock_the_database(server) -> None:
    """An auth code unused for more than the touch interval: its last-used write and the rate-limit
    count used to take two write transactions of one request (SQLite: 500 after 30 s)."""
    issued = create_integration(server, "idle", "--per-minute", "1000")
    path = DOMAINS.format(account=server.credentials["account"])
    auth = _account_auth(server, issued["token"], issued["secret"])
    session_id = int(auth.split("-")[0])
    assert (
        httpx.get(server.base_url + path, headers={"Cookie": _cookie(issued["secret"], auth, path)}).status_code == 200
    )
    # Move the code's last use 10 minutes back, as if it had been idle (no sleeping in tests).
    fetch_all(
        server.database_url,
        "UPDATE auth_session SET last_used_at = last_used_at - INTERVAL '10 minutes' WHERE id = :i RETURNING id"
        if "postgresql" in server.database_url
        else "UPDATE auth_session SET last_used_at = datetime(last_used_at, '-10 minutes') WHERE id = :i RETURNING id",
        i=session_id,
    )
    started = time.monotonic()
    answers = asyncio.run(_burst(server.base_url, path, [_cookie(issued["secret"], auth, path)] * 8))
    assert [a.status_code for a in answers] == [200] * 8
    assert time.monotonic() - started < 10
    # The use is written back (coalesced) by the sync task.
    rows = fetch_until(
        server.database_url,
        "SELECT last_used_at FROM auth_session WHERE id = :i",
        lambda rows: _age_seconds(rows[0]["last_used_at"]) < 60,
        i=session_id,
    )
    assert _age_seconds(rows[0]["last_used_at"]) < 60


def _age_seconds(value) -> float:
    from datetime import datetime

    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return (datetime.now(UTC) - value).total_seconds()


def test_buffered_failures_and_rate_counts_are_flushed_when_the_server_stops(backend: str, tmp_path) -> None:
    """The batched writes (auth failures, rate-limit counts) reach the database when the server stops,
    even with a sync interval far longer than the test.

    In-process: stop() ends run_process as SIGTERM's handler does (the signal itself is
    tests/test_process_lifecycle.py's), and the flush is the context's closers either way."""
    url = database_url(backend, str(tmp_path))
    server = start_server(
        tmp_path / "data",
        url,
        extra_env={"OPENLUX_AUTH_SYNC_INTERVAL_SECONDS": "3600", "OPENLUX_AUTH_RATE_SYNC_SECONDS": "3600"},
    )
    try:
        issued = create_integration(server, "flushed", "--per-day", "100000")
        path = DOMAINS.format(account=server.credentials["account"])
        auth = _account_auth(server, issued["token"], issued["secret"])
        good = asyncio.run(_burst(server.base_url, path, [_cookie(issued["secret"], auth, path)] * 7))
        bad = asyncio.run(_burst(server.base_url, path, [f"signature={auth}:{i:064x}" for i in range(25)]))
        assert [a.status_code for a in good] == [200] * 7 and [a.status_code for a in bad] == [401] * 25
        server.stop()
        assert server.in_process is not None and not server.is_running(), server.log_tail()
        assert server.in_process.error is None and not server.in_process.failures, server.log_tail()
        failures = fetch_all(url, "SELECT count(*) AS n FROM auth_failure WHERE path = :p", p=path)
        counted = fetch_all(
            url, "SELECT count FROM rate_window WHERE integration_id = :i AND kind = 'day'", i=issued["id"]
        )
        assert failures[0]["n"] == 25 and counted == [{"count": 7}]
    finally:
        server.stop()
        if backend == "postgresql":
            drop_postgres_database(url)
