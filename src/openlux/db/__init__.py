"""Database: declarative Base, engine and session factory for SQLite (default) and PostgreSQL.

Dialect-specific tricks live here so services stay portable (STYLE.md §5).
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any, ClassVar, TypeVar

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, String, Table, Text, create_engine, event
from sqlalchemy.engine import Connection, CursorResult, Engine, Result, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, ORMExecuteState, Session
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator

from openlux.core import sealing
from openlux.core.time import as_utc

# Constraint names are deterministic so Alembic migrations can refer to them on both dialects.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets BIGINT.
BigIntId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on both dialects (SQLite stores it naive)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else as_utc(value)


class SealedText(TypeDecorator[str]):
    """Text sealed at rest with the master key (openlux.core.sealing); Python sees the clear str.

    `purpose` is "table.column": it binds each ciphertext to its column. Sealed values can only be
    compared for equality through a blind index column, never searched or sorted in SQL.
    """

    impl = Text
    cache_ok = True

    def __init__(self, purpose: str) -> None:
        super().__init__()
        self.purpose = purpose

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else sealing.seal_value(value, self.purpose, sealing.box_for(dialect))

    def process_result_value(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else sealing.open_value(value, self.purpose, sealing.bound_box(dialect))


class SealedJSON(TypeDecorator[Any]):
    """A JSON value sealed at rest (stored as sealed text of its JSON form)."""

    impl = Text
    cache_ok = True

    def __init__(self, purpose: str) -> None:
        super().__init__()
        self.purpose = purpose

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        return None if value is None else sealing.seal_value(json.dumps(value), self.purpose, sealing.box_for(dialect))

    def process_result_value(self, value: str | None, dialect: Any) -> Any:
        return (
            None if value is None else json.loads(sealing.open_value(value, self.purpose, sealing.bound_box(dialect)))
        )


def index_of(column: str, missing: Any = "") -> Callable[[Any], Any]:
    """Column default of an AddressIndex/AddressListIndex column: the row's own `column` value (hashed when
    bound), so every insert — ORM, Core, executemany — fills the index without the caller naming it."""
    return lambda context: context.get_current_parameters().get(column, missing)


class AddressIndex(TypeDecorator[str]):
    """The blind index of a sealed e-mail address (openlux.core.sealing.address_index).

    Values bound to it are CLEAR addresses (inserts, `==`, `in_`): the keyed HMAC is computed at
    bind time with the key of the database the statement runs on, so filters and lookups compare
    indexes without a round trip or a key at hand. Reading the column gives the stored hex, which
    must never be bound back (it would be hashed again): compare on the address instead.
    """

    impl = String(sealing.BLIND_INDEX_LENGTH)
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else sealing.address_index(value, sealing.box_for(dialect))


class AddressListIndex(TypeDecorator[Any]):  # bound as a list of addresses, read as text
    """Blind indexes of a list of addresses (a sealed JSON list): bound as the list, stored as its HMACs.

    The stored text is the hex HMACs separated by spaces; every HMAC is 64 hex digits, so
    `column.contains(type_coerce(address, AddressIndex))` finds exactly the lists naming the address.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return sealing.address_list_index(value, sealing.box_for(dialect))


