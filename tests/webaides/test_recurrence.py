"""Recurrence rules without a server: checking, expansion and where a series ends."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from openlux.core.errors import BadRequest
from openlux.webaides.recurrence import Series, normalise_rule, zone_of

START = datetime(2026, 1, 31, 10, 0, tzinfo=UTC)


def test_normalise_rule_strips_prefix_and_puts_until_in_gmt() -> None:
    assert (
        normalise_rule("rrule:freq=monthly;until=20260601", start=START, zone=UTC, field="R")
        == "FREQ=MONTHLY;UNTIL=20260601T235959Z"
    )
    for until in ("20260601T120000Z", "20260601T120000"):
        assert (
            normalise_rule(f"FREQ=DAILY;UNTIL={until}", start=START, zone=UTC, field="R")
            == "FREQ=DAILY;UNTIL=20260601T120000Z"
        )
    for bad in (
        "FREQ=HOURLY",
        "FREQ=DAILY;BYMINUTE=0,30",
        "COUNT=3",
        "FREQ=DAILY;COUNT=0",
        "FREQ=DAILY;COUNT=10001",
        "FREQ=DAILY;FOO=1",
    ):
        with pytest.raises(BadRequest) as err:
            normalise_rule(bad, start=START, zone=UTC, field="Recurrence")
        assert "Recurrence" in err.value.message


def test_monthly_rule_skips_short_months_and_ends_where_count_says() -> None:
    series = Series(START, timedelta(hours=1), UTC, "FREQ=MONTHLY;COUNT=3")
    starts = list(series.starts(START, START + timedelta(days=400)))
    # RFC 5545: the 31st does not exist in February or April, so those months have no instance
    assert [s.strftime("%Y-%m-%d") for s in starts] == ["2026-01-31", "2026-03-31", "2026-05-31"]
    assert series.series_end() == datetime(2026, 5, 31, 11, 0, tzinfo=UTC)
    assert Series(START, timedelta(0), UTC, "FREQ=DAILY").series_end() is None
    assert Series(START, timedelta(hours=2), UTC).series_end() == START + timedelta(hours=2)


def test_exceptions_and_zone() -> None:
    skip = datetime(2026, 2, 1, 10, 0, tzinfo=UTC)
    series = Series(START, timedelta(0), UTC, "FREQ=DAILY;COUNT=3", (skip,))
    assert [s.day for s in series.starts(START, START + timedelta(days=5))] == [31, 2]
    with pytest.raises(BadRequest):
        zone_of("Nowhere/City", field="Time Zone")
    assert zone_of("", field="Time Zone") is UTC


def test_a_rule_that_never_matches_is_refused_quickly() -> None:
    leap = datetime(2024, 2, 29, 9, 0, tzinfo=UTC)
    began = time.monotonic()
    for rule in ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29"):
        with pytest.raises(BadRequest) as err:
            normalise_rule(rule, start=START, zone=UTC, field="Recurrence")
        assert "never" in err.value.message
    # dateutil alone spends seconds searching up to the year 9999 for each of them
    assert time.monotonic() - began < 0.5
    assert normalise_rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", start=leap, zone=UTC, field="R")
    assert normalise_rule("FREQ=YEARLY;INTERVAL=4", start=leap, zone=UTC, field="R")
