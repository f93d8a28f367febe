"""iCalendar (RFC 5545) export and import of calendar and task entries, with the `icalendar` package.

getWebAideEntries with `format=ics` answers `{"ics": "<VCALENDAR>"}` (the envelope stays JSON);
addUpdateWebAideEntries accepts `{"ics": "<VCALENDAR>"}` besides `entries`: each VEVENT (calendars)
or VTODO (tasks) becomes a new entry through the same checks as JSON entries.
"""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.core.errors import BadRequest, LimitExceeded, PayloadTooLarge
from openlux.core.time import format_datetime
from openlux.webaides import entries
from openlux.webaides.access import reach
from openlux.webaides.schemas import EntryQuery

if TYPE_CHECKING:
    from icalendar import Event, Todo

ICAL_TYPES = {"calendars": "VEVENT", "tasks": "VTODO"}
PRODID = "-//OpenLux//WebAides//EN"
# RFC 5545 §3.8.1.9: PRIORITY 1 highest, 5 normal, 9 lowest.
_PRIORITY_OUT = {"High": 1, "Normal": 5, "Low": 9}
_STATUS_OUT = {
    "Not Started": "NEEDS-ACTION",
    "In Progress": "IN-PROCESS",
    "Completed": "COMPLETED",
    "Waiting": "NEEDS-ACTION",
    "Deferred": "CANCELLED",
}
_STATUS_IN = {
    "NEEDS-ACTION": "Not Started",
    "IN-PROCESS": "In Progress",
    "COMPLETED": "Completed",
    "CANCELLED": "Deferred",
}


_UNTIL_DATE_TIME = re.compile(r"UNTIL=(\d{8})T\d{6}Z?", re.IGNORECASE)


def _when(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)


def _rule_for_export(rule: str, *, all_day: bool) -> str:
    """RFC 5545 §3.3.10: UNTIL has DTSTART's value type, so an all-day series gets a DATE UNTIL."""
    if not all_day:
        return rule
    return _UNTIL_DATE_TIME.sub(lambda m: f"UNTIL={m.group(1)}", rule)


def _event(entry: dict[str, Any], webaide_id: int) -> Event:
    from icalendar import Event, vRecur  # imported on use: API processes that never export stay ~4 MB smaller

    event = Event()
    event.add("uid", f"webaide-{webaide_id}-entry-{entry['Unique ID']}@openlux")
    event.add("dtstamp", _when(entry["Modified"]))
    all_day = entry.get("All Day") == "1"
    # In the entry's zone (with a VTIMEZONE) so other clients expand its RRULE on the same wall clock.
    zone = ZoneInfo(entry["Time Zone"]) if entry.get("Time Zone") and not all_day else UTC
    start = _when(entry["Start"]).astimezone(zone)
    event.add("dtstart", start.date() if all_day else start)
    if entry.get("End"):
        end = _when(entry["End"]).astimezone(zone)
        event.add(
            "dtend", (end.date() if end.date() > start.date() else start.date() + timedelta(days=1)) if all_day else end
        )
    for field, prop in (("Title", "summary"), ("Description", "description"), ("Location", "location")):
        if entry.get(field):
            event.add(prop, entry[field])
    if entry.get("Recurrence"):
        event.add("rrule", vRecur.from_ical(_rule_for_export(entry["Recurrence"], all_day=all_day)))
    for text in filter(None, entry.get("Recurrence Exceptions", "").split(";")):
        event.add("exdate", _when(text))
    return event


def _todo(entry: dict[str, Any], webaide_id: int) -> Todo:
    from icalendar import Todo

    todo = Todo()
    todo.add("uid", f"webaide-{webaide_id}-entry-{entry['Unique ID']}@openlux")
    todo.add("dtstamp", _when(entry["Modified"]))
    for field, prop in (("Start", "dtstart"), ("Due", "due"), ("Date Completed", "completed")):
        if entry.get(field):
            todo.add(prop, _when(entry[field]))
    for field, prop in (("Title", "summary"), ("Description", "description")):
        if entry.get(field):
            todo.add(prop, entry[field])
    if entry.get("Priority") in _PRIORITY_OUT:
        todo.add("priority", _PRIORITY_OUT[entry["Priority"]])
    if entry.get("Status") in _STATUS_OUT:
        todo.add("status", _STATUS_OUT[entry["Status"]])
    if entry.get("Percent Complete") not in (None, ""):
        todo.add("percent-complete", int(entry["Percent Complete"]))
    return todo


