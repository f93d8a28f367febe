"""Shared set-up of the audit tests: integrations and escrowed mail made on a server's database."""

from __future__ import annotations

from typing import Any

from openlux.accounts import bootstrap
from openlux.accounts.models import Account
from openlux.secureline import escrow
from tests.console.helpers import on_db
from tests.support.dbquery import fetch_all
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

    return on_db(server, work)


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

    return on_db(server, work)


def fetch_rows_sender(server: RunningServer) -> list[int]:
    rows = fetch_all(
        server.database_url,
        "SELECT id FROM app_user WHERE account_id = :a ORDER BY id LIMIT 1",
        a=int(server.credentials["account"]),
    )
    return [rows[0]["id"]]


def audit_rows(server: RunningServer, action: str, **match: Any) -> list[dict[str, Any]]:
    """The audit rows of one action whose columns equal `match`, oldest first."""
    where = "".join(f" AND {column} = :{column}" for column in match)
    return fetch_all(
        server.database_url,
        f"SELECT * FROM audit_event WHERE action = :action{where} ORDER BY id",
        action=action,
        **match,
    )
