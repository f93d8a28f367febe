"""`openlux unsubscribe scope [list|all]`: which lists a campaign unsubscribe leaves, per account."""

from __future__ import annotations

from typing import Annotated

import typer

from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction
from openlux.cli_kit import DataDirOpt, DbUrlOpt, console, fail, first_account, load_settings, run_with_context
from openlux.core.context import AppContext
from openlux.tracking.unsubscribe import SETTING, Scope, scope_of

unsubscribe_app = typer.Typer(help="Campaign unsubscribe settings.", no_args_is_help=True)


@unsubscribe_app.command("scope")
def scope(
    value: Annotated[str | None, typer.Argument(help="list (that list only) or all (every list).")] = None,
    account: Annotated[int | None, typer.Option(help="Account id (default: the first).")] = None,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Show or set the account's unsubscribe scope (account setting unsubscribe_scope)."""
    if value is not None and value not in tuple(Scope):
        fail(f"scope must be one of {', '.join(Scope)}")

    async def work(ctx: AppContext) -> str:
        async with ctx.db.transaction() as session:
            row = await first_account(session, account)
            if value is not None:
                row.settings = {**(row.settings or {}), SETTING: value}
                await session.flush()
                audit.record_operator(
                    session,
                    row.id,
                    AuditAction.ACCOUNT_SETTING_CHANGE,
                    f"account {row.id}",
                    {"setting": SETTING, "value": value},
                )
            return str(await scope_of(session, row.id))

    console.print(run_with_context(load_settings(data_dir=data_dir, database_url=database_url), work))
