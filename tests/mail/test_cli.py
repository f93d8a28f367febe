"""`openlux send`, `openlux queue` and `openlux outbox` as an operator runs them (capture mode).

Commands run through typer's CliRunner; one call per command group (and the worker) is a real process,
the smoke test that the console script itself works.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

from tests.support.cli import invoke, run_command
from tests.support.polling import wait_until
from tests.support.server import openlux_bin


def run(env: dict[str, str], *args: str, process: bool = False) -> str:
    done = run_command(*args, env=env, check=True) if process else invoke(*args, env=env, check=True)
    return done.stdout


def test_send_queue_and_outbox_commands(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "OPENLUX_DATA_DIR": str(tmp_path / "data"),
        "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
        "COLUMNS": "200",
    }
    run(env, "init", "--json", "--password", "Correct-Horse-2024")
    (tmp_path / "file.txt").write_text("attached text")
    sent = json.loads(
        run(
            env,
            "send",
            "--to",
            "pat@example.org",
            "--subject",
            "From the CLI",
            "--text",
            "Hello",
            "--attach",
            str(tmp_path / "file.txt"),
            process=True,
        )
    )
    assert sent[0]["status"] == "queued"
    eml = tmp_path / "m.eml"
    eml.write_bytes(b"From: admin@example.com\r\nTo: lee@example.org\r\nSubject: Raw one\r\n\r\nRaw body\r\n")
    assert json.loads(run(env, "send", "--eml", str(eml), "--to", "lee@example.org"))[0]["status"] == "queued"
    assert "queued" in run(env, "queue", "list", process=True)
    worker = subprocess.Popen(
        [openlux_bin(), "worker"], env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def both_delivered() -> str | None:  # in whichever order the worker happened to deliver them
        text = run(env, "outbox", "list")
        return text if "Raw one" in text and "From the CLI" in text else None

    try:
        listing = wait_until(both_delivered, timeout=30, interval=0.2)
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=20)
    assert "From the CLI" in listing and "Raw one" in listing
    assert "From the CLI" in run(env, "outbox", "list", process=True)
    shown = next(
        text
        for text in (run(env, "outbox", "show", "1"), run(env, "outbox", "show", "2"))
        if "Subject: From the CLI" in text
    )
    assert 'filename="file.txt"' in shown
    assert "sent" in run(env, "queue", "list", "--message", str(sent[0]["id"]))
    assert "deleted 2 messages" in run(env, "queue", "purge")
