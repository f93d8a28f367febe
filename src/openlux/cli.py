"""The `openlux` command: init, serve, api, worker, smtp, db, user, integration."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import signal
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from openlux.accounts.cli import branding_app
from openlux.cli_kit import (CREDENTIALS_FILE, DataDirOpt, DbUrlOpt, console, err_console, fail, first_account,
                             load_settings, prepared_context, run_with_context)
from openlux.config import Settings
from openlux.mail import cli as mail_cli
from openlux.secureforms.cli import secureform_app
from openlux.roles import RoleKind, roles_of
from openlux.tracking.links import public_url_warning
from openlux.secureline.cli import secureline_app
from openlux.tracking.cli import unsubscribe_app
from openlux.webhooks.cli import webhook_app
from openlux.tlsfront import https_files

app = typer.Typer(help="OpenLux: a self-hosted LuxSci REST API v2 server.", no_args_is_help=True,
                  pretty_exceptions_enable=False)
user_app = typer.Typer(help="Manage users.", no_args_is_help=True)
integration_app = typer.Typer(help="Manage API integrations.", no_args_is_help=True)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(integration_app, name="integration")
app.add_typer(db_app, name="db")
app.add_typer(secureline_app, name="secureline")  # SecureLine recipient keys
app.command("send")(mail_cli.send)
app.add_typer(mail_cli.outbox_app, name="outbox")
app.add_typer(mail_cli.queue_app, name="queue")
app.add_typer(secureform_app, name="secureform")  # Secure Form configurations
app.add_typer(webhook_app, name="webhook")  # signed event webhooks
app.add_typer(unsubscribe_app, name="unsubscribe")  # campaign unsubscribe scope
app.add_typer(branding_app, name="branding")  # private label per account

async def _has_account(ctx: Any) -> bool:
    from sqlalchemy import select

    from openlux.accounts.models import Account

    async with ctx.db.sessions() as session:
        return await session.scalar(select(Account.id).limit(1)) is not None


async def _init(settings: Settings, admin: str, password: Optional[str]) -> dict[str, Any]:
    from openlux.accounts.bootstrap import initialise

    ctx = await prepared_context(settings)
    try:
        if await _has_account(ctx):
            fail(f"{settings.data_dir} is already initialised (an account exists); use `openlux user` or "
                 "`openlux integration` to add more.", code=2)
        info = await initialise(ctx, admin_login=admin, password=password)
    finally:
        await ctx.close()
    path = settings.data_dir / CREDENTIALS_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(info, fh, indent=2)
    return info


def print_credentials(info: dict[str, Any]) -> None:
    """The API URL and credentials as a readable table."""
    table = Table(title="OpenLux is ready", show_header=False)
    for key, value in info.items():
        table.add_row(key, str(value))
    console.print(table)
    console.print(f"Try it:  .venv/bin/python -c \"from openlux.client import Client; "
                  f"c = Client('{info['api_url']}', '{info['user_token']}', '{info['user_secret']}', "
                  f"user='{info['user']}', password='{info['password']}'); print(c.get_user())\"",
                  soft_wrap=True)  # one line, so it can be copied into a shell


@app.command()
def init(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None,
         admin: Annotated[str, typer.Option(help="Login of the admin user.")] = "admin@example.com",
         password: Annotated[Optional[str], typer.Option(help="Admin password (random when omitted).")] = None,
         as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False) -> None:
    """Create an account, an admin user and two API integrations; print the credentials."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)
    from openlux.core.errors import ApiError

    try:
        info = asyncio.run(_init(settings, admin, password))
    except ApiError as exc:
        fail(exc.message)
        return
    except ValueError as exc:
        fail(str(exc))
        return
    if as_json:
        print(json.dumps(info))
    else:
        print_credentials(info)


@app.command()
def serve(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None,
          host: Annotated[Optional[str], typer.Option(help="HTTP address (OPENLUX_HTTP_HOST).")] = None,
          port: Annotated[Optional[int], typer.Option(help="HTTP port (OPENLUX_HTTP_PORT).")] = None,
          submission_port: Annotated[Optional[int], typer.Option(help="SMTP submission port.")] = None,
          inbound_port: Annotated[Optional[int], typer.Option(help="Inbound SMTP port.")] = None,
          delivery_mode: Annotated[Optional[str], typer.Option(help="capture, relay or mx.")] = None,
          relays: Annotated[Optional[str], typer.Option(help="host:port[,host:port…] for relay mode.")] = None,
          public_url: Annotated[Optional[str], typer.Option(help="Base URL for links in mail.")] = None,
          master_key: Annotated[Optional[str], typer.Option(help="Base64 master key (OPENLUX_MASTER_KEY).")] = None,
          tls: Annotated[bool, typer.Option("--tls", help="HTTPS with a certificate from a local CA in "
                                                          "data_dir/tls (OPENLUX_TLS).")] = False,
          tls_names: Annotated[Optional[str], typer.Option(help="Names the generated certificate covers, "
                                                               "e.g. localhost,rest.luxsci.com (OPENLUX_TLS_NAMES).")] = None,
          ) -> None:
    """Run the API, SMTP listeners and workers in one process (initialises an empty data dir)."""
    settings = load_settings(data_dir=data_dir, database_url=database_url, http_host=host, http_port=port,
                             submission_port=submission_port, inbound_port=inbound_port,
                             delivery_mode=delivery_mode, relays=relays, public_url=public_url,
                             master_key=master_key, tls=tls or None, tls_names=tls_names)
    asyncio.run(_serve(settings, kind=None))


