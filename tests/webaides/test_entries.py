"""WebAide entries end to end: single and bulk create/update/delete, field rules, lists and filters."""

from __future__ import annotations

from openlux.client import Client
from tests.support.failures import assert_fails
from tests.webaides.conftest import unique


def _webaide(api: Client, kind: str, **extra) -> int:
    return api.new_web_aide(webaide_type=kind, name=unique(f"{kind} "), **extra)["webaide_id"]


def test_address_book_entry_crud_keeps_case_sensitive_labels(user_api: Client, server) -> None:
    wid = _webaide(user_api, "addressbooks")
    where = {"webaide_type": "addressbooks", "webaide_id": wid}
    made = user_api.new_web_aide_entry(
        **where,
        **{
            "First Name": "Ada",
            "Last Name": "Lovelace",
            "Assistant\u2019s Name": "Charles",
            "Categories": "vip, math",
            "Unique ID": 999,
            "Created": "2001-01-01 00:00:00",
            "last name": "lower",
        },
    )
    eid = made["Unique ID"]
    assert eid != 999 and made["Created"] != "2001-01-01 00:00:00" and made["Created"] == made["Modified"]
    assert made["Assistant's Name"] == "Charles" and made["Categories"] == "vip;math"
    assert made["Last Name"] == "Lovelace" and made["last name"] == "lower"  # labels are case-sensitive
    assert made["Created By"] == server.credentials["user"]
    got = user_api.get_web_aide_entry(**where, entry_id=eid)
    assert got == made
    changed = user_api.update_web_aide_entry(
        **where, entry_id=eid, **{"Company": "Analytical", "last name": "", "First Name": None}
    )
    assert changed["Company"] == "Analytical" and "last name" not in changed and changed["First Name"] == "Ada"
    assert user_api.get_web_aide(**where)["entry_count"] == 1
    assert user_api.delete_web_aide_entry(**where, entry_id=eid) == {"entry_id": eid, "deleted": 1}
    assert_fails(404, user_api.get_web_aide_entry, **where, entry_id=eid)
    assert_fails(404, user_api.update_web_aide_entry, **where, entry_id=eid, Company="x")
    assert_fails(404, user_api.delete_web_aide_entry, **where, entry_id=eid)


def test_field_rules_are_400_naming_the_field(user_api: Client) -> None:
    cal = {"webaide_type": "calendars", "webaide_id": _webaide(user_api, "calendars")}
    tasks = {"webaide_type": "tasks", "webaide_id": _webaide(user_api, "tasks")}
    links = {"webaide_type": "links", "webaide_id": _webaide(user_api, "links")}
    ok = {"Title": "Standup", "Start": "2026-03-02 09:00:00"}
    for where, fields, field in (
        (cal, {"Title": "x"}, "Start"),
        (cal, {**ok, "Start": "tomorrow"}, "Start"),
        (cal, {**ok, "End": "2026-03-01 09:00:00"}, "End"),
        (cal, {**ok, "Recurrence": "FREQ=MINUTELY"}, "Recurrence"),
        (cal, {**ok, "Recurrence": "FREQ=DAILY;BYDAY=XX"}, "Recurrence"),
        (cal, {**ok, "Time Zone": "Mars/Olympus"}, "Time Zone"),
        (cal, {**ok, "All Day": "maybe"}, "All Day"),
        (tasks, {"Title": "t", "Percent Complete": "５0"}, "Percent Complete"),  # a full-width digit
        (cal, {**ok, "Categories": "two words"}, "Categories"),
        (tasks, {"Title": "t", "Percent Complete": 150}, "Percent Complete"),
        (tasks, {"Title": "t", "Priority": "urgent"}, "Priority"),
        (links, {"Title": "t", "URL": "javascript:alert(1)"}, "URL"),
        (links, {"Title": "t"}, "URL"),
    ):
        err = assert_fails(None, user_api.new_web_aide_entry, **where, **fields)
        assert err.status == 400 and field in err.message, (fields, err.message)
    assert_fails(404, user_api.new_web_aide_entry, webaide_type="calendars", webaide_id=999999999, **ok)


