"""WebAide entries: read, create, change and delete, one at a time or in bulk.

Every write takes fresh numbers from the WebAide's change counter (getWebAideChanges reads them).
A deleted entry becomes a tombstone: its fields are erased, its id and deletion time stay for sync.
Bulk calls are all-or-nothing: the first bad item fails the call with its index named.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.content.common import logins
from openlux.core import time as clock
from openlux.core.errors import BadRequest, LimitExceeded, NotFound
from openlux.core.reporting import Paging
from openlux.core.time import format_datetime, parse_datetime
from openlux.core.types import parse_id
from openlux.webaides import fields
from openlux.webaides.access import Access, reach
from openlux.webaides.models import WebAide, WebAideEntry
from openlux.webaides.recurrence import Series, normalise_rule, zone_of
from openlux.webaides.schemas import EntryQuery

MAX_ENTRIES_PER_WEBAIDE = 100_000
MAX_PER_CALL = 1000  # bulk add/update and bulk delete
ALL_DAY = timedelta(days=1)


def record(entry: WebAideEntry, webaide_type: str, creators: dict[int, str]) -> dict[str, Any]:
    """The wire shape of one entry: its fields keyed by LuxSci name, plus the server-managed ones."""
    return {
        "Unique ID": entry.id,
        **fields.output(entry.fields or {}, webaide_type),
        "Created": format_datetime(entry.created_at),
        "Modified": format_datetime(entry.modified_at),
        "Created By": creators.get(entry.created_by or 0, ""),
    }


async def records(session: AsyncSession, entries: Sequence[WebAideEntry], webaide_type: str) -> list[dict[str, Any]]:
    """Wire shapes of several entries (one query for the creators' logins)."""
    creators = await logins(session, (e.created_by for e in entries if e.created_by))
    return [record(e, webaide_type, creators) for e in entries]


def series_of(values: dict[str, str], *, prefix: str = "") -> Series:
    """The timing of a calendar entry's values (already checked); an all-day entry lasts a day by default."""
    start = fields.as_datetime(values, "Start")
    assert start is not None
    default_end = start + ALL_DAY if values.get("All Day") == "1" else start
    duration = (fields.as_datetime(values, "End") or default_end) - start
    exceptions = tuple(
        parse_datetime(t, field=f"{prefix}Recurrence Exceptions")
        for t in values.get("Recurrence Exceptions", "").split(";")
        if t
    )
    return Series(
        start,
        duration,
        zone_of(values.get("Time Zone"), field=f"{prefix}Time Zone"),
        values.get("Recurrence") or None,
        exceptions,
    )


def _index(entry: WebAideEntry, webaide_type: str, values: dict[str, str], prefix: str) -> None:
    """Fill the columns that queries use (tags; calendar series bounds) and normalise the rule."""
    entry.categories = f";{values['Categories']};" if values.get("Categories") else ""
    if webaide_type != "calendars":
        return
    series = series_of(values, prefix=prefix)
    if values.get("Recurrence"):
        values["Recurrence"] = normalise_rule(
            values["Recurrence"], start=series.start, zone=series.zone, field=f"{prefix}Recurrence"
        )
        series = series_of(values, prefix=prefix)
    entry.starts_at, entry.series_end_at = series.start, series.series_end()


def _apply(entry: WebAideEntry, webaide_type: str, body: dict[str, Any], prefix: str) -> None:
    values = fields.merged(entry.fields or {}, fields.changes(webaide_type, body, prefix=prefix))
    fields.check_complete(webaide_type, values, prefix=prefix)
    _index(entry, webaide_type, values, prefix)
    entry.fields = values


async def take_revisions(session: AsyncSession, webaide: WebAide, count: int) -> int:
    """Reserve `count` change numbers; returns the first. The row lock orders concurrent writers."""
    result = await session.execute(
        update(WebAide)
        .where(WebAide.id == webaide.id)
        .values(revision=WebAide.revision + count, modified_at=clock.utcnow())
        .returning(WebAide.revision)
        .execution_options(synchronize_session=False)
    )
    return int(result.scalar_one()) - count + 1


async def _entries(
    session: AsyncSession, access: Access, ids: Sequence[int], *, field: str | None = None
) -> dict[int, WebAideEntry]:
    """Live entries of the WebAide by id; NotFound names the first missing one."""
    rows = (
        await session.scalars(
            select(WebAideEntry).where(
                WebAideEntry.webaide_id == access.webaide.id,
                WebAideEntry.id.in_(set(ids)),
                WebAideEntry.deleted_at.is_(None),
            )
        )
    ).all()
    found = {r.id: r for r in rows}
    for number in ids:
        if number not in found:
            where = f" ({field})" if field else ""
            raise NotFound(f"No entry {number} in WebAide {access.webaide.id}{where}.")
    return found


async def _check_room(session: AsyncSession, access: Access, adding: int) -> None:
    if not adding:
        return
    live = (
        await session.scalar(
            select(func.count())
            .select_from(WebAideEntry)
            .where(WebAideEntry.webaide_id == access.webaide.id, WebAideEntry.deleted_at.is_(None))
        )
        or 0
    )
    if live + adding > MAX_ENTRIES_PER_WEBAIDE:
        raise LimitExceeded(f"A WebAide may hold at most {MAX_ENTRIES_PER_WEBAIDE} entries.")


async def get_entry(
    *, session: AsyncSession, user: User, webaide_type: str, webaide_id: int, entry_id: int
) -> dict[str, Any]:
    """getWebAideEntry (needs read)."""
    access = await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id)
    access.require("read", "read entries")
    number = entry_id
    entry = (await _entries(session, access, [number]))[number]
    return (await records(session, [entry], webaide_type))[0]


