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
# A COUNT series not finished within this time is treated as endless (only the range index uses it).
SCAN_HORIZON = timedelta(days=100 * 366)
# Start year of the never-matches probe (≡ 0 mod 4, 40 years before datetime.MAXYEAR).
PROBE_FIRST_YEAR = 9956
# Repeats by the minute or second are not calendar events; BYHOUR still allows up to 24 a day.
REFUSED_PARTS = ("BYMINUTE", "BYSECOND")
_UNTIL = re.compile(r"UNTIL=(\d{8})(?:T(\d{6}))?(Z?)", re.IGNORECASE)
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

    def _parts(self) -> list[str]:
        return [p for p in (self.rule or "").split(";") if p]

    def _count(self) -> int | None:
        found = [int(p[len("COUNT=") :]) for p in self._parts() if p.startswith("COUNT=")]
        return found[0] if found else None

    def _until(self) -> datetime | None:
        found = [p[len("UNTIL=") :] for p in self._parts() if p.startswith("UNTIL=")]
        return datetime.strptime(found[0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) if found else None

    def _bounded(self, limit: datetime) -> rrule | rruleset:
        """The rule with its COUNT dropped (the caller counts) and UNTIL capped at `limit`."""
        # An UNTIL near the range stops dateutil as soon as an instance passes it.
        own = self._until()
        until = min(own, limit) if own else limit
        parts = [p for p in self._parts() if not p.startswith(("COUNT=", "UNTIL="))]
        parts.append(f"UNTIL={until.astimezone(UTC):%Y%m%dT%H%M%SZ}")
        return rrulestr(";".join(parts), dtstart=self.start.astimezone(self.zone))

    def starts(self, low: datetime, high: datetime) -> Iterator[datetime]:
        """Instance starts (GMT) with low <= start <= high, COUNT and exceptions applied."""
        if self.rule is None:
            if low <= self.start <= high and self.start not in self.exceptions:
                yield self.start
            return
        count, skip = self._count(), set(self.exceptions)
        for index, moment in enumerate(self._bounded(high)):
            if count is not None and index >= count:
                return
            moment = moment.astimezone(UTC)
            if moment >= low and moment not in skip:
                yield moment

    def series_end(self) -> datetime | None:
        """An upper bound of the last instance's end; None when endless (or longer than the scan horizon)."""
        if self.rule is None:
            return self.start + self.duration
        until, count = self._until(), self._count()
        if until is not None:
            return until + self.duration
        if count is None:
            return None
        found = list(islice(self._bounded(self.start + SCAN_HORIZON), count))
        if len(found) < count:
            return None
        return found[-1].astimezone(UTC) + self.duration


def zone_of(name: str | None, *, field: str) -> tzinfo:
    """The IANA zone named by the entry's `Time Zone` field (GMT when empty)."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadRequest(
            f"Field '{field}' must be an IANA time zone name such as Europe/Berlin; got {name!r}."
        ) from None


def normalise_rule(text: str, *, start: datetime, zone: tzinfo, field: str) -> str:
    """The rule in canonical form (no `RRULE:` prefix, UNTIL in GMT); BadRequest names the field."""
    body = text.strip()
    if body.upper().startswith("RRULE:"):
        body = body[len("RRULE:") :]
    body = body.upper()
    # docs: every LuxSci DATETIME is GMT, so an UNTIL without a zone is GMT too (dateutil insists on Z).
    body = _UNTIL.sub(lambda m: f"UNTIL={m.group(1)}T{m.group(2) or '235959'}Z", body)
    freq = _FREQ.search(body)
    if freq is None or freq.group(1) not in ALLOWED_FREQ:
        raise BadRequest(f"Field '{field}' must be an RRULE with FREQ one of {', '.join(ALLOWED_FREQ)}; got {text!r}.")
    refused = [p for p in REFUSED_PARTS if p + "=" in body]
    if refused:
        raise BadRequest(f"Field '{field}': {refused[0]} is not supported (one instance per hour at most).")
    count = _COUNT.search(body)
    if count and not 1 <= int(count.group(1)) <= MAX_COUNT:
        raise BadRequest(f"Field '{field}': COUNT must be between 1 and {MAX_COUNT}.")
    try:
        parsed = rrulestr(body, dtstart=start.astimezone(zone))
    except (ValueError, TypeError, KeyError) as exc:
        raise BadRequest(f"Field '{field}' is not a valid RRULE ({exc}); got {text!r}.") from None
    if not isinstance(parsed, rrule):
        raise BadRequest(f"Field '{field}' must be a single RRULE; got {text!r}.")
    if not _ever_matches(body, start.astimezone(zone)):
        raise BadRequest(f"Field '{field}' never produces an instance; got {text!r}.")
    return body


def _ever_matches(body: str, start: datetime) -> bool:
    """True when the rule yields an instance within 40 years of its start moved near the year 9999."""
    # dateutil looks for the next instance up to the year 9999 and checks UNTIL only on instances it
    # finds, so a rule that never matches (BYMONTH=2;BYMONTHDAY=30) would cost seconds on every
    # expansion. Moving the start by a multiple of four years keeps leap years aligned.
    parts = [p for p in body.split(";") if p and not p.startswith(("COUNT=", "UNTIL="))]
    probe = start.replace(year=PROBE_FIRST_YEAR + start.year % 4)
    return next(iter(rrulestr(";".join(parts), dtstart=probe)), None) is not None
