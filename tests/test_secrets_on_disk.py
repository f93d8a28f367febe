"""Issue 9 item 11: secrets shown once, no static API key by default, a private data directory."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from openlux.client import Client
from tests.support.databases import database_url, drop_postgres_database
from tests.support.server import (
    RunningServer,
    free_port,
    openlux_bin,
    read_until_start_line,
    start_server,
    wait_for_start_line,
)

SECRET_KEYS = ("password", "account_secret", "user_secret")


@pytest.fixture(scope="module")
def fresh_server(backend: str) -> Iterator[RunningServer]:
    """A server process of this module's, on a data directory made 0755 with an operator's 0644 file in it.

    Module-scoped: a process start costs seconds, and no test here changes what another one looks at."""
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-private-{backend}-"))
    data = tmp / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    (data / "operator-notes.txt").write_text("not OpenLux's")
    (data / "operator-notes.txt").chmod(0o644)
    url = database_url(backend, str(data))  # SQLite: the database, its WAL and SHM in the data dir
    running = start_server(data, url, process=True)  # what `openlux serve` does to the data directory
    try:
        yield running
    finally:
        running.stop()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _finished_job(api: Client, job_id: int) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job = api.call("getUserJob", job_id=job_id)
        if job["status"] in ("complete", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"report job {job_id} did not finish")


def test_data_directory_and_every_file_openlux_creates_are_private(fresh_server: RunningServer) -> None:
    c = fresh_server.credentials
    with Client(
        fresh_server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"]
    ) as api:
        api.send_email(messages=[{"to": ["someone@example.net"], "subject": "private", "text": "captured mail"}])
        job = api.call("getEmailSMTPSentReportUser", destination="local")
        assert _finished_job(api, job["job_id"])["status"] == "complete"
    data = fresh_server.data_dir
    assert _mode(data) == 0o700
    made = [p for p in data.rglob("*") if p.name not in ("operator-notes.txt", "serve.log")]
    assert any(p.name.endswith(".csv.sealed") for p in made), made  # the kept report CSV (sealed) is among them
    if fresh_server.database_url.startswith("sqlite"):
        assert {"openlux.db", "openlux.db-wal", "openlux.db-shm"} <= {p.name for p in made}
    for path in made:
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), f"{path} is {_mode(path):o}"
    # Not ours: left alone, and named in a warning.
    assert _mode(data / "operator-notes.txt") == 0o644
    assert "operator-notes.txt (644)" in fresh_server.log_tail(20000)


def test_later_starts_print_where_the_secrets_are_not_their_values(fresh_server: RunningServer) -> None:
    c = fresh_server.credentials
    assert fresh_server.process is not None
    log = wait_for_start_line(fresh_server.log_path, fresh_server.process)
    for key in (*SECRET_KEYS, "user_token", "account_token"):
        assert c[key] not in log, f"{key} printed by a later start"
    assert str(fresh_server.data_dir / "credentials.json") in log
    assert _mode(fresh_server.data_dir / "credentials.json") == 0o600


def test_the_default_account_integration_refuses_a_static_api_key(fresh_server: RunningServer) -> None:
    c = fresh_server.credentials
    path = f"/perl/api/v2/account/{c['account']}/domains"
    answer = httpx.get(
        fresh_server.base_url + path, headers={"X-API-Key": f"{c['account_token']}:{c['account_secret']}"}
    )
    assert answer.status_code == 403 and answer.json()["success"] == 0


def test_init_api_key_opts_the_default_integration_in(tmp_path: Path) -> None:
    env = {**os.environ, "OPENLUX_HTTP_PORT": str(free_port())}
    for name in ("OPENLUX_DATABASE_URL", "OPENLUX_DATA_DIR"):
        env.pop(name, None)
    data = tmp_path / "data"
    init = subprocess.run(
        [openlux_bin(), "init", "--json", "--api-key", "--data-dir", str(data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert init.returncode == 0, init.stderr
    listed = subprocess.run(
        [openlux_bin(), "integration", "list", "--data-dir", str(data)],
        env={**env, "COLUMNS": "250"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert listed.returncode == 0, listed.stderr
    rows = [line for line in listed.stdout.splitlines() if "Default account integration" in line]
    assert rows and "accepted" in rows[0], listed.stdout


def test_serve_on_an_empty_directory_shows_secrets_once_then_only_their_place(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "OPENLUX_SUBMISSION_PORT": str(free_port()),
        "OPENLUX_INBOUND_PORT": str(free_port()),
        "COLUMNS": "200",
        "PYTHONUNBUFFERED": "1",  # lines reach the pipe as they are printed
    }
    env.pop("OPENLUX_DATABASE_URL", None)
    outputs = []
    for _ in range(2):
        port = free_port()
        proc = subprocess.Popen(
            [openlux_bin(), "serve", "--data-dir", str(tmp_path / "d"), "--port", str(port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            start_new_session=True,
        )
        # This process's own start-up lines (polling the port instead could meet another test's server on it).
        try:
            seen = read_until_start_line(proc)
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
        outputs.append(seen + proc.communicate(timeout=30)[0])

    creds = json.loads((tmp_path / "d" / "credentials.json").read_text())
    first, later = outputs
    assert all(creds[key] in first for key in SECRET_KEYS)
    assert not any(creds[key] in later for key in SECRET_KEYS), later
    assert "credentials.json" in later and "/perl/api/v2" in later, (first, later)
