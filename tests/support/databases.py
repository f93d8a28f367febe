"""Real databases for tests: a temporary SQLite file, or a fresh PostgreSQL database per run.

PostgreSQL comes from scripts/postgres-for-tests (CI runs it). Locally, tests that need it are
skipped when no server answers; with OPENLUX_REQUIRE_POSTGRES=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import asyncio
import atexit
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from openlux.accounts.bootstrap import initialise
from openlux.cli_kit import prepared_context
from openlux.config import Settings
from openlux.db import is_sqlite
from openlux.db.migrate import upgrade_to_heads

ADMIN_URL = os.environ.get("OPENLUX_TEST_POSTGRES_URL", "postgresql://openlux:openlux@127.0.0.1:5432/openlux")
BACKENDS = ("sqlite", "postgresql")
# `pytestmark = SQLITE_ONLY`: the module runs on SQLite alone. Only for a subject the database does not
# touch (the network guard of report uploads, body limits enforced before authentication);
# the module says which tests cover the same data paths on both backends.
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True, scope="session")


def postgres_required() -> bool:
    """True when a missing PostgreSQL must fail the run (CI)."""
    return os.environ.get("OPENLUX_REQUIRE_POSTGRES") == "1"


async def _admin(statement: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(ADMIN_URL, timeout=5)
    try:
        # Bounded: a DROP … WITH (FORCE) waits for the backends it ends, and a wait with no limit
        # would hang the test process rather than fail it.
        await conn.execute(statement, timeout=60)
    finally:
        await conn.close()


def create_postgres_database(template: str | None = None) -> str:
    """A new database (empty, or a copy of `template`); its SQLAlchemy async URL. Skips (or fails in CI) without a server."""
    name = f"openlux_test_{uuid.uuid4().hex[:12]}"
    statement = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
    try:
        asyncio.run(_admin(statement))
    except Exception as exc:  # noqa: BLE001 - no server, no role, no permission (asyncpg and OS errors)
        message = f"PostgreSQL not reachable at {ADMIN_URL} ({exc!r}); run scripts/postgres-for-tests"
        if postgres_required():
            pytest.fail(message)
        pytest.skip(message)
    base = ADMIN_URL.rsplit("/", 1)[0]
    return f"{base.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"


def database_of(url: str) -> str:
    """The SQLite file's path, or the PostgreSQL database's name, in a database URL."""
    return make_url(url).database or ""


def drop_postgres_database(url: str) -> None:
    """Done with a database made here: a copy of the migrated template is emptied for the next test
    (REUSED_COPIES), any other database is dropped."""
    if REUSED_COPIES.give_back(url):
        return
    _drop_now(url)


def _drop_now(url: str) -> None:
    name = database_of(url)
    with suppress(Exception):
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# What must be equal between a used copy and the template for the copy to be reused: every column,
# index and constraint of the public schema, and the migration heads.
SCHEMA_FINGERPRINT = """
SELECT md5(coalesce((SELECT string_agg(table_name || '.' || column_name || ':' || data_type || ':'
                                        || coalesce(column_default, ''), ',' ORDER BY table_name, column_name)
                     FROM information_schema.columns WHERE table_schema = 'public'), '')
        || coalesce((SELECT string_agg(indexdef, ',' ORDER BY indexdef) FROM pg_indexes
                     WHERE schemaname = 'public'), '')
        || coalesce((SELECT string_agg(conname || pg_get_constraintdef(oid), ',' ORDER BY conname)
                     FROM pg_constraint WHERE connamespace = 'public'::regnamespace), '')
        || coalesce((SELECT string_agg(version_num, ',' ORDER BY version_num) FROM alembic_version), ''))
