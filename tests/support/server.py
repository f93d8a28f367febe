"""Real OpenLux servers on loopback ports for end-to-end tests: in-process by default, a process on request.

    start_server(data_dir, database_url, extra_env)                # in-process (the usual case)
    start_server(data_dir, database_url, extra_env, process=True)  # `openlux serve` in its own process

In-process, the app (openlux.app.create_app) and every background role (openlux.roles.ROLES) run
through openlux.runner.run_process — the code `openlux serve` runs — in a background thread
with its own event loop, on a real database and real HTTP/SMTP sockets. Only what needs a process
(signals, SIGKILL of a worker, the command line itself) asks for `process=True`.
Both kinds give the same RunningServer (base_url, credentials, data_dir, database_url, env, …).
"""

from __future__ import annotations

import asyncio
import http.client
import json
import logging
import os
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openlux.accounts.bootstrap import initialise
from openlux.app import create_app
from openlux.cli_kit import CREDENTIALS_FILE, prepared_context, run_with_context
from openlux.client import Client
from openlux.config import Settings
from openlux.core.context import AppContext
from openlux.roles import roles_of
from openlux.runner import run_process
from openlux.tlsfront import https_files
from tests.support.databases import database_url, drop_postgres_database
from tests.support.smtp_sinks import Sink, free_port, start_sink

PASSWORD = "Correct-Horse-2024"  # the admin password every test server is initialised with


class InProcess:
    """The API and the roles in a daemon thread's event loop; `stop()` ends them like SIGTERM would."""

    def __init__(self, settings: Settings, log_path: Path) -> None:
        self.settings = settings
        self.log_path = log_path
        self.credentials: dict[str, Any] = {}
        self.failures: list[str] = []  # what run_process reported (a port taken, a role that cannot continue)
        self.ctx: AppContext | None = None
        self.ready = threading.Event()
        self.error: BaseException | None = None
        self.loop = asyncio.new_event_loop()
        self.stop_event: asyncio.Event | None = None
        self.thread = threading.Thread(target=self._run, name=f"openlux-{settings.http_port}", daemon=True)
        self.log_handler = _thread_log_handler(log_path, self.thread.name)

    def start(self, timeout: float = 120.0) -> None:
        self.thread.start()
        if not self.ready.wait(timeout) or self.error is not None:
            self.stop()
            raise RuntimeError(f"in-process server did not start: {self.error!r}") from self.error

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._main())
        except BaseException as exc:  # noqa: BLE001 - reported to start() or kept for stop()
            self.error = exc
            self.ready.set()
        finally:
            self.loop.close()

    async def _main(self) -> None:
        self.stop_event = asyncio.Event()
        settings = self.settings
        ctx = self.ctx = await prepared_context(settings)
        try:
            self.credentials.update(await initialised(ctx))
            roles = roles_of(None)  # what `openlux serve` runs
            ctx.role_names = frozenset([role.name for role in roles] + ["http"])
            settings.announce_served_address()
            https = https_files(settings)
            tls = (str(https.cert), str(https.key)) if https is not None else None
            code = await run_process(
                ctx,
                roles,
                app=create_app(ctx=ctx),
                announce=self.ready.set,
                report=self.failures.append,
                tls_files=tls,
                stop=self.stop_event,
            )
            if code and not self.ready.is_set():
                raise RuntimeError("; ".join(self.failures) or f"exit status {code}")
        finally:
            await ctx.close()

    def stop(self) -> None:
        if self.thread.is_alive() and self.stop_event is not None:
            self.loop.call_soon_threadsafe(self.stop_event.set)
        self.thread.join(timeout=30)
        for name in ("", "uvicorn"):
            logging.getLogger(name).removeHandler(self.log_handler)
        self.log_handler.close()


async def initialised(ctx: AppContext) -> dict[str, Any]:
    """What `openlux init --password PASSWORD` does to a fresh database: the credentials it prints."""
    credentials = await initialise(ctx, admin_login="admin@example.com", password=PASSWORD)
    assert credentials is not None, "a test database starts without an account"
    (ctx.settings.data_dir / CREDENTIALS_FILE).write_text(json.dumps(credentials))
    return credentials


