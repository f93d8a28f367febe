"""Issue 9 item 15: ordinary mistakes end with one clear line, a non-zero status, and no secret."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from tests.support.server import RunningServer, openlux_bin

PASSWORD_IN_URL = "s3cr3t-Pw"


def openlux(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([openlux_bin(), *args], env=env, capture_output=True, text=True, timeout=120)


def assert_one_clear_line(result: subprocess.CompletedProcess, *fragments: str) -> None:
    assert result.returncode != 0
    output = (result.stdout + result.stderr).strip()
    assert "Traceback" not in output
    lines = output.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), output
    for fragment in fragments:
        assert fragment in lines[0], output
    assert PASSWORD_IN_URL not in output and "argon2" not in output and "INSERT" not in output


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        (f"postgresql://openlux:{PASSWORD_IN_URL}@127.0.0.1/openlux", "async driver"),
        (f"postgres://openlux:{PASSWORD_IN_URL}@127.0.0.1/openlux", "OPENLUX_DATABASE_URL"),
        (f"postgresql+asyncpg://openlux:{PASSWORD_IN_URL}@127.0.0.1:1/openlux", "is the server running"),
        ("no-such-scheme", "not a database URL"),
        ("sqlite:///x.db", "async driver"),
        (f"mysql+aiomysql://u:{PASSWORD_IN_URL}@127.0.0.1/x", "OPENLUX_DATABASE_URL"),
    ],
)
def test_bad_database_url_is_one_line(tmp_path: Path, url: str, fragment: str) -> None:
    env = dict(os.environ, OPENLUX_DATA_DIR=str(tmp_path / "data"), OPENLUX_DATABASE_URL=url)
    assert_one_clear_line(openlux(env, "serve"), fragment)


@pytest.mark.parametrize("command", [["db", "upgrade"], ["init"], ["user", "list"]])
def test_every_command_reports_a_bad_database_url_the_same_way(tmp_path: Path, command: list[str]) -> None:
    env = dict(
        os.environ,
        OPENLUX_DATA_DIR=str(tmp_path / "data"),
        OPENLUX_DATABASE_URL=f"postgresql+asyncpg://openlux:{PASSWORD_IN_URL}@127.0.0.1:1/openlux",
    )
    assert_one_clear_line(openlux(env, *command), "is the server running")


def test_read_only_data_dir_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o555)
    tmp_path.chmod(0o755)
    # Not measured under `make coverage`: the unprivileged process could not write its coverage
    # data into the project and would print that traceback at exit.
    env = {k: v for k, v in os.environ.items() if k not in ("COVERAGE_PROCESS_CONFIG", "COVERAGE_PROCESS_START")}
    env["OPENLUX_DATA_DIR"] = str(data)
    # As an unprivileged user: root ignores the directory's permissions.
    result = subprocess.run(
        ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", openlux_bin(), "serve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert_one_clear_line(result, "OPENLUX_DATA_DIR", "ermission denied")


def test_duplicate_user_create_is_one_line_without_the_password_hash(server: RunningServer) -> None:
    run_cli(server, "user", "create", "dup-user@example.com", "--password", "Dup-Password-1")
    result = run_cli(server, "user", "create", "dup-user@example.com", "--password", "Dup-Password-2", check=False)
    assert_one_clear_line(result, "already exists")
    assert "Dup-Password" not in result.stdout + result.stderr


def test_send_with_a_missing_attachment_is_one_line(server: RunningServer) -> None:
    result = run_cli(
        server,
        "send",
        "--to",
        "a@example.org",
        "--subject",
        "s",
        "--text",
        "t",
        "--attach",
        "/no/such/file.pdf",
        check=False,
    )
    assert_one_clear_line(result, "/no/such/file.pdf")
