"""Upgrading keeps every row: on SQLite, Alembic's batch mode rebuilds a table by copying it and
dropping the old one, and with foreign keys enforced that DROP deletes every row pointing at the
old table through ON DELETE CASCADE. Migrations therefore run with foreign keys off on SQLite, and
the upgrade checks the foreign keys (PRAGMA foreign_key_check) before it commits.

The released migration 79a4d6e78d8c (sealed queue addresses) rebuilds outbound_message, the parent
of outbound_recipient: a queue with recipients in it must come through with all of them.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import sqlalchemy as sa

from openlux.config import Settings
from openlux.core.context import master_box
from openlux.db import make_engine
from openlux.db.migrate import upgrade_to_heads
from tests.support.databases import drop_postgres_database, empty_database_url
from tests.support.dbquery import fetch_all
from tests.support.migrations import insert_row, migrate_all_but

REBUILDS_OUTBOUND_MESSAGE = "79a4d6e78d8c"


async def _queue_before_the_rebuild(url: str) -> None:
    await migrate_all_but(url, REBUILDS_OUTBOUND_MESSAGE)
    engine = make_engine(url, pool_size=0)
    try:
        async with engine.begin() as conn:

            def seed(connection: sa.Connection) -> None:
                message = insert_row(connection, "outbound_message", {})
                for n in range(3):
                    insert_row(
                        connection, "outbound_recipient", {"message_id": message, "address": f"r{n}@example.org"}
                    )

            await conn.run_sync(seed)
    finally:
        await engine.dispose()


def test_upgrading_a_queue_keeps_its_recipients(backend: str, tmp_path: Path) -> None:
    url = empty_database_url(backend, str(tmp_path))
    settings = Settings.load(data_dir=tmp_path / "data", database_url=url)
    try:
        asyncio.run(_queue_before_the_rebuild(url))
        assert len(fetch_all(url, "SELECT id FROM outbound_recipient")) == 3
        asyncio.run(upgrade_to_heads(url, box=master_box(settings)))
        assert len(fetch_all(url, "SELECT id FROM outbound_message")) == 1
        assert len(fetch_all(url, "SELECT id FROM outbound_recipient")) == 3
        if backend == "sqlite":
            assert fetch_all(url, "PRAGMA foreign_keys") == [{"foreign_keys": 1}]  # the app's connections enforce them
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
