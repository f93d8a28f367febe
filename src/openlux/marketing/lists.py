"""Contact lists and list groups (addList … updateListGroup; v2 addMarketingList … share these rules)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.errors import BadRequest, Conflict, LimitExceeded, NotFound
from openlux.core.reporting import Column, Paging, Report
from openlux.core.time import format_datetime
from openlux.marketing.common import MAX_DESCRIPTION, Owner, address_field, text_field
from openlux.marketing.fields import owner_fields
from openlux.marketing.models import NAME_LENGTH, MarketingCampaign, MarketingContact, MarketingList, MarketingListGroup
from openlux.marketing.schemas import ListGroupIn, ListIn, ListQuery

MAX_LISTS = 1000  # per owner; a list per newsletter/segment, far fewer in practice
MAX_GROUPS = 200
LIST_REPORT = Report(
    tuple(
        Column(k, t, d)
        for k, t, d in (
            ("list_id", "Integer", "List ID"),
            ("name", "String", "List name"),
            ("description", "String", "Description"),
            ("group_id", "Integer", "List group ID; empty when ungrouped"),
            ("from_name", "String", "Default sender name of campaigns to this list"),
            ("from_address", "String", "Default sender address"),
            ("reply_to", "String", "Default Reply-To address"),
            ("fields", "Array", "Names of the custom fields its contacts carry"),
            ("contacts", "Integer", "Contacts on the list"),
            ("subscribed", "Integer", "Contacts with status subscribed"),
            ("unsubscribed", "Integer", "Contacts with status unsubscribed"),
            ("bounced", "Integer", "Contacts with status bounced"),
            ("complained", "Integer", "Contacts with status complained"),
            ("created", "DATETIME", "When the list was created (GMT)"),
            ("modified", "DATETIME", "When the list was last changed (GMT)"),
        )
    )
)
STATUS_COUNTS = ("subscribed", "unsubscribed", "bounced", "complained")


def group_record(row: MarketingListGroup, lists: list[int]) -> dict[str, Any]:
    """The wire shape of one list group."""
    return {
        "group_id": row.id,
        "name": row.name,
        "description": row.description,
        "lists": lists,
        "created": format_datetime(row.created_at),
        "modified": format_datetime(row.modified_at),
    }


def list_record(row: MarketingList, counts: dict[str, int] | None = None) -> dict[str, Any]:
    """The wire shape of one list, with its contact counts."""
    counts = counts or {}
    return {
        "list_id": row.id,
        "name": row.name,
        "description": row.description,
        "group_id": row.group_id,
        "from_name": row.from_name,
        "from_address": row.from_address,
        "reply_to": row.reply_to,
        "fields": list(row.fields or []),
        "contacts": sum(counts.values()),
        **{status: counts.get(status, 0) for status in STATUS_COUNTS},
        "created": format_datetime(row.created_at),
        "modified": format_datetime(row.modified_at),
    }


async def flush_unique(session: AsyncSession, message: str) -> None:
    """Flush; losing a unique-name race to a concurrent request is a 409, not a 500."""
    try:
        await session.flush()
    except IntegrityError:
        raise Conflict(message) from None


async def _check_name_free(
    session: AsyncSession, model: Any, owner: Owner, name: str, *, what: str, except_id: int | None = None
) -> None:
    query = select(model.id).where(owner.matches(model), func.lower(model.name) == name.lower())
    if except_id is not None:
        query = query.where(model.id != except_id)
    if await session.scalar(query) is not None:
        raise Conflict(f"There is already a {what} named {name!r}.")


async def load_group(session: AsyncSession, owner: Owner, group_id: int) -> MarketingListGroup:
    """The owner's list group, or NotFound."""
    row = await session.get(MarketingListGroup, group_id)
    if row is None or row.owner_key != owner.key:
        raise NotFound(f"No list group {group_id}.")
    return row


async def add_group(*, session: AsyncSession, owner: Owner, body: ListGroupIn) -> dict[str, Any]:
    """addListGroup."""
    name = text_field(body.name, field="name", limit=NAME_LENGTH, required=True)
    await _check_name_free(session, MarketingListGroup, owner, name, what="list group")
    count = await session.scalar(select(func.count()).where(owner.matches(MarketingListGroup)))
    if (count or 0) >= MAX_GROUPS:
        raise LimitExceeded(f"At most {MAX_GROUPS} list groups are allowed.")
    row = MarketingListGroup(
        **owner.columns(),
        name=name,
        description=text_field(body.description, field="description", limit=MAX_DESCRIPTION, one_line=False),
    )
    session.add(row)
    await flush_unique(session, f"There is already a list group named {name!r}.")
    return group_record(row, [])


