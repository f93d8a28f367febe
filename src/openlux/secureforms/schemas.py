"""Wire shapes of the Secure Form endpoints (field names: docs/compat.d/secureforms.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RowQuery:
    """getSecureFormDatabasePosts / getSecureFormDatabaseRows query string (all optional)."""

    after_date: str | None = None
    before_date: str | None = None
    from_date: str | None = None
    through_date: str | None = None
    after_row: str | None = None  # only rows with a larger row_id: what a sync has not seen yet
    first_row: str | None = None
    matches: str | None = None
