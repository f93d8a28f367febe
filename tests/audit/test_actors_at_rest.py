"""Issue 9 item 11 for the audit log: who acted (actor, on_behalf_of) and on what (target) are sealed
at rest; keyed HMAC blind indexes keep `openlux audit list --user` and the console filter working
(whole values, any case). The log stays append-only through `openlux key rotate` (which re-seals its
rows with the trigger lifted inside each batch only) and through the migration that sealed old rows.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from sqlalchemy.exc import DBAPIError

from openlux.audit.schemas import AuditRecord
from openlux.audit.service import list_events
from openlux.client import Client
from openlux.config import Settings
from openlux.core.context import AppContext, master_box
from openlux.core.crypto import SecretBox, read_key_file
from openlux.core.sealing import address_index, column_context
from openlux.db import make_engine
from openlux.db.migrate import upgrade_to_heads
from openlux.db.sealed_columns import MasterKeyNeeded
from tests.console.helpers import new_tenant
from tests.support.cli import invoke
from tests.support.console import admin_browser
from tests.support.databases import database_url, drop_postgres_database, empty_database_url
from tests.support.dbquery import fetch_all
from tests.support.migrations import migrate_all_but
from tests.support.server import RunningServer, openlux_bin

SEALING_REVISION = "22a7b43f03b7"  # seal audit actors and targets
WRITTEN = datetime(2026, 11, 1, tzinfo=UTC)


def _events(env: dict[str, str], *args: str) -> list[dict]:
    listed = invoke("audit", "list", "--json", "--limit", "10000", *args, env=env, check=True)
    return [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]


def test_actors_and_targets_are_sealed_and_the_filters_match_whole_values(
    server: RunningServer, account_api: Client
) -> None:
    tag = uuid.uuid4().hex[:10]
    tenant = new_tenant(server, f"auditee-{tag}@example.com", own_account=False)
    with Client(server.base_url, tenant.token, tenant.secret, user=tenant.login, password=tenant.password) as api:
        api.create_app_specific_password(label=f"phone {tag}")  # actor: the integration, on behalf of the login
    portal = f"portal-{tag}@patients.example"
    account_api.create_or_update_secure_send_user(namespace_id="clinic", ss_user=portal)  # target: the address

    raw = fetch_all(server.database_url, "SELECT actor, on_behalf_of, target, actor_index FROM audit_event")
    assert tag not in repr(raw) and tenant.token not in repr(raw)
    assert all(row["actor"].startswith("ol1:") and len(row["actor_index"]) == 64 for row in raw)

    # --user matches the login as actor (its sign-in) or as the user an integration acted for, in any case.
    mine = _events(server.env, "--user", tenant.login.upper())
    assert {e["action"] for e in mine} >= {"login", "app_password.create"}
    assert all(tenant.login in (e["actor"], e["on_behalf_of"]) for e in mine)
    [made] = [e for e in mine if e["action"] == "app_password.create"]
    assert made["on_behalf_of"] == tenant.login and made["actor"].endswith(f"({tenant.token})")
    # an integration by its token; a part of a login finds nothing (no substring search over sealed values)
    by_token = _events(server.env, "--user", tenant.token)
    assert by_token and all(e["actor"].endswith(f"({tenant.token})") for e in by_token)
    assert _events(server.env, "--user", f"auditee-{tag}") == []
    created = _events(server.env, "--action", "portal_user.create")
    assert any(e["target"].startswith(portal) for e in created)  # targets read back opened

    page = admin_browser(server).get("/console/admin/audit", params={"who": tenant.login.upper()})
    assert page.status_code == 200 and "app_password.create" in page.text and tenant.login in page.text


# ---- key rotation ---------------------------------------------------------------------------------------


@pytest.fixture
def installation(backend: str, tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """`openlux init` with its key file outside the data directory; the environment and the key file."""
    key_file = tmp_path / "keys" / "openlux.key"
    key_file.parent.mkdir(mode=0o700)
    url = database_url(backend, str(tmp_path))
    env = dict(
        os.environ,
        OPENLUX_DATA_DIR=str(tmp_path / "data"),
        OPENLUX_DATABASE_URL=url,
        OPENLUX_MASTER_KEY_FILE=str(key_file),
    )
    env.pop("OPENLUX_MASTER_KEY", None)
    invoke("init", "--json", env=env, check=True)
    try:
        yield env, key_file
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)


def _opens_with(box: SecretBox, stored: str, purpose: str) -> bool:
    try:
        box.open(base64.b64decode(stored[4:]), context=column_context(purpose))
    except InvalidTag:
        return False
    return True


def _rewrite_refused(url: str, row_id: int) -> bool:
    """True when the database refuses an UPDATE of the audit row (the append-only trigger is in place)."""

    async def rewrite() -> None:
        engine = make_engine(url, pool_size=0)
        try:
            async with engine.begin() as conn:
                await conn.execute(sa.text("UPDATE audit_event SET outcome = 'forged' WHERE id = :i"), {"i": row_id})
        finally:
            await engine.dispose()

    try:
        asyncio.run(rewrite())
    except DBAPIError as exc:
        return "append-only" in str(exc)
    return False


def test_key_rotation_reseals_audit_rows_and_the_log_stays_append_only(
    installation: tuple[dict[str, str], Path],
) -> None:
    env, key_file = installation
    login = f"new-{uuid.uuid4().hex[:8]}@example.com"
    invoke("user", "create", login, "--admin", env=env, check=True)  # audited: target is the login
    url = env["OPENLUX_DATABASE_URL"]
    before = fetch_all(url, "SELECT id, actor, target, actor_index FROM audit_event ORDER BY id")
    assert len(before) >= 2 and login not in repr(before)

    rotated = subprocess.run(
        [openlux_bin(), "key", "rotate", "--batch-size", "1"], env=env, capture_output=True, text=True, timeout=300
    )
    assert rotated.returncode == 0, rotated.stdout + rotated.stderr
    assert "audit_event.actor" in rotated.stdout and "audit_event.target" in rotated.stdout

    only_new = SecretBox(base64.b64decode(read_key_file(key_file).current))
    after = {row["id"]: row for row in fetch_all(url, "SELECT id, actor, target, actor_index FROM audit_event")}
    for old in before:
        new = after[old["id"]]
        assert new["actor"] != old["actor"] and _opens_with(only_new, new["actor"], "audit_event.actor")
        assert _opens_with(only_new, new["target"], "audit_event.target")
        assert new["actor_index"] == old["actor_index"]  # blind indexes stay valid across rotations
    assert _rewrite_refused(url, before[-1]["id"])  # each batch restored the trigger it lifted
    assert [e["target"] for e in _events(env, "--action", "admin_flag.change") if e["target"] == login] == [login]
    assert _events(env, "--installation", "--action", "master_key.rotate")  # the rotation itself, at the end


# ---- the migration that sealed existing rows -------------------------------------------------------------


async def _before_sealing(url: str) -> None:
    await migrate_all_but(url, SEALING_REVISION)
    engine = make_engine(url, pool_size=0)
    try:
        async with engine.begin() as conn:
            event = sa.table(
                "audit_event",
                *(sa.column(c) for c in ("at", "actor_kind", "actor", "on_behalf_of", "action", "target", "outcome")),
                sa.column("details"),
            )
            common = {"action": "login", "outcome": "success", "details": "{}", "on_behalf_of": None, "target": ""}
            await conn.execute(
                sa.insert(event),
                [
                    {**common, "at": WRITTEN, "actor_kind": "user", "actor": "jane.roe@clinic.example"},
                    {
                        **common,
                        "at": WRITTEN,
                        "actor_kind": "integration",
                        "actor": "front desk (tok123ABC)",
                        "on_behalf_of": "jane.roe@clinic.example",
                        "target": "john.doe@clinic.example",
                    },
                ],
            )
    finally:
        await engine.dispose()


async def _listed(settings: Settings, who: str) -> list[AuditRecord]:
    """The installation's audit events whose actor filter matches `who` (through the model: opened)."""
    ctx = AppContext.build(settings)
    try:
        async with ctx.db.sessions() as session:
            return await list_events(session, account_id=None, actor=who)
    finally:
        await ctx.close()


