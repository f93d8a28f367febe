"""Running a process's roles and HTTP API: bound before "ready", supervised, stopped in seconds.

- Every listener binds before `announce()` (which prints "OpenLux is ready"): the HTTP socket is
  bound here and handed to uvicorn; SMTP listener roles mark themselves bound
  (core.listeners.listen) and are waited for.
- A role that raises is logged with its name and restarted after a back-off (1 s doubling to
  60 s, reset after a minute of running), so one exception never stops a worker for good. A role
  that raises RoleCannotContinue (a port taken, no permission) stops the process: its message is
  printed as one line and the exit status is 1. So is the HTTP server stopping by itself.
- SIGINT/SIGTERM stop everything within SHUTDOWN_SECONDS: uvicorn gets a short graceful period,
  roles are cancelled and waited for at most that long; exit status 0.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING

import uvicorn

from openlux.core import memory
from openlux.core.context import AppContext
from openlux.core.listeners import RoleCannotContinue, bind_tcp
from openlux.roles import Role

if TYPE_CHECKING:
    from starlette.types import ASGIApp

log = logging.getLogger("openlux.runner")
BACKOFF_FIRST = 1.0  # seconds before the first restart of a failed role
BACKOFF_MAX = 60.0
HEALTHY_AFTER = 60.0  # a role that ran this long before failing starts its back-off again from BACKOFF_FIRST
READY_TIMEOUT = 30.0  # seconds listeners get to bind
SHUTDOWN_SECONDS = 5.0  # the most a stop waits for roles and open HTTP connections
POLL = 0.02


async def supervise(role: Role, ctx: AppContext) -> None:
    """Run `role` until cancelled, restarting it after any exception except RoleCannotContinue."""
    loop = asyncio.get_running_loop()
    delay = BACKOFF_FIRST
    while True:
        started = loop.time()
        try:
            await role.run(ctx)
            log.error("role %s returned although it should run until stopped; restarting in %.0f s", role.name, delay)
        except RoleCannotContinue:
            raise
        except Exception:
            log.exception("role %s failed; restarting in %.0f s", role.name, delay)
        if loop.time() - started >= HEALTHY_AFTER:
            delay = BACKOFF_FIRST
        await asyncio.sleep(delay)
        delay = min(delay * 2, BACKOFF_MAX)


async def run_process(
    ctx: AppContext,
    roles: list[Role],
    *,
    app: ASGIApp | None,
    announce: Callable[[], None],
    report: Callable[[str], None],
    tls_files: tuple[str, str] | None = None,
    listen_fd: int | None = None,
    stop: asyncio.Event | None = None,
) -> int:
    """Run the roles (and `app`, the HTTP API, unless None) until a signal (0) or a failure that stops
    the process (1).

    With `stop`, the caller owns stopping (setting it is what SIGINT/SIGTERM do otherwise) and no
    signal handler is installed: tests run a server this way in a background thread's loop.
    """
    settings = ctx.settings
    server: uvicorn.Server | None = None
    tasks: dict[asyncio.Task[None], str] = {}
    if app is not None:
        try:
            # A worker of `api --workers` serves the socket its parent bound.
            sock = (
                socket.socket(fileno=listen_fd)
                if listen_fd is not None
                else bind_tcp("the HTTP API", settings.http_host, settings.http_port, "OPENLUX_HTTP_PORT (or --port)")
            )
        except RoleCannotContinue as exc:
            report(exc.message)
            return 1
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="on",
            timeout_graceful_shutdown=int(SHUTDOWN_SECONDS) - 2,
            ssl_certfile=tls_files[0] if tls_files else None,
            ssl_keyfile=tls_files[1] if tls_files else None,
            proxy_headers=False,
        )  # X-Forwarded-*: OPENLUX_TRUSTED_PROXIES decides
        server = uvicorn.Server(config)
        tasks[asyncio.create_task(server.serve(sockets=[sock]), name="http")] = "http"
    for role in roles:
        tasks[asyncio.create_task(supervise(role, ctx), name=role.name)] = role.name
    if memory.LIBC is not None:  # RSS follows live data after bursts (openlux.core.memory)
        tasks[asyncio.create_task(memory.trim_role(), name="memory-trim")] = "memory-trim"
    signals = (signal.SIGINT, signal.SIGTERM) if stop is None else ()
    if stop is None:
        stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in signals:
        loop.add_signal_handler(sig, stop.set)
    try:
        failure = await _until_ready(ctx, roles, server, tasks, stop)
        if failure is None and not stop.is_set():
            announce()
            failure = await _until_stopped(tasks, stop)
    finally:
        for sig in signals:
            loop.remove_signal_handler(sig)
        await _shut_down(server, tasks)
    if failure is not None:
        report(failure)
        return 1
    return 0


async def _until_ready(
    ctx: AppContext,
    roles: list[Role],
    server: uvicorn.Server | None,
    tasks: dict[asyncio.Task[None], str],
    stop: asyncio.Event,
) -> str | None:
    """None once every listener is bound and the HTTP server started; else why the process must stop."""
    listeners = {role.name for role in roles if role.listener}
    deadline = asyncio.get_running_loop().time() + READY_TIMEOUT
    while not stop.is_set():
        failure = _failure_of_finished(tasks)
        if failure is not None:
            return failure
        if listeners <= ctx.bound_listeners and (server is None or server.started):
            return None
        if asyncio.get_running_loop().time() > deadline:
            waiting = sorted(listeners - ctx.bound_listeners) + ([] if server is None or server.started else ["http"])
            return f"listeners did not start within {READY_TIMEOUT:.0f} s: {', '.join(waiting)}"
        await asyncio.sleep(POLL)
    return None


async def _until_stopped(tasks: dict[asyncio.Task[None], str], stop: asyncio.Event) -> str | None:
    """Wait for a signal (None) or for a task to end, which is always a failure here."""
    stopper = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait([stopper, *tasks], return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopper.cancel()
    return None if stop.is_set() else _failure_of_finished(tasks)


def _failure_of_finished(tasks: dict[asyncio.Task[None], str]) -> str | None:
    for task, name in tasks.items():
        if not task.done():
            continue
        exc = task.exception() if not task.cancelled() else None
        if isinstance(exc, RoleCannotContinue):
            return exc.message
        if exc is not None:
            log.error("%s stopped", name, exc_info=exc)
            return f"{name} stopped: {type(exc).__name__}"
        return f"{name} stopped unexpectedly"
    return None


async def _shut_down(server: uvicorn.Server | None, tasks: dict[asyncio.Task[None], str]) -> None:
    """Stop HTTP gracefully (briefly) and cancel every role; never wait longer than SHUTDOWN_SECONDS."""
    if server is not None:
        server.should_exit = True
    for task, name in tasks.items():
        if name != "http":
            task.cancel()
    if not tasks:
        return
    _, pending = await asyncio.wait(list(tasks), timeout=SHUTDOWN_SECONDS)
    for task in pending:
        log.warning("%s did not stop within %.0f s; leaving it", tasks[task], SHUTDOWN_SECONDS)
        task.cancel()
