"""Console sign-ins and API logins share one throttle per (login, client address), kept in the
database; SMTP AUTH and console failures land in the audit log. Both backends."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import aiosmtplib
import httpx
import pytest

from tests.audit.helpers import audit_rows_until, throttle_key
from tests.console.helpers import new_tenant
from tests.support import handsigned
from tests.support.console import csrf_of
from tests.support.databases import database_url, drop_postgres_database
from tests.support.dbquery import fetch_all
from tests.support.server import RunningServer, start_server

LOCK_AFTER = 3
THROTTLE_ENV = {
    "OPENLUX_LOGIN_FREE_FAILURES": "10",  # no delays: the test is about the shared lock
    "OPENLUX_LOGIN_LOCK_AFTER": str(LOCK_AFTER),
    "OPENLUX_LOGIN_LOCK_SECONDS": "600",
}


@pytest.fixture(scope="module")
def throttled_server(backend: str) -> Iterator[RunningServer]:
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-audit-throttle-{backend}-"))
    url = database_url(backend, str(tmp))
    server = start_server(tmp / "data", url, extra_env=THROTTLE_ENV)
    try:
        yield server
    finally:
        server.stop()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


def api_login(server: RunningServer, token: str, secret: str, login: str, password: str, source: str) -> int:
    body = handsigned.authenticate_body(token, secret, user=login, password=password)
    with httpx.Client(transport=httpx.HTTPTransport(local_address=source), timeout=30) as client:
        return client.post(f"{server.base_url}/perl/api/v2/auth", json=body).status_code


def console_login(server: RunningServer, login: str, password: str, source: str) -> httpx.Response:
    with httpx.Client(
        base_url=server.base_url, transport=httpx.HTTPTransport(local_address=source), timeout=30
    ) as browser:
        form = browser.get("/console/login")
        return browser.post("/console/login", data={"csrf": csrf_of(form.text), "login": login, "password": password})


def test_api_failures_lock_the_console_for_that_login_and_address(throttled_server: RunningServer) -> None:
    server = throttled_server
    tenant = new_tenant(server, "api-first@example.com", own_account=False)
    for _ in range(LOCK_AFTER):
        assert api_login(server, tenant.token, tenant.secret, tenant.login, "Wrong-Pass-1", "127.0.0.11") == 401
    locked = console_login(server, tenant.login, tenant.password, "127.0.0.11")
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    # Another address is not locked: the right password gets in there.
    assert console_login(server, tenant.login, tenant.password, "127.0.0.12").status_code == 303
    rows = fetch_all(
        server.database_url,
        "SELECT failures, locked_until FROM login_throttle WHERE key = :k",
        k=throttle_key(server, tenant.login, "127.0.0.11"),
    )
    assert rows and rows[0]["locked_until"] is not None
    refused = audit_rows_until(
        server, "login", lambda r: len(r) >= LOCK_AFTER + 1, actor=tenant.login, client_ip="127.0.0.11"
    )
    assert [r["outcome"] for r in refused].count("failure") == LOCK_AFTER
    assert [r["outcome"] for r in refused].count("locked") == 1
    assert {_details(r)["channel"] for r in refused} == {"api", "console"}


def test_console_failures_lock_api_logins_for_that_login_and_address(throttled_server: RunningServer) -> None:
    server = throttled_server
    tenant = new_tenant(server, "console-first@example.com", own_account=False)
    for _ in range(LOCK_AFTER):
        assert console_login(server, tenant.login, "Wrong-Pass-2", "127.0.0.13").status_code == 401
    assert api_login(server, tenant.token, tenant.secret, tenant.login, tenant.password, "127.0.0.13") == 429
    assert api_login(server, tenant.token, tenant.secret, tenant.login, tenant.password, "127.0.0.14") == 201


def test_smtp_auth_logins_are_audited(throttled_server: RunningServer) -> None:
    server = throttled_server
    tenant = new_tenant(server, "smtp-user@example.com", own_account=False)

    async def smtp_login(password: str) -> None:
        smtp = aiosmtplib.SMTP(
            hostname="127.0.0.1",
            port=int(server.env["OPENLUX_SUBMISSION_PORT"]),
            start_tls=True,
            validate_certs=False,
            timeout=30,
            source_address=("127.0.0.15", 0),
        )
        await smtp.connect()
        try:
            await smtp.login(tenant.login, password)
        finally:
            smtp.close()

    with pytest.raises(aiosmtplib.SMTPAuthenticationError):
        asyncio.run(smtp_login("Wrong-Pass-3"))
    asyncio.run(smtp_login(tenant.password))
    rows = audit_rows_until(
        server, "login", lambda r: {x["outcome"] for x in r} >= {"failure", "success"}, actor=tenant.login
    )
    assert {r["outcome"] for r in rows} == {"failure", "success"}
    assert {_details(r)["channel"] for r in rows} == {"smtp"}
    assert {r["account_id"] for r in rows} == {tenant.account_id}


def _details(row: dict) -> dict:
    value = row["details"]
    return json.loads(value) if isinstance(value, str) else value