"""


class ReusedCopies:
    """Copies of the migrated template, emptied when a test is done with them and handed to the next.

    CREATE DATABASE … TEMPLATE costs 0.3–0.6 s of PostgreSQL's time here, and a run made one for
    each of about 130 tests that need a fresh database (and dropped it after): a minute and a half
    of the run. Emptying a copy back to the template's contents (a DELETE per table, children first,
    the template's few rows and sequence positions restored) takes a few tens of milliseconds.

    A copy is reused only when it is provably the template again: nobody else is connected, its
    schema fingerprint (columns, indexes, constraints, migration heads) is the template's, and the
    reset ran in one transaction. Anything else (a test that migrated, altered or is still using
    its database) gets its copy dropped, as before.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.made: set[str] = set()
        self.free: list[str] = []
        self.snapshot: TemplateSnapshot | None = None

    def take(self, template_url: str) -> str:
        with self.lock:
            if self.free:
                return self.free.pop()
        url = create_postgres_database(template=database_of(template_url))
        with self.lock:
            if self.snapshot is None:
                self.snapshot = asyncio.run(TemplateSnapshot.of(template_url))
            self.made.add(url)
        return url

    def give_back(self, url: str) -> bool:
        """True when `url` is a copy that is now the template again (and free); False: drop it."""
        with self.lock:
            snapshot = self.snapshot
            if url not in self.made or snapshot is None:
                return False
            self.made.discard(url)
        try:
            reset = asyncio.run(snapshot.restore(url))
        except Exception:  # noqa: BLE001 - whatever went wrong, this copy is not reused
            reset = False
        if reset:
            with self.lock:
                self.made.add(url)
                self.free.append(url)
        return reset

    def remove(self) -> None:
        with self.lock:
            free, self.free = self.free, []
            self.made.clear()
        for url in free:
            _drop_now(url)


def asyncpg_dsn(url: str) -> str:
    """The SQLAlchemy URL of a test database as asyncpg.connect() takes it."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)


class TemplateSnapshot:
    """What a copy of the template holds: its schema fingerprint, rows and sequence positions."""

    def __init__(self, fingerprint: str, order: list[str], rows: dict[str, list[Any]], sequences: list[Any]) -> None:
        self.fingerprint = fingerprint
        self.order = order  # tables children first: deleting in this order never breaks a foreign key
        self.rows = rows
        self.sequences = sequences

    @classmethod
    async def of(cls, template_url: str) -> TemplateSnapshot:
        import asyncpg

        conn = await asyncpg.connect(asyncpg_dsn(template_url), timeout=5)
        try:
            fingerprint = await conn.fetchval(SCHEMA_FINGERPRINT)
            tables = [r[0] for r in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            edges = await conn.fetch(
                "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
                "WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
            )
            rows = {}
            for table in tables:
                found = await conn.fetch(f'SELECT * FROM "{table}"')
                if found:
                    rows[table] = found
            sequences = await conn.fetch(
                "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            )
        finally:
            await conn.close()
        return cls(
            fingerprint,
            _children_first(tables, [(a.strip('"'), b.strip('"')) for a, b in edges]),
            rows,
            list(sequences),
        )

    def reset_script(self) -> str:
        """DELETE every table (children first) and put every sequence back where the template has it.

        Twice: deleting a table fires its triggers, which write other tables (outbound_recipient's
        keep the report counters), perhaps ones the first pass had already emptied."""
        statements = [f'DELETE FROM "{table}"' for table in self.order] * 2
        for name, last_value in self.sequences:
            statements.append(
                f"ALTER SEQUENCE {name} RESTART"
                if last_value is None
                else f"SELECT setval('{name}'::regclass, {int(last_value)}, true)"
            )
        return ";\n".join(statements)

    async def restore(self, url: str) -> bool:
        """Empty the copy back to the template's contents; False (nothing changed) when it must be dropped."""
        import asyncpg

        conn = await asyncpg.connect(asyncpg_dsn(url), timeout=5)
        try:
            others = await conn.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if others or await conn.fetchval(SCHEMA_FINGERPRINT) != self.fingerprint:
                return False
            async with conn.transaction():
                await conn.execute(self.reset_script())  # one round trip for every table and sequence
                for table, rows in self.rows.items():
                    await conn.copy_records_to_table(
                        table, records=[tuple(r) for r in rows], columns=list(rows[0].keys())
                    )
            return True
        finally:
            await conn.close()


