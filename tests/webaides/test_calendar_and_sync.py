"""Calendar date ranges with recurring events expanded, iCalendar round trips, and the change log."""

from __future__ import annotations

from openlux.client import Client
from tests.support.failures import assert_fails
from tests.webaides.conftest import new_webaide, unique


def _calendar(api: Client) -> dict:
    return {
        "webaide_type": "calendars",
        "webaide_id": api.new_web_aide(webaide_type="calendars", name=unique())["webaide_id"],
    }


def _range(api: Client, where: dict, low: str, high: str, **kw) -> list[tuple[str, str, str]]:
    """(Title, Start, End) of every instance in the range, in start order (entries list their Occurrences)."""
    rows = api.get_calendar_entries_date_range(webaide_id=where["webaide_id"], from_date=low, through_date=high, **kw)
    titles = [r["Title"] for r in rows]
    assert len(titles) == len(set(titles)), "each entry is returned once, however many instances it has"
    instances = [(r["Title"], o["Start"], o["End"]) for r in rows for o in r["Occurrences"]]
    return sorted(instances, key=lambda instance: instance[1])


def test_date_range_expands_recurrence(user_api: Client) -> None:
    where = _calendar(user_api)
    user_api.add_update_web_aide_entries(
        **where,
        entries=[
            {"Title": "once", "Start": "2026-03-04 12:00:00", "End": "2026-03-04 13:00:00"},
            {
                "Title": "weekly",
                "Start": "2026-03-02 09:00:00",
                "End": "2026-03-02 09:30:00",
                "Recurrence": "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6",
                "Recurrence Exceptions": "2026-03-09 09:00:00",
            },
            {
                "Title": "daily",
                "Start": "2026-02-27 23:00:00",
                "End": "2026-02-28 01:00:00",
                "Recurrence": "freq=daily;until=20260302",
            },
            {"Title": "before", "Start": "2026-01-01 10:00:00"},
        ],
    )
    assert _range(user_api, where, "2026-03-01", "2026-03-11") == [
        ("daily", "2026-02-28 23:00:00", "2026-03-01 01:00:00"),  # overlaps the range start
        ("daily", "2026-03-01 23:00:00", "2026-03-02 01:00:00"),
        ("weekly", "2026-03-02 09:00:00", "2026-03-02 09:30:00"),
        ("daily", "2026-03-02 23:00:00", "2026-03-03 01:00:00"),  # a bare UNTIL date covers that day
        ("weekly", "2026-03-04 09:00:00", "2026-03-04 09:30:00"),
        ("once", "2026-03-04 12:00:00", "2026-03-04 13:00:00"),
        ("weekly", "2026-03-11 09:00:00", "2026-03-11 09:30:00"),  # 03-09 is an exception
    ]
    # COUNT=6 less the exception leaves five instances in all
    assert [s for t, s, _ in _range(user_api, where, "2026-03-01", "2026-06-01") if t == "weekly"] == [
        "2026-03-02 09:00:00",
        "2026-03-04 09:00:00",
        "2026-03-11 09:00:00",
        "2026-03-16 09:00:00",
        "2026-03-18 09:00:00",
    ]
    assert _range(user_api, where, "2026-01-01 10:00:00", "2026-01-01 10:00:00") == [
        ("before", "2026-01-01 10:00:00", "2026-01-01 10:00:00")
    ]


def test_recurring_entry_is_returned_once_as_itself(user_api: Client) -> None:
    where = _calendar(user_api)
    user_api.new_web_aide_entry(
        **where,
        Title="weekly",
        Start="2026-03-02 09:00:00",
        End="2026-03-02 09:30:00",
        Recurrence="FREQ=WEEKLY;COUNT=10",
    )
    rows = user_api.get_calendar_entries_date_range(
        webaide_id=where["webaide_id"], from_date="2026-03-08", through_date="2026-03-24"
    )
    assert len(rows) == 1
    assert rows[0]["Start"] == "2026-03-02 09:00:00" and rows[0]["Recurrence"].startswith("FREQ=WEEKLY")
    assert [o["Start"] for o in rows[0]["Occurrences"]] == [
        "2026-03-09 09:00:00",
        "2026-03-16 09:00:00",
        "2026-03-23 09:00:00",
    ]


