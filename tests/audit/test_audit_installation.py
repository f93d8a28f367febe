"""Issue 9 item 17 on both backends: the operator's installation-wide actions — `openlux key rotate`
(once it completes) and `openlux outbox purge` — are in the audit log among the events tied to no
account (`openlux audit list --installation`). Each test has an installation of its own."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cli import invoke
from tests.support.databases import database_url, drop_postgres_database


@pytest.fixture
def installation(backend: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of an `openlux init` with its master key in a key file (rotation needs one)."""
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    url = database_url(backend, str(tmp_path))
    env = {
        "OPENLUX_DATA_DIR": str(tmp_path / "data"),
        "OPENLUX_DATABASE_URL": url,
        "OPENLUX_MASTER_KEY_FILE": str(keys / "openlux.key"),
        "OPENLUX_MASTER_KEY": None,  # unset: the key lives in the file
    }
    invoke("init", "--json", env=env, check=True)
    try:
        yield env
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)


def _openlux(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """The command in this process (CliRunner): what is checked is the audit log, not the process."""
    return invoke(*args, env=env)


def _events(env: dict[str, str], action: str, *where: str) -> list[dict]:
    listed = _openlux(env, "audit", "list", "--json", "--action", action, *where)
    assert listed.returncode == 0, listed.stdout + listed.stderr
    return [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]


def test_a_completed_master_key_rotation_is_audited_for_the_installation(installation: dict[str, str]) -> None:
    env = installation
    stopped = _openlux(env, "key", "rotate", "--batch-size", "1", "--stop-after-batches", "1")
    assert stopped.returncode == 3, stopped.stdout + stopped.stderr
    assert _events(env, "master_key.rotate", "--installation") == []  # not complete yet
    done = _openlux(env, "key", "rotate")
    assert done.returncode == 0, done.stdout + done.stderr
    [rotated] = _events(env, "master_key.rotate", "--installation")
    assert rotated["actor_kind"] == "operator" and rotated["actor"] == "cli" and rotated["outcome"] == "success"
    assert rotated["account_id"] is None and rotated["target"] == "master key"
    assert rotated["details"]["resealed"] >= 1 and rotated["details"]["checked"] >= rotated["details"]["resealed"]
    assert _events(env, "master_key.rotate") == []  # not one account's event


def test_purging_every_captured_message_is_audited_for_the_installation(installation: dict[str, str]) -> None:
    purged = _openlux(installation, "outbox", "purge")
    assert purged.returncode == 0, purged.stdout + purged.stderr
    [event] = _events(installation, "outbox.purge", "--installation")
    assert event["actor_kind"] == "operator" and event["outcome"] == "success" and event["account_id"] is None
    assert event["target"] == "captured mail" and event["details"] == {"deleted": 0}
