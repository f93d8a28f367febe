"""Request shapes of the WebAide endpoints (entries are free-form field maps, checked in fields.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openlux.core.schemas import LenientModel
from openlux.core.types import Count, Flag, Name, Text


class WebAideCreate(LenientModel):
    """newWebAide body."""

    name: Name | None = None
    description: Text | None = None
    # [{"audience": "user"|"domain"|"account", "target": login or domain, "permissions": [...]}, …]
    shares: list[Any] | None = None


@dataclass(frozen=True, slots=True)
class WebAideQuery:
    """getWebAides query string (all optional)."""

    owned_only: Flag | None = None  # 1 = only the caller's own WebAides
    name: str | None = None  # case-insensitive substring of the name


@dataclass(frozen=True, slots=True)
class EntryQuery:
    """getWebAideEntries query string (all optional)."""

    category: str | None = None  # entries carrying this tag
    entry_ids: str | None = None  # comma-separated Unique IDs
    format: str | None = None  # json (default) or ics (calendars and tasks)
    first_row: Count = None
    matches: Count = None


@dataclass(frozen=True, slots=True)
class RangeQuery:
    """getCalendarEntriesDateRange query string."""

    from_date: str | None = None
    through_date: str | None = None
    category: str | None = None
