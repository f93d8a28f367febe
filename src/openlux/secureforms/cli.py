"""`openlux secureform create|list|enable|disable`: the operator makes form configurations (the API only reads them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction
from openlux.cli_kit import fail, first_account, load_settings, run_with_context

secureform_app = typer.Typer(help="Secure Form configurations.", no_args_is_help=True)
AccountOpt = Annotated[int | None, typer.Option(help="Account id; default: the first account.")]

DataDirOpt = Annotated[Path | None, typer.Option("--data-dir", help="Data directory (OPENLUX_DATA_DIR).")]
DbUrlOpt = Annotated[str | None, typer.Option("--database-url", help="Database URL (OPENLUX_DATABASE_URL).")]


def _run(data_dir: Path | None, database_url: str | None, work: Any) -> Any:

    return run_with_context(load_settings(data_dir=data_dir, database_url=database_url), work)


@secureform_app.command("create")
def create(
    name: str,
    account: Annotated[int | None, typer.Option(help="Account id; default: the first account.")] = None,
    email_to: Annotated[str | None, typer.Option(help="Addresses told of each post, comma-separated.")] = None,
    allow_files: Annotated[bool, typer.Option(help="Accept file uploads.")] = False,
    redirect_url: Annotated[str, typer.Option(help="Thank-you page to send the browser to.")] = "",
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Create a form and print its configuration as JSON (post_url goes into the web page's <form action>)."""
    from openlux.core.errors import ApiError
    from openlux.secureforms import forms

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            owner = await first_account(session, account)
            form = await forms.create(
                session=session,
                account_id=owner.id,
                name=name,
                email_to=[a for a in (email_to or "").split(",") if a.strip()],
                allow_files=allow_files,
                redirect_url=redirect_url,
            )
            audit.record_operator(
                session,
                owner.id,
                AuditAction.SECUREFORM_CREATE,
                f"secure form {form.id}",
                {"name": name, "email_to": list(form.email_to or []), "allow_files": allow_files},
            )
            return forms.record(ctx, form)

    try:
        typer.echo(json.dumps(_run(data_dir, database_url, work)))
    except ApiError as exc:
        fail(exc.message)


@secureform_app.command("list")
def list_forms(
    account: Annotated[int | None, typer.Option(help="Account id; default: the first account.")] = None,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Print the account's forms as JSON lines."""
    from openlux.secureforms import forms

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            owner = await first_account(session, account)
            return [forms.record(ctx, f) for f in await forms.list_forms(session=session, account_id=owner.id)]

    for item in _run(data_dir, database_url, work):
        typer.echo(json.dumps(item))


def _set_enabled(
    form_id: int, enabled: bool, account: int | None, data_dir: Path | None, database_url: str | None
) -> None:
    from openlux.core.errors import ApiError
    from openlux.secureforms import forms

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            owner = await first_account(session, account)
            form = await forms.set_enabled(session=session, account_id=owner.id, form_id=form_id, enabled=enabled)
            audit.record_operator(
                session, owner.id, AuditAction.SECUREFORM_CHANGE, f"secure form {form.id}", {"enabled": enabled}
            )
            return forms.record(ctx, form)

    try:
        typer.echo(json.dumps(_run(data_dir, database_url, work)))
    except ApiError as exc:
        fail(exc.message)


@secureform_app.command("enable")
def enable(
    form_id: int, account: AccountOpt = None, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None
) -> None:
    """Accept posts again; prints the configuration."""
    _set_enabled(form_id, True, account, data_dir, database_url)


@secureform_app.command("disable")
def disable(
    form_id: int, account: AccountOpt = None, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None
) -> None:
    """Refuse posts (404 page); stored rows stay readable. Prints the configuration."""
    _set_enabled(form_id, False, account, data_dir, database_url)
