"""Shared fixtures: real servers on SQLite and PostgreSQL, SDK clients, service-level contexts.

- `server` (session, parametrised sqlite/postgresql): an in-process server (tests/support/server.py)
  on real HTTP/SMTP sockets; `process_server` the same as a real `openlux serve` process.
- `spilled_to_disk`: what went to a temporary file on disk instead of memory during the test.
- `frozen_clock`: the one clock seam (openlux.core.time.CLOCK), frozen for the test.
- `user_api` / `account_api`: SDK clients signed like LuxSci's own clients, against `server`.
- `ctx` (parametrised sqlite/postgresql): an AppContext on a migrated database, for service tests.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import os
import tempfile
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import openlux.auth.invalidation  # noqa: F401  (session events that end credentials, as the app and CLI register them)
from openlux.client import Client
from openlux.config import Settings
from openlux.core.context import AppContext
from openlux.core.crypto import PasswordHashCost, use_password_hash_cost
from openlux.core.memory import collection_paused
from openlux.core.time import CLOCK, Clock
from tests.support import hangs, pki
from tests.support.databases import BACKENDS, database_url, drop_postgres_database, empty_database_url
from tests.support.server import RunningServer, served

# Loopback TLS servers carry certificates of the test CA; TLS a policy requires is verified against it
# (servers started by tests inherit the environment; in-process contexts read it through Settings).
# Assigned, not defaulted: each pytest-xdist worker has its own CA (tests/support/pki.py) but inherits
# the controller's environment, whose value names the controller's CA.
os.environ["OPENLUX_TLS_CA_FILE"] = str(pki.ca_file())
# argon2id at its minimum cost for every server, CLI command and context the suite makes (at the
# production cost, hashing and verifying the admin password of each server and client was minutes of
# CPU per run); tests/core/test_password_hash_cost.py checks the production parameters.
os.environ["OPENLUX_PASSWORD_HASH_COST"] = PasswordHashCost.TEST_MINIMUM
use_password_hash_cost(PasswordHashCost.TEST_MINIMUM)


def _sharing_the_default_tls_context(init: Any) -> Any:
    """httpx builds a TLS context (certifi's CA bundle loaded: ~21 ms of CPU) for every client and every
    `httpx.get()`, though nearly all of the suite's requests go to plain-HTTP test servers: thousands
    per run. Transports left on the default (`verify=True`, no client certificate) share one, made the
    way httpx makes it."""
    shared = httpx.create_ssl_context()

    @functools.wraps(init)
    def init_sharing(self: Any, *args: Any, verify: Any = True, cert: Any = None, **kwargs: Any) -> None:
        init(self, *args, verify=shared if verify is True and cert is None else verify, cert=cert, **kwargs)

    return init_sharing


httpx.HTTPTransport.__init__ = _sharing_the_default_tls_context(httpx.HTTPTransport.__init__)  # type: ignore[method-assign]
httpx.AsyncHTTPTransport.__init__ = _sharing_the_default_tls_context(httpx.AsyncHTTPTransport.__init__)  # type: ignore[method-assign]


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """'sqlite' or 'postgresql'."""
    return request.param


@pytest.fixture(scope="session")
def server(backend: str) -> Iterator[RunningServer]:
    """An in-process OpenLux server on the backend, initialised with an account, admin and integrations."""
    with served(backend) as world:
        yield world.server


@pytest.fixture(scope="session")
def process_server(backend: str) -> Iterator[RunningServer]:
    """A real `openlux serve` process on the backend, for what needs a process (signals, the command line)."""
    with served(backend, process=True) as world:
        yield world.server


@pytest.fixture
def user_api(server: RunningServer) -> Iterator[Client]:
    """SDK client on the user-scope integration, signed in as the admin user."""
    with server.user_api() as client:
        yield client


@pytest.fixture
def account_api(server: RunningServer) -> Iterator[Client]:
    """SDK client on the account-scope integration."""
    with server.account_api() as client:
        yield client


@pytest.fixture
def spilled_to_disk(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Sizes of every SpooledTemporaryFile that rolled over to a file on disk while the test ran, in this
    process (the in-process `server` included): an upload held in memory never rolls over."""
    spilled: list[int] = []
    rollover = tempfile.SpooledTemporaryFile.rollover

    def recording(self: tempfile.SpooledTemporaryFile) -> None:  # type: ignore[type-arg]
        if not self._rolled:
            spilled.append(len(self._file.getvalue()))
        rollover(self)

    monkeypatch.setattr(tempfile.SpooledTemporaryFile, "rollover", recording)
    return spilled


@pytest.fixture
def frozen_clock() -> Iterator[Clock]:
    """The process clock (openlux.core.time.CLOCK), frozen at now; move it with .move()/.freeze(); reset after."""
    CLOCK.freeze()
    try:
        yield CLOCK
    finally:
        CLOCK.reset()


@pytest.fixture(params=BACKENDS)
async def ctx(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AppContext]:
    """An AppContext on a freshly migrated database (a copy of the migrated template), for service-level tests."""
    url = await asyncio.to_thread(database_url, request.param, str(tmp_path))
    settings = Settings.load(data_dir=tmp_path / "data", database_url=url)
    context = AppContext.build(settings)
    try:
        yield context
    finally:
        await context.close()
        if request.param == "postgresql":
            await asyncio.to_thread(drop_postgres_database, url)


@pytest.fixture
def db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A migrated database of the backend for processes a test starts itself (dropped afterwards)."""
    url = database_url(backend, str(tmp_path))
    yield url
    if backend == "postgresql":
        drop_postgres_database(url)


@pytest.fixture
def fresh_database(backend: str, tmp_path: Path) -> Iterator[tuple[str, Settings]]:
    """An empty database of the backend (no tables: for tests that migrate step by step) and settings on it."""
    url = empty_database_url(backend, str(tmp_path))
    try:
        yield url, Settings.load(data_dir=tmp_path / "data", database_url=url)
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session) -> Any:
    """Collection without the cyclic collector, its objects frozen after, young collections rarer.

    Collection imports every test module and OpenLux, and what it builds lives for the whole run, as
    at an `openlux` start (openlux.core.memory.collection_paused): about 0.9 s of CPU per test
    process, measured. The test processes then keep a large heap (every module, app and fixture of
    the run), and each full collection walked all of it. Measured over tests/reports/test_keyset.py
    and tests/test_encryption_at_rest.py in one process (gc.callbacks timing):
    - before: 9.9 s of ~58 s of CPU in the collector (30 full collections: 7.8 s), peak RSS 232 MB;
    - frozen: 6.7 s, 226 MB; frozen, first threshold 3,000 allocations instead of 700: 5.75 s,
      260 MB (10,000: 5.35 s but 353 MB, as garbage holding large results lives longer).
    """
    with collection_paused():
        collected = yield
    gc.set_threshold(3_000, 10, 10)
    return collected


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    """Shortly before pytest-timeout would end the item, print what each event loop is waiting on."""
    timer = hangs.watch(item)
    try:
        return (yield)
    finally:
        if timer is not None:
            timer.cancel()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    """On a failed test using `server`, show the end of its log (a 500 is explained there)."""
    report = yield
    server = item.funcargs.get("server") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and server is not None:
        report.sections.append(("openlux serve log", server.log_tail(3000)))
    return report


# Modules that take longest, started first. pytest-xdist's loadscope hands out the modules with the
# most tests first, which left these at the end of the run: the benchmark smoke test (one test, a
# minute of both cores) ran alone after everything else, with the CLI round trip beside it. Started
# first, they overlap with the rest (longest-processing-time-first scheduling). `make test` passes
# --no-loadscope-reorder so that xdist keeps this order.
LONGEST_FIRST = (
    "tests/bench/test_bench_smoke.py",
    "tests/test_encryption_at_rest.py",
    "tests/test_process_lifecycle.py",
    "tests/mail/test_cli.py",
    "tests/console/test_browser.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """LONGEST_FIRST, then the other modules by number of tests, most first (xdist's own order)."""
    modules = [item.nodeid.split("::", 1)[0] for item in items]
    tests_in = Counter(modules)
    first_seen: dict[str, int] = {}
    for index, module in enumerate(modules):
        first_seen.setdefault(module, index)

    def rank(module: str) -> tuple[int, int, int]:
        if module in LONGEST_FIRST:
            return (LONGEST_FIRST.index(module), 0, 0)
        return (len(LONGEST_FIRST), -tests_in[module], first_seen[module])

    order = {module: rank(module) for module in tests_in}
    items.sort(key=lambda item: order[item.nodeid.split("::", 1)[0]])  # stable: a module's own order stays