def _children_first(tables: list[str], edges: list[tuple[str, str]]) -> list[str]:
    """`tables` ordered so that every table comes before the tables its foreign keys point to."""
    pointed_by: dict[str, set[str]] = {t: set() for t in tables}
    for child, parent in edges:
        if child != parent and parent in pointed_by:
            pointed_by[parent].add(child)
    ordered: list[str] = []
    placed: set[str] = set()
    while len(ordered) < len(tables):
        ready = [t for t in tables if t not in placed and pointed_by[t] <= placed]
        if not ready:
            raise RuntimeError(f"foreign keys form a cycle among {sorted(set(tables) - placed)}")
        ordered += ready
        placed.update(ready)
    return ordered


REUSED_COPIES = ReusedCopies()


class MigratedTemplates:
    """One migrated database per backend and test process; every test database starts as a copy of it.

    Running every migration for each test server and `ctx` costs seconds; copying a migrated SQLite
    file or `CREATE DATABASE … TEMPLATE` costs milliseconds. The migrations still run, once per
    backend and process (and `openlux init` tests run them from scratch).
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sqlite_file: Path | None = None
        self.postgres_url: str | None = None
        atexit.register(self.remove)

    def sqlite(self) -> Path:
        with self.lock:
            if self.sqlite_file is None:
                path = Path(tempfile.mkdtemp(prefix="openlux-template-")) / "openlux.db"
                asyncio.run(upgrade_to_heads(f"sqlite+aiosqlite:///{path}"))
                self.sqlite_file = path
            return self.sqlite_file

    def postgres(self) -> str:
        """The template's URL."""
        with self.lock:
            if self.postgres_url is None:
                url = create_postgres_database()
                asyncio.run(upgrade_to_heads(url))
                self.postgres_url = url
            return self.postgres_url

    def remove(self) -> None:
        REUSED_COPIES.remove()
        if self.postgres_url is not None:
            _drop_now(self.postgres_url)
        if self.sqlite_file is not None:
            shutil.rmtree(self.sqlite_file.parent, ignore_errors=True)


TEMPLATES = MigratedTemplates()


def database_url(backend: str, tmp_dir: str) -> str:
    """A fresh database URL for the backend, already migrated to every head (a copy of the process's template)."""
    if backend == "sqlite":
        target = Path(tmp_dir) / "openlux.db"
        shutil.copyfile(TEMPLATES.sqlite(), target)
        return f"sqlite+aiosqlite:///{target}"
    return REUSED_COPIES.take(TEMPLATES.postgres())


def copy_database_into(url: str, template_url: str) -> None:
    """Make the unused database at `url` a copy of `template_url` under its own name: the SQLite file
    copied over it, or the PostgreSQL database dropped and created again from the template."""
    if is_sqlite(url):
        shutil.copyfile(database_of(template_url), database_of(url))
        return
    name, template = database_of(url), database_of(template_url)
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(_admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))


def empty_database_url(backend: str, tmp_dir: str) -> str:
    """A fresh database URL with no tables at all (for tests that migrate step by step)."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{Path(tmp_dir) / 'openlux.db'}"
    return create_postgres_database()


@contextmanager
def initialised_database(backend: str, prefix: str) -> Iterator[str]:
    """A fresh database on the backend after `openlux init` (migrated, one account and admin); removed after."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    url = database_url(backend, tmp)
    try:
        asyncio.run(_initialise(Path(tmp) / "data", url))
        yield url
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


async def _initialise(data_dir: Path, url: str) -> None:
    ctx = await prepared_context(Settings.load(data_dir=data_dir, database_url=url))
    try:
        await initialise(ctx, admin_login="admin@example.com", password="Correct-Horse-2024")
    finally:
        await ctx.close()
