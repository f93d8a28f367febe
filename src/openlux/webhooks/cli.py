"""`openlux webhook add|list|remove|test|history`: an account's signed event webhooks."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction
from openlux.cli_kit import DataDirOpt, DbUrlOpt, console, fail, first_account, load_settings, run_with_context
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import ApiError
from openlux.webhooks import service, worker
from openlux.webhooks.models import WebhookEndpoint

webhook_app = typer.Typer(help="Signed event webhooks (delivered, bounced, opened, clicked, …).", no_args_is_help=True)
AccountOpt = Annotated[int | None, typer.Option(help="Account id (default: the first).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _run(data_dir: Any, database_url: Any, work: Any) -> Any:
    return run_with_context(load_settings(data_dir=data_dir, database_url=database_url), work)


@webhook_app.command("add")
def add(
    url: str,
    events: Annotated[list[str] | None, typer.Option("--event", help="Event; repeat (default: all).")] = None,
    account: AccountOpt = None,
    as_json: JsonOpt = False,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Add an HTTPS endpoint; prints its signing secret once."""

    async def work(ctx: AppContext) -> tuple[dict, str]:
        async with ctx.db.transaction() as session:
            owner = await first_account(session, account)
            try:
                made, secret = await service.add(session, ctx, account_id=owner.id, url=url, events=events)
            except ApiError as exc:
                fail(exc.message)
                raise
            audit.record_operator(
                session,
                owner.id,
                AuditAction.WEBHOOK_ADD,
                made["url"],
                {"webhook_id": made["id"], "events": made["events"]},
            )
            return made, secret

    record, secret = _run(data_dir, database_url, work)
    if as_json:
        print(json.dumps({**record, "secret": secret}))
        return
    console.print(f"webhook {record['id']} → {record['url']} ({', '.join(record['events'])})")
    console.print(f"signing secret (shown once): {secret}", soft_wrap=True)


@webhook_app.command("list")
def list_(
    account: AccountOpt = None, as_json: JsonOpt = False, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None
) -> None:
    """List endpoints (of one account, or all)."""

    async def work(ctx: AppContext) -> list[dict]:
        async with ctx.db.sessions() as session:
            return await service.list_for(session, account_id=account)

    rows = _run(data_dir, database_url, work)
    if as_json:
        print(json.dumps(rows))
        return
    for row in rows:
        console.print(
            f"{row['id']}\taccount {row['account_id']}\t{row['url']}\t{','.join(row['events'])}", soft_wrap=True
        )


@webhook_app.command("remove")
def remove(endpoint_id: int, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Delete an endpoint and its delivery history."""

    async def work(ctx: AppContext) -> None:
        async with ctx.db.transaction() as session:
            try:
                account_id, gone = await service.remove(session, endpoint_id=endpoint_id)
            except ApiError as exc:
                fail(exc.message)
            audit.record_operator(
                session,
                account_id,
                AuditAction.WEBHOOK_REMOVE,
                gone["url"],
                {"webhook_id": gone["id"], "events": gone["events"]},
            )

    _run(data_dir, database_url, work)
    console.print(f"webhook {endpoint_id} removed")


@webhook_app.command("history")
def history(
    endpoint_id: int, as_json: JsonOpt = False, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None
) -> None:
    """The newest deliveries of an endpoint, with their state, attempts and last HTTP status."""

    async def work(ctx: AppContext) -> list[dict]:
        async with ctx.db.sessions() as session:
            return await service.history(session, endpoint_id=endpoint_id)

    rows = _run(data_dir, database_url, work)
    if as_json:
        print(json.dumps(rows))
        return
    for row in rows:
        console.print(
            f"{row['id']}\t{row['event']}\t{row['state']}\tattempts {row['attempts']}\t"
            f"HTTP {row['last_status']}\t{row['last_error'][:80]}",
            soft_wrap=True,
        )


@webhook_app.command("test")
def test(endpoint_id: int, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """POST a signed `test` event to the endpoint now and print the receiver's answer."""

    async def work(ctx: AppContext) -> tuple[int | None, str]:
        async with ctx.db.sessions() as session:
            row = await session.get(WebhookEndpoint, endpoint_id)
            if row is None:
                fail(f"no webhook endpoint {endpoint_id}")
            url, sealed, account_id = row.url, row.secret_sealed, row.account_id
        secret = ctx.box.open_text(sealed, context=service.SEAL_CONTEXT)
        payload = {
            "id": "evt_test",
            "type": "test",
            "created": clock.utcnow().isoformat(),
            "account_id": account_id,
            "data": {"message": "OpenLux webhook test"},
        }
        async with worker.client_for(ctx) as client:
            return await worker.post(ctx, client, url, secret, payload)

    status, error = _run(data_dir, database_url, work)
    if status is None or not 200 <= status < 300:
        fail(f"test delivery failed: HTTP {status} {error}".strip())
    console.print(f"test delivered: HTTP {status}")
