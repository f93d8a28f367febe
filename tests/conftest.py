"""Shared fixtures: real servers on SQLite and PostgreSQL, SDK clients, service-level contexts.

- `server` (session, parametrised sqlite/postgresql): a real `openlux serve` process.
- `user_api` / `account_api`: SDK clients signed like LuxSci's own clients, against `server`.
- `ctx` (parametrised sqlite/postgresql): an AppContext on a migrated database, for service tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

import openlux.auth.invalidation  # noqa: F401  (session events that end credentials, as the app and CLI register them)
from openlux.client import Client
from tests.support import pki
from tests.support.databases import BACKENDS, database_url, drop_postgres_database
from tests.support.server import RunningServer, start_server

# Loopback TLS servers carry certificates of the test CA; TLS a policy requires is verified against it
# (servers started by tests inherit the environment; in-process contexts read it through Settings).
os.environ.setdefault("OPENLUX_TLS_CA_FILE", str(pki.ca_file()))


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """'sqlite' or 'postgresql'."""
    return request.param


@pytest.fixture(scope="session")
def server(backend: str) -> Iterator[RunningServer]:
    """A real OpenLux server on the backend, initialised with an account, admin and integrations."""
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-e2e-{backend}-"))
    url = database_url(backend, str(tmp))
    running = start_server(tmp / "data", url)
    try:
        yield running
    finally:
        running.stop()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def user_api(server: RunningServer) -> Iterator[Client]:
    """SDK client on the user-scope integration, signed in as the admin user."""
    creds = server.credentials
    with Client(
        server.base_url, creds["user_token"], creds["user_secret"], user=creds["user"], password=creds["password"]
    ) as client:
        yield client


@pytest.fixture
def account_api(server: RunningServer) -> Iterator[Client]:
    """SDK client on the account-scope integration."""
    creds = server.credentials
    with Client(
        server.base_url, creds["account_token"], creds["account_secret"], account=creds["account"], user=creds["user"]
    ) as client:
        yield client


@pytest.fixture(params=BACKENDS)
async def ctx(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AppContext]:  # noqa: F821
    """An AppContext on a freshly migrated database, for service-level tests."""
    from openlux.config import Settings
    from openlux.core.context import AppContext
    from openlux.db.migrate import upgrade_to_heads

    url = await _to_thread(database_url, request.param, str(tmp_path))
    settings = Settings.load(data_dir=tmp_path / "data", database_url=url)
    await upgrade_to_heads(url)
    context = AppContext.build(settings)
    try:
        yield context
    finally:
        await context.close()
        if request.param == "postgresql":
            await _to_thread(drop_postgres_database, url)


async def _to_thread(fn, *args):
    import asyncio

    return await asyncio.to_thread(fn, *args)
