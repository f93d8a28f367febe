"""Running the `openlux` command against a test server's database."""

from __future__ import annotations

import json
import subprocess
from typing import Any

from tests.support.server import RunningServer, openlux_bin


def run_cli(server: RunningServer, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """`openlux <args>` with the server's environment (same database and master key)."""
    result = subprocess.run([openlux_bin(), *args], env=server.env, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(
            f"openlux {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result


def create_integration(server: RunningServer, name: str, *extra: str) -> dict[str, Any]:
    """A new integration (token, secret, …) made through the CLI; unlimited unless limits are given.

    (Integrations made after initialisation get LuxSci's 60/min and 6,000/day by default; most tests
    call far more often than that.)
    """
    limits = [] if "--per-minute" in extra else ["--per-minute", "0"]
    limits += [] if "--per-day" in extra else ["--per-day", "0"]
    out = run_cli(server, "integration", "create", name, *extra, *limits).stdout
    return json.loads(out)
