"""`openlux branding show|set`: an account's private label (getUserBrandingInformation answers with it)."""

from __future__ import annotations

import json
from typing import Annotated, Any, Optional

import typer

from openlux.accounts import branding as branding_rules
from openlux.cli_kit import DataDirOpt, DbUrlOpt, console, fail, first_account, load_settings, run_with_context

branding_app = typer.Typer(help="Branding (private label) of an account.", no_args_is_help=True)
AccountOpt = Annotated[Optional[int], typer.Option(help="Account id; default: the first account.")]


@branding_app.command("show")
def show(account: AccountOpt = None, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Print the account's branding as getUserBrandingInformation answers it (JSON)."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> dict[str, Any]:
        async with ctx.db.sessions() as session:
            owner = await first_account(session, account)
            defaults = branding_rules.branding_defaults(ctx.settings.base_url, owner, "example.com")
            stored = (owner.settings or {}).get("branding", {})
            return {**defaults, **{k: v for k, v in stored.items() if k in branding_rules.BRANDING_KEYS}}

    console.print_json(json.dumps(run_with_context(settings, work)))


@branding_app.command("set")
def set_(values: Annotated[list[str], typer.Argument(help="key=value … (an empty value restores the default); "
                                                          f"keys: {', '.join(branding_rules.BRANDING_KEYS)}")],
         account: AccountOpt = None, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Set branding keys of the account, e.g. brand_name="Acme Health" primary_color=#0a7d52."""
    changes: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep:
            fail(f"{item!r} is not key=value")
        changes[key.strip()] = value
    try:
        branding_rules.checked_branding(changes)
    except ValueError as exc:
        fail(str(exc))
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> dict[str, str]:
        async with ctx.db.transaction() as session:
            owner = await first_account(session, account)
            return await branding_rules.set_branding(session, owner, changes)

    console.print_json(json.dumps(run_with_context(settings, work)))
