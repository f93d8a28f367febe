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

import pytest

from openlux.accounts.bootstrap import initialise
from openlux.cli_kit import prepared_context
from openlux.config import Settings
from openlux.db.migrate import upgrade_to_heads

ADMIN_URL = os.environ.get("OPENLUX_TEST_POSTGRES_URL", "postgresql://openlux:openlux@127.0.0.1:5432/openlux")
BACKENDS = ("sqlite", "postgresql")


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


def drop_postgres_database(url: str) -> None:
    """Drop a database made by create_postgres_database."""
    name = url.rsplit("/", 1)[1]
    with suppress(Exception):
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


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
        """The template's database name."""
        with self.lock:
            if self.postgres_url is None:
                url = create_postgres_database()
                asyncio.run(upgrade_to_heads(url))
                self.postgres_url = url
            return self.postgres_url.rsplit("/", 1)[1]

    def remove(self) -> None:
        if self.postgres_url is not None:
            drop_postgres_database(self.postgres_url)
        if self.sqlite_file is not None:
            shutil.rmtree(self.sqlite_file.parent, ignore_errors=True)


TEMPLATES = MigratedTemplates()


def database_url(backend: str, tmp_dir: str) -> str:
    """A fresh database URL for the backend, already migrated to every head (a copy of the process's template)."""
    if backend == "sqlite":
        target = Path(tmp_dir) / "openlux.db"
        shutil.copyfile(TEMPLATES.sqlite(), target)
        return f"sqlite+aiosqlite:///{target}"
    return create_postgres_database(template=TEMPLATES.postgres())


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
