"""The `openlux` command: init, serve, api, worker, smtp, db, user, integration."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
import threading
import time
from typing import Annotated, Any, NoReturn

import typer
from rich.table import Table
from sqlalchemy.exc import IntegrityError

from openlux import supervisor
from openlux.accounts.cli import branding_app, domain_app, sender_app
from openlux.audit import service as audit
from openlux.audit.cli import audit_app
from openlux.audit.schemas import AuditAction
from openlux.cli_kit import (
    CREDENTIALS_FILE,
    DataDirOpt,
    DbUrlOpt,
    check_database_url,
    console,
    describe_failure,
    err_console,
    fail,
    first_account,
    load_settings,
    prepared_context,
    run_with_context,
)
from openlux.config import Settings
from openlux.core.context import master_box
from openlux.core.datadir import make_private, tighten
from openlux.core.listeners import RoleCannotContinue, bind_tcp
from openlux.core.memory import collection_paused, limit_malloc_arenas
from openlux.keyrotation import key_app
from openlux.mail import cli as mail_cli
from openlux.retention.cli import retention_app
from openlux.roles import RoleKind, roles_of
from openlux.secureforms.cli import secureform_app
from openlux.secureline.cli import secureline_app
from openlux.tlsfront import https_files
from openlux.tracking.cli import unsubscribe_app
from openlux.tracking.links import public_url_warning
from openlux.webhooks.cli import webhook_app

app = typer.Typer(
    help="OpenLux: a self-hosted LuxSci REST API v2 server.", no_args_is_help=True, pretty_exceptions_enable=False
)
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
app.add_typer(mail_cli.tlsrpt_app, name="tlsrpt")  # RFC 8460 reports
app.add_typer(secureform_app, name="secureform")  # Secure Form configurations
app.add_typer(webhook_app, name="webhook")  # signed event webhooks
app.add_typer(unsubscribe_app, name="unsubscribe")  # campaign unsubscribe scope
app.add_typer(branding_app, name="branding")  # private label per account
app.add_typer(domain_app, name="domain")  # domain verification
app.add_typer(sender_app, name="sender")  # who may send as what
app.add_typer(key_app, name="key")  # master key rotation
app.add_typer(audit_app, name="audit")  # the audit log and its retention
app.add_typer(retention_app, name="retention")  # per-account lifetimes and their purge


async def _init(settings: Settings, admin: str, password: str | None) -> dict[str, Any] | None:
    """Initialise the database (None when it already has an account); credentials.json written 0600."""
    from openlux.accounts.bootstrap import initialise

    ctx = await prepared_context(settings)
    try:
        info = await initialise(ctx, admin_login=admin, password=password)
    finally:
        await ctx.close()
    if info is not None:
        path = settings.data_dir / CREDENTIALS_FILE
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            json.dump(info, fh, indent=2)
    return info


def where_credentials_are(settings: Settings) -> str:
    """One line for a later start: where the secrets shown at initialisation are, never their values."""
    path = settings.data_dir / CREDENTIALS_FILE
    if path.exists():
        return (
            f"OpenLux is ready. The admin password and integration secrets were shown once, at initialisation; "
            f"they are kept in {path} (mode 0600; delete it once they are in your secret store)."
        )
    return (
        "OpenLux is ready. The admin password and integration secrets were shown once, at initialisation "
        f"(by another process, or {CREDENTIALS_FILE} was deleted); `openlux integration create` makes new ones."
    )


def print_credentials(info: dict[str, Any]) -> None:
    """The API URL and credentials as a readable table."""
    table = Table(title="OpenLux is ready", show_header=False)
    for key, value in info.items():
        table.add_row(key, str(value))
    console.print(table)
    console.print(
        f'Try it:  .venv/bin/python -c "from openlux.client import Client; '
        f"c = Client('{info['api_url']}', '{info['user_token']}', '{info['user_secret']}', "
        f"user='{info['user']}', password='{info['password']}'); print(c.get_user())\"",
        soft_wrap=True,
    )  # one line, so it can be copied into a shell


@app.command()
def init(
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
    admin: Annotated[str, typer.Option(help="Login of the admin user.")] = "admin@example.com",
    password: Annotated[str | None, typer.Option(help="Admin password (random when omitted).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON only.")] = False,
    api_key: Annotated[
        bool,
        typer.Option(
            "--api-key",
            help="The account integration also accepts X-API-Key: token:secret (OPENLUX_DEFAULT_INTEGRATION_API_KEY).",
        ),
    ] = False,
) -> None:
    """Create an account, an admin user and two API integrations; print the credentials (only this once)."""
    settings = load_settings(data_dir=data_dir, database_url=database_url, default_integration_api_key=api_key or None)
    from openlux.core.errors import ApiError

    try:
        info = asyncio.run(_init(settings, admin, password))
    except ApiError as exc:
        fail(exc.message)
        return
    except ValueError as exc:
        fail(str(exc))
        return
    if info is None:
        fail(
            f"the database of {settings.data_dir} is already initialised (an account exists); use `openlux user` "
            "or `openlux integration` to add more.",
            code=2,
        )
    if as_json:
        print(json.dumps(info))
    else:
        print_credentials(info)


@app.command()
def serve(
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
    host: Annotated[str | None, typer.Option(help="HTTP address (OPENLUX_HTTP_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="HTTP port (OPENLUX_HTTP_PORT).")] = None,
    submission_port: Annotated[int | None, typer.Option(help="SMTP submission port.")] = None,
    inbound_port: Annotated[int | None, typer.Option(help="Inbound SMTP port.")] = None,
    delivery_mode: Annotated[str | None, typer.Option(help="capture, relay or mx.")] = None,
    relays: Annotated[str | None, typer.Option(help="host:port[,host:port…] for relay mode.")] = None,
    public_url: Annotated[str | None, typer.Option(help="Base URL for links in mail.")] = None,
    master_key: Annotated[str | None, typer.Option(help="Base64 master key (OPENLUX_MASTER_KEY).")] = None,
    tls: Annotated[
        bool, typer.Option("--tls", help="HTTPS with a certificate from a local CA in data_dir/tls (OPENLUX_TLS).")
    ] = False,
    tls_names: Annotated[
        str | None,
        typer.Option(
            help="Names the generated certificate covers, e.g. localhost,rest.luxsci.com (OPENLUX_TLS_NAMES)."
        ),
    ] = None,
) -> None:
    """Run the API, SMTP listeners and workers in one process (initialises an empty data dir)."""
    settings = load_settings(
        data_dir=data_dir,
        database_url=database_url,
        http_host=host,
        http_port=port,
        submission_port=submission_port,
        inbound_port=inbound_port,
        delivery_mode=delivery_mode,
        relays=relays,
        public_url=public_url,
        master_key=master_key,
        tls=tls or None,
        tls_names=tls_names,
    )
    end_long_running(run_loop(_serve(settings, kind=None)))


@app.command()
def api(
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
    host: Annotated[str | None, typer.Option()] = None,
    port: Annotated[int | None, typer.Option()] = None,
    workers: Annotated[int, typer.Option(min=1, help="HTTP processes sharing the port.")] = 1,
    listen_fd: Annotated[int | None, typer.Option(hidden=True, help="Inherited listening socket.")] = None,
) -> None:
    """Run the HTTP API and campaign composition (scale-out behind a load balancer); --workers N runs N processes."""
    settings = load_settings(data_dir=data_dir, database_url=database_url, http_host=host, http_port=port)
    if workers > 1:
        _run_api_workers(settings, workers)
    end_long_running(run_loop(_serve(settings, kind=RoleKind.API, listen_fd=listen_fd)))


def run_loop(main: Any) -> Any:
    """Run a coroutine on uvloop when it is installed (uvicorn[standard] brings it), else asyncio's loop.

    uvicorn picks uvloop itself only in uvicorn.run(); we call Server.serve() on our own loop.
    """
    try:
        import uvloop
    except ImportError:
        return asyncio.run(main)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(main)


THREAD_EXIT_SECONDS = 3.0  # after the loop has stopped, how long leftover threads may take to end


def end_long_running(code: int) -> None:
    """End serve/api/worker/smtp with `code`, even when a thread would keep the process alive.

    A database driver's worker thread (aiosqlite runs one non-daemon thread per connection) whose
    connection was cancelled in the middle of shutdown never ends, and the interpreter waits for it
    at exit: the process would outlive its SIGTERM forever. Threads get THREAD_EXIT_SECONDS; then
    the process ends anyway (the loop, the database engine and the logs are already closed).
    """
    deadline = time.monotonic() + THREAD_EXIT_SECONDS
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))
    left = [t.name for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon and t.is_alive()]
    if left:
        err_console.print(f"stopping with {len(left)} thread(s) still running: {', '.join(left)}", soft_wrap=True)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    if code:
        raise typer.Exit(code)


def _run_api_workers(settings: Settings, workers: int) -> NoReturn:
    """Initialise once, bind the port once, and run `workers` API processes on the shared socket.

    The kernel spreads connections over the processes accepting on one socket; each process has its
    own database pool and auth cache (kept coherent through the auth generation, openlux.auth.runtime).
    SIGTERM/SIGINT stop every worker; a worker that dies on its own stops the others (exit 1). Once
    they run, this process becomes the small openlux.supervisor.
    """
    import subprocess

    created = asyncio.run(_init(settings, "admin@example.com", None))
    if created is not None:
        print_credentials(created)
    try:  # the same socket (TCP_NODELAY on accepted connections) and message as a single process's
        sock = bind_tcp("the HTTP API", settings.http_host, settings.http_port, "OPENLUX_HTTP_PORT (or --port)")
    except RoleCannotContinue as exc:
        fail(exc.message)
    sock.set_inheritable(True)
    env = dict(
        os.environ,
        OPENLUX_DATA_DIR=str(settings.data_dir),
        OPENLUX_DATABASE_URL=settings.resolved_database_url,
        OPENLUX_HTTP_HOST=settings.http_host,
        OPENLUX_HTTP_PORT=str(settings.http_port),
    )
    command = [sys.executable, "-m", "openlux", "api", "--listen-fd", str(sock.fileno())]
    children = [subprocess.Popen(command, env=env, pass_fds=(sock.fileno(),)) for _ in range(workers)]
    sock.close()
    ready = f"OpenLux API on {settings.api_url} with {workers} worker processes; Ctrl-C stops."
    supervisor.hand_over([child.pid for child in children], "API worker", ready)


@app.command()
def worker(
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
    processes: Annotated[int, typer.Option(min=1, help="Worker processes (one per core delivers fastest).")] = 1,
) -> None:
    """Run only the background workers (delivery, report jobs); --processes N runs N of them."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)
    if processes > 1:
        _run_worker_processes(settings, processes)
    end_long_running(run_loop(_serve(settings, kind=RoleKind.WORKER, http=False)))


