"""Audit event details are sealed at rest: events keep addresses there (an alias's and a user's
forwarding destinations, a report query's filters), which the audit log shows and the raw row hides."""

from __future__ import annotations

import asyncio
import json
import uuid
from pathlib import Path

from sqlalchemy import select

from openlux.audit.models import AuditEvent
from openlux.client import Client
from openlux.config import Settings
from openlux.core.context import AppContext, master_box
from openlux.db import make_engine
from openlux.db.migrate import upgrade_to_heads
from tests.audit.test_audit_changes import events
from tests.support.databases import drop_postgres_database, empty_database_url
from tests.support.dbquery import fetch_all
from tests.support.migrations import migrate_all_but
from tests.support.server import RunningServer
from tests.test_migrations_keep_child_rows import insert_row


def test_addresses_in_event_details_are_sealed_and_shown(server: RunningServer, account_api: Client) -> None:
    tag = uuid.uuid4().hex[:10]
    domain, destination = f"{tag}.example.org", f"dest.{tag}@outside.example"
    account_api.create_domain(domain=domain)
    account_api.create_alias(user="sales", domain=domain, action="email", dest=destination)
    [made] = events(server, "alias.create", f"sales@{domain}")
    assert made["details"]["destinations"] == [destination]  # shown opened by `openlux audit list`
    raw = fetch_all(server.database_url, "SELECT details FROM audit_event")
    assert raw and all(str(row["details"]).startswith("ol1:") for row in raw), raw[:3]
    assert tag not in repr(raw)


SEALS_DETAILS = "609ad376f44c"


async def _event_before_sealing(url: str) -> None:
    await migrate_all_but(url, SEALS_DETAILS)
    engine = make_engine(url, pool_size=0)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(
                insert_row,
                "audit_event",
                {
                    "actor_kind": "operator",
                    "actor": "operator",
                    "action": "alias.create",
                    "outcome": "success",
                    "target": "sales@example.org",
                    "details": json.dumps({"destinations": ["kept.secret@outside.example"]}),
                },
            )
    finally:
        await engine.dispose()


def test_the_migration_seals_details_written_in_clear(backend: str, tmp_path: Path) -> None:
    url = empty_database_url(backend, str(tmp_path))
    settings = Settings.load(data_dir=tmp_path / "data", database_url=url)
    try:
        asyncio.run(_event_before_sealing(url))
        assert "kept.secret" in repr(fetch_all(url, "SELECT details FROM audit_event"))
        asyncio.run(upgrade_to_heads(url, box=master_box(settings)))
        raw = fetch_all(url, "SELECT details FROM audit_event")
        assert "kept.secret" not in repr(raw) and str(raw[0]["details"]).startswith("ol1:")

        async def opened() -> object:
            ctx = AppContext.build(settings)
            try:
                async with ctx.db.sessions() as session:
                    return (await session.scalars(select(AuditEvent.details))).one()
            finally:
                await ctx.close()

        assert asyncio.run(opened()) == {"destinations": ["kept.secret@outside.example"]}
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