def test_flag_fields_take_every_luxsci_spelling_and_store_0_or_1(user_api: Client) -> None:
    where = {"webaide_type": "calendars", "webaide_id": _webaide(user_api, "calendars")}
    for spelling, stored in (("yes", "1"), ("ON", "1"), (True, "1"), ("off", "0"), ("False", "0"), (0, "0")):
        entry = user_api.new_web_aide_entry(**where, Title="day", Start="2026-03-02", **{"All Day": spelling})
        assert entry["All Day"] == stored, (spelling, entry)


def test_bulk_add_update_and_delete_are_all_or_nothing(user_api: Client) -> None:
    where = {"webaide_type": "notes", "webaide_id": _webaide(user_api, "notes")}
    first = user_api.new_web_aide_entry(**where, Title="one", Body="first")["Unique ID"]
    result = user_api.add_update_web_aide_entries(
        **where,
        entries=[{"Unique ID": first, "Body": "changed"}, {"Title": "two"}, {"Title": "three", "Categories": "x"}],
    )
    assert result["created"] == 2 and result["updated"] == 1 and result["entry_ids"][0] == first
    assert user_api.get_web_aide_entry(**where, entry_id=first)["Body"] == "changed"
    err = assert_fails(
        None, user_api.add_update_web_aide_entries, **where, entries=[{"Title": "four"}, {"Body": "no title"}]
    )
    assert err.status == 400 and "entries[1].Title" in err.message
    err = assert_fails(
        None, user_api.add_update_web_aide_entries, **where, entries=[{"Unique ID": 987654321, "Title": "t"}]
    )
    assert err.status == 404
    assert_fails(400, user_api.add_update_web_aide_entries, **where, entries=[])
    assert len(user_api.get_web_aide_entries(**where)) == 3  # nothing of the failed calls was kept
    assert [e["Title"] for e in user_api.get_web_aide_entries(**where, category="x")] == ["three"]
    page = user_api.get_web_aide_entries(**where, first_row=1, matches=1)
    assert [e["Unique ID"] for e in page] == [result["entry_ids"][1]]
    two, three = result["entry_ids"][1:]
    assert_fails(404, user_api.delete_web_aide_entries, **where, entry_ids=f"{two},987654321")
    assert_fails(400, user_api.delete_web_aide_entries, **where)
    assert user_api.delete_web_aide_entries(**where, entry_ids=f"{two},{three}") == {
        "deleted": 2,
        "entry_ids": [two, three],
    }
    assert [e["Unique ID"] for e in user_api.get_web_aide_entries(**where)] == [first]


def test_tasks_and_links_typed_fields(user_api: Client) -> None:
    where = {"webaide_type": "tasks", "webaide_id": _webaide(user_api, "tasks")}
    task = user_api.new_web_aide_entry(
        **where,
        Title="File report",
        Due="2026-04-01",
        Priority="High",
        Status="In Progress",
        **{"Percent Complete": "40"},
    )
    assert task["Due"] == "2026-04-01 00:00:00" and task["Percent Complete"] == 40
    ics = user_api.get_web_aide_entries(**where, format="ics")["ics"]
    assert "BEGIN:VTODO" in ics and "PRIORITY:1" in ics and "STATUS:IN-PROCESS" in ics
    copy = {"webaide_type": "tasks", "webaide_id": _webaide(user_api, "tasks")}
    user_api.add_update_web_aide_entries(**copy, ics=ics)
    [back] = user_api.get_web_aide_entries(**copy)
    assert (back["Title"], back["Due"], back["Priority"], back["Status"], back["Percent Complete"]) == (
        "File report",
        "2026-04-01 00:00:00",
        "High",
        "In Progress",
        40,
    )
    links = {"webaide_type": "links", "webaide_id": _webaide(user_api, "links")}
    link = user_api.new_web_aide_entry(**links, Title="LuxSci", URL="https://luxsci.com/")
    assert link["URL"] == "https://luxsci.com/"
