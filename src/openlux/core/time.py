"""Clock and LuxSci DATETIME handling (`YYYY-MM-DD HH:MM:SS`, always GMT)."""

from __future__ import annotations

from datetime import UTC, datetime

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"  # spec 00-mechanics §1.5: GMT `YYYY-MM-DD HH:MM:SS`


def utcnow() -> datetime:
    """Current UTC time, timezone-aware, whole seconds are not forced. Patch this in tests."""
    return datetime.now(UTC)


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
