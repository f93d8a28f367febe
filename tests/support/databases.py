"""Real databases for tests: a temporary SQLite file, or a fresh PostgreSQL database per run.

PostgreSQL comes from scripts/postgres-for-tests (CI runs it). Locally, tests that need it are
skipped when no server answers; with OPENLUX_REQUIRE_POSTGRES=1 (set by .ci/run) they fail instead.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest

ADMIN_URL = os.environ.get("OPENLUX_TEST_POSTGRES_URL", "postgresql://openlux:openlux@127.0.0.1:5432/openlux")
BACKENDS = ("sqlite", "postgresql")


def postgres_required() -> bool:
    """True when a missing PostgreSQL must fail the run (CI)."""
    return os.environ.get("OPENLUX_REQUIRE_POSTGRES") == "1"


async def _admin(statement: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(ADMIN_URL, timeout=5)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


def create_postgres_database() -> str:
    """A new empty database; returns its SQLAlchemy async URL. Skips (or fails in CI) without a server."""
    name = f"openlux_test_{uuid.uuid4().hex[:12]}"
    try:
        asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
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


def database_url(backend: str, tmp_dir: str) -> str:
    """A fresh database URL for the backend."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_dir}/openlux.db"
    return create_postgres_database()


@contextmanager
def initialised_database(backend: str, prefix: str) -> Iterator[str]:
    """A fresh database on the backend after `openlux init` (migrated, one account and admin); removed after."""
    from tests.support.server import openlux_bin

    tmp = tempfile.mkdtemp(prefix=prefix)
    url = database_url(backend, tmp)
    try:
        env = dict(os.environ, OPENLUX_DATA_DIR=str(Path(tmp) / "data"), OPENLUX_DATABASE_URL=url)
        subprocess.run(
            [openlux_bin(), "init", "--json", "--password", "Correct-Horse-2024"],
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
        yield url
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)