Item = tuple[int | None, dict[str, Any], str]  # (Unique ID or None for a new entry, fields, error prefix)


async def write_entries(session: AsyncSession, access: Access, items: Sequence[Item]) -> list[WebAideEntry]:
    """Create (id None) or update each (id, body, error prefix) after checking every one; all or nothing."""
    # Lock the WebAide row before reading entries: concurrent writers queue, none merges stale fields.
    first = await take_revisions(session, access.webaide, len(items))
    wanted = [number for number, _, _ in items if number is not None]
    existing = await _entries(session, access, wanted, field="Unique ID") if wanted else {}
    await _check_room(session, access, sum(1 for number, _, _ in items if number is None))
    webaide_type, now = access.webaide.webaide_type, clock.utcnow()
    out: list[WebAideEntry] = []
    for number, body, prefix in items:
        if number is None:
            access.require("create", "create entries")
            entry = WebAideEntry(webaide_id=access.webaide.id, created_by=access.user.id, fields={}, created_at=now)
        else:
            entry = existing[number]
            access.require_on_entry("edit", entry, "change")
        _apply(entry, webaide_type, body, prefix)
        out.append(entry)
    for offset, entry in enumerate(out):
        entry.revision, entry.modified_at = first + offset, now
        if entry.id is None:
            entry.created_revision = entry.revision
            session.add(entry)
    await session.flush()
    return out


async def create_entry(
    *, session: AsyncSession, user: User, webaide_type: str, webaide_id: int, body: dict[str, Any]
) -> dict[str, Any]:
    """newWebAideEntry (needs create): the stored entry."""
    access = await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id)
    access.require("create", "create entries")
    entries = await write_entries(session, access, [(None, body, "")])
    return (await records(session, entries, webaide_type))[0]


async def update_entry(
    *, session: AsyncSession, user: User, webaide_type: str, webaide_id: int, entry_id: int, body: dict[str, Any]
) -> dict[str, Any]:
    """updateWebAideEntry (edit_all, or edit_self on own entries): only the fields sent change."""
    access = await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id)
    number = entry_id
    entries = await write_entries(session, access, [(number, body, "")])
    return (await records(session, entries, webaide_type))[0]


def _bulk_items(raw: Any) -> list[Item]:
    """The `entries` list of addUpdateWebAideEntries as (id or None, fields, prefix)."""
    if not isinstance(raw, list) or not raw:
        raise BadRequest("Field 'entries' must be a non-empty list of entry objects.")
    if len(raw) > MAX_PER_CALL:
        raise LimitExceeded(f"At most {MAX_PER_CALL} entries may be sent per call; got {len(raw)}.")
    items: list[Item] = []
    seen: set[int] = set()
    for index, item in enumerate(raw):
        prefix = f"entries[{index}]."
        if not isinstance(item, dict):
            raise BadRequest(f"Field 'entries[{index}]' must be an object of entry fields.")
        key = item.get("Unique ID")
        number = None
        if key not in (None, "", 0, "0"):
            try:
                number = parse_id(key)
            except ValueError:
                raise BadRequest(f"Field '{prefix}Unique ID' must be a whole number.") from None
            if number in seen:
                raise BadRequest(f"Field '{prefix}Unique ID': entry {number} is listed twice.")
            seen.add(number)
        items.append((number, item, prefix))
    return items


