"""Append-only tables: a database trigger refuses every UPDATE; only a re-seal may lift it, briefly.

A table marks itself with `info={APPEND_ONLY_TRIGGER: "<trigger name>"}` (its migration creates the
trigger). `openlux key rotate` must rewrite the sealed columns of such a table under the new master
key; it does so with `updates_allowed(session, table)`, which lifts the trigger for the rest of
ONE transaction (a batch) and puts it back before that transaction commits:

- PostgreSQL: `ALTER TABLE … DISABLE TRIGGER` / `ENABLE TRIGGER`;
- SQLite, which has no such statement: `DROP TRIGGER`, then `CREATE TRIGGER` again from the
  definition `sqlite_master` kept, so the trigger comes back exactly as its migration made it.

Both are transactional: another connection never sees the table without its trigger (PostgreSQL
holds the table lock until commit; SQLite's single writer holds the database), and a batch that
fails rolls back with the trigger still in place. Nothing else in OpenLux updates these tables.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import Table, text
from sqlalchemy.ext.asyncio import AsyncSession

APPEND_ONLY_TRIGGER = "append_only_trigger"  # Table.info key: the trigger that refuses UPDATEs


class TriggerMissing(RuntimeError):
    """The append-only trigger a table declares is not in the database (its migration did not run?)."""


def append_only_trigger(table: Table) -> str | None:
    """The UPDATE-refusing trigger of an append-only table, None for other tables."""
    name = table.info.get(APPEND_ONLY_TRIGGER)
    return str(name) if name else None


@asynccontextmanager
async def updates_allowed(session: AsyncSession, table: Table) -> AsyncIterator[None]:
    """Within the caller's transaction: lift the table's append-only trigger for the block, then restore it.

    No `finally`: when the block raises, the transaction rolls back, and with it the lifting.
    """
    trigger = append_only_trigger(table)
    if trigger is None:
        yield
        return
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text(f'ALTER TABLE "{table.name}" DISABLE TRIGGER "{trigger}"'))
        yield
        await session.execute(text(f'ALTER TABLE "{table.name}" ENABLE TRIGGER "{trigger}"'))
        return
    definition = await session.scalar(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name AND tbl_name = :table"),
        {"name": trigger, "table": table.name},
    )
    if not definition:
        raise TriggerMissing(f"{table.name} has no trigger {trigger}: run `openlux db upgrade` first")
    # Python's sqlite3 opens its transaction before the first INSERT/UPDATE/DELETE only, and would run
    # DDL before that in autocommit mode: an UPDATE of no row opens it, so the DROP is part of it.
    await session.execute(text(f'UPDATE "{table.name}" SET id = id WHERE 0'))
    await session.execute(text(f'DROP TRIGGER "{trigger}"'))
    yield
    await session.execute(text(definition))