def _thread_log_handler(path: Path, thread_name: str) -> logging.Handler:
    """Log records emitted in the server's thread go to its serve.log (what log_tail shows)."""
    handler = logging.FileHandler(path, delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(lambda record: record.threadName == thread_name)
    for name in ("", "uvicorn"):
        logging.getLogger(name).addHandler(handler)
    return handler


@dataclass
class RunningServer:
    """A started server (in-process or a process) and the credentials `openlux init` made."""

    data_dir: Path
    database_url: str
    port: int
    env: dict[str, str]
    credentials: dict[str, Any]
    log_path: Path
    process: subprocess.Popen | None = None
    in_process: InProcess | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def context(self) -> AppContext:
        """The live AppContext of an in-process server (its per-process state: held accounts, caches …)."""
        assert self.in_process is not None and self.in_process.ctx is not None, "only in-process servers expose it"
        return self.in_process.ctx

    def user_api(self, **kwargs: Any) -> Client:
        """SDK client on the user-scope integration, signed in as the admin user (close it, or use `with`)."""
        c = self.credentials
        return Client(
            self.base_url, c["user_token"], c["user_secret"], **{"user": c["user"], "password": c["password"], **kwargs}
        )

    def account_api(self, **kwargs: Any) -> Client:
        """SDK client on the account-scope integration (acting as the admin user unless `user=` is given)."""
        c = self.credentials
        return Client(
            self.base_url,
            c["account_token"],
            c["account_secret"],
            **{"account": c["account"], "user": c["user"], **kwargs},
        )

    @property
    def submission_port(self) -> int:
        return int(self.env["OPENLUX_SUBMISSION_PORT"])

    @property
    def inbound_port(self) -> int:
        return int(self.env["OPENLUX_INBOUND_PORT"])

    def is_running(self) -> bool:
        """The process has not exited / the in-process server's thread still runs."""
        if self.process is not None:
            return self.process.poll() is None
        return self.in_process is not None and self.in_process.thread.is_alive()

    def log_tail(self, chars: int = 4000) -> str:
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        if self.in_process is not None:
            self.in_process.stop()
        if self.process is not None:
            stop_process(self.process)


def openlux_bin() -> str:
    """The installed console script next to this interpreter."""
    return str(Path(sys.executable).with_name("openlux"))


def server_env(data_dir: Path, database_url: str, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a test server: its data, database and fresh loopback ports, plus `extra_env`."""
    env = dict(os.environ)
    env.update(
        {
            "OPENLUX_DATA_DIR": str(data_dir),
            "OPENLUX_DATABASE_URL": database_url,
            "OPENLUX_HTTP_HOST": "127.0.0.1",
            "OPENLUX_HTTP_PORT": str(free_port()),
            "OPENLUX_SUBMISSION_PORT": str(free_port()),
            "OPENLUX_INBOUND_PORT": str(free_port()),
        }
    )
    env.update(extra_env or {})
    return env


def settings_from_env(env: dict[str, str]) -> Settings:
    """Settings as `openlux serve` would load them from `env` (without touching os.environ)."""
    overrides = {key[len("OPENLUX_") :].lower(): value for key, value in env.items() if key.startswith("OPENLUX_")}
    return Settings.load(**{k: v for k, v in overrides.items() if k in Settings.model_fields})


def start_logged(command: list[str], env: dict[str, str], log_path: Path) -> subprocess.Popen:
    """`command` in a session of its own, stdout and stderr into `log_path` (the child keeps the file open;
    this process closes its own handle at once instead of leaving it to the garbage collector)."""
    with log_path.open("w") as log:
        return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def start_server(
    data_dir: Path,
    database_url: str,
    extra_env: dict[str, str] | None = None,
    args: list[str] | None = None,
    *,
    process: bool = False,
) -> RunningServer:
    """Initialise the database (`openlux init`) and run a server until the API answers.

    In-process unless `process=True` (then `openlux init` and `openlux serve [args]` run as commands).
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    env = server_env(data_dir, database_url, extra_env)
    port = int(env["OPENLUX_HTTP_PORT"])
    log_path = data_dir / "serve.log"
    if not process:
        assert not args, "command-line arguments need a process: start_server(..., process=True)"
        runner = InProcess(settings_from_env(env), log_path)
        runner.start()
        # Not fetching the OpenAPI document here (a process server's readiness check does): building it
        # took 0.3-0.7 s of each start, and only a few tests read it (with a 30 s timeout, for its first build).
        return RunningServer(data_dir, database_url, port, env, runner.credentials, log_path, in_process=runner)
    # Initialised in this process, as `openlux init` would (its own tests run the command): a process of its
    # own cost each process server 2-3 s of CPU, mostly imports. In a helper thread, for callers whose
    # event loop is running.
    with ThreadPoolExecutor(max_workers=1) as pool:
        credentials = pool.submit(run_with_context, settings_from_env(env), initialised).result(timeout=120)
    child = start_logged([openlux_bin(), "serve", *(args or [])], env, log_path)
    server = RunningServer(data_dir, database_url, port, env, credentials, log_path, process=child)
    wait_until_up(server)
    return server


def openapi_status(port: int, *, timeout: float, tls: ssl.SSLContext | None = None) -> int:
    """GET the OpenAPI document (the app builds it on first request) over HTTP, or HTTPS with `tls` (to
    "localhost"); the HTTP status. The connection is closed whatever happens."""
    conn = (
        http.client.HTTPSConnection("localhost", port, timeout=timeout, context=tls)
        if tls is not None
        else http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    )
    try:
        conn.request("GET", "/perl/api/v2/openapi.json")
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def wait_until_up(server: RunningServer, timeout: float = 60.0) -> None:
    """Poll the OpenAPI document of a server process until it answers 200."""
    assert server.process is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"openlux serve exited early:\n{server.log_tail()}")
        try:
            if openapi_status(server.port, timeout=2) == 200:
                return
        except OSError:
            pass
        time.sleep(0.05)
    server.stop()
    raise RuntimeError(f"openlux serve did not answer within {timeout}s:\n{server.log_tail()}")


RELAY_ENV = {
    "OPENLUX_DELIVERY_MODE": "relay",
    "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
    "OPENLUX_DELIVERY_RETRY_BASE_SECONDS": "0.2",
}


@dataclass
class Served:
    """A server on a fresh database and, when asked for, the SMTP sink it relays to."""

    server: RunningServer
    sink: Sink | None
    tmp: Path
    backend: str

    def user_api(self, **kwargs: Any) -> Client:
        return self.server.user_api(**kwargs)

    def account_api(self, **kwargs: Any) -> Client:
        return self.server.account_api(**kwargs)


@contextmanager
def served(
    backend: str,
    *,
    sink: str | None = None,
    sink_options: dict[str, Any] | None = None,
    extra_env: dict[str, str] | None = None,
    process: bool = False,
) -> Iterator[Served]:
    """A server on a fresh `backend` database for the `with` block; everything is removed afterwards.

    With `sink` (a smtp_sinks kind), a sink is started first and the server relays to it (RELAY_ENV:
    fast polling and retries); `extra_env` comes last and wins.
    """
    with scratch_installation(backend, "openlux") as (tmp, url):
        relay = start_sink(sink, tls_dir=tmp, **(sink_options or {})) if sink else None
        env = {**RELAY_ENV, "OPENLUX_RELAYS": relay.address} if relay else {}
        try:
            server = start_server(tmp / "data", url, extra_env={**env, **(extra_env or {})}, process=process)
            try:
                yield Served(server, relay, tmp, backend)
            finally:
                server.stop()
        finally:
            if relay is not None:
                relay.stop()


def user_client(port: int, creds: dict[str, Any], **kwargs: Any) -> Client:
    """SDK client on a loopback port with the user-scope integration `openlux init` printed (`creds`)."""
    return Client(
        f"http://127.0.0.1:{port}",
        creds["user_token"],
        creds["user_secret"],
        **{"user": creds["user"], "password": creds["password"], **kwargs},
    )


@contextmanager
def scratch_installation(backend: str, prefix: str) -> Iterator[tuple[Path, str]]:
    """A temporary directory and a fresh database on `backend` for processes a test starts itself:
    (directory, database URL); both are removed afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix=f"{prefix}-{backend}-"))
    url = database_url(backend, str(tmp))
    try:
        yield tmp, url
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


def start_api_process(env: dict[str, str], *, workers: int = 1, log_name: str = "api") -> tuple[subprocess.Popen, int]:
    """Another `openlux api` on an initialised database (same environment, its own port)."""
    port = free_port()
    proc_env = dict(env, OPENLUX_HTTP_PORT=str(port))
    log_path = Path(env["OPENLUX_DATA_DIR"]) / f"{log_name}-{port}.log"
    process = start_logged([openlux_bin(), "api", "--workers", str(workers)], proc_env, log_path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"openlux api exited early:\n{log_path.read_text(errors='replace')[-4000:]}")
        try:
            if openapi_status(port, timeout=2) == 200:
                return process, port
        except OSError:
            pass
        time.sleep(0.05)
    stop_process(process)
    raise RuntimeError(f"openlux api did not answer:\n{log_path.read_text(errors='replace')[-4000:]}")


START_LINE = "Ctrl-C stops"  # `openlux serve`/`api` print it once every listener is bound


def start_worker_process(env: dict[str, str], log_path: Path, *options: str) -> subprocess.Popen:
    """`openlux worker` (with `options`) on an initialised database, its output in `log_path`; not waited for
    (wait_for_start_line waits for it to be up)."""
    return start_logged([openlux_bin(), "worker", *options], env, log_path)


def wait_for_start_line(log_path: Path, process: subprocess.Popen, timeout: float = 120.0) -> str:
    """Poll the log file `process` writes until its start line (START_LINE); the log so far.

    Fails when the process exits first or `timeout` passes (with the end of the log). Waiting for the
    line, not polling the port, cannot mistake another test's server on a reused port for this one.
    """
    deadline = time.monotonic() + timeout
    while True:
        text = log_path.read_text(errors="replace") if log_path.exists() else ""
        if START_LINE in text:
            return text
        assert process.poll() is None, f"exited ({process.returncode}) before its start line:\n{text[-4000:]}"
        assert time.monotonic() < deadline, f"no start line within {timeout} s:\n{text[-4000:]}"
        time.sleep(0.05)


def read_until_start_line(process: subprocess.Popen, timeout: float = 90.0) -> str:
    """What a process started with stdout=PIPE (text, start_new_session) printed up to its start line.

    The process is SIGKILLed after `timeout` (the read cannot hang the test); it keeps running otherwise.
    """
    assert process.stdout is not None, "start the process with stdout=subprocess.PIPE, text=True"
    watchdog = threading.Timer(timeout, os.killpg, (process.pid, signal.SIGKILL))
    watchdog.start()
    seen = []
    try:
        for line in process.stdout:
            seen.append(line)
            if START_LINE in line:
                break
    finally:
        watchdog.cancel()
    return "".join(seen)


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM a process group started with start_new_session, SIGKILL after 20 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
