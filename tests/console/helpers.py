"""Shared set-up of the console tests: tenants made on the server's database, pages scanned for assets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from openlux.accounts import bootstrap
from openlux.accounts.models import Account
from openlux.core.context import AppContext
from tests.support.dbquery import on_server_db
from tests.support.server import RunningServer

PASSWORD = "Tenant-Pass-2024"
ASSET = re.compile(
    r"""<(?:script|img|iframe|source|video|audio|embed)[^>]+src=["']([^"']+)|<link[^>]+href=["']([^"']+)|"""
    r"""url\(["']?([^"')]+)|@import\s+["']([^"']+)""",
    re.I,
)


@dataclass
class Tenant:
    """A user with its own user-scope integration."""

    login: str
    password: str
    account_id: int
    token: str
    secret: str


def new_tenant(server: RunningServer, login: str, *, own_account: bool, admin: bool = False) -> Tenant:
    """A user in a new account (another tenant) or in the server's first account."""

    async def work(session: Any, ctx: AppContext) -> Tenant:
        if own_account:
            account = await bootstrap.create_account(session, f"Tenant {login}")
        else:
            account = await session.get(Account, int(server.credentials["account"]))
        user = await bootstrap.create_user(session, account, login, PASSWORD, admin=admin)
        issued = await bootstrap.create_integration(
            session, ctx, account, name=f"user {login}", scope="user", per_minute=0, per_day=0
        )
        return Tenant(user.login, PASSWORD, account.id, issued.token, issued.secret)

    return on_server_db(server, work)


def foreign_assets(html: str, base_url: str) -> list[str]:
    """Every http(s):// or protocol-relative asset reference that is not this server."""
    found = []
    for groups in ASSET.findall(html):
        ref = next((g for g in groups if g), "")
        if re.match(r"(?i)(https?:)?//", ref) and not ref.startswith(base_url):
            found.append(ref)
    return found