def export(shapes: list[dict[str, Any]], webaide_type: str, webaide_id: int) -> str:
    """A VCALENDAR of the entries (VEVENTs for calendars, VTODOs for tasks)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    for entry in shapes:
        component = _event(entry, webaide_id) if webaide_type == "calendars" else _todo(entry, webaide_id)
        if entry.get("Categories"):
            component.add("categories", entry["Categories"].split(";"))
        cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical().decode("utf-8")


async def list_or_export(
    *, session: AsyncSession, user: User, webaide_type: str, webaide_id: int, query: EntryQuery
) -> Any:
    """getWebAideEntries: a list of entries, or `{"ics": …}` with format=ics."""
    form = (query.format or "json").strip().lower()
    if form not in ("json", "ics"):
        raise BadRequest("Parameter 'format' must be json or ics.")
    rows = await entries.list_entries(
        session=session, user=user, webaide_type=webaide_type, webaide_id=webaide_id, query=query
    )
    shapes = await entries.records(session, rows, webaide_type)
    if form == "json":
        return shapes
    if webaide_type not in ICAL_TYPES:
        raise BadRequest("Parameter 'format': ics is available for calendars and tasks only.")
    return {"ics": export(shapes, webaide_type, int(webaide_id))}


def _text(value: Any) -> str:
    if isinstance(value, datetime):
        return format_datetime(value if value.tzinfo else value.replace(tzinfo=UTC))
    if isinstance(value, date):
        return f"{value.isoformat()} 00:00:00"
    return str(value)


def _component_fields(component: Any, webaide_type: str) -> dict[str, Any]:
    """Entry fields of one VEVENT or VTODO."""
    out: dict[str, Any] = {}
    props = {
        "summary": "Title",
        "description": "Description",
        "location": "Location",
        "dtstart": "Start",
        "dtend": "End",
        "due": "Due",
        "completed": "Date Completed",
    }
    for prop, field in props.items():
        if prop in component and field in _ALLOWED[webaide_type]:
            value = component.decoded(prop) if prop.startswith(("dt", "due", "comp")) else str(component[prop])
            out[field] = _text(value)
    if webaide_type == "calendars":
        start = component.decoded("dtstart", None)
        if "dtend" not in component and "duration" in component and start is not None:
            out["End"] = _text(start + component.decoded("duration"))
        if isinstance(start, date) and not isinstance(start, datetime):
            out["All Day"] = "1"
        elif getattr(getattr(start, "tzinfo", None), "key", "UTC") != "UTC":
            out["Time Zone"] = start.tzinfo.key
        if "rrule" in component:
            out["Recurrence"] = component["rrule"].to_ical().decode()
        exdates = component.get("exdate")
        if exdates:
            items = exdates if isinstance(exdates, list) else [exdates]
            out["Recurrence Exceptions"] = ";".join(_text(d.dt) for ex in items for d in ex.dts)
    else:
        priority = int(component.get("priority", 0) or 0)
        if priority:
            out["Priority"] = "High" if priority < 5 else "Normal" if priority == 5 else "Low"
        if str(component.get("status", "")).upper() in _STATUS_IN:
            out["Status"] = _STATUS_IN[str(component["status"]).upper()]
        if "percent-complete" in component:
            out["Percent Complete"] = str(component["percent-complete"])
    categories = component.get("categories")
    if categories:
        items = categories if isinstance(categories, list) else [categories]
        out["Categories"] = ";".join(str(c) for cat in items for c in cat.cats)
    return out


_ALLOWED = {
    "calendars": {"Title", "Description", "Location", "Start", "End"},
    "tasks": {"Title", "Description", "Start", "Due", "Date Completed"},
}


MAX_ICS_CHARS = 2 * 1024 * 1024  # ~1000 entries with long descriptions; parsing costs ~30x its size in memory
MAX_COMPONENTS = 4 * entries.MAX_PER_CALL  # every BEGIN: (entries, alarms, time zones) before parsing


def check_import_size(text: str, webaide_type: str) -> None:
    """Refuse an import over the size or entry limits before the (slow, memory-hungry) parser sees it."""
    if len(text) > MAX_ICS_CHARS:
        raise PayloadTooLarge(f"Field 'ics' is longer than {MAX_ICS_CHARS} characters; import it in parts.")
    begins = re.findall(r"(?im)^BEGIN:(\w+)", text)
    wanted = ICAL_TYPES[webaide_type].upper()
    if sum(1 for name in begins if name.upper() == wanted) > entries.MAX_PER_CALL:
        raise LimitExceeded(f"At most {entries.MAX_PER_CALL} entries may be imported per call.")
    if len(begins) > MAX_COMPONENTS:
        raise LimitExceeded(f"Field 'ics' holds more than {MAX_COMPONENTS} components.")


def parse(text: Any, webaide_type: str) -> list[dict[str, Any]]:
    """Entry field maps of the VEVENTs/VTODOs in a VCALENDAR; BadRequest names `ics`."""
    if webaide_type not in ICAL_TYPES:
        raise BadRequest("Field 'ics' is accepted for calendars and tasks only.")
    if not isinstance(text, str) or not text.strip():
        raise BadRequest("Field 'ics' must be the text of a VCALENDAR.")
    check_import_size(text, webaide_type)
    from icalendar import Calendar

    try:
        cal = Calendar.from_ical(text)
        found = [_component_fields(c, webaide_type) for c in cal.walk(ICAL_TYPES[webaide_type])]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BadRequest(f"Field 'ics' is not a valid iCalendar text ({exc}).") from None
    if not found:
        raise BadRequest(f"Field 'ics' holds no {ICAL_TYPES[webaide_type]} component.")
    if len(found) > entries.MAX_PER_CALL:
        raise LimitExceeded(f"At most {entries.MAX_PER_CALL} entries may be imported per call.")
    return found


async def add_update(
    *, session: AsyncSession, user: User, webaide_type: str, webaide_id: int, body: dict[str, Any]
) -> dict[str, Any]:
    """addUpdateWebAideEntries: `entries` (JSON) or `ics` (iCalendar import, always new entries)."""
    if body.get("ics") is not None and body.get("entries") is None:
        await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id)
        # Parsing a large VCALENDAR is CPU work: keep it off the event loop.
        body = {"entries": await asyncio.to_thread(parse, body["ics"], webaide_type)}
    return await entries.add_update_entries(
        session=session, user=user, webaide_type=webaide_type, webaide_id=webaide_id, body=body
    )
