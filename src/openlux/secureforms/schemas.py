"""Wire shapes of the Secure Form endpoints (field names: docs/compat.d/secureforms.md)."""

from __future__ import annotations

from dataclasses import dataclass

from openlux.core.types import Count, LuxDate, OptionalId


@dataclass(frozen=True, slots=True)
class RowQuery:
    """getSecureFormDatabasePosts / getSecureFormDatabaseRows query string (all optional)."""

    after_date: LuxDate = None
    before_date: LuxDate = None
    from_date: LuxDate = None
    through_date: LuxDate = None
    after_row: OptionalId = None  # only rows with a larger row_id: what a sync has not seen yet
    first_row: Count = None
    matches: Count = None