@app.command()
def api(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None,
        host: Annotated[Optional[str], typer.Option()] = None,
        port: Annotated[Optional[int], typer.Option()] = None) -> None:
    """Run only the HTTP API (for scale-out behind a load balancer)."""
    settings = load_settings(data_dir=data_dir, database_url=database_url, http_host=host, http_port=port)
    asyncio.run(_serve(settings, kind=None, roles=False))


@app.command()
def worker(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Run only the background workers (delivery, report jobs)."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)
    asyncio.run(_serve(settings, kind=RoleKind.WORKER, http=False))


@app.command()
def smtp(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Run only the SMTP listeners (submission and inbound)."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)
    asyncio.run(_serve(settings, kind=RoleKind.SMTP, http=False))


async def _serve(settings: Settings, *, kind: RoleKind | None, roles: bool = True, http: bool = True) -> None:
    import uvicorn

    from openlux.app import create_app

    ctx = await prepared_context(settings)
    if not await _has_account(ctx):
        await ctx.close()
        print_credentials(await _init(settings, "admin@example.com", None))
        ctx = await prepared_context(settings)
    elif (settings.data_dir / CREDENTIALS_FILE).exists() and http:
        print_credentials(json.loads((settings.data_dir / CREDENTIALS_FILE).read_text()))
    warning = public_url_warning(settings)
    if warning and http:
        err_console.print(f"[yellow]warning:[/yellow] {warning}", soft_wrap=True)
    chosen = roles_of(kind) if roles else []
    ctx.role_names = frozenset([role.name for role in chosen] + (["http"] if http else []))
    tasks = [asyncio.create_task(role.run(ctx), name=role.name) for role in chosen]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    server = None
    if http:
        settings.announce_served_address()
        https = https_files(settings)
        config = uvicorn.Config(create_app(ctx=ctx), host=settings.http_host, port=settings.http_port,
                                log_level="warning", access_log=False, lifespan="on",
                                ssl_certfile=str(https.cert) if https else None,
                                ssl_keyfile=str(https.key) if https else None,
                                proxy_headers=False)  # X-Forwarded-*: OPENLUX_TRUSTED_PROXIES decides
        if https is not None and https.ca is not None:
            console.print(f"HTTPS certificate for {settings.tls_names} from the local CA {https.ca} "
                          "(trust that file in your client: docs/clients.md).", soft_wrap=True)
        server = uvicorn.Server(config)
        server.install_signal_handlers = lambda: None  # type: ignore[method-assign]
        # What start-up built (routes, models, settings) lives as long as the process: out of the
        # collector's sight, each GC pass only walks what requests create (bench/tracking.py: about 2x).
        gc.freeze()
        tasks.append(asyncio.create_task(server.serve(), name="http"))
        console.print(f"OpenLux API on {settings.api_url} (delivery mode: {settings.delivery_mode}); "
                      f"SMTP submission on {settings.smtp_host}:{settings.submission_port}; Ctrl-C stops.",
                      soft_wrap=True)
        console.print(f"Web console: {settings.base_url}/ (sign in with the user and password above; "
                      f"administrators add a one-time code from an authenticator app); API docs: {settings.base_url}/docs",
                      soft_wrap=True)
    done_waiter = asyncio.create_task(stop.wait())
    finished, _ = await asyncio.wait([done_waiter, *tasks], return_when=asyncio.FIRST_COMPLETED)
    for task in finished:
        if task is not done_waiter and task.exception():
            err_console.print(f"[red]{task.get_name()} failed:[/red] {task.exception()!r}")
    if server is not None:
        server.should_exit = True
    for task in tasks:
        if task.get_name() != "http":
            task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await ctx.close()


@db_app.command("upgrade")
def db_upgrade(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Apply every pending migration."""
    from openlux.db.migrate import upgrade_to_heads

    settings = load_settings(data_dir=data_dir, database_url=database_url)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    asyncio.run(upgrade_to_heads(settings.resolved_database_url))
    console.print("database is up to date")


@user_app.command("create")
def user_create(login: str, password: Annotated[Optional[str], typer.Option(help="Random when omitted.")] = None,
                account: Annotated[Optional[int], typer.Option(help="Account id (default: the first).")] = None,
                admin: bool = False, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Create a user (its domain is added to the account when missing)."""
    from openlux.accounts.bootstrap import create_user
    from openlux.core.crypto import random_token
    from openlux.core.errors import ApiError

    settings = load_settings(data_dir=data_dir, database_url=database_url)
    secret = password or random_token(12)

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            acct = await first_account(session, account)
            return await create_user(session, acct, login, secret, admin=admin)

    try:
        user = run_with_context(settings, work)
    except ApiError as exc:
        fail(exc.message)
        return
    console.print(f"created user [bold]{user.login}[/bold] (uid {user.id}) password: {secret}")


@user_app.command("list")
def user_list(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """List every user."""
    from sqlalchemy import select

    from openlux.accounts.models import User

    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> Any:
        async with ctx.db.sessions() as session:
            return (await session.scalars(select(User).order_by(User.account_id, User.login))).all()

    table = Table("uid", "account", "login", "status", "services")
    for user in run_with_context(settings, work):
        table.add_row(str(user.id), str(user.account_id), user.login, user.status, ",".join(user.services or []))
    console.print(table)


@integration_app.command("create")
def integration_create(
    name: str,
    scope: Annotated[str, typer.Option(help="user or account.")] = "account",
    account: Annotated[Optional[int], typer.Option(help="Account id (default: the first).")] = None,
    access: Annotated[Optional[str], typer.Option(help="area=level,… (level none|read|write).")] = None,
    default_access: Annotated[str, typer.Option(help="Level for areas not listed.")] = "write",
    per_minute: Annotated[Optional[int], typer.Option(help="Requests per minute (0 = unlimited; default: "
                                                          "LuxSci's 60, OPENLUX_INTEGRATION_PER_MINUTE_LIMIT).")] = None,
    per_day: Annotated[Optional[int], typer.Option(help="Requests per day (0 = unlimited; default: LuxSci's "
                                                       "6000, OPENLUX_INTEGRATION_PER_DAY_LIMIT).")] = None,
    allowed_ip: Annotated[Optional[list[str]], typer.Option(help="Allowed client IP or network; repeat.")] = None,
    api_key: Annotated[bool, typer.Option(help="Also accept X-API-Key: token:secret (account scope).")] = False,
    data_dir: DataDirOpt = None, database_url: DbUrlOpt = None,
) -> None:
    """Create an API integration and print its token and secret (shown once)."""
    from openlux.accounts.bootstrap import create_integration
    from openlux.core.errors import ApiError

    settings = load_settings(data_dir=data_dir, database_url=database_url)
    levels = dict(item.split("=", 1) for item in access.split(",")) if access else {}

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            acct = await first_account(session, account)
            return await create_integration(session, ctx, acct, name=name, scope=scope, access=levels,
                                            default_access=default_access, per_minute=per_minute,
                                            per_day=per_day, allowed_ips=allowed_ip or [], allow_api_key=api_key)

    try:
        issued = run_with_context(settings, work)
    except (ApiError, ValueError) as exc:
        fail(getattr(exc, "message", str(exc)))
        return
    console.print_json(json.dumps({"id": issued.id, "name": issued.name, "scope": issued.scope,
                                   "token": issued.token, "secret": issued.secret}))


@integration_app.command("list")
def integration_list(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """List API integrations (secrets are never shown again)."""
    from sqlalchemy import select

    from openlux.auth.models import ApiIntegration

    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> Any:
        async with ctx.db.sessions() as session:
            return (await session.scalars(select(ApiIntegration).order_by(ApiIntegration.id))).all()

    table = Table("id", "account", "name", "scope", "token", "enabled", "limits")
    for row in run_with_context(settings, work):
        table.add_row(str(row.id), str(row.account_id), row.name, row.scope, row.token,
                      "yes" if row.enabled else "no", f"{row.per_minute_limit}/min {row.per_day_limit}/day")
    console.print(table)


@integration_app.command("disable")
def integration_disable(token: str, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Disable an integration by its token: every call with its codes is refused at once."""
    from sqlalchemy import select

    from openlux.auth.models import ApiIntegration

    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            row = await session.scalar(select(ApiIntegration).where(ApiIntegration.token == token))
            if row is not None:
                row.enabled = False
            return row

    if run_with_context(settings, work) is None:
        fail(f"no integration with token {token}")
    console.print(f"integration {token} disabled")




def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
