"""tests.support.migrations.MigrationBases: a database "before revision X" made from a shared base is
the database made by running every migration but X from scratch, on both backends."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from openlux.db import make_engine
from tests.support.databases import drop_postgres_database, empty_database_url
from tests.support.dbquery import fetch_all
from tests.support.migrations import BASES, migrate_all_but, revisions_above

SEALS_TEMPLATES, SEALS_AUTORESPONDERS = "74a72e6252d0", "7af88628a048"


async def _schema(url: str) -> dict[str, Any]:
    """Every table's columns, indexes, unique constraints and foreign keys, as sets (order-free: a table
    SQLite's batch mode rebuilt may list its constraints in another order)."""

    def read(connection: sa.Connection) -> dict[str, Any]:
        inspector = sa.inspect(connection)
        return {
            table: (
                [(c["name"], str(c["type"]), c["nullable"]) for c in inspector.get_columns(table)],
                sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in inspector.get_indexes(table)),
                sorted((u["name"] or "", tuple(u["column_names"])) for u in inspector.get_unique_constraints(table)),
                sorted(
                    (tuple(f["constrained_columns"]), f["referred_table"], str(f["options"].get("ondelete")))
                    for f in inspector.get_foreign_keys(table)
                ),
            )
            for table in inspector.get_table_names()
        }

    engine = make_engine(url, pool_size=0)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(read)
    finally:
        await engine.dispose()


def test_a_database_made_from_a_base_is_the_one_migrated_from_scratch(
    backend: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("scratch", "from-base"):
        (tmp_path / name).mkdir()
    scratch = empty_database_url(backend, str(tmp_path / "scratch"))
    from_base = empty_database_url(backend, str(tmp_path / "from-base"))
    try:
        asyncio.run(migrate_all_but(scratch, SEALS_TEMPLATES))
        base_without = f"{SEALS_TEMPLATES},{SEALS_AUTORESPONDERS}"
        BASES.base(backend, base_without)  # made (if no test of this process made it yet) before the count
        with caplog.at_level(logging.INFO, logger="alembic.runtime.migration"):
            asyncio.run(migrate_all_but(from_base, SEALS_TEMPLATES, base_without=base_without))
        # On a copy of the base only what the base leaves out, and this database may have, is migrated.
        ran = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Running upgrade")]
        assert len(ran) == len(revisions_above(base_without) - revisions_above(SEALS_TEMPLATES)), ran
        versions = "SELECT version_num FROM alembic_version ORDER BY version_num"
        assert fetch_all(from_base, versions) == fetch_all(scratch, versions)
        assert SEALS_TEMPLATES not in {row["version_num"] for row in fetch_all(from_base, versions)}
        assert asyncio.run(_schema(from_base)) == asyncio.run(_schema(scratch))
    finally:
        if backend == "postgresql":
            drop_postgres_database(scratch)
            drop_postgres_database(from_base)


def test_a_base_with_revisions_the_test_must_not_have_is_refused(backend: str, tmp_path: Path) -> None:
    url = empty_database_url(backend, str(tmp_path))
    try:
        with pytest.raises(ValueError, match="come after"):
            asyncio.run(migrate_all_but(url, f"{SEALS_TEMPLATES},{SEALS_AUTORESPONDERS}", base_without=SEALS_TEMPLATES))
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
