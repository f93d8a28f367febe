"""The `openlux` command: init output, idempotence, clear errors and exit codes, serve on an empty dir."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
from pathlib import Path

import httpx

from tests.support.cli import invoke
from tests.support.server import free_port, openlux_bin, read_until_start_line

INIT_KEYS = {"api_url", "account", "user", "password", "account_token", "account_secret", "user_token", "user_secret"}


def _run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [openlux_bin(), *args], capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})}
    )


def test_init_prints_the_documented_json_and_keeps_secrets_private(tmp_path: Path) -> None:
    result = _run("init", "--data-dir", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert set(info) == INIT_KEYS and info["api_url"].endswith("/perl/api/v2")
    for name in ("credentials.json", "master.key"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o600
    again = _run("init", "--data-dir", str(tmp_path), "--json")
    assert again.returncode == 2 and "already initialised" in again.stderr


def test_user_and_integration_commands(tmp_path: Path) -> None:
    """Through CliRunner, except one real process per command group (`user list`, `integration list`)."""

    def cli(*args: str) -> subprocess.CompletedProcess:
        return invoke(*args, "--data-dir", str(tmp_path))

    assert cli("init", "--json").returncode == 0
    created = cli("user", "create", "jane@example.org", "--password", "Zebra-Stripes-99")
    assert created.returncode == 0 and "jane@example.org" in created.stdout
    listed = _run("user", "list", "--data-dir", str(tmp_path))
    assert "jane@example.org" in listed.stdout and "admin@example.com" in listed.stdout
    bad_user = cli("user", "create", "not-an-address")
    assert bad_user.returncode == 1 and "not a valid e-mail address" in bad_user.stderr
    bad_scope = cli("integration", "create", "x", "--scope", "galaxy")
    assert bad_scope.returncode == 1 and "scope" in bad_scope.stderr
    bad_access = cli("integration", "create", "x", "--access", "nowhere=write")
    assert bad_access.returncode == 1 and "nowhere" in bad_access.stderr
    made = cli("integration", "create", "crm", "--access", "domains=read")
    token = json.loads(made.stdout)["token"]
    assert token in _run("integration", "list", "--data-dir", str(tmp_path)).stdout
    assert cli("integration", "disable", token).returncode == 0
    assert cli("integration", "disable", "nope").returncode == 1


def test_serve_initialises_an_empty_data_dir_and_prints_credentials(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "OPENLUX_SUBMISSION_PORT": str(free_port()),
        "OPENLUX_INBOUND_PORT": str(free_port()),
        "COLUMNS": "200",
        "PYTHONUNBUFFERED": "1",  # lines reach the pipe as they are printed
    }
    proc = subprocess.Popen(
        [openlux_bin(), "serve", "--data-dir", str(tmp_path / "fresh"), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    started = ""
    try:
        started = read_until_start_line(proc)
        assert httpx.get(f"http://127.0.0.1:{port}/perl/api/v2/openapi.json").status_code == 200
        creds = json.loads((tmp_path / "fresh" / "credentials.json").read_text())
        assert set(creds) == INIT_KEYS
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        output = started + proc.communicate(timeout=30)[0]
    assert creds["user_token"] in output and creds["password"] in output
    assert proc.returncode == 0
