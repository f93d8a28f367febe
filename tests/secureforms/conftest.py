"""A Secure Form made through the CLI on the session server, once per backend."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.cli import run_cli
from tests.support.server import RunningServer


def make_form(server: RunningServer, name: str, *extra: str) -> dict[str, Any]:
    """`openlux secureform create` against the server's database; the printed configuration."""
    return json.loads(run_cli(server, "secureform", "create", name, *extra).stdout.strip().splitlines()[-1])


@pytest.fixture(scope="session")
def intake_forms() -> dict[str, dict[str, Any]]:
    """Forms already made, per server (the CLI costs a process start)."""
    return {}


@pytest.fixture
def intake(server: RunningServer, intake_forms: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A form that accepts files and notifies its owner, on the current server."""
    if server.base_url not in intake_forms:
        intake_forms[server.base_url] = make_form(
            server, "Patient <Intake>", "--allow-files", "--email-to", "owner@clinic.example"
        )
    return intake_forms[server.base_url]
