"""Issue 9 items 1 (process), 14 and 16: listeners, failures, shutdown and concurrent first starts."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from openlux import runner
from openlux.core.listeners import RoleCannotContinue
from openlux.roles import Role, RoleKind
from tests.support.databases import database_url
from tests.support.server import free_port, openlux_bin, start_logged, wait_for_start_line


def serve_env(data_dir: Path, url: str, **ports: int) -> dict[str, str]:
    env = dict(os.environ, OPENLUX_DATA_DIR=str(data_dir), OPENLUX_DATABASE_URL=url, OPENLUX_HTTP_HOST="127.0.0.1")
    env.update(
        {
            "OPENLUX_HTTP_PORT": str(ports.get("http", free_port())),
            "OPENLUX_SUBMISSION_PORT": str(ports.get("submission", free_port())),
            "OPENLUX_INBOUND_PORT": str(ports.get("inbound", free_port())),
        }
    )
    return env


@pytest.mark.parametrize(
    ("port_name", "setting"),
    [("http", "OPENLUX_HTTP_PORT"), ("submission", "OPENLUX_SUBMISSION_PORT"), ("inbound", "OPENLUX_INBOUND_PORT")],
)
def test_busy_port_is_one_line_naming_port_and_setting_and_exit_1(tmp_path: Path, port_name: str, setting: str) -> None:
    # Binding a port does not depend on the database: SQLite only (three `openlux serve` runs fewer).
    db_url = database_url("sqlite", str(tmp_path))
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        env = serve_env(tmp_path / "data", db_url, **{port_name: port})
        result = subprocess.run([openlux_bin(), "serve"], env=env, capture_output=True, text=True, timeout=180)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output and "OpenLux is ready" not in output
    [line] = [line for line in output.splitlines() if line.startswith("error:")]
    assert f"127.0.0.1:{port}" in line and setting in line and "in use" in line


def test_busy_port_under_api_workers_is_the_same_one_line(tmp_path: Path) -> None:
    """`openlux api --workers 2` binds the shared socket itself: the same message as one process."""
    db_url = database_url("sqlite", str(tmp_path))
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        env = serve_env(tmp_path / "data", db_url, http=port)
        result = subprocess.run(
            [openlux_bin(), "api", "--workers", "2"], env=env, capture_output=True, text=True, timeout=180
        )
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    [line] = [line for line in output.splitlines() if line.startswith("error:")]
    assert line == (
        f"error: cannot listen on 127.0.0.1:{port} for the HTTP API (address already in use); "
        "set OPENLUX_HTTP_PORT (or --port) to a free port"
    )


def test_sigterm_during_load_stops_within_seconds(tmp_path: Path, db_url: str) -> None:
    env = serve_env(tmp_path / "data", db_url)
    process = start_logged([openlux_bin(), "serve"], env, tmp_path / "serve.log")
    try:
        base = f"http://127.0.0.1:{env['OPENLUX_HTTP_PORT']}"
        wait_for_start_line(tmp_path / "serve.log", process)
        assert httpx.get(f"{base}/perl/api/v2/openapi.json", timeout=30).status_code == 200  # bound before "ready"
        stop_load = threading.Event()

        def load() -> None:
            with httpx.Client(timeout=10) as client:
                while not stop_load.is_set():
                    with contextlib.suppress(httpx.HTTPError):
                        client.post(f"{base}/perl/api/v2/auth", content=b'{"token": "x", "date": 1, "signature": "y"}')

        workers = [threading.Thread(target=load) for _ in range(8)]
        for worker in workers:
            worker.start()
        try:
            # Requests in flight, not answers: bad tokens from one address meet the login throttle's
            # growing delay (auth/throttle.py), so most of these wait in the server when SIGTERM comes.
            time.sleep(2)
            started = time.monotonic()
            os.killpg(process.pid, signal.SIGTERM)
            code = process.wait(timeout=30)
            elapsed = time.monotonic() - started
        finally:  # whatever failed above, the load threads stop (else the test process never exits)
            stop_load.set()
            for worker in workers:
                worker.join()
        assert code == 0
        assert elapsed < 10, f"shutdown took {elapsed:.1f} s"
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


async def test_a_failing_role_is_restarted_with_back_off(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(runner, "BACKOFF_FIRST", 0.05)
    runs = []

    async def flaky(ctx: object) -> None:
        runs.append(time.monotonic())
        if len(runs) < 3:
            raise RuntimeError("database went away")
        await asyncio.Event().wait()

    caplog.set_level(logging.ERROR, logger="openlux.runner")
    task = asyncio.create_task(runner.supervise(Role("flaky", RoleKind.WORKER, flaky), object()))
    while len(runs) < 3:
        await asyncio.sleep(0.01)
    assert not task.done()  # the third run keeps going
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert [r.message for r in caplog.records].count("role flaky failed; restarting in 0 s") == 2
    # backs off: sleeps never end early, so the gaps are at least 0.05 s, then 0.1 s
    assert runs[1] - runs[0] >= 0.045 and runs[2] - runs[1] >= 0.095


async def test_a_role_that_cannot_continue_ends_supervision() -> None:
    async def fatal(ctx: object) -> None:
        raise RoleCannotContinue("cannot listen on 127.0.0.1:1 for x; set OPENLUX_X to a free port")

    with pytest.raises(RoleCannotContinue):
        await runner.supervise(Role("fatal", RoleKind.SMTP, fatal), object())


def test_two_processes_starting_together_initialise_exactly_once(tmp_path: Path, db_url: str) -> None:
    """Two `openlux api` on one database (each with its own, empty data dir on PostgreSQL)."""
    processes, logs, envs = [], [], []
    shared_key = "A" * 43 + "="  # both must use one master key
    for index in range(2):
        data = tmp_path / f"data{index}" if "postgresql" in db_url else tmp_path / "data"
        env = serve_env(data, db_url)
        env["OPENLUX_MASTER_KEY"] = shared_key
        log_path = tmp_path / f"api{index}.log"
        envs.append(env)
        logs.append(log_path)
        processes.append(start_logged([openlux_bin(), "api"], env, log_path))
    try:
        outputs = [
            wait_for_start_line(log_path, process, 180) for process, log_path in zip(processes, logs, strict=True)
        ]
        if "postgresql" in db_url:  # separate data dirs: only the initialiser has credentials to show
            assert sum("account_secret" in out for out in outputs) == 1, outputs
            assert sum("at initialisation (by another process" in out for out in outputs) == 1, outputs
        for env, out in zip(envs, outputs, strict=False):
            assert f"http://127.0.0.1:{env['OPENLUX_HTTP_PORT']}/perl/api/v2" in out
            reply = httpx.get(f"http://127.0.0.1:{env['OPENLUX_HTTP_PORT']}/perl/api/v2/openapi.json", timeout=30)
            assert reply.status_code == 200
        accounts = subprocess.run(
            [openlux_bin(), "user", "list"], env=envs[0], capture_output=True, text=True, timeout=120
        )
        assert accounts.stdout.count("admin@example.com") == 1, accounts.stdout
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)


def test_api_url_follows_current_settings_not_the_first_start(tmp_path: Path, db_url: str) -> None:
    first = serve_env(tmp_path / "data", db_url)
    subprocess.run([openlux_bin(), "init"], env=first, capture_output=True, timeout=180, check=True)
    stored = json.loads((tmp_path / "data" / "credentials.json").read_text())
    assert stored["api_url"].endswith(f":{first['OPENLUX_HTTP_PORT']}/perl/api/v2")
    later = serve_env(tmp_path / "data", db_url)
    log_path = tmp_path / "serve.log"
    process = start_logged([openlux_bin(), "serve"], later, log_path)
    try:
        out = wait_for_start_line(log_path, process)
        assert f"127.0.0.1:{later['OPENLUX_HTTP_PORT']}/perl/api/v2" in out
        assert f":{first['OPENLUX_HTTP_PORT']}/perl" not in out
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