async def add_update_entries(
    *, session: AsyncSession, user: User, webaide_type: str, webaide_id: int, body: dict[str, Any]
) -> dict[str, Any]:
    """addUpdateWebAideEntries: entries with `Unique ID` are changed, the others created."""
    access = await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id)
    items = _bulk_items(body.get("entries"))
    entries = await write_entries(session, access, items)
    created = sum(1 for number, _, _ in items if number is None)
    return {"created": created, "updated": len(items) - created, "entry_ids": [e.id for e in entries]}


def _tombstone(entry: WebAideEntry, revision: int) -> None:
    now = clock.utcnow()
    # The content goes (HIPAA data minimisation); id and times stay so sync clients learn of the deletion.
    entry.fields, entry.categories, entry.starts_at, entry.series_end_at = {}, "", None, None
    entry.deleted_at = entry.modified_at = now
    entry.revision = revision


async def delete_entries_by_id(session: AsyncSession, access: Access, ids: Sequence[int]) -> list[int]:
    """Tombstone the entries (delete_all, or delete_self on own ones); all or nothing."""
    first = await take_revisions(session, access.webaide, len(ids))  # lock first, as write_entries does
    found = await _entries(session, access, ids, field="entry_ids")
    for number in ids:
        access.require_on_entry("delete", found[number], "delete")
    for offset, number in enumerate(ids):
        _tombstone(found[number], first + offset)
    await session.flush()
    return list(ids)


async def delete_entry(
    *, session: AsyncSession, user: User, webaide_type: str, webaide_id: int, entry_id: int
) -> dict[str, Any]:
    """deleteWebAideEntry."""
    access = await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id)
    number = entry_id
    await delete_entries_by_id(session, access, [number])
    return {"entry_id": number, "deleted": 1}


def id_list(raw: str | Sequence[str] | None, *, field: str) -> list[int]:
    """Entry ids from `1,2,3` or a repeated parameter, de-duplicated; BadRequest names the field."""
    parts = [raw] if isinstance(raw, str) else list(raw or [])
    ids: list[int] = []
    for part in parts:
        for text in str(part).replace(";", ",").split(","):
            text = text.strip()
            if not text:
                continue
            try:
                number = parse_id(text)
            except ValueError:
                raise BadRequest(f"Parameter '{field}' must list whole-number entry ids; got {text!r}.") from None
            if number not in ids:
                ids.append(number)
    return ids


async def delete_entries(
    *, session: AsyncSession, user: User, webaide_type: str, webaide_id: int, entry_ids: Sequence[str]
) -> dict[str, Any]:
    """deleteWebAideEntries: the listed entries (an empty list is an error, never 'all')."""
    access = await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id)
    ids = id_list(entry_ids, field="entry_ids")
    if not ids:
        raise BadRequest("Parameter 'entry_ids' must list the entries to delete.")
    if len(ids) > MAX_PER_CALL:
        raise LimitExceeded(f"At most {MAX_PER_CALL} entries may be deleted per call; got {len(ids)}.")
    deleted = await delete_entries_by_id(session, access, ids)
    return {"deleted": len(deleted), "entry_ids": deleted}


async def list_entries(
    *, session: AsyncSession, user: User, webaide_type: str, webaide_id: int, query: EntryQuery
) -> list[WebAideEntry]:
    """The live entries a getWebAideEntries query selects, by Unique ID (needs read)."""
    access = await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id)
    access.require("read", "read entries")
    paging = Paging.parse(query.first_row, query.matches)
    clauses = [WebAideEntry.webaide_id == access.webaide.id, WebAideEntry.deleted_at.is_(None)]
    if query.category:
        # Several tags: entries carrying all of them.
        for tag in fields.categories(query.category, field="category").split(";"):
            clauses.append(WebAideEntry.categories.contains(f";{tag};", autoescape=True))
    if query.entry_ids:
        clauses.append(WebAideEntry.id.in_(id_list(query.entry_ids, field="entry_ids")))
    if not paging.matches:
        return []
    return list(
        (
            await session.scalars(
                select(WebAideEntry)
                .where(*clauses)
                .order_by(WebAideEntry.id)
                .offset(paging.first_row)
                .limit(paging.matches)
            )
        ).all()
    )
