"""Running the `openlux` command in tests: in-process through typer's CliRunner, or as a real process.

    invoke("user", "list", env=...)       # CliRunner: the command's code in this process (the usual case)
    run_command("user", "list", env=...)  # a real `openlux` process (one smoke test per command group)
    run_cli(server, "secureform", "create", "x")  # invoke() with the server's environment

All three return a subprocess.CompletedProcess (returncode, stdout, stderr), so a test can switch.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import subprocess
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import typer.testing
from typer.main import get_command
from typer.testing import CliRunner

from openlux.cli import app
from openlux.cli_kit import NOT_A_TERMINAL_WIDTH, console, err_console
from tests.support.server import PASSWORD, RunningServer, openlux_bin

# typer's CliRunner builds the click command tree from the Typer app on every invoke (~30 ms of type-hint
# evaluation for OpenLux's commands); the tree is the same every time (commands are registered at import),
# so it is built once per test process, as `openlux` itself builds it once per run.
typer.testing._get_command = functools.cache(get_command)  # type: ignore[attr-defined]


def invoke(*args: str, env: dict[str, str] | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """`openlux <args>` run by CliRunner with `env` over os.environ (restored afterwards).

    Commands run their own event loop (asyncio.run); called from an async test, the command runs in
    a helper thread (the test's loop waits for it, as it would for a subprocess).
    """
    # CliRunner's output is not a terminal: tables get the width a pipe gets, whatever this
    # process's stdout was when the consoles were made (pytest may have had a terminal then).
    widths = console.width, err_console.width
    console.width = err_console.width = NOT_A_TERMINAL_WIDTH
    try:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=True)
        else:
            with ThreadPoolExecutor(max_workers=1) as pool:
                result = pool.submit(CliRunner().invoke, app, list(args), env=env, catch_exceptions=True).result()
    finally:
        console.width, err_console.width = widths
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    done = subprocess.CompletedProcess(["openlux", *args], result.exit_code, result.stdout, stderr)
    if check:
        _check(done)
    return done


def run_command(
    *args: str, env: dict[str, str] | None = None, check: bool = False, timeout: float = 120
) -> subprocess.CompletedProcess:
    """`openlux <args>` as a real process, with `env` over os.environ."""
    done = subprocess.run(
        [openlux_bin(), *args], env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=timeout
    )
    if check:
        _check(done)
    return done


def run_cli(server: RunningServer, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """`openlux <args>` (in-process) with the server's environment (same database and master key)."""
    return invoke(*args, env=server.env, check=check)


def create_integration(server: RunningServer, name: str, *extra: str) -> dict[str, Any]:
    """A new integration (token, secret, …) made through the CLI; unlimited unless limits are given.

    (Integrations made after initialisation get LuxSci's 60/min and 6,000/day by default; most tests
    call far more often than that.)
    """
    limits = [] if "--per-minute" in extra else ["--per-minute", "0"]
    limits += [] if "--per-day" in extra else ["--per-day", "0"]
    out = run_cli(server, "integration", "create", name, *extra, *limits).stdout
    return json.loads(out)


def _check(done: subprocess.CompletedProcess) -> None:
    if done.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, done.args))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
        )


def init_installation(env: dict[str, str]) -> dict[str, Any]:
    """`openlux init --json` on the installation `env` names (its data dir made first); the credentials."""
    Path(env["OPENLUX_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    init = invoke("init", "--json", "--password", PASSWORD, env=env, check=True)
    return json.loads(init.stdout.strip().splitlines()[-1])
