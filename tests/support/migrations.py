"""A database as it was before one migration: every revision except it and what depends on it,
and rows inserted into it by hand (insert_row fills what a test does not care about)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from functools import cache
from typing import Any

import sqlalchemy as sa
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory

from openlux.db import make_engine, make_thread_engine
from openlux.db.migrate import alembic_config


async def migrate_all_but(url: str, revision: str) -> None:
    """upgrade_all_but on its own transaction; a SQLite file through the synchronous driver in a thread,
    as openlux.db.migrate does (aiosqlite's thread hop per statement doubled a migration's time)."""
    sqlite_file = make_thread_engine(url)
    if sqlite_file is not None:

        def run() -> None:
            try:
                with sqlite_file.begin() as conn:
                    upgrade_all_but(conn, url, revision)
            finally:
                sqlite_file.dispose()

        await asyncio.to_thread(run)
        return
    engine = make_engine(url, pool_size=0)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(upgrade_all_but, url, revision)
    finally:
        await engine.dispose()


@cache
def migration_scripts() -> ScriptDirectory:
    """The packaged migration scripts, loaded once per test process.

    `command.upgrade` loads all of them (and their revision map) on every call; with one call per
    head, making a database "before revision X" loaded them 18 times (0.37 s of its ~1.6 s of CPU).
    """
    return ScriptDirectory.from_config(alembic_config("sqlite://"))  # the URL is not read by the script directory


def upgrade_all_but(connection: sa.Connection, url: str, revision: str) -> None:
    """Apply every migration except `revision` (several: comma-separated) and their descendants, merges
    with revisions made in parallel included (run through `conn.run_sync`).

    One Alembic run towards every target at once, in the order Alembic gives them (the order of
    `upgrade heads`, as a start applies them).
    """
    script = migration_scripts()
    revisions = set(revision.split(","))
    above, frontier = set(), list(revisions)
    while frontier:
        current = frontier.pop()
        if current not in above:
            above.add(current)
            frontier.extend(script.get_revision(current).nextrev)
    targets: list[str] = []
    for head in script.get_heads():
        below = {r.revision: r for r in script.iterate_revisions(head, "base")}
        if not revisions & set(below):
            targets.append(head)
            continue
        # everything under this head but the revisions and what follows them: each top of the rest
        kept = {rev: r for rev, r in below.items() if rev not in above}
        targets.extend(rev for rev, r in kept.items() if not any(child in kept for child in r.nextrev))
    below_others = {
        r.revision for target in targets for r in script.iterate_revisions(target, "base") if r.revision != target
    }
    destination = tuple(dict.fromkeys(t for t in targets if t not in below_others))  # Alembic refuses overlaps
    cfg = alembic_config(url)
    cfg.attributes["connection"] = connection

    def upgrade(current: Any, _context: Any) -> Any:
        return script._upgrade_revs(destination, current)  # what command.upgrade runs, for several targets

    with EnvironmentContext(cfg, script, fn=upgrade, destination_rev=destination):
        script.run_env()


NOW = datetime(2026, 11, 1, tzinfo=UTC)
DUMMY: dict[type, Any] = {
    sa.Integer: 1,
    sa.Float: 1.0,
    sa.Boolean: False,
    sa.DateTime: NOW,
    sa.LargeBinary: b"x",
    sa.JSON: "{}",
}


def _dummy(column: dict[str, Any]) -> Any:
    for kind, value in DUMMY.items():
        if isinstance(column["type"], kind):
            return value
    return "x@example.org" if "addr" in column["name"] or "mail" in column["name"] else "x"


def insert_row(connection: sa.Connection, table: str, given: dict[str, Any]) -> int:
    """A row of `table` with `given` values, every other NOT NULL column filled (parents made as needed)."""
    inspector = sa.inspect(connection)
    parents = {
        fk["constrained_columns"][0]: fk["referred_table"]
        for fk in inspector.get_foreign_keys(table)
        if len(fk["constrained_columns"]) == 1
    }
    row = dict(given)
    for column in inspector.get_columns(table):
        name = column["name"]
        if name in row or column["nullable"] or column.get("default") is not None or name == "id":
            continue
        row[name] = insert_row(connection, parents[name], {}) if name in parents else _dummy(column)
    connection.execute(sa.insert(sa.table(table, *(sa.column(n) for n in row))).values(**row))
    return int(connection.execute(sa.text(f"SELECT max(id) FROM {table}")).scalar_one())