def test_exported_ics_reparses_and_expands(user_api: Client) -> None:
    """RFC 5545 §3.3.10: an all-day series' UNTIL is a DATE; every export re-parses and expands with dateutil."""
    from dateutil.rrule import rrulestr
    from icalendar import Calendar

    where = _calendar(user_api)
    user_api.add_update_web_aide_entries(
        **where,
        entries=[
            {"Title": "all-day until", "Start": "2026-07-06", "All Day": 1, "Recurrence": "FREQ=DAILY;UNTIL=20260710"},
            {
                "Title": "timed until",
                "Start": "2026-07-06 09:00:00",
                "End": "2026-07-06 10:00:00",
                "Recurrence": "FREQ=DAILY;UNTIL=20260710T090000Z",
                "Time Zone": "Europe/Berlin",
            },
            {"Title": "counted", "Start": "2026-07-06 09:00:00", "Recurrence": "FREQ=WEEKLY;COUNT=3"},
        ],
    )
    ics = user_api.get_web_aide_entries(**where, format="ics")["ics"]
    counts = {}
    for event in Calendar.from_ical(ics).walk("VEVENT"):
        start = event.decoded("dtstart")
        text = event["rrule"].to_ical().decode()
        rule = rrulestr(text, dtstart=start)  # refuses mixed value types
        counts[str(event["summary"])] = len(list(rule))
        if str(event["summary"]) == "all-day until":
            assert "UNTIL=20260710" in text and "UNTIL=20260710T" not in text
    assert counts == {"all-day until": 5, "timed until": 5, "counted": 3}


def test_endless_rule_in_a_time_zone_keeps_wall_clock_across_dst(user_api: Client) -> None:
    where = _calendar(user_api)
    user_api.new_web_aide_entry(
        **where,
        Title="standup",
        Start="2026-03-02 14:00:00",
        End="2026-03-02 14:15:00",
        Recurrence="FREQ=WEEKLY",
        **{"Time Zone": "America/New_York"},
    )
    # 09:00 in New York: 14:00 GMT before 8 March 2026 (EST), 13:00 GMT after (EDT)
    assert [s for _, s, _ in _range(user_api, where, "2026-03-01", "2026-03-20")] == [
        "2026-03-02 14:00:00",
        "2026-03-09 13:00:00",
        "2026-03-16 13:00:00",
    ]
    assert len(_range(user_api, where, "2030-01-01", "2030-12-31")) == 52
    # through iCalendar (DTSTART with TZID and a VTIMEZONE) the series keeps its zone
    ics = user_api.get_web_aide_entries(**where, format="ics")["ics"]
    assert "TZID=America/New_York" in ics and "BEGIN:VTIMEZONE" in ics
    copy = _calendar(user_api)
    user_api.add_update_web_aide_entries(**copy, ics=ics)
    assert _range(user_api, copy, "2026-03-01", "2026-03-20") == _range(user_api, where, "2026-03-01", "2026-03-20")
    assert user_api.get_web_aide_entries(**copy)[0]["Time Zone"] == "America/New_York"


def test_all_day_entry_lasts_the_day(user_api: Client) -> None:
    where = _calendar(user_api)
    user_api.new_web_aide_entry(**where, Title="holiday", Start="2026-07-03", **{"All Day": 1})
    assert _range(user_api, where, "2026-07-03 18:00:00", "2026-07-04") == [
        ("holiday", "2026-07-03 00:00:00", "2026-07-04 00:00:00")
    ]
    assert _range(user_api, where, "2026-07-04", "2026-07-05") == []
    assert "DTSTART;VALUE=DATE:20260703" in user_api.get_web_aide_entries(**where, format="ics")["ics"]


def test_date_range_failures(user_api: Client, second_api: Client) -> None:
    where = _calendar(user_api)
    cid = where["webaide_id"]
    for params, field in (
        ({"through_date": "2026-01-01"}, "from_date"),
        ({"from_date": "2026-01-01"}, "through_date"),
        ({"from_date": "2026-02-01", "through_date": "2026-01-01"}, "through_date"),
        ({"from_date": "2026-01-01", "through_date": "2028-01-01"}, "through_date"),
        ({"from_date": "soon", "through_date": "2026-01-01"}, "from_date"),
    ):
        err = assert_fails(None, user_api.get_calendar_entries_date_range, webaide_id=cid, **params)
        assert err.status == 400 and field in err.message, params
    notes = user_api.new_web_aide(webaide_type="notes", name=unique())["webaide_id"]
    assert_fails(
        404,
        user_api.get_calendar_entries_date_range,
        webaide_id=notes,
        from_date="2026-01-01",
        through_date="2026-01-02",
    )
    assert_fails(
        404,
        second_api.get_calendar_entries_date_range,
        webaide_id=cid,
        from_date="2026-01-01",
        through_date="2026-01-02",
    )


