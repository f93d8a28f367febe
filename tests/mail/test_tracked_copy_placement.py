"""Where the delivery pipeline makes a recipient's tracked copy: on the event loop up to
TRACK_ON_LOOP_BYTES (a thread hop cost more than the rewrite), in a thread above it."""

from __future__ import annotations

import threading
from types import SimpleNamespace
from typing import Any, cast

import pytest

from openlux.delivery import pipeline
from openlux.tracking import links


@pytest.mark.parametrize(
    ("size", "on_loop"),
    [(1_000, True), (pipeline.TRACK_ON_LOOP_BYTES, True), (pipeline.TRACK_ON_LOOP_BYTES + 1, False)],
)
async def test_small_copies_are_made_on_the_loop_and_large_ones_in_a_thread(
    monkeypatch: pytest.MonkeyPatch, size: int, on_loop: bool
) -> None:
    made_in: list[int] = []

    def record_thread(_ctx: Any, mime: bytes, **_ids: int) -> bytes:
        made_in.append(threading.get_ident())
        return mime

    monkeypatch.setattr(links, "tracked_copy", record_thread)
    claimed = cast(Any, SimpleNamespace(track=3, id=7))
    mime = b"x" * size
    assert await pipeline.tracked_copy(cast(Any, None), claimed, mime, 9) == mime
    assert (made_in == [threading.get_ident()]) is on_loop
