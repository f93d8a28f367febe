"""Issue 9 item 11: the migrations that seal SecureLine keys and escrow addresses, SecureSend portal
logins, aliases, user settings (forwarding), auth-failure usernames and throttle keys convert rows
written in clear, fill their blind indexes, and keep every child row.

On SQLite a table rebuild (Alembic batch mode) drops the old table, and with foreign keys on that
DROP deletes the rows pointing at it through ON DELETE CASCADE: escrowed messages, portal users and
users have such children (pickup codes and sessions, SSO links, app passwords), so their migrations
must not rebuild them. Each case seeds its rows in clear, children included, then upgrades.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from openlux.accounts.models import User
from openlux.admin.aliases import resolve_alias
from openlux.auth.throttle import login_key, pair_key
from openlux.config import Settings
from openlux.core.context import AppContext, master_box
from openlux.core.crypto import SecretBox
from openlux.core.sealing import address_index
from openlux.db import make_engine
from openlux.db.migrate import upgrade_to_heads
from openlux.db.sealed_columns import MasterKeyNeeded
from openlux.secureline.keys import usable
from openlux.securesend.users import has_login
from tests.support.dbquery import fetch_all
from tests.support.migrations import migrate_all_but

NOW = datetime(2026, 11, 1, tzinfo=UTC)
LATER = NOW + timedelta(days=30)
JANE, SMITH = "jane.roe@clinic.example", "dr.smith@clinic.example"
HIDDEN = ("jane.roe", "dr.smith", "front.desk", "home.address")


@dataclass(frozen=True)
class Case:
    """One sealing migration: the rows to seed in clear (table, row) and what to check afterwards."""

    name: str
    revision: str
    rows: Callable[[dict[str, int]], list[tuple[str, dict[str, Any]]]]
    tables: tuple[str, ...]  # read raw afterwards: none may show an address in clear
    check: Callable[[str, Settings, SecretBox], None]


def _portal_rows(ids: dict[str, int]) -> list[tuple[str, dict[str, Any]]]:
    account, user = ids["account"], ids["user"]
    return [
        (
            "secureline_recipient_key",
            {"account_id": account, "address": JANE, "kind": "pgp", "fingerprint": "F1", "material": "k"},
        ),
        (
            "escrow_message",
            {
                "account_id": account,
                "user_id": user,
                "sender": SMITH,
                "recipient": JANE,
                "link_hash": "a" * 64,
                "content": b"sealed",
                "size": 6,
                "expires_at": LATER,
                "view_count": 0,
            },
        ),
        ("escrow_pickup_code", {"escrow_id": 1, "code_hash": "c" * 64, "attempts": 0, "expires_at": LATER}),
        ("escrow_pickup_session", {"escrow_id": 1, "cookie_hash": "d" * 64, "expires_at": LATER}),
        ("securesend_namespace", {"account_id": account, "name": "clinic"}),
        (
            "securesend_user",
            {
                "namespace_id": 1,
                "account_id": account,
                "email": JANE,
                "name": "",
                "password_hash": "$argon2id$x",
                "enabled": True,
                "failed_logins": 0,
                "modified_at": NOW,
            },
        ),
        ("securesend_portal_session", {"user_id": 1, "cookie_hash": "e" * 64, "expires_at": LATER}),
        ("securesend_sso_token", {"user_id": 1, "token_hash": "f" * 64, "expires_at": LATER}),
    ]


def _check_portal(url: str, settings: Settings, box: SecretBox) -> None:
    for child in ("escrow_pickup_code", "escrow_pickup_session", "securesend_portal_session", "securesend_sso_token"):
        assert fetch_all(url, f"SELECT count(*) AS n FROM {child}")[0]["n"] == 1, child  # no cascade
    [key] = fetch_all(url, "SELECT address_index FROM secureline_recipient_key")
    [escrow] = fetch_all(url, "SELECT sender, recipient, recipient_index FROM escrow_message")
    [portal] = fetch_all(url, "SELECT email, email_index FROM securesend_user")
    assert key["address_index"] == escrow["recipient_index"] == portal["email_index"] == address_index(JANE, box)
    assert escrow["sender"].startswith("ol1:") and portal["email"].startswith("ol1:")

    async def lookups(session: Any) -> tuple[Any, ...]:
        keys = await usable(session=session, account_id=1, address=JANE)
        return keys["pgp"].address, await has_login(session=session, account_id=1, email=JANE.upper())

    assert asyncio.run(_in_context(settings, lookups)) == (JANE, True)


def _alias_rows(ids: dict[str, int]) -> list[tuple[str, dict[str, Any]]]:
    alias = {
        "account_id": ids["account"],
        "domain_id": ids["domain"],
        "address": "front.desk@clinic.example",
        "local_part": "front.desk",
        "domain": "clinic.example",
        "action": "email",
        "destinations": json.dumps([JANE]),
        "bounce_text": "",
        "status": "enabled",
        "kind": "alias",
        "modified_at": NOW,
    }
    return [("email_alias", alias)]


def _check_alias(url: str, settings: Settings, box: SecretBox) -> None:
    [row] = fetch_all(url, "SELECT address_index, domain FROM email_alias")
    assert row == {"address_index": address_index("front.desk@clinic.example", box), "domain": "clinic.example"}

    async def routed(session: Any) -> Any:
        return await resolve_alias(session, "Front.Desk@clinic.example")

    target = asyncio.run(_in_context(settings, routed))
    assert target.address == "front.desk@clinic.example" and target.destinations == (JANE,)


FORWARDING = {"email_forwarding": {"action": "forward", "destinations": ["home.address@example.net"]}}


def _settings_rows(ids: dict[str, int]) -> list[tuple[str, dict[str, Any]]]:
    password = {"user_id": ids["user"], "label": "phone", "password_hash": "x", "services": "[]"}
    return [("app_password", {**password, "web_site_management": False})]


def _check_settings(url: str, settings: Settings, box: SecretBox) -> None:
    assert fetch_all(url, "SELECT count(*) AS n FROM app_password")[0]["n"] == 1  # app_user was not rebuilt

    async def opened(session: Any) -> Any:
        return await session.scalar(sa.select(User.settings).where(User.login == "admin@clinic.example"))

    assert asyncio.run(_in_context(settings, opened)) == FORWARDING


def _auth_rows(_ids: dict[str, int]) -> list[tuple[str, dict[str, Any]]]:
    failure = {"at": NOW, "username": "Jane.Roe@Clinic.Example", "channel": "smtp", "reason": "x", "status": 535}
    throttle = {"failures": 3, "last_failure_at": NOW}
    return [
        ("auth_failure", {**failure, "details": "{}"}),
        ("login_throttle", {"key": f"login:{JANE}", **throttle}),
        ("login_throttle", {"key": f"pair:{JANE}|127.0.0.1", **throttle}),
    ]


def _check_auth(url: str, settings: Settings, box: SecretBox) -> None:
    [failure] = fetch_all(url, "SELECT username, username_index, username_domain FROM auth_failure")
    assert failure["username"].startswith("ol1:") and failure["username_index"] == address_index(JANE, box)
    assert failure["username_domain"] == "clinic.example"
    keys = {row["key"] for row in fetch_all(url, "SELECT key FROM login_throttle")}
    assert keys == {login_key(JANE, box), pair_key(JANE, "127.0.0.1", box)}  # what the throttle looks up


CASES = [
    Case(
        "secureline and securesend",
        "f9b81d215bdc",
        _portal_rows,
        ("secureline_recipient_key", "escrow_message", "securesend_user"),
        _check_portal,
    ),
    Case("aliases", "bcfe73a1cd99", _alias_rows, ("email_alias",), _check_alias),
    Case("user settings", "620d33833d04", _settings_rows, ("app_user",), _check_settings),
    Case("auth failures and throttle", "077d8c4675a2", _auth_rows, ("auth_failure", "login_throttle"), _check_auth),
]
# What every case starts before: the schema without all of them is built once and copied (MigrationBases).
EVERY_REVISION_TESTED = ",".join(case.revision for case in CASES)


async def _in_context(settings: Settings, work: Callable[[Any], Any]) -> Any:
    ctx = AppContext.build(settings)
    try:
        async with ctx.db.sessions() as session:
            return await work(session)
    finally:
        await ctx.close()


async def _seed_before(url: str, case: Case) -> None:
    """The schema before the case's revision, an account, domain and user, and the case's rows, all in clear."""
    await migrate_all_but(url, case.revision, base_without=EVERY_REVISION_TESTED)
    engine = make_engine(url, pool_size=0)
    try:
        async with engine.begin() as conn:
            account = await _insert(conn, "account", {"name": "Clinic", "settings": "{}"})
            domain = await _insert(
                conn,
                "domain",
                {
                    "account_id": account,
                    "name": "clinic.example",
                    "is_enabled": True,
                    "is_verified": True,
                    "is_hipaa": False,
                    "settings": "{}",
                    "modified_at": NOW,
                },
            )
            user = await _insert(
                conn,
                "app_user",
                {
                    "account_id": account,
                    "domain_id": domain,
                    "login": "admin@clinic.example",
                    "password_hash": "x",
                    "status": "enabled",
                    "services": "[]",
                    "flags": "[]",
                    "contact_fields": "{}",
                    "settings": json.dumps(FORWARDING),
                    "disk_quota": 1.0,
                    "disk_usage": 0.0,
                    "password_changed_at": NOW,
                    "modified_at": NOW,
                },
            )
            for table, row in case.rows({"account": account, "domain": domain, "user": user}):
                await _insert(conn, table, row)
    finally:
        await engine.dispose()


async def _insert(conn: Any, table_name: str, row: dict[str, Any]) -> int:
    timed = {"created_at": NOW, **row} if table_name not in ("auth_failure", "login_throttle") else row
    table = sa.table(table_name, *(sa.column(name) for name in timed))
    await conn.execute(sa.insert(table).values(**timed))
    if table_name == "login_throttle":
        return 0
    return int((await conn.execute(sa.text(f"SELECT max(id) FROM {table_name}"))).scalar_one())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_sealing_migration_converts_rows_and_keeps_their_children(
    fresh_database: tuple[str, Settings], case: Case
) -> None:
    url, settings = fresh_database
    asyncio.run(_seed_before(url, case))
    before = {table: fetch_all(url, f"SELECT * FROM {table}") for table in case.tables}
    assert any(hidden in repr(before) for hidden in HIDDEN)  # the rows were written in clear
    with pytest.raises(MasterKeyNeeded):
        asyncio.run(upgrade_to_heads(url))  # no key: it stops rather than leave plaintext
    box = master_box(settings)
    asyncio.run(upgrade_to_heads(url, box=box))
    for table in case.tables:
        stored = repr(fetch_all(url, f"SELECT * FROM {table}"))
        assert not [hidden for hidden in HIDDEN if hidden in stored], table
    case.check(url, settings, box)
