"""Testing a migration that seals existing rows: an installation as it was before the revision, rows
written in clear, then the upgrade (as `openlux db upgrade` or a start runs it).

    inst = installation_before(url, settings, "47b275357ea2")   # every revision but this one and later
    row_id = insert_row(inst.url, "captured_message", {...})     # raw SQL: the clear values as stored before
    asyncio.run(upgrade_to_heads(inst.url, box=master_box(inst.settings)))
    opened = read_rows(inst.settings, select(CapturedMessage))   # through the models, sealed columns opened
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from openlux.accounts.bootstrap import initialise
from openlux.config import Settings
from openlux.core.context import AppContext
from openlux.db import make_engine
from tests.support.dbquery import fetch_all
from tests.support.migrations import migrate_all_but

ADMIN_PASSWORD = "Correct-Horse-2024"


@dataclass(frozen=True)
class Installation:
    """An initialised installation (account and administrator) on a database."""

    url: str
    settings: Settings
    account_id: int
    user_id: int


def installation_before(
    url: str, settings: Settings, revision: str, *, base_without: str | None = None
) -> Installation:
    """The schema of every branch up to, not including, `revision` and what follows it; initialised
    (through today's models: the tables `revision` changes must not be written by initialisation).
    `base_without`: as migrate_all_but's, for a module that tests several revisions."""
    schema_before(url, revision, base_without=base_without)
    asyncio.run(_initialise(settings))
    [ids] = fetch_all(url, "SELECT account_id, id FROM app_user")
    return Installation(url, settings, ids["account_id"], ids["id"])


def schema_before(url: str, revision: str, *, base_without: str | None = None) -> None:
    """The schema of every branch up to, not including, `revision` and what follows it; no rows."""

    asyncio.run(migrate_all_but(url, revision, base_without=base_without))


async def _initialise(settings: Settings) -> None:
    ctx = AppContext.build(settings)
    try:
        await initialise(ctx, password=ADMIN_PASSWORD)
    finally:
        await ctx.close()


def insert_row(url: str, table_name: str, row: dict[str, Any]) -> int:
    """Insert `row` as it is (no column types: clear values stay clear); its id."""

    async def run() -> int:
        table = sa.table(table_name, sa.column("id"), *(sa.column(name) for name in row))
        engine = make_engine(url, pool_size=0)
        try:
            async with engine.begin() as conn:
                return (await conn.execute(sa.insert(table).values(**row).returning(table.c.id))).scalar_one()
        finally:
            await engine.dispose()

    return asyncio.run(run())


def read_rows(settings: Settings, statement: Any) -> list[Any]:
    """Rows of an ORM/Core select through the installation's key (sealed columns opened, AddressIndex
    parameters hashed)."""

    async def run() -> list[Any]:
        ctx = AppContext.build(settings)
        try:
            async with ctx.db.sessions() as session:
                return list((await session.execute(statement)).all())
        finally:
            await ctx.close()

    return asyncio.run(run())
