"""The header-driven report shape shared by every report endpoint (spec/30-reports.md §A.4).

A report declares its columns once; the same declaration renders the JSON `header`, the JSON
rows, and CSV exports. Paging follows §A.2: `first_row` (default 0) and `matches` (default and
maximum 50,000 for synchronous reports; 0 returns only the count).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from openlux.core.errors import BadRequest
from openlux.core.types import parse_id

DEFAULT_MATCHES = 50_000  # spec 00-mechanics §7.2
MAX_SYNC_MATCHES = 50_000


@dataclass(frozen=True, slots=True)
class Column:
    """One report column: keyword, LuxSci data type (Integer, String, DATETIME, Float) and meaning."""

    keyword: str
    type: str
    description: str


@dataclass(frozen=True, slots=True)
class Paging:
    """first_row / matches of a report query."""

    first_row: int = 0
    matches: int = DEFAULT_MATCHES

    @classmethod
    def parse(cls, first_row: str | int | None, matches: str | int | None, *, asynchronous: bool = False) -> Paging:
        """Validate the two paging parameters; BadRequest names the bad one."""
        first = _non_negative_int(first_row, "first_row", 0)
        count = _non_negative_int(matches, "matches", DEFAULT_MATCHES)
        if not asynchronous and count > MAX_SYNC_MATCHES:
            raise BadRequest(f"Parameter 'matches' may be at most {MAX_SYNC_MATCHES} for a synchronous report.")
        return cls(first, count)


def _non_negative_int(value: str | int | None, name: str, default: int) -> int:
    if value is None or value == "":
        return default
    if isinstance(value, int) and not isinstance(value, bool) and value < 0:
        raise BadRequest(f"Parameter '{name}' must not be negative.")
    try:
        return parse_id(value)  # the one whole-number rule (core.types): ASCII digits, bounded
    except ValueError:
        raise BadRequest(f"Parameter '{name}' must be a whole number (0 or more).") from None


@dataclass(frozen=True, slots=True)
class Report:
    """A report's column set."""

    columns: tuple[Column, ...]

    @property
    def header(self) -> list[dict[str, str]]:
        """The JSON `header`: one {keyword, type, description} per column."""
        return [{"keyword": c.keyword, "type": c.type, "description": c.description} for c in self.columns]

    def page(self, rows: Sequence[Mapping[str, Any]], *, total: int, paging: Paging) -> dict[str, Any]:
        """The `data` of a report response: header, rows (objects keyed by column), total and paging."""
        keys = [c.keyword for c in self.columns]
        return {
            "header": self.header,
            "rows": [{k: row.get(k) for k in keys} for row in rows],
            "total_matches": total,
            "first_row": paging.first_row,
            "matches": paging.matches,
        }

    def csv(self, rows: Iterable[Mapping[str, Any]]) -> str:
        """CSV text with a header row of column keywords."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([c.keyword for c in self.columns])
        for row in rows:
            writer.writerow(["" if row.get(c.keyword) is None else row.get(c.keyword) for c in self.columns])
        return out.getvalue()
