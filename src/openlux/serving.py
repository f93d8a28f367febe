"""Run the HTTP API and background roles in the current event loop until asked to stop.

`openlux serve|api|worker|smtp` call this with a stop event set by SIGINT/SIGTERM; tests call it
in a background thread's loop (tests/support/server.py), so an in-process server runs exactly the
code a real one does.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

import uvicorn

from openlux.app import create_app
from openlux.cli_kit import console, err_console
from openlux.core.context import AppContext
from openlux.roles import Role
from openlux.tlsfront import https_files


async def run_until_stopped(ctx: AppContext, roles: Sequence[Role], *, http: bool, stop: asyncio.Event,
                            on_ready: Callable[[], None] | None = None) -> None:
    """Start `roles` (in table order) and, with `http`, the API; return after `stop` is set and all ended.

    `on_ready` is called once the API accepts connections (at once without `http`). The context is
    closed on the way out.
    """
    settings = ctx.settings
    ctx.role_names = frozenset([role.name for role in roles] + (["http"] if http else []))
    tasks = [asyncio.create_task(role.run(ctx), name=role.name) for role in roles]
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
        server.install_signal_handlers = lambda: None  # type: ignore[method-assign]  # the caller owns signals
        tasks.append(asyncio.create_task(server.serve(), name="http"))
        console.print(f"OpenLux API on {settings.api_url} (delivery mode: {settings.delivery_mode}); "
                      f"SMTP submission on {settings.smtp_host}:{settings.submission_port}; Ctrl-C stops.",
                      soft_wrap=True)
        console.print(f"Web console: {settings.base_url}/ (sign in with the user and password above; "
                      f"administrators add a one-time code from an authenticator app); API docs: {settings.base_url}/docs",
                      soft_wrap=True)
    if on_ready is not None:
        while server is not None and not server.started and not tasks[-1].done():
            await asyncio.sleep(0.01)
        on_ready()
    done_waiter = asyncio.create_task(stop.wait())
    finished, _ = await asyncio.wait([done_waiter, *tasks], return_when=asyncio.FIRST_COMPLETED)
    for task in finished:
        if task is not done_waiter and task.exception():
            err_console.print(f"[red]{task.get_name()} failed:[/red] {task.exception()!r}")
    done_waiter.cancel()
    if server is not None:
        server.should_exit = True
    for task in tasks:
        if task.get_name() != "http":
            task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await ctx.close()
