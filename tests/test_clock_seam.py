"""The one clock seam: nobody binds `utcnow` by name, so freezing openlux.core.time.CLOCK reaches every reader."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from openlux.core import time as clock

ROOT = Path(__file__).resolve().parents[1]
BY_NAME = re.compile(r"from openlux\.core\.time import [^\n]*\butcnow\b")


def test_no_module_imports_utcnow_by_name() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("src", "tests", "bench", "scripts")
        for p in (ROOT / folder).rglob("*.py")
        if BY_NAME.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == [], "use `from openlux.core import time as clock` and `clock.utcnow()`: " + ", ".join(offenders)


def test_frozen_clock_is_seen_by_utcnow_and_moves(frozen_clock: clock.Clock) -> None:
    at = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    frozen_clock.freeze(at)
    assert clock.utcnow() == at
    frozen_clock.move(timedelta(minutes=5))
    assert clock.utcnow() == at + timedelta(minutes=5)
    frozen_clock.reset()
    assert abs(clock.utcnow() - datetime.now(UTC)) < timedelta(seconds=5)