async def list_groups(*, session: AsyncSession, owner: Owner) -> list[dict[str, Any]]:
    """getListGroups: every group by name, with the ids of its lists."""
    groups = (
        await session.scalars(
            select(MarketingListGroup)
            .where(owner.matches(MarketingListGroup))
            .order_by(MarketingListGroup.name, MarketingListGroup.id)
        )
    ).all()
    members: dict[int | None, list[int]] = {}  # the query leaves out lists without a group
    rows = await session.execute(
        select(MarketingList.group_id, MarketingList.id)
        .where(owner.matches(MarketingList), MarketingList.group_id.is_not(None))
        .order_by(MarketingList.id)
    )
    for group_id, list_id in rows:
        members.setdefault(group_id, []).append(list_id)
    return [group_record(g, members.get(g.id, [])) for g in groups]


async def update_group(*, session: AsyncSession, owner: Owner, group_id: int, body: ListGroupIn) -> dict[str, Any]:
    """updateListGroup: rename and/or describe."""
    row = await load_group(session, owner, group_id)
    given = body.given()
    if "name" in given:
        name = text_field(body.name, field="name", limit=NAME_LENGTH, required=True)
        await _check_name_free(session, MarketingListGroup, owner, name, what="list group", except_id=row.id)
        row.name = name
    if "description" in given:
        row.description = text_field(body.description, field="description", limit=MAX_DESCRIPTION, one_line=False)
    row.modified_at = clock.utcnow()
    await flush_unique(session, f"There is already a list group named {row.name!r}.")
    lists = (
        await session.scalars(
            select(MarketingList.id).where(MarketingList.group_id == row.id).order_by(MarketingList.id)
        )
    ).all()
    return group_record(row, list(lists))


async def delete_group(*, session: AsyncSession, owner: Owner, group_id: int) -> dict[str, Any]:
    """deleteListGroup: its lists are kept, ungrouped."""
    row = await load_group(session, owner, group_id)
    await session.execute(
        update(MarketingList)
        .where(MarketingList.group_id == row.id)
        .values(group_id=None)
        .execution_options(synchronize_session=False)
    )
    await session.delete(row)
    await session.flush()
    return {"group_id": row.id, "deleted": 1}


async def group_named(session: AsyncSession, owner: Owner, value: str | None) -> int | None:
    """The id of the owner's list group called `value`, made when there is none yet; None for "" (ungroup)."""
    name = text_field(value, field="group", limit=NAME_LENGTH)
    if not name:
        return None
    found = await session.scalar(
        select(MarketingListGroup.id).where(owner.matches(MarketingListGroup), MarketingListGroup.name == name)
    )
    if found is not None:
        return found
    return (await add_group(session=session, owner=owner, body=ListGroupIn(name=name)))["group_id"]


async def _field_names(session: AsyncSession, owner: Owner, value: list[Any] | str | None) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    names = list(dict.fromkeys(str(v).strip() for v in items if str(v).strip()))
    known = await owner_fields(session, owner)
    by_lower = {name.lower(): name for name in known}
    unknown = [n for n in names if n.lower() not in by_lower]
    if unknown:
        raise BadRequest(f"Field 'fields': no custom field named {unknown[0]!r}; create it first (createCustomField).")
    return [by_lower[n.lower()] for n in names]


async def _apply(session: AsyncSession, owner: Owner, row: MarketingList, body: ListIn, given: dict[str, Any]) -> None:
    """Copy the given body fields onto the row, each checked (BadRequest/NotFound name the field)."""
    if "name" in given or row.name is None:
        row.name = text_field(body.name, field="name", limit=NAME_LENGTH, required=True)
        await _check_name_free(session, MarketingList, owner, row.name, what="list", except_id=row.id)
    if "description" in given:
        row.description = text_field(body.description, field="description", limit=MAX_DESCRIPTION, one_line=False)
    if "from_name" in given:
        row.from_name = text_field(body.from_name, field="from_name", limit=NAME_LENGTH)
    for field in ("from_address", "reply_to"):
        if field in given:
            setattr(row, field, address_field(given[field], field=field))
    if "group_id" in given:
        row.group_id = None if not body.group_id else (await load_group(session, owner, body.group_id)).id
    if "group" in given:
        row.group_id = await group_named(session, owner, body.group)
    if "fields" in given:
        row.fields = await _field_names(session, owner, body.fields)


