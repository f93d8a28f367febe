"""Entry fields: the catalogue per WebAide type, and checking what a client sends.

Quirks from the WebAide Definitions page (spec 40): field names are human-readable labels with spaces
and apostrophes and are case-sensitive; DATETIME values are GMT `YYYY-MM-DD HH:MM:SS`; `Categories`
is a `;`-separated tag list (the page's Type column says comma-delimited, so `,` is accepted too).
Unknown field names are kept as given. Decisions: docs/compat.d/webaides.md.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from openlux.contract import WEBAIDE_TYPES  # the access areas (webaides_<type>) name the same types
from openlux.core.errors import BadRequest
from openlux.core.ids import ascii_digits
from openlux.core.time import format_datetime, parse_datetime
from openlux.core.types import parse_flag, parse_id

# Set by the server; ignored when a client sends them back.
SERVER_FIELDS = ("Unique ID", "Created", "Modified", "Created By")
MAX_FIELDS = 200
MAX_NAME = 100
MAX_VALUE = 65_535  # a note body or description; larger content belongs in the document library
TEXT, DATETIME, INTEGER, FLAG = "Text", "DATETIME", "INTEGER", "FLAG"
CATEGORIES, LIST_OF_DATETIMES = "TAGS", "DATETIMES"
TASK_PRIORITIES = ("High", "Normal", "Low")  # Outlook's task priorities
TASK_STATUSES = ("Not Started", "In Progress", "Completed", "Waiting", "Deferred")

# Typed fields per type; any other name is free text. Address books follow Outlook's contact labels
# (spec 40: the documented rows Account, Anniversary, Assistant's Name are Text).
CATALOGUE: dict[str, dict[str, str]] = {
    "calendars": {
        "Title": TEXT,
        "Description": TEXT,
        "Location": TEXT,
        "Start": DATETIME,
        "End": DATETIME,
        "All Day": FLAG,
        "Time Zone": TEXT,
        "Recurrence": TEXT,
        "Recurrence Exceptions": LIST_OF_DATETIMES,
        "Reminder": INTEGER,
        "Attendees": TEXT,
    },
    "tasks": {
        "Title": TEXT,
        "Description": TEXT,
        "Start": DATETIME,
        "Due": DATETIME,
        "Date Completed": DATETIME,
        "Priority": TEXT,
        "Status": TEXT,
        "Percent Complete": INTEGER,
        "Reminder": DATETIME,
    },
    "addressbooks": {"Anniversary": TEXT, "Birthday": TEXT},
    "notes": {"Title": TEXT, "Body": TEXT},
    "links": {"Title": TEXT, "URL": TEXT, "Description": TEXT},
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "calendars": ("Title", "Start"),
    "tasks": ("Title",),
    "addressbooks": (),
    "notes": ("Title",),
    "links": ("URL",),
}
CHOICES = {("tasks", "Priority"): TASK_PRIORITIES, ("tasks", "Status"): TASK_STATUSES}
INTEGER_RANGES = {("tasks", "Percent Complete"): (0, 100), ("calendars", "Reminder"): (0, 40_320)}  # ≤ 4 weeks
_TAG_SPLIT = re.compile(r"[;,]")
_URL = re.compile(r"^(https?|ftp)://[^\s/$.?#][^\s]*$|^mailto:[^\s]+$", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def check_type(value: str) -> str:
    """A WebAide type code exposed through the API; BadRequest otherwise."""
    if value not in WEBAIDE_TYPES:
        raise BadRequest(f"Parameter 'webaide_type' must be one of {', '.join(WEBAIDE_TYPES)}; got {value!r}.")
    return value


def field_name(raw: str, *, prefix: str) -> str:
    """A field name as stored: trimmed, typographic apostrophes made ASCII (spec 40 open question 6)."""
    name = raw.strip().replace("\u2019", "'")
    if not name or len(name) > MAX_NAME or _CONTROL.search(name):
        raise BadRequest(f"Field name {prefix}{raw!r} must be 1 to {MAX_NAME} printable characters.")
    return name


def categories(value: Any, *, field: str) -> str:
    """Tags joined with `;`; a tag may not contain white space (docs: no space, comma or semicolon)."""
    parts = value if isinstance(value, list) else _TAG_SPLIT.split(str(value))
    tags: list[str] = []
    for part in parts:
        tag = str(part).strip()
        if not tag:
            continue
        if any(ch.isspace() for ch in tag) or ";" in tag or "," in tag:
            raise BadRequest(f"Field '{field}': tag {tag!r} must not contain spaces, commas or semicolons.")
        if tag not in tags:
            tags.append(tag)
    return ";".join(tags)


def _scalar(value: Any, *, field: str) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return str(value)
    if not isinstance(value, str):
        raise BadRequest(f"Field '{field}' must be a string or number.")
    if len(value) > MAX_VALUE:
        raise BadRequest(f"Field '{field}' must be at most {MAX_VALUE} characters long.")
    if "\x00" in value:
        raise BadRequest(f"Field '{field}' must not contain NUL characters.")
    return value


def clean_value(webaide_type: str, name: str, value: Any, *, field: str) -> str:
    """The stored text of one field value, checked against its type; BadRequest names the field."""
    kind = CATALOGUE[webaide_type].get(name, CATEGORIES if name == "Categories" else TEXT)
    if kind == CATEGORIES:
        return categories(value, field=field)
    text = _scalar(value, field=field)
    if kind != TEXT:
        text = text.strip()
    if text == "":
        return ""
    if kind == DATETIME:
        return format_datetime(parse_datetime(text, field=field))
    if kind == LIST_OF_DATETIMES:
        return ";".join(format_datetime(parse_datetime(p, field=field)) for p in text.split(";") if p.strip())
    if kind == FLAG:  # stored as 0/1 whichever LuxSci spelling came in (core.types)
        try:
            text = "1" if parse_flag(text) else "0"
        except ValueError:
            raise BadRequest(f"Field '{field}' must be 0 or 1 (also true/false, yes/no, on/off).") from None
    elif kind == INTEGER:
        low, high = INTEGER_RANGES.get((webaide_type, name), (0, 2**31 - 1))
        try:
            number = parse_id(text)
        except ValueError:
            number = -1
        if not low <= number <= high:
            raise BadRequest(f"Field '{field}' must be a whole number from {low} to {high}.")
        text = str(number)
    choices = CHOICES.get((webaide_type, name))
    if choices and text not in choices:
        raise BadRequest(f"Field '{field}' must be one of {', '.join(choices)}; got {text!r}.")
    if webaide_type == "links" and name == "URL" and not _URL.match(text.strip()):
        raise BadRequest(f"Field '{field}' must be an http, https, ftp or mailto URL.")
    return text


def changes(webaide_type: str, body: dict[str, Any], *, prefix: str = "") -> dict[str, str]:
    """Field name → new value ('' removes the field); nulls and server-managed fields are skipped."""
    out: dict[str, str] = {}
    for raw, value in body.items():
        if value is None:
            continue  # spec 00: PHP sends every unset property as null
        name = field_name(str(raw), prefix=prefix)
        if name in SERVER_FIELDS:
            continue
        out[name] = clean_value(webaide_type, name, value, field=f"{prefix}{name}")
    if len(out) > MAX_FIELDS:
        raise BadRequest(f"Entry {prefix.rstrip('.') or 'body'}: at most {MAX_FIELDS} fields.")
    return out


def merged(current: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """The fields after applying changes: '' removes a field, others replace it."""
    result = dict(current)
    for name, value in new.items():
        if value == "":
            result.pop(name, None)
        else:
            result[name] = value
    return result


def check_complete(webaide_type: str, values: dict[str, str], *, prefix: str = "") -> None:
    """Required fields present and start/end ordered; BadRequest names the field."""
    for name in REQUIRED[webaide_type]:
        if not values.get(name, "").strip():
            raise BadRequest(f"Field '{prefix}{name}' is required for {webaide_type} entries.")
    if not values:
        raise BadRequest(f"Entry {prefix.rstrip('.') or 'body'}: at least one field is required.")
    if len(values) > MAX_FIELDS:
        raise BadRequest(f"Entry {prefix.rstrip('.') or 'body'}: at most {MAX_FIELDS} fields.")
    if webaide_type in ("calendars", "tasks"):
        later = "End" if webaide_type == "calendars" else "Due"
        if values.get("Start") and values.get(later) and values[later] < values["Start"]:
            raise BadRequest(f"Field '{prefix}{later}' must not be before 'Start'.")


def output(values: dict[str, str], webaide_type: str) -> dict[str, Any]:
    """Stored values in wire form: INTEGER fields as numbers, everything else as text."""
    kinds = CATALOGUE[webaide_type]
    return {
        name: int(value) if kinds.get(name) == INTEGER and ascii_digits(value) else value
        for name, value in values.items()
    }


def as_datetime(values: dict[str, str], name: str) -> datetime | None:
    """A stored DATETIME field as a datetime (None when empty)."""
    text = values.get(name)
    return parse_datetime(text, field=name) if text else None
