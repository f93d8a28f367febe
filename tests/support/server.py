"""A real `openlux serve` process on loopback ports, for end-to-end tests."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def free_port() -> int:
    """An unused loopback TCP port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningServer:
    """A started server and the credentials `openlux init` printed."""

    process: subprocess.Popen
    data_dir: Path
    database_url: str
    port: int
    env: dict[str, str]
    credentials: dict[str, Any]
    log_path: Path
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def openlux_bin() -> str:
    """The installed console script next to this interpreter."""
    return str(Path(sys.executable).with_name("openlux"))


def start_server(
    data_dir: Path, database_url: str, extra_env: dict[str, str] | None = None, args: list[str] | None = None
) -> RunningServer:
    """Run `openlux init` then `openlux serve` and wait until the API answers."""
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = dict(os.environ)
    env.update(
        {
            "OPENLUX_DATA_DIR": str(data_dir),
            "OPENLUX_DATABASE_URL": database_url,
            "OPENLUX_HTTP_HOST": "127.0.0.1",
            "OPENLUX_HTTP_PORT": str(port),
            "OPENLUX_SUBMISSION_PORT": str(free_port()),
            "OPENLUX_INBOUND_PORT": str(free_port()),
        }
    )
    env.update(extra_env or {})
    init = subprocess.run(
        [openlux_bin(), "init", "--json", "--password", "Correct-Horse-2024"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if init.returncode != 0:
        raise RuntimeError(f"openlux init failed: {init.stdout}\n{init.stderr}")
    credentials = json.loads(init.stdout.strip().splitlines()[-1])
    log_path = data_dir / "serve.log"
    process = subprocess.Popen(
        [openlux_bin(), "serve", *(args or [])],
        env=env,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server = RunningServer(process, data_dir, database_url, port, env, credentials, log_path)
    wait_until_up(server)
    return server


def wait_until_up(server: RunningServer, timeout: float = 60.0) -> None:
    """Poll the OpenAPI document until it answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"openlux serve exited early:\n{server.log_tail()}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=2)
            conn.request("GET", "/perl/api/v2/openapi.json")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"openlux serve did not answer within {timeout}s:\n{server.log_tail()}")


def start_api_process(env: dict[str, str], *, workers: int = 1, log_name: str = "api") -> tuple[subprocess.Popen, int]:
    """Another `openlux api` on an initialised database (same environment, its own port)."""
    port = free_port()
    proc_env = dict(env, OPENLUX_HTTP_PORT=str(port))
    log_path = Path(env["OPENLUX_DATA_DIR"]) / f"{log_name}-{port}.log"
    process = subprocess.Popen(
        [openlux_bin(), "api", "--workers", str(workers)],
        env=proc_env,
        stdout=log_path.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"openlux api exited early:\n{log_path.read_text(errors='replace')[-4000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/perl/api/v2/openapi.json")
            if conn.getresponse().status == 200:
                return process, port
        except OSError:
            pass
        time.sleep(0.2)
    stop_process(process)
    raise RuntimeError(f"openlux api did not answer:\n{log_path.read_text(errors='replace')[-4000:]}")


def stop_process(process: subprocess.Popen) -> None:
    """SIGTERM a process group started with start_new_session, SIGKILL after 20 s."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