class Base(DeclarativeBase):
    """Base of every table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Every model here is mapped to a Table (SQLAlchemy types it as the wider FromClause), so Core
    # statements can take `Model.__table__` and read its `.c` and `.name`.
    __table__: ClassVar[Table]


def is_sqlite(url: str) -> bool:
    """True for an SQLite URL."""
    return url.startswith("sqlite")


def make_engine(url: str, *, pool_size: int = 10, foreign_keys: bool = True) -> AsyncEngine:
    """An async engine; SQLite gets WAL, a busy timeout and foreign keys on every connection.

    `foreign_keys=False` (SQLite only): the migrations' engine. Alembic's batch mode rebuilds a table
    by copying it and dropping the old one, and with foreign keys enforced that DROP deletes every
    row pointing at it through ON DELETE CASCADE (openlux.db.migrate checks the keys afterwards).
    """
    if is_sqlite(url):
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_on_connect if foreign_keys else _sqlite_for_migrations)
        return engine
    if pool_size <= 0:
        return create_async_engine(url, poolclass=NullPool)
    return create_async_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def make_thread_engine(url: str, *, foreign_keys: bool = True) -> Engine | None:
    """SQLite file databases: a plain (synchronous) engine on the same file, for Database.run_in_transaction
    and for migrations (`foreign_keys=False`, as make_engine); None for PostgreSQL and for in-memory SQLite
    (another connection would see another database)."""
    parsed = make_url(url)
    if not is_sqlite(url) or parsed.database in (None, "", ":memory:"):
        return None
    engine = create_engine(
        parsed.set(drivername="sqlite"), connect_args={"timeout": 30, "check_same_thread": False}, pool_size=2
    )
    event.listen(engine, "connect", _sqlite_on_connect if foreign_keys else _sqlite_for_migrations)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any, *, foreign_keys: bool = True) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL is durable across process crashes
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")  # outside any transaction: it applies
    cursor.close()


def _sqlite_for_migrations(dbapi_connection: Any, record: Any) -> None:
    _sqlite_on_connect(dbapi_connection, record, foreign_keys=False)


WROTE = "openlux_wrote"  # session.info flag: this session changed something


@event.listens_for(Session, "after_flush")
def _flushed(session: Session, _flush_context: Any) -> None:
    session.info[WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    # Core DML and raw text() statements count as writes; plain SELECTs do not.
    if not state.is_select:
        state.session.info[WROTE] = True


def session_wrote(session: AsyncSession) -> bool:
    """True when the session flushed, executed DML, or still holds unflushed changes."""
    return bool(session.info.get(WROTE) or session.new or session.dirty or session.deleted)


def rows_matched(result: Result[Any]) -> int:
    """How many rows an INSERT, UPDATE or DELETE matched.

    `session.execute()` returns a CursorResult for DML, but SQLAlchemy types it as a plain Result
    (which has no `rowcount`); this narrows it once instead of at every conditional UPDATE.
    """
    if not isinstance(result, CursorResult):
        raise TypeError(f"rows_matched() needs the result of a DML statement, not {type(result).__name__}")
    return result.rowcount


T = TypeVar("T")


class Database:
    """Engine plus session factory; one per process."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.engine = make_engine(url, pool_size=pool_size)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False, class_=AsyncSession)
        self.thread_engine = make_thread_engine(url)
        # SQLite has one writer: two of this process's threads in transactions at once would wait for each
        # other in SQLite's busy handler, which sleeps 1, 2, 5, 10, … ms between polls; a lock hands over
        # at once (a campaign on SQLite: a third of the delivery worker's record time was such sleeping).
        self._thread_transactions = threading.Lock()

    @property
    def dialects(self) -> list[Any]:
        """Every dialect this database's statements run under (sealed columns find their key by it)."""
        return [self.engine.sync_engine.dialect] + ([self.thread_engine.dialect] if self.thread_engine else [])

    async def run_in_transaction(self, work: Callable[[Connection], T]) -> T:
        """`work(connection)`, synchronous Core statements, in one transaction committed when it returns.

        For the delivery worker's hot transactions (claim, record). On SQLite the whole transaction
        runs in one worker-thread hop on a plain sqlite3 connection: aiosqlite hands every cursor
        call (cursor, execute, fetch, close, commit) to its thread and back, about 200 µs of CPU a
        statement against 40 µs here. PostgreSQL (asyncpg, no threads) runs it on the async engine.
        """
        if self.thread_engine is not None:
            return await asyncio.to_thread(self._in_thread, work)
        async with self.engine.begin() as conn:
            return await conn.run_sync(work)

    def _in_thread(self, work: Callable[[Connection], T]) -> T:
        assert self.thread_engine is not None
        with self._thread_transactions, self.thread_engine.begin() as conn:
            return work(conn)

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """A session that commits when the block succeeds and rolls back when it raises."""
        async with self.sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    @asynccontextmanager
    async def request_transaction(self) -> AsyncIterator[AsyncSession]:
        """Like transaction(), but a session that wrote nothing is just closed (one round trip less)."""
        async with self.sessions() as session:
            try:
                yield session
            except BaseException:
                await session.rollback()
                raise
            if session_wrote(session):
                await session.commit()

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
        if self.thread_engine is not None:
            await asyncio.to_thread(self.thread_engine.dispose)
