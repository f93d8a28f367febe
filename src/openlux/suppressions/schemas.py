"""Wire shapes of the suppression endpoints (field names: docs/compat.d/suppressions.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openlux.core.schemas import LenientModel
from openlux.core.types import Count


class SuppressionCreate(LenientModel):
    """createUserSuppression / createAccountSuppression body: one `email` and/or a list `emails`."""

    email: str | None = None
    # A JSON list, or one string of addresses separated by commas, semicolons or white space.
    emails: list[Any] | str | None = None
    reason: str | None = None  # manual (default), bounce, complaint, unsubscribe
    note: str | None = None
    expires: str | None = None  # DATETIME (GMT); absent = never


@dataclass(frozen=True, slots=True)
class SuppressionQuery:
    """getUserSuppressionList / getAccountSuppressionList query string (all optional)."""

    email: str | None = None  # substring of the address, case-insensitive
    reason: str | None = None
    after_date: str | None = None
    before_date: str | None = None
    from_date: str | None = None
    through_date: str | None = None
    first_row: Count = None
    matches: Count = None