def _run_worker_processes(settings: Settings, processes: int) -> NoReturn:
    """Initialise once, then run `processes` worker processes until stopped.

    Each is a whole `openlux worker` with its own heartbeat and claim name, as several workers on
    several machines are: the queue's claims keep them apart (SKIP LOCKED on PostgreSQL, SQLite's one
    writer), and a dead one's leases are taken over by the others (delivery.leases). Once they run,
    this process becomes the small openlux.supervisor.
    """
    import subprocess

    created = asyncio.run(_init(settings, "admin@example.com", None))
    if created is not None:
        print_credentials(created)
    env = dict(
        os.environ,
        OPENLUX_DATA_DIR=str(settings.data_dir),
        OPENLUX_DATABASE_URL=settings.resolved_database_url,
    )
    command = [sys.executable, "-m", "openlux", "worker"]
    children = [subprocess.Popen(command, env=env) for _ in range(processes)]
    ready = f"OpenLux worker with {processes} processes; Ctrl-C stops."
    supervisor.hand_over([child.pid for child in children], "Worker process", ready)


@app.command()
def smtp(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Run only the SMTP listeners (submission and inbound)."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)
    end_long_running(run_loop(_serve(settings, kind=RoleKind.SMTP, http=False)))


async def _serve(settings: Settings, *, kind: RoleKind | None, http: bool = True, listen_fd: int | None = None) -> int:
    """Initialise if needed (one process of several), run until stopped; the exit status.

    `listen_fd`: a worker of `api --workers` serves the socket its parent bound (and announced).
    """
    from openlux.runner import run_process

    limit_malloc_arenas()  # before the first thread (openlux.core.memory)
    # Not paused: a first start migrates here, and its garbage (Alembic, reflection) would be frozen
    # for the life of the process (6 MB of RSS at readiness on a fresh data dir, measured).
    created = await _init(settings, "admin@example.com", None)
    info = created  # secrets are printed by the start that created them, and never again
    with collection_paused():
        ctx = await prepared_context(settings)
    await asyncio.to_thread(tighten, settings.data_dir)  # files of older releases; warns about others
    warning = public_url_warning(settings)
    if warning and http:
        err_console.print(f"[yellow]warning:[/yellow] {warning}", soft_wrap=True)
    chosen = roles_of(kind)
    ctx.role_names = frozenset([role.name for role in chosen] + (["http"] if http else []))
    https = https_files(settings) if http else None
    if http:
        settings.announce_served_address()

    def announce() -> None:
        # What start-up built (routes, models, settings) lives as long as the process: out of the
        # collector's sight, each GC pass only walks what requests create (bench/tracking.py: about 2x).
        gc.freeze()
        if listen_fd is not None:
            return  # a worker of `api --workers`: its parent announced the address
        if info is not None:
            print_credentials(info)
        elif http:
            console.print(where_credentials_are(settings), soft_wrap=True)
        if https is not None and https.ca is not None:
            console.print(
                f"HTTPS certificate for {settings.tls_names} from the local CA {https.ca} "
                "(trust that file in your client: docs/clients.md).",
                soft_wrap=True,
            )
        if http:
            console.print(
                f"OpenLux API on {settings.api_url} (delivery mode: {settings.delivery_mode}); "
                f"SMTP submission on {settings.smtp_host}:{settings.submission_port}; Ctrl-C stops.",
                soft_wrap=True,
            )
            console.print(
                f"Web console: {settings.base_url}/ (sign in with the admin user and the password shown at initialisation; "
                f"administrators add a one-time code from an authenticator app); "
                f"API docs: {settings.base_url}/docs",
                soft_wrap=True,
            )
        else:
            console.print(f"OpenLux {', '.join(sorted(ctx.role_names))} running; Ctrl-C stops.", soft_wrap=True)

    def report(message: str) -> None:
        err_console.print(f"[red]error:[/red] {message}", soft_wrap=True)

    tls_files = (str(https.cert), str(https.key)) if https is not None else None
    app = None
    if http:
        # Only a process that serves HTTP loads the web stack (FastAPI, every route and schema):
        # `openlux worker` and `openlux smtp` stay about 20 MB smaller (bench/campaign.py sums RSS).
        with collection_paused():
            from openlux.app import create_app

            app = create_app(ctx=ctx)
    try:
        return await run_process(
            ctx, chosen, app=app, announce=announce, report=report, tls_files=tls_files, listen_fd=listen_fd
        )
    finally:
        await ctx.close()


@db_app.command("upgrade")
def db_upgrade(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Apply every pending migration."""
    from openlux.db.migrate import upgrade_to_heads

    settings = load_settings(data_dir=data_dir, database_url=database_url)
    check_database_url(settings.resolved_database_url)
    make_private(settings.data_dir)
    asyncio.run(upgrade_to_heads(settings.resolved_database_url, box=master_box(settings)))
    console.print("database is up to date")


@user_app.command("create")
def user_create(
    login: str,
    password: Annotated[str | None, typer.Option(help="Random when omitted.")] = None,
    account: Annotated[int | None, typer.Option(help="Account id (default: the first).")] = None,
    admin: bool = False,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Create a user (its domain is added to the account when missing)."""
    from openlux.accounts.bootstrap import create_user
    from openlux.core.crypto import random_token
    from openlux.core.errors import ApiError

    settings = load_settings(data_dir=data_dir, database_url=database_url)
    secret = password or random_token(12)

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            acct = await first_account(session, account)
            created = await create_user(session, acct, login, secret, admin=admin)
            audit.record_operator(session, acct.id, AuditAction.USER_CREATE, created.login, {"admin": admin})
            if admin:
                audit.record(
                    session,
                    actor=audit.Actor.operator(),
                    action=AuditAction.ADMIN_FLAG_CHANGE,
                    target=created.login,
                    account_id=acct.id,
                    details={"admin": True, "new_user": True},
                )
            return created

    try:
        user = run_with_context(settings, work)
    except ApiError as exc:
        fail(exc.message)
        return
    except IntegrityError:  # never print it: its text holds the INSERT with the password hash
        fail(f"a user {login.strip().lower()} already exists")
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
    account: Annotated[int | None, typer.Option(help="Account id (default: the first).")] = None,
    access: Annotated[str | None, typer.Option(help="area=level,… (level none|read|write).")] = None,
    default_access: Annotated[str, typer.Option(help="Level for areas not listed.")] = "write",
    per_minute: Annotated[
        int | None,
        typer.Option(
            help="Requests per minute (0 = unlimited; default: LuxSci's 60, OPENLUX_INTEGRATION_PER_MINUTE_LIMIT)."
        ),
    ] = None,
    per_day: Annotated[
        int | None,
        typer.Option(
            help="Requests per day (0 = unlimited; default: LuxSci's 6000, OPENLUX_INTEGRATION_PER_DAY_LIMIT)."
        ),
    ] = None,
    allowed_ip: Annotated[list[str] | None, typer.Option(help="Allowed client IP or network; repeat.")] = None,
    api_key: Annotated[bool, typer.Option(help="Also accept X-API-Key: token:secret (account scope).")] = False,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Create an API integration and print its token and secret (shown once)."""
    from openlux.accounts.bootstrap import create_integration
    from openlux.core.errors import ApiError

    settings = load_settings(data_dir=data_dir, database_url=database_url)
    levels = dict(item.split("=", 1) for item in access.split(",")) if access else {}

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            acct = await first_account(session, account)
            issued = await create_integration(
                session,
                ctx,
                acct,
                name=name,
                scope=scope,
                access=levels,
                default_access=default_access,
                per_minute=per_minute,
                per_day=per_day,
                allowed_ips=allowed_ip or [],
                allow_api_key=api_key,
            )
            audit.record(
                session,
                actor=audit.Actor.operator(),
                action=AuditAction.INTEGRATION_CREATE,
                target=f"{issued.name} ({issued.token})",
                account_id=acct.id,
                details={"scope": scope, "access": levels, "default_access": default_access},
            )
            return issued

    try:
        issued = run_with_context(settings, work)
    except (ApiError, ValueError) as exc:
        fail(getattr(exc, "message", str(exc)))
        return
    console.print_json(
        json.dumps(
            {
                "id": issued.id,
                "name": issued.name,
                "scope": issued.scope,
                "token": issued.token,
                "secret": issued.secret,
            }
        )
    )


@integration_app.command("list")
def integration_list(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """List API integrations (secrets are never shown again)."""
    from sqlalchemy import select

    from openlux.auth.models import ApiIntegration

    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> Any:
        async with ctx.db.sessions() as session:
            return (await session.scalars(select(ApiIntegration).order_by(ApiIntegration.id))).all()

    table = Table("id", "account", "name", "scope", "token", "enabled", "limits", "X-API-Key")
    for row in run_with_context(settings, work):
        table.add_row(
            str(row.id),
            str(row.account_id),
            row.name,
            row.scope,
            row.token,
            "yes" if row.enabled else "no",
            f"{row.per_minute_limit}/min {row.per_day_limit}/day",
            "accepted" if row.allow_api_key else "no",
        )
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
                audit.record(
                    session,
                    actor=audit.Actor.operator(),
                    action=AuditAction.INTEGRATION_CHANGE,
                    target=f"{row.name} ({row.token})",
                    account_id=row.account_id,
                    details={"action": "disable"},
                )
            return row

    if run_with_context(settings, work) is None:
        fail(f"no integration with token {token}")
    console.print(f"integration {token} disabled")


def main() -> None:
    """Console-script entry point: an error ends the command with one line and status 1, never a traceback."""
    try:
        app()
    except Exception as exc:
        if os.environ.get("OPENLUX_DEBUG"):
            raise
        err_console.print(f"[red]error:[/red] {describe_failure(exc)}", soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
