"""Recurring calendar entries: RRULE checking and expansion (python-dateutil), in GMT or the entry's zone.

Rules are RFC 5545 RRULE values (`FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10`). Expansion happens on the wall
clock of the entry's `Time Zone` when it has one, so a 09:00 meeting stays at 09:00 across DST.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from itertools import islice
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rruleset, rrulestr

from openlux.core.errors import BadRequest

# Sub-daily repeats are not calendar events and would let one entry expand to millions of instances.
ALLOWED_FREQ = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
MAX_COUNT = 10_000
# A finite series longer than this is treated as endless when computing where it ends (index only).
MAX_SERIES_SCAN = 100_000
_UNTIL_WITHOUT_ZONE = re.compile(r"(UNTIL=\d{8})(T\d{6})?(?!\d|Z)", re.IGNORECASE)
_FREQ = re.compile(r"(?:^|;)FREQ=([A-Z]+)", re.IGNORECASE)
_COUNT = re.compile(r"(?:^|;)COUNT=(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Series:
    """A calendar entry's timing: first start, duration, rule (None = single) and exceptions."""

    start: datetime
    duration: timedelta
    zone: tzinfo
    rule: str | None = None
    exceptions: tuple[datetime, ...] = ()

    def _set(self) -> rruleset:
        local_start = self.start.astimezone(self.zone)
        parsed = rrulestr(self.rule or "", dtstart=local_start, forceset=True)
        for moment in self.exceptions:
            parsed.exdate(moment.astimezone(self.zone))
        return parsed

    def starts(self, low: datetime, high: datetime) -> Iterator[datetime]:
        """Instance starts (GMT) with low <= start <= high."""
        if self.rule is None:
            if low <= self.start <= high and self.start not in self.exceptions:
                yield self.start
            return
        for moment in self._set().xafter(low.astimezone(self.zone), inc=True):
            moment = moment.astimezone(UTC)
            if moment > high:
                return
            yield moment

    def series_end(self) -> datetime | None:
        """End of the last instance, or None when the series is endless (or too long to scan)."""
        if self.rule is None:
            return self.start + self.duration
        if _endless(self.rule):
            return None
        last, count = None, 0
        for last in islice(self._set(), MAX_SERIES_SCAN + 1):
            count += 1
        if count > MAX_SERIES_SCAN:
            return None
        return (last.astimezone(UTC) if last is not None else self.start) + self.duration


def _endless(rule: str) -> bool:
    upper = rule.upper()
    return "COUNT=" not in upper and "UNTIL=" not in upper


def zone_of(name: str | None, *, field: str) -> tzinfo:
    """The IANA zone named by the entry's `Time Zone` field (GMT when empty)."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadRequest(f"Field '{field}' must be an IANA time zone name such as Europe/Berlin; got {name!r}.") from None


def normalise_rule(text: str, *, start: datetime, zone: tzinfo, field: str) -> str:
    """The rule in canonical form (no `RRULE:` prefix, UNTIL in GMT); BadRequest names the field."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:"):]
    body = body.upper()
    # docs: every LuxSci DATETIME is GMT, so an UNTIL without a zone is GMT too (dateutil insists on Z).
    body = _UNTIL_WITHOUT_ZONE.sub(lambda m: f"{m.group(1)}{m.group(2) or 'T235959'}Z", body)
    freq = _FREQ.search(body)
    if freq is None or freq.group(1) not in ALLOWED_FREQ:
        raise BadRequest(f"Field '{field}' must be an RRULE with FREQ one of {', '.join(ALLOWED_FREQ)}; "
                         f"got {text!r}.")
    count = _COUNT.search(body)
    if count and not 1 <= int(count.group(1)) <= MAX_COUNT:
        raise BadRequest(f"Field '{field}': COUNT must be between 1 and {MAX_COUNT}.")
    try:
        parsed = rrulestr(body, dtstart=start.astimezone(zone))
    except (ValueError, TypeError, KeyError) as exc:
        raise BadRequest(f"Field '{field}' is not a valid RRULE ({exc}); got {text!r}.") from None
    if not isinstance(parsed, rrule):
        raise BadRequest(f"Field '{field}' must be a single RRULE; got {text!r}.")
    return body
