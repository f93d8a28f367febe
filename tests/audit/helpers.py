"""Shared set-up of the audit tests: integrations and escrowed mail made on a server's database."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from openlux.accounts import bootstrap
from openlux.accounts.models import Account
from openlux.audit.models import AuditEvent
from openlux.auth import throttle
from openlux.secureline import escrow
from tests.support.dbquery import fetch_all, on_server_db, select_rows, server_box
from tests.support.server import RunningServer

MIME = (
    b"From: doctor@clinic.example\r\nTo: {to}\r\nSubject: Lab results\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=us-ascii\r\n\r\n{body}\r\n"
)


def account_integration(server: RunningServer, name: str, *, default_access: str) -> tuple[str, str]:
    """(token, secret) of a new unlimited account-scope integration of the server's first account."""

    async def work(session: Any, ctx: Any) -> tuple[str, str]:
        account = await session.get(Account, int(server.credentials["account"]))
        issued = await bootstrap.create_integration(
            session, ctx, account, name=name, scope="account", default_access=default_access, per_minute=0, per_day=0
        )
        return issued.token, issued.secret

    return on_server_db(server, work)


def escrow_message(server: RunningServer, recipient: str, body: str) -> tuple[int, str]:
    """(escrow id, pickup token) of a message escrowed now for `recipient`."""

    [sender] = fetch_rows_sender(server)

    async def work(session: Any, ctx: Any) -> tuple[int, str]:
        account_id = int(server.credentials["account"])
        row, token = await escrow.store(
            ctx=ctx,
            session=session,
            account_id=account_id,
            user_id=sender,
            sender="doctor@clinic.example",
            recipient=recipient,
            mime=MIME.replace(b"{to}", recipient.encode()).replace(b"{body}", body.encode()),
        )
        return row.id, token

    return on_server_db(server, work)


def fetch_rows_sender(server: RunningServer) -> list[int]:
    rows = fetch_all(
        server.database_url,
        "SELECT id FROM app_user WHERE account_id = :a ORDER BY id LIMIT 1",
        a=int(server.credentials["account"]),
    )
    return [rows[0]["id"]]


def audit_rows(server: RunningServer, action: str, **match: Any) -> list[dict[str, Any]]:
    """The audit rows of one action whose columns equal `match`, oldest first (read through the model:
    actor, on_behalf_of and target are sealed at rest)."""
    table = AuditEvent.__table__
    rows = select_rows(server, select(table).where(table.c.action == action).order_by(table.c.id))
    return [row for row in rows if all(row[column] == value for column, value in match.items())]


def audit_rows_until(
    server: RunningServer,
    action: str,
    done: Callable[[list[dict[str, Any]]], bool],
    *,
    timeout: float = 5.0,
    **match: Any,
) -> list[dict[str, Any]]:
    """audit_rows polled until `done(rows)` or the timeout (failures are written in batches); the last rows."""
    deadline = time.monotonic() + timeout
    while True:
        rows = audit_rows(server, action, **match)
        if done(rows) or time.monotonic() > deadline:
            return rows
        time.sleep(0.1)


def throttle_key(server: RunningServer, login: str, client_ip: str | None = None) -> str:
    """The login_throttle key of a login (client_ip None) or of a (login, client address) pair, as the
    server writes it (the login as its keyed HMAC)."""
    box = server_box(server)
    return throttle.login_key(login, box) if client_ip is None else throttle.pair_key(login, client_ip, box)
