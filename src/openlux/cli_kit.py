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

from openlux.config import Settings
from openlux.core.context import AppContext

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from openlux.accounts.models import Account

T = TypeVar("T")

# Piped output (scripts, CI logs) gets wide lines so tokens and messages are never cut or wrapped.
console = Console(width=None if sys.stdout.isatty() else 240)
err_console = Console(stderr=True, width=None if sys.stderr.isatty() else 240)
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


async def prepared_context(settings: Settings) -> AppContext:
    from openlux.db.migrate import upgrade_to_heads

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    await upgrade_to_heads(settings.resolved_database_url)
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
