"""A database as it was before one migration: every revision except it and what depends on it,
and rows inserted into it by hand (insert_row fills what a test does not care about)."""

from __future__ import annotations

import asyncio
import atexit
import shutil
import tempfile
import threading
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic.runtime.environment import EnvironmentContext
from alembic.script import ScriptDirectory

from openlux.db import is_sqlite, make_engine, make_thread_engine
from openlux.db.migrate import alembic_config
from tests.support.databases import (
    copy_database_into,
    create_postgres_database,
    database_of,
    drop_postgres_database,
)


async def migrate_all_but(url: str, revision: str, *, base_without: str | None = None) -> None:
    """upgrade_all_but on its own transaction; a SQLite file through the synchronous driver in a thread,
    as openlux.db.migrate does (aiosqlite's thread hop per statement doubled a migration's time).

    `base_without` (revisions, comma-separated, that leave out at least what `revision` does): the empty
    database at `url` first becomes a copy of the schema without them, made once per test process
    (MigrationBases), and only the migrations that copy lacks run here.
    """
    if base_without is not None:
        await asyncio.to_thread(BASES.copy_into, url, revision, base_without)
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


class MigrationBases:
    """Schemas without a group of revisions, each made once per backend and test process and copied.

    A module testing several migrations builds "every revision but X" once per test. Most of those
    revisions are the same for every X: built once without all of the module's revisions, then copied,
    a test migrates only what its X allows on top. Measured over the eight sealing revisions of
    tests/test_encryption_at_rest.py: 0.73 s → 0.39 s of CPU per SQLite database, 0.92 s → 0.21 s per
    PostgreSQL database. Alembic applies the missing revisions from the copy's alembic_version; the
    schema is the same, except that the order of a rebuilt SQLite table's constraints may differ.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.made: dict[tuple[str, str], str] = {}  # (backend, base_without) -> the base's URL
        atexit.register(self.remove)

    def copy_into(self, url: str, revision: str, base_without: str) -> None:
        left_out = revisions_above(base_without)
        if not revisions_above(revision) <= left_out:
            raise ValueError(f"the base without {base_without} has revisions that come after {revision}")
        copy_database_into(url, self.base("sqlite" if is_sqlite(url) else "postgresql", base_without))

    def base(self, backend: str, base_without: str) -> str:
        with self.lock:
            made = self.made.get((backend, base_without))
            if made is None:
                if backend == "sqlite":
                    made = f"sqlite+aiosqlite:///{Path(tempfile.mkdtemp(prefix='openlux-base-')) / 'openlux.db'}"
                else:
                    made = create_postgres_database()
                asyncio.run(migrate_all_but(made, base_without))
                self.made[(backend, base_without)] = made
            return made

    def remove(self) -> None:
        for url in self.made.values():
            if is_sqlite(url):
                shutil.rmtree(Path(database_of(url)).parent, ignore_errors=True)
            else:
                drop_postgres_database(url)


BASES = MigrationBases()


def revisions_above(revisions: str) -> set[str]:
    """The revisions (comma-separated) and every revision that depends on them."""
    script = migration_scripts()
    above, frontier = set(), revisions.split(",")
    while frontier:
        current = frontier.pop()
        if current not in above:
            above.add(current)
            frontier.extend(script.get_revision(current).nextrev)
    return above


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
    above = revisions_above(revision)
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