def test_the_migration_seals_rows_written_in_clear_and_keeps_the_log_append_only(backend: str, tmp_path: Path) -> None:
    url = empty_database_url(backend, str(tmp_path))
    try:
        asyncio.run(_before_sealing(url))
        assert _rewrite_refused(url, 1)  # the trigger of the first audit revision
        with pytest.raises(MasterKeyNeeded):
            asyncio.run(upgrade_to_heads(url))  # no key: it stops rather than leave plaintext
        assert _rewrite_refused(url, 1)  # … and left the trigger in place
        box = master_box(Settings.load(data_dir=tmp_path / "data", database_url=url))
        asyncio.run(upgrade_to_heads(url, box=box))

        rows = fetch_all(url, "SELECT * FROM audit_event ORDER BY id")
        assert "jane.roe" not in repr(rows) and "john.doe" not in repr(rows) and "tok123ABC" not in repr(rows)
        user, integration = rows
        assert user["actor_index"] == address_index("jane.roe@clinic.example", box)
        assert integration["actor_index"] == address_index("tok123ABC", box)  # an integration by its token
        assert integration["on_behalf_of_index"] == address_index("jane.roe@clinic.example", box)
        assert user["on_behalf_of"] is None and user["on_behalf_of_index"] is None
        assert _rewrite_refused(url, 1) and _rewrite_refused(url, 2)  # the trigger is back
        settings = Settings.load(data_dir=tmp_path / "data", database_url=url)
        by_login = asyncio.run(_listed(settings, "JANE.ROE@clinic.example"))
        assert [(e.actor, e.on_behalf_of, e.target) for e in by_login] == [
            ("front desk (tok123ABC)", "jane.roe@clinic.example", "john.doe@clinic.example"),
            ("jane.roe@clinic.example", None, ""),
        ]
        assert [e.id for e in asyncio.run(_listed(settings, "tok123ABC"))] == [integration["id"]]
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
