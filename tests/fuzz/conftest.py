"""The fuzzing server, per backend. Session-scoped so that shards running back to back on one backend share
it (one process, -n 0); under `--dist loadscope` each shard module switches the backend, so each starts one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fuzz.fuzzing import fuzz_server_on
from tests.support.server import RunningServer


@pytest.fixture(scope="session")
def fuzz_server(backend: str) -> Iterator[RunningServer]:
    with fuzz_server_on(backend) as running:
        yield running
