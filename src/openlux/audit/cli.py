"""`openlux audit list|retention` and `openlux audit portal-earlier-mail`: reading the audit log and the
account settings that govern it (the operator's side; administrators also read it in the console)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from openlux.accounts.models import Account
from openlux.audit import service
from openlux.audit.schemas import AuditAction, AuditRecord
from openlux.cli_kit import DataDirOpt, DbUrlOpt, console, fail, first_account, load_settings, run_with_context
from openlux.core.errors import ApiError
from openlux.securesend import portal

audit_app = typer.Typer(help="The audit log (append-only; readable by account administrators).", no_args_is_help=True)
AccountOpt = Annotated[int | None, typer.Option(help="Account id; default: the first account.")]


@audit_app.command("list")
def list_events(
    since: Annotated[
        str | None, typer.Option(help="Only events at or after this date (YYYY-MM-DD) or ISO time.")
    ] = None,
    user: Annotated[str | None, typer.Option(help="Only events by this login, portal address or integration.")] = None,
    action: Annotated[str | None, typer.Option(help="Only this action (e.g. login, message.read).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many events, newest first.")] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    account: AccountOpt = None,
    installation: Annotated[
        bool,
        typer.Option(
            "--installation", help="Events tied to no account (master key rotation, failed logins of unknown logins)."
        ),
    ] = False,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """The account's audit events, newest first."""
    try:
        since_at, wanted = service.parse_since(since), service.parse_action(action)
    except ApiError as exc:
        fail(exc.message)

    async def work(ctx: Any) -> list[AuditRecord]:
        async with ctx.db.transaction() as session:
            owner_id = None if installation else (await first_account(session, account)).id
            return await service.list_events(
                session, account_id=owner_id, since=since_at, actor=user, action=wanted, limit=limit
            )

    try:
        events = run_with_context(load_settings(data_dir=data_dir, database_url=database_url), work)
    except ApiError as exc:
        fail(exc.message)
    if as_json:
        for event in events:
            typer.echo(event.model_dump_json())
        return
    table = Table("When (UTC)", "Who", "Action", "Target", "Client", "Outcome", "Details")
    for e in events:
        who = f"{e.actor_kind}: {e.actor}" + (f" for {e.on_behalf_of}" if e.on_behalf_of else "")
        table.add_row(
            e.at.strftime("%Y-%m-%d %H:%M:%S"),
            who,
            e.action,
            e.target,
            e.client_ip or "",
            e.outcome,
            json.dumps(e.details),
        )
    console.print(table)


@audit_app.command("retention")
def retention(
    days: Annotated[int | None, typer.Argument(help="New lifetime in days; omit to show the current one.")] = None,
    account: AccountOpt = None,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Show or set how long the account's audit events are kept (default: six years)."""

    async def work(ctx: Any) -> int:
        async with ctx.db.transaction() as session:
            owner: Account = await first_account(session, account)
            if days is not None:
                service.set_retention_days(owner, days)
                service.record_operator(
                    session,
                    owner.id,
                    AuditAction.ACCOUNT_SETTING_CHANGE,
                    f"account {owner.id}",
                    {"setting": service.RETENTION_SETTING, "value": days},
                )
            return service.retention_days(owner)

    try:
        kept = run_with_context(load_settings(data_dir=data_dir, database_url=database_url), work)
    except ApiError as exc:
        fail(exc.message)
    console.print(f"audit events are kept {kept} days")


@audit_app.command("portal-earlier-mail")
def portal_earlier_mail(
    shown: Annotated[bool | None, typer.Argument(help="on/off; omit to show the current setting.")] = None,
    account: AccountOpt = None,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Whether SecureSend portal users also see mail escrowed before they were created (default: off)."""

    async def work(ctx: Any) -> bool:
        async with ctx.db.transaction() as session:
            owner: Account = await first_account(session, account)
            if shown is not None:
                portal.set_shows_earlier_mail(owner, shown)
                service.record_operator(
                    session,
                    owner.id,
                    AuditAction.ACCOUNT_SETTING_CHANGE,
                    f"account {owner.id}",
                    {"setting": portal.EARLIER_MAIL_SETTING, "value": shown},
                )
            await session.flush()
            return await portal.shows_earlier_mail(session, owner.id)

    state = run_with_context(load_settings(data_dir=data_dir, database_url=database_url), work)
    console.print(f"portal users see earlier mail: {'on' if state else 'off'}")
