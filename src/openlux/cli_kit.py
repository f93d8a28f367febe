"""The small kit every `openlux` command group uses: consoles, options, settings, a context to work in.

Area CLIs (mail, secureline, secureforms, …) import this module; `openlux.cli` imports the area
CLIs to mount them. Nothing here imports `openlux.cli`, so the command tree has no cycle.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console

# Password and status changes end the user's credentials: the session events of
# openlux.auth.invalidation must be registered in every process that writes users (CLI included).
from openlux.auth import invalidation as _credential_events  # noqa: F401
from openlux.config import Settings
from openlux.core.context import AppContext, master_box
from openlux.core.datadir import make_private

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from openlux.accounts.models import Account

T = TypeVar("T")

# Piped output (scripts, CI logs) gets wide lines so tokens and messages are never cut or wrapped.
NOT_A_TERMINAL_WIDTH = 240  # piped output (scripts, logs): wide enough that tables never cut values
console = Console(width=None if sys.stdout.isatty() else NOT_A_TERMINAL_WIDTH)
err_console = Console(stderr=True, width=None if sys.stderr.isatty() else NOT_A_TERMINAL_WIDTH)
CREDENTIALS_FILE = "credentials.json"

DataDirOpt = Annotated[Path | None, typer.Option("--data-dir", help="Data directory (OPENLUX_DATA_DIR).")]
DbUrlOpt = Annotated[str | None, typer.Option("--database-url", help="Database URL (OPENLUX_DATABASE_URL).")]


def fail(message: str, code: int = 1) -> NoReturn:
    """Print an error and exit with `code`."""
    err_console.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


def load_settings(**overrides: Any) -> Settings:
    """Settings from flags, environment and openlux.toml; a clear message when invalid."""
    try:
        return Settings.load(**overrides)
    except Exception as exc:  # pydantic ValidationError and friends
        fail(f"invalid configuration: {exc}")
        raise


SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")


def check_database_url(url: str) -> None:
    """Exit with one line unless `url` is a database URL with a driver OpenLux runs on."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        driver = make_url(url).drivername
    except ArgumentError:
        fail(
            "OPENLUX_DATABASE_URL is not a database URL (postgresql+asyncpg://user:password@host/db or "
            "sqlite+aiosqlite:///path)"
        )
    if driver not in SUPPORTED_DRIVERS:
        fail(
            f"OPENLUX_DATABASE_URL must name an async driver OpenLux runs on: postgresql+asyncpg://… or "
            f"sqlite+aiosqlite:///… (got {driver}://…; plain postgresql:// selects a driver OpenLux does not use)"
        )


async def prepared_context(settings: Settings) -> AppContext:
    """A context on a migrated database (the URL checked first, the data dir created)."""
    from openlux.db.migrate import upgrade_to_heads

    check_database_url(settings.resolved_database_url)
    make_private(settings.data_dir)  # before SQLite creates the database: 0600 from its first byte
    # The master key lets migrations that seal columns encrypt the rows already there.
    await upgrade_to_heads(settings.resolved_database_url, box=master_box(settings))
    return AppContext.build(settings)


def run_with_context(settings: Settings, work: Callable[[AppContext], Awaitable[T]]) -> T:
    """Run `work(ctx)` on a migrated database and close the context afterwards."""

    async def run() -> T:
        ctx = await prepared_context(settings)
        try:
            return await work(ctx)
        finally:
            await ctx.close()

    return asyncio.run(run())


async def first_account(session: AsyncSession, account: int | None) -> Account:
    """The account with id `account`, or the first one; exits with a message when there is none."""
    from sqlalchemy import select

    from openlux.accounts.models import Account

    query = select(Account).order_by(Account.id)
    if account is not None:
        query = query.where(Account.id == account)
    row = await session.scalar(query.limit(1))
    if row is None:
        fail("no such account; run `openlux init` first" if account is None else f"no account {account}")
    return row


def describe_failure(exc: BaseException) -> str:
    """One line for an error that ended a command; never the exception text of database errors
    (SQLAlchemy puts the statement and its parameters — a password hash, say — in it)."""
    for cause in _causes(exc):
        message = _known_failure(cause)
        if message is not None:
            return message
    return (
        f"unexpected {type(exc).__name__}; set OPENLUX_DEBUG=1 to see the traceback "
        "(it may contain data from the database)"
    )


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception, the driver error it wraps, and its causes (a chain, without loops)."""
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found and len(found) < 10:
        found.append(current)
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else current.__cause__ or current.__context__
    return found


def _known_failure(exc: BaseException) -> str | None:
    from sqlalchemy import exc as sa_exc

    name = type(exc).__name__
    db_hint = "check OPENLUX_DATABASE_URL"
    if isinstance(exc, sa_exc.NoSuchModuleError) or (
        isinstance(exc, (ModuleNotFoundError, sa_exc.InvalidRequestError))
        and ("psycopg" in str(exc) or "async driver" in str(exc))
    ):
        return (
            "OPENLUX_DATABASE_URL must name an async driver: postgresql+asyncpg://user:password@host/db "
            "or sqlite+aiosqlite:///path (plain postgresql:// selects a driver OpenLux does not use)"
        )
    if isinstance(exc, sa_exc.ArgumentError):
        return "OPENLUX_DATABASE_URL is not a database URL (postgresql+asyncpg://user:password@host/db or sqlite+aiosqlite:///path)"
    if "InvalidPassword" in name or "InvalidAuthorization" in name:
        return f"the database refused the login; {db_hint}"
    if "InvalidCatalogName" in name:
        return f"the database named in OPENLUX_DATABASE_URL does not exist; create it or {db_hint}"
    if isinstance(exc, (ConnectionRefusedError, TimeoutError)) or name in ("gaierror", "CannotConnectNowError"):
        reason = "connection refused" if isinstance(exc, ConnectionRefusedError) else "host unknown or not answering"
        return f"cannot connect to the database ({reason}); is the server running? {db_hint}"
    if isinstance(exc, sa_exc.IntegrityError):
        return "the change conflicts with existing data (it already exists)"
    if name == "OperationalError" and ("readonly" in str(exc) or "unable to open" in str(exc)):
        return (
            "cannot open or write the SQLite database in the data directory; check OPENLUX_DATA_DIR and its permissions"
        )
    if isinstance(exc, PermissionError) or (isinstance(exc, OSError) and exc.errno in (30,)):  # 30: EROFS
        return f"cannot write {exc.filename or 'to the data directory'}: {exc.strerror}; check OPENLUX_DATA_DIR and its permissions"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError, IsADirectoryError)):
        return f"{exc.strerror}: {exc.filename}"
    if isinstance(exc, OSError) and exc.errno is not None:
        return f"{exc.strerror} ({exc.filename or 'while starting'})"
    return None
