"""getCalendarEntriesDateRange: the calendar entries with an instance overlapping a GMT range.

LuxSci's page: a recurring entry is returned (once, as itself) when any of its occurrences falls
in the range. OpenLux adds `Occurrences`, the `Start`/`End` of each instance in the range, so a
client need not expand the rule itself. An instance [start, end) is in the range [from_date,
through_date] when it starts on or before through_date and ends after from_date; a zero-length
instance counts when it starts inside the range.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import islice
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.core.errors import BadRequest, LimitExceeded
from openlux.core.time import format_datetime, parse_datetime
from openlux.webaides import fields
from openlux.webaides.access import reach
from openlux.webaides.entries import records, series_of
from openlux.webaides.models import WebAideEntry
from openlux.webaides.schemas import RangeQuery

MAX_RANGE = timedelta(days=366)  # one year of calendar per call, as calendar clients page by month/year
MAX_INSTANCES = 10_000


def _bounds(query: RangeQuery) -> tuple[datetime, datetime]:
    """The checked range; a bare through_date covers that whole day."""
    if not query.from_date:
        raise BadRequest("Parameter 'from_date' is required (YYYY-MM-DD HH:MM:SS, GMT).")
    if not query.through_date:
        raise BadRequest("Parameter 'through_date' is required (YYYY-MM-DD HH:MM:SS, GMT).")
    low = parse_datetime(query.from_date, field="from_date")
    high = parse_datetime(query.through_date, field="through_date")
    if len(query.through_date.strip()) <= len("YYYY-MM-DD"):
        high += timedelta(days=1, seconds=-1)
    if high < low:
        raise BadRequest("Parameter 'through_date' must not be before 'from_date'.")
    if high - low > MAX_RANGE:
        raise LimitExceeded(f"Parameter 'through_date': the range may span at most {MAX_RANGE.days} days.")
    return low, high


def _instances(entry: WebAideEntry, low: datetime, high: datetime) -> list[tuple[datetime, datetime]]:
    """(start, end) of the entry's instances that overlap the range."""
    series = series_of(entry.fields or {})
    starts = islice(series.starts(low - series.duration, high), MAX_INSTANCES + 1)
    return [(start, start + series.duration) for start in starts if start + series.duration > low or start >= low]


async def date_range(*, session: AsyncSession, user: User, webaide_id: int, query: RangeQuery) -> list[dict[str, Any]]:
    """Entries in order of their first instance in the range, each with `Occurrences` (needs read)."""
    access = await reach(session, user=user, webaide_type="calendars", webaide_id=webaide_id)
    access.require("read", "read entries")
    low, high = _bounds(query)
    clauses = [
        WebAideEntry.webaide_id == access.webaide.id,
        WebAideEntry.deleted_at.is_(None),
        WebAideEntry.starts_at <= high,
        or_(WebAideEntry.series_end_at.is_(None), WebAideEntry.series_end_at >= low),
    ]
    if query.category:
        for tag in fields.categories(query.category, field="category").split(";"):
            clauses.append(WebAideEntry.categories.contains(f";{tag};", autoescape=True))
    rows = list((await session.scalars(select(WebAideEntry).where(*clauses))).all())
    hits: list[tuple[datetime, int, datetime]] = []
    for row in rows:
        hits.extend((start, row.id, end) for start, end in _instances(row, low, high))
        if len(hits) > MAX_INSTANCES:
            raise LimitExceeded(f"More than {MAX_INSTANCES} instances in the range; ask for a shorter one.")
    hits.sort(key=lambda hit: (hit[0], hit[1]))
    occurrences: dict[int, list[dict[str, str]]] = {}
    for start, number, end in hits:
        occurrences.setdefault(number, []).append({"Start": format_datetime(start), "End": format_datetime(end)})
    shapes = {r["Unique ID"]: r for r in await records(session, rows, "calendars")}
    return [{**shapes[number], "Occurrences": starts} for number, starts in occurrences.items()]
