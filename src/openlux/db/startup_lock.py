"""One process at a time through start-up work (migrations, first initialisation) on a shared database.

Several `openlux api`/`worker`/`serve` processes may start together on one database. PostgreSQL:
a transaction-scoped advisory lock, taken at the start of the transaction doing the work, so the
others wait there and then see the work done. SQLite (one machine by nature): an exclusive lock on
a file next to the database, held around the work.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncSession

# pg_advisory_xact_lock key: "OpenLux\x01" as a 64-bit number, so it cannot collide with an app's own keys by chance.
STARTUP_LOCK_KEY = 0x4F70656E4C757801


def lock_file_for(url: str) -> Path | None:
    """The lock file next to a SQLite database (None for other databases and in-memory SQLite)."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite") or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).with_name(Path(parsed.database).name + ".startup-lock")


@asynccontextmanager
async def file_lock(url: str) -> AsyncIterator[None]:
    """Hold the SQLite start-up lock file (no-op for PostgreSQL) while the block runs."""
    fd = _open_lock_file(url)
    if fd is None:
        yield
        return
    try:
        await asyncio.to_thread(fcntl.flock, fd, fcntl.LOCK_EX)  # waits for the other process
        yield
    finally:
        os.close(fd)  # closing releases the lock


@contextmanager
def file_lock_blocking(url: str) -> Iterator[None]:
    """file_lock for code already running in a thread of its own (waits there for the other process)."""
    fd = _open_lock_file(url)
    if fd is None:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _open_lock_file(url: str) -> int | None:
    path = lock_file_for(url)
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


def lock_connection(connection: Connection) -> None:
    """Take the PostgreSQL start-up lock for the rest of this connection's transaction."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STARTUP_LOCK_KEY})


async def lock_session(session: AsyncSession) -> None:
    """Take the PostgreSQL start-up lock for the rest of this session's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STARTUP_LOCK_KEY})
