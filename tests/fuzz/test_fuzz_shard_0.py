"""Issue 9 item 5, slice 0 of the operations (tests/fuzz/fuzzing.py): schemathesis on both backends."""

from __future__ import annotations

from tests.fuzz.fuzzing import fuzz_shard
from tests.support.server import RunningServer


def test_fuzz_operations_of_shard_0(fuzz_server: RunningServer) -> None:
    fuzz_shard(fuzz_server, 0)
