"""`openlux retention show|set|purge`: an account's retention lifetimes, and a purge run now.

The API has no such endpoint (LuxSci's has none; docs/compat.d/retention.md): operators set
lifetimes here.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from openlux.accounts import retention
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction
from openlux.cli_kit import DataDirOpt, DbUrlOpt, console, fail, first_account, load_settings, run_with_context
from openlux.core.context import AppContext
from openlux.core.errors import ApiError
from openlux.retention.purge import PURGE_STEPS, Batch, PurgeReport, purge_once

retention_app = typer.Typer(
    help="Per-account retention lifetimes (sent-mail content, captured and escrowed mail, tracking clients, "
    "webhook history) and the purge that enforces them.",
    no_args_is_help=True,
)
AccountOpt = Annotated[int | None, typer.Option(help="Account id (default: the first).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _run(data_dir: Any, database_url: Any, work: Any) -> Any:
    return run_with_context(load_settings(data_dir=data_dir, database_url=database_url), work)


def _as_dict(lifetimes: retention.Lifetimes) -> dict[str, Any]:
    return {
        "account_id": lifetimes.account_id,
        "days": {kind.value: lifetimes.days[kind] for kind in retention.RetainedData},
        "defaults": [kind.value for kind in retention.RetainedData if kind not in lifetimes.chosen],
    }


def _print(lifetimes: retention.Lifetimes, as_json: bool) -> None:
    if as_json:
        print(json.dumps(_as_dict(lifetimes)))
        return
    table = Table("data", "days", "", title=f"Retention of account {lifetimes.account_id}")
    for kind in retention.RetainedData:
        table.add_row(kind.value, str(lifetimes.days[kind]), "" if kind in lifetimes.chosen else "default")
    console.print(table)


@retention_app.command("show")
def show(
    account: AccountOpt = None, as_json: JsonOpt = False, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None
) -> None:
    """The account's lifetimes in days, marking those that follow the installation default."""

    async def work(ctx: AppContext) -> retention.Lifetimes:
        async with ctx.db.sessions() as session:
            owner = await first_account(session, account)
            return await retention.lifetimes_of(session, owner.id)

    _print(_run(data_dir, database_url, work), as_json)


@retention_app.command("set")
def set_(
    kind: Annotated[
        str, typer.Argument(help="sent_content, captured_mail, escrowed_mail, tracking_client or webhook_history.")
    ],
    days: Annotated[str, typer.Argument(help=f"Days ({retention.MIN_DAYS}…{retention.MAX_DAYS}), or `default`.")],
    account: AccountOpt = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Set one lifetime of the account (`default` follows the installation default again)."""
    try:
        wanted = retention.parse_kind(kind)
        value = None if days.strip().lower() == "default" else retention.check_days(int(days))
    except ValueError:
        fail(f"days must be a whole number or `default`, got {days!r}")
    except ApiError as exc:
        fail(exc.message)

    async def work(ctx: AppContext) -> retention.Lifetimes:
        async with ctx.db.transaction() as session:
            owner = await first_account(session, account)
            lifetimes = await retention.set_lifetime(session, account_id=owner.id, kind=wanted, days=value)
            audit.record_operator(
                session,
                owner.id,
                AuditAction.ACCOUNT_SETTING_CHANGE,
                f"account {owner.id}",
                {"setting": f"retention.{wanted}", "value": "default" if value is None else value},
            )
            return lifetimes

    _print(_run(data_dir, database_url, work), as_json)


@retention_app.command("purge")
def purge(
    now: Annotated[
        bool, typer.Option("--now", help="Run a purge pass now (the retention role runs one regularly).")
    ] = False,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Purge everything that outlived its account's lifetimes now, every account, in batches."""
    if not now:
        fail("add --now to purge now; the `retention` role of `openlux serve`/`openlux worker` purges regularly")

    async def work(ctx: AppContext) -> PurgeReport:
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TextColumn("{task.completed} rows"),
            console=console,
            disable=as_json,
        ) as progress:
            tasks = {step.name: progress.add_task(step.name, total=None) for step in PURGE_STEPS}
            done = dict.fromkeys(tasks, 0)

            def advance(batch: Batch) -> None:
                done[batch.step] += batch.rows
                progress.update(tasks[batch.step], completed=done[batch.step])

            # The operator ran this pass: its `retention.purge` audit events name the CLI, not the role.
            report = await purge_once(ctx, PURGE_STEPS, on_batch=advance, actor=audit.Actor.operator())
            for name, task in tasks.items():  # finished: the spinners stop
                progress.update(task, total=done[name], completed=done[name])
            return report

    report = _run(data_dir, database_url, work)
    if as_json:
        print(json.dumps({"purged": report.purged, "failures": [list(f) for f in report.failures]}))
    else:  # the progress lines above show each step's count
        console.print(f"purged {sum(report.purged.values())} rows in {len(report.purged)} steps")
    if report.failures:
        fail("; ".join(f"{step} (account {account}): {why}" for step, account, why in report.failures))