async def load_list(session: AsyncSession, owner: Owner, list_id: int) -> MarketingList:
    """The owner's list, or NotFound."""
    row = await session.get(MarketingList, list_id)
    if row is None or row.owner_key != owner.key:
        raise NotFound(f"No list {list_id}.")
    return row


async def status_counts(session: AsyncSession, list_ids: list[int]) -> dict[int, dict[str, int]]:
    """Contacts per status of each list."""
    counts: dict[int, dict[str, int]] = {i: {} for i in list_ids}
    if list_ids:
        rows = await session.execute(
            select(MarketingContact.list_id, MarketingContact.status, func.count())
            .where(MarketingContact.list_id.in_(list_ids))
            .group_by(MarketingContact.list_id, MarketingContact.status)
        )
        for list_id, status, n in rows:
            counts[list_id][status] = n
    return counts


async def add(*, session: AsyncSession, owner: Owner, body: ListIn) -> dict[str, Any]:
    """addList."""
    count = await session.scalar(select(func.count()).where(owner.matches(MarketingList)))
    if (count or 0) >= MAX_LISTS:
        raise LimitExceeded(f"At most {MAX_LISTS} lists are allowed.")
    row = MarketingList(
        **owner.columns(), name=None, description="", from_name="", from_address="", reply_to="", fields=[]
    )
    await _apply(session, owner, row, body, body.given())
    session.add(row)
    await flush_unique(session, f"There is already a list named {row.name!r}.")
    return list_record(row)


async def get(*, session: AsyncSession, owner: Owner, list_id: int) -> dict[str, Any]:
    """getList."""
    row = await load_list(session, owner, list_id)
    return list_record(row, (await status_counts(session, [row.id]))[row.id])


async def update_one(*, session: AsyncSession, owner: Owner, list_id: int, body: ListIn) -> dict[str, Any]:
    """updateList: change the given fields only."""
    row = await load_list(session, owner, list_id)
    await _apply(session, owner, row, body, body.given())
    row.modified_at = clock.utcnow()
    await flush_unique(session, f"There is already a list named {row.name!r}.")
    return list_record(row, (await status_counts(session, [row.id]))[row.id])


async def delete(*, session: AsyncSession, owner: Owner, list_id: int) -> dict[str, Any]:
    """deleteList: the list and its contacts; refused while a scheduled or sending campaign targets it."""
    row = await load_list(session, owner, list_id)
    busy = await session.execute(
        select(MarketingCampaign.id, MarketingCampaign.list_ids).where(
            owner.matches(MarketingCampaign), MarketingCampaign.status.in_(("scheduled", "sending"))
        )
    )
    for campaign_id, targets in busy:
        if row.id in (targets or []):
            raise Conflict(
                f"List {row.id} is a target of campaign {campaign_id}, which is scheduled or being "
                "sent; cancel or change the campaign first."
            )
    contacts = await session.scalar(select(func.count()).where(MarketingContact.list_id == row.id)) or 0
    await session.delete(row)
    await session.flush()
    return {"list_id": row.id, "deleted": 1, "contacts_deleted": contacts}


async def page(*, session: AsyncSession, owner: Owner, query: ListQuery) -> dict[str, Any]:
    """getLists: a report page of the owner's lists, by name."""
    paging = Paging.parse(query.first_row, query.matches)
    clauses = [owner.matches(MarketingList)]
    if query.group_id is not None:  # 0: lists in no group
        clauses.append(
            MarketingList.group_id.is_(None) if query.group_id == 0 else MarketingList.group_id == query.group_id
        )
    if query.name:
        clauses.append(func.lower(MarketingList.name).contains(query.name.strip().lower(), autoescape=True))
    total = await session.scalar(select(func.count()).select_from(MarketingList).where(*clauses)) or 0
    rows = []
    if paging.matches:
        rows = list(
            (
                await session.scalars(
                    select(MarketingList)
                    .where(*clauses)
                    .order_by(MarketingList.name, MarketingList.id)
                    .offset(paging.first_row)
                    .limit(paging.matches)
                )
            ).all()
        )
    counts = await status_counts(session, [r.id for r in rows])
    return LIST_REPORT.page([list_record(r, counts[r.id]) for r in rows], total=total, paging=paging)
