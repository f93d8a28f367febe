"""`openlux secureline key add|list|remove`: the recipient keys SecureLine encrypts to."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.table import Table

from openlux import cli_kit as cli
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction
from openlux.secureline import keys

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from openlux.core.context import AppContext

T = TypeVar("T")

secureline_app = typer.Typer(help="SecureLine: recipient PGP keys and S/MIME certificates.", no_args_is_help=True)
key_app = typer.Typer(help="Recipient keys (account-scoped).", no_args_is_help=True)
secureline_app.add_typer(key_app, name="key")

AccountOpt = Annotated[int | None, typer.Option(help="Account id (default: the first).")]
DataDirOpt = Annotated[Path | None, typer.Option("--data-dir", help="Data directory (OPENLUX_DATA_DIR).")]
DbUrlOpt = Annotated[str | None, typer.Option("--database-url", help="Database URL (OPENLUX_DATABASE_URL).")]


def _run(
    data_dir: Path | None, database_url: str | None, work: Callable[[AppContext, AsyncSession], Awaitable[T]]
) -> T:
    """Run `work(ctx, session)` in one committed transaction; ApiErrors become a clean exit."""
    from openlux.core.errors import ApiError

    settings = cli.load_settings(data_dir=data_dir, database_url=database_url)

    async def with_context(ctx: AppContext) -> T:
        async with ctx.db.transaction() as session:
            return await work(ctx, session)

    try:
        return cli.run_with_context(settings, with_context)
    except ApiError as exc:
        cli.fail(exc.message)


@key_app.command("add")
def key_add(
    path: Annotated[Path, typer.Argument(help="Armoured PGP public key, or PEM/DER certificate.")],
    kind: Annotated[str, typer.Option(help="pgp or smime.")] = "pgp",
    address: Annotated[str | None, typer.Option(help="Recipient (default: the addresses in the key).")] = None,
    account: AccountOpt = None,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Register a recipient's public key or certificate."""
    material = path.read_bytes()

    async def work(ctx: AppContext, session: AsyncSession) -> list[dict[str, Any]]:
        acct = await cli.first_account(session, account)
        rows = await keys.add(session=session, account_id=acct.id, kind=kind, material=material, address=address)
        added = [keys.record(r) for r in rows]
        for key in added:
            audit.record_operator(
                session, acct.id, AuditAction.SECURELINE_KEY_ADD, key["address"], keys.audit_details(key)
            )
        return added

    for row in _run(data_dir, database_url, work):
        cli.console.print(
            f"added {row['kind']} key {row['id']} for [bold]{row['address']}[/bold] ({row['fingerprint']})"
        )


@key_app.command("list")
def key_list(
    address: Annotated[str | None, typer.Option(help="Only this recipient.")] = None,
    account: AccountOpt = None,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """List the recipient keys of an account."""

    async def work(ctx: AppContext, session: AsyncSession) -> list[dict[str, Any]]:
        acct = await cli.first_account(session, account)
        return [
            keys.record(r) for r in await keys.list_for_account(session=session, account_id=acct.id, address=address)
        ]

    table = Table("id", "address", "kind", "fingerprint", "expires", "created")
    for row in _run(data_dir, database_url, work):
        table.add_row(*(str(row[c]) for c in ("id", "address", "kind", "fingerprint", "expires", "created")))
    cli.console.print(table)


@key_app.command("remove")
def key_remove(
    key_id: int, account: AccountOpt = None, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None
) -> None:
    """Forget one recipient key."""

    async def work(ctx: AppContext, session: AsyncSession) -> None:
        acct = await cli.first_account(session, account)
        key = await keys.remove(session=session, account_id=acct.id, key_id=key_id)
        audit.record_operator(
            session, acct.id, AuditAction.SECURELINE_KEY_REMOVE, key["address"], keys.audit_details(key)
        )

    _run(data_dir, database_url, work)
    cli.console.print(f"removed key {key_id}")