def test_ics_export_and_import(user_api: Client) -> None:
    where = _calendar(user_api)
    user_api.new_web_aide_entry(
        **where,
        Title="Board meeting",
        Start="2026-05-04 15:00:00",
        End="2026-05-04 16:00:00",
        Recurrence="FREQ=MONTHLY;COUNT=3",
        Categories="board;quarterly",
        Location="HQ",
    )
    ics = user_api.get_web_aide_entries(**where, format="ics")["ics"]
    assert "BEGIN:VEVENT" in ics and "SUMMARY:Board meeting" in ics and "RRULE:FREQ=MONTHLY;COUNT=3" in ics
    copy = _calendar(user_api)
    assert user_api.add_update_web_aide_entries(**copy, ics=ics)["created"] == 1
    [entry] = user_api.get_web_aide_entries(**copy)
    keys = ("Title", "Start", "End", "Recurrence", "Categories", "Location")
    assert tuple(entry[k] for k in keys) == (
        "Board meeting",
        "2026-05-04 15:00:00",
        "2026-05-04 16:00:00",
        "FREQ=MONTHLY;COUNT=3",
        "board;quarterly",
        "HQ",
    )
    assert len(_range(user_api, copy, "2026-05-01", "2026-12-31")) == 3
    outlook = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a1\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART:20260610T080000Z\r\nDURATION:PT45M\r\nSUMMARY:Call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    user_api.add_update_web_aide_entries(**copy, ics=outlook)
    assert ("Call", "2026-06-10 08:00:00", "2026-06-10 08:45:00") in _range(user_api, copy, "2026-06-10", "2026-06-10")
    err = assert_fails(None, user_api.add_update_web_aide_entries, **copy, ics="not a calendar")
    assert err.status == 400 and "ics" in err.message
    notes = new_webaide(user_api, "notes")
    assert "format" in assert_fails(None, user_api.get_web_aide_entries, **notes, format="ics").message


def test_changes_report_adds_updates_and_deletes_since_a_token(user_api: Client) -> None:
    where = new_webaide(user_api, "notes")
    keep = user_api.new_web_aide_entry(**where, Title="keep")["Unique ID"]
    gone = user_api.new_web_aide_entry(**where, Title="gone")["Unique ID"]
    first = user_api.get_web_aide_changes(**where)
    assert [e["Title"] for e in first["added"]] == ["keep", "gone"] and first["deleted"] == []
    assert first["sync_token"] == "2" and first["more"] == 0 and first["server_time"]
    user_api.update_web_aide_entry(**where, entry_id=keep, Body="new text")
    user_api.delete_web_aide_entry(**where, entry_id=gone)
    brief = user_api.new_web_aide_entry(**where, Title="brief")["Unique ID"]
    user_api.delete_web_aide_entry(**where, entry_id=brief)
    added = user_api.new_web_aide_entry(**where, Title="added")["Unique ID"]
    delta = user_api.get_web_aide_changes(**where, since=first["sync_token"])
    assert [e["Unique ID"] for e in delta["added"]] == [added]
    assert [(e["Unique ID"], e["Body"]) for e in delta["updated"]] == [(keep, "new text")]
    assert delta["deleted"] == [gone]  # "brief" came and went between the two calls
    assert user_api.get_web_aide(**where)["sync_token"] == delta["sync_token"]
    quiet = user_api.get_web_aide_changes(**where, since=delta["sync_token"])
    assert (quiet["added"], quiet["updated"], quiet["deleted"]) == ([], [], [])
    by_time = user_api.get_web_aide_changes(**where, since="2000-01-01 00:00:00")
    assert {e["Unique ID"] for e in by_time["added"]} == {keep, added}
    assert_fails(400, user_api.get_web_aide_changes, **where, since="yesterday")
    assert_fails(400, user_api.get_web_aide_changes, **where, since="999999")


def test_concurrent_writers_get_distinct_change_numbers(user_api: Client, server) -> None:
    from concurrent.futures import ThreadPoolExecutor

    where = new_webaide(user_api, "notes")
    creds = server.credentials

    def write(worker: int) -> list[int]:
        # One sign-in per worker: user-scope auth hashes the password, which is the slow part.
        with Client(
            server.base_url, creds["user_token"], creds["user_secret"], user=creds["user"], password=creds["password"]
        ) as api:
            return [api.new_web_aide_entry(**where, Title=f"n{worker}.{i}")["Unique ID"] for i in range(3)]

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = [number for batch in pool.map(write, range(4)) for number in batch]
    changes = user_api.get_web_aide_changes(**where)
    assert sorted(e["Unique ID"] for e in changes["added"]) == sorted(ids) and changes["sync_token"] == "12"
    half = user_api.get_web_aide_changes(**where, since="6")
    assert len(half["added"]) == 6


def test_changes_come_in_pages_of_5000(user_api: Client) -> None:
    where = new_webaide(user_api, "notes")
    for batch in range(6):
        user_api.add_update_web_aide_entries(**where, entries=[{"Title": f"n{batch}.{i}"} for i in range(1000)])
    first = user_api.get_web_aide_changes(**where, since="0")
    assert len(first["added"]) == 5000 and first["more"] == 1 and first["sync_token"] == "5000"
    rest = user_api.get_web_aide_changes(**where, since=first["sync_token"])
    assert len(rest["added"]) == 1000 and rest["more"] == 0 and rest["sync_token"] == "6000"
