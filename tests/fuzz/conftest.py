"""The fuzzing server: one per backend and worker, shared by the shard modules (as it was by the one test)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fuzz.fuzzing import fuzz_server_on
from tests.support.server import RunningServer


@pytest.fixture(scope="session")
def fuzz_server(backend: str) -> Iterator[RunningServer]:
    with fuzz_server_on(backend) as running:
        yield running
