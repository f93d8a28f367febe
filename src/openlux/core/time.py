"""Clock and LuxSci DATETIME handling (`YYYY-MM-DD HH:MM:SS`, always GMT).

The one clock seam: every module reads the time as `clock.utcnow()` after
`from openlux.core import time as clock`, and `utcnow()` asks CLOCK, so a test freezes or moves
time for the whole process (in-process servers included) with `CLOCK.freeze(...)` / `CLOCK.move(...)`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # spec 00-mechanics §1.5: GMT `YYYY-MM-DD HH:MM:SS`


class Clock:
    """The process's idea of "now": the wall clock, optionally frozen and/or shifted (tests only)."""

    def __init__(self) -> None:
        self.frozen_at: datetime | None = None
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return (self.frozen_at or datetime.now(UTC)) + self.offset

    def freeze(self, at: datetime | None = None) -> datetime:
        """Stop the clock at `at` (default: now); returns the frozen instant."""
        self.frozen_at = as_utc(at) if at is not None else self.now()
        self.offset = timedelta(0)
        return self.frozen_at

    def move(self, by: timedelta) -> datetime:
        """Shift the clock by `by` (frozen or running); returns the new now."""
        self.offset += by
        return self.now()

    def reset(self) -> None:
        """Back to the wall clock."""
        self.frozen_at = None
        self.offset = timedelta(0)


CLOCK = Clock()


def utcnow() -> datetime:
    """Current UTC time, timezone-aware (whole seconds are not forced); frozen or moved through CLOCK."""
    return CLOCK.now()


def as_utc(value: datetime) -> datetime:
    """The same instant as an aware UTC datetime (naive values are taken as UTC, as SQLite returns them)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def format_datetime(value: datetime | None) -> str:
    """LuxSci DATETIME text for a datetime; empty string for None."""
    if value is None:
        return ""
    return as_utc(value).strftime(DATETIME_FORMAT)


def parse_datetime(text: str, *, field: str) -> datetime:
    """Parse a LuxSci DATETIME (also a bare date, or with `T`/`$` separators); BadRequest names the field."""
    from openlux.core.errors import BadRequest

    # spec 00-mechanics open question 10: PHP's client sends `$` (literal %24) where a space was.
    cleaned = text.strip().replace("$", " ").replace("T", " ")
    for fmt in (DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(cleaned, fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise BadRequest(f"Field '{field}' must be a date-time as YYYY-MM-DD HH:MM:SS (GMT), got {text!r}.")
