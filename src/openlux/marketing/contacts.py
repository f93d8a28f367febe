"""Contacts of a list: one at a time, in bulk (one upsert statement per batch), reads and updates.

Unsubscribing (status `unsubscribed`, or `complained`) also puts the address on the owner's
suppression list through `openlux.suppressions.service.suppress`, so no other sending reaches it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.addresses import normalise_address
from openlux.core.errors import BadRequest, Conflict, NotFound
from openlux.core.reporting import Column, Paging, Report
from openlux.core.time import format_datetime, parse_datetime
from openlux.marketing import lists
from openlux.marketing import suppressions as marketing_suppressions
from openlux.marketing.common import Owner
from openlux.marketing.fields import FieldChecker, merged, owner_fields
from openlux.marketing.models import ContactStatus, MarketingContact, MarketingList
from openlux.marketing.schemas import ContactIn, ContactQuery
from openlux.suppressions.service import suppress

STATUSES = tuple(ContactStatus)
# Statuses that also suppress the address for the owner's other sending, with the suppression reason.
SUPPRESSING: dict[str, str] = {ContactStatus.UNSUBSCRIBED: "unsubscribe", ContactStatus.COMPLAINED: "complaint"}
SUPPRESSION_SOURCE = "marketing list {list_id}"
CONTACT_REPORT = Report(
    tuple(
        Column(k, t, d)
        for k, t, d in (
            ("contact_id", "Integer", "Contact ID"),
            ("list_id", "Integer", "The list it is on"),
            ("email", "String", "Address (lower-case)"),
            ("status", "String", "subscribed, unsubscribed, bounced or complained"),
            ("fields", "Object", "Custom field values by field name"),
            ("created", "DATETIME", "When it was added (GMT)"),
            ("modified", "DATETIME", "When it was last changed (GMT)"),
            ("unsubscribed", "DATETIME", "When it unsubscribed (GMT); empty when subscribed"),
        )
    )
)


def record(row: MarketingContact) -> dict[str, Any]:
    """The wire shape of one contact."""
    return {
        "contact_id": row.id,
        "list_id": row.list_id,
        "email": row.email,
        "status": row.status,
        "fields": dict(row.fields or {}),
        "created": format_datetime(row.created_at),
        "modified": format_datetime(row.modified_at),
        "unsubscribed": format_datetime(row.unsubscribed_at),
    }


def check_status(value: Any, *, field: str = "status") -> str:
    """A known contact status; BadRequest lists them."""
    status = str(value).strip().lower()
    if status not in STATUSES:
        raise BadRequest(f"Field '{field}' must be one of {', '.join(STATUSES)}; got {value!r}.")
    return status


async def checker_for(session: AsyncSession, owner: Owner, row: MarketingList) -> FieldChecker:
    """The field checker of one list."""
    return FieldChecker(await owner_fields(session, owner), list(row.fields or []))


async def feed_suppression(session: AsyncSession, owner: Owner, *, list_id: int, email: str, status: str) -> None:
    """Suppress the address when the status asks for it: v3 on the user's list, v2 on the marketing list."""
    reason = SUPPRESSING.get(status)
    if reason is not None and owner.user_id is None:
        await marketing_suppressions.add_one(
            session,
            account_id=owner.account_id,
            address=email,
            reason=reason,
            source=SUPPRESSION_SOURCE.format(list_id=list_id),
        )
    elif reason is not None:
        await suppress(
            session,
            account_id=owner.account_id,
            user_id=owner.user_id,
            address=email,
            reason=reason,
            source=SUPPRESSION_SOURCE.format(list_id=list_id),
        )


def unsubscribed_at(status: str, previous: datetime | None, now: datetime) -> datetime | None:
    """When the contact left: kept while it stays out, cleared when it is subscribed again."""
    return None if status == ContactStatus.SUBSCRIBED else (previous or now)


async def add(*, session: AsyncSession, owner: Owner, list_id: int, body: ContactIn) -> dict[str, Any]:
    """addContact: a new address on the list (409 when it is already there)."""
    row = await lists.load_list(session, owner, list_id)
    email = normalise_address(body.email, field="email")
    status = check_status(body.status) if body.status is not None else ContactStatus.SUBSCRIBED
    values = (await checker_for(session, owner, row)).check(body.fields or {})
    exists = await session.scalar(
        select(MarketingContact.id).where(MarketingContact.list_id == row.id, MarketingContact.email_index == email)
    )
    if exists is not None:
        raise Conflict(f"{email} is already on list {row.id} as contact {exists}; use updateContact to change it.")
    now = clock.utcnow()
    contact = MarketingContact(
        list_id=row.id,
        email=email,
        status=status,
        fields=merged({}, values),
        created_at=now,
        modified_at=now,
        unsubscribed_at=unsubscribed_at(status, None, now),
    )
    session.add(contact)
    await lists.flush_unique(session, f"{email} is already on list {row.id}.")
    await feed_suppression(session, owner, list_id=row.id, email=email, status=status)
    return record(contact)


async def load_contact(session: AsyncSession, owner: Owner, contact_id: int) -> MarketingContact:
    """The owner's contact (on one of the owner's lists), or NotFound."""
    number = contact_id
    found = (
        await session.execute(
            select(MarketingContact, MarketingList.owner_key)
            .join(MarketingList, MarketingList.id == MarketingContact.list_id)
            .where(MarketingContact.id == number)
        )
    ).first()
    if found is None or found[1] != owner.key:
        raise NotFound(f"No contact {number}.")
    return found[0]


async def get(*, session: AsyncSession, owner: Owner, contact_id: int) -> dict[str, Any]:
    """getContact."""
    return record(await load_contact(session, owner, contact_id))


async def update_one(*, session: AsyncSession, owner: Owner, contact_id: int, body: ContactIn) -> dict[str, Any]:
    """updateContact: new address, status and/or field values (given keys merge; "" clears one)."""
    contact = await load_contact(session, owner, contact_id)
    given = body.given()
    if "email" in given:
        email = normalise_address(body.email, field="email")
        if (
            email != contact.email
            and await session.scalar(
                select(MarketingContact.id).where(
                    MarketingContact.list_id == contact.list_id, MarketingContact.email_index == email
                )
            )
            is not None
        ):
            raise Conflict(f"{email} is already on list {contact.list_id}.")
        contact.email = email
        contact.email_index = email  # AddressIndex: hashed when bound (column defaults run on insert only)
    now = clock.utcnow()
    if "status" in given:
        contact.status = check_status(body.status)
        contact.unsubscribed_at = unsubscribed_at(contact.status, contact.unsubscribed_at, now)
    if "fields" in given:
        row = await session.get_one(MarketingList, contact.list_id)
        contact.fields = merged(contact.fields, (await checker_for(session, owner, row)).check(body.fields))
    contact.modified_at = now
    await lists.flush_unique(session, f"{contact.email} is already on list {contact.list_id}.")
    if "status" in given:
        await feed_suppression(session, owner, list_id=contact.list_id, email=contact.email, status=contact.status)
    return record(contact)


async def remove(*, session: AsyncSession, owner: Owner, list_id: int | None, contact_id: int) -> dict[str, Any]:
    """deleteContact: take the contact off its list (one list per contact, so it is deleted); list_id None: any."""
    row = await lists.load_list(session, owner, list_id) if list_id is not None else None
    contact = await load_contact(session, owner, contact_id)
    if row is not None and contact.list_id != row.id:
        raise NotFound(f"Contact {contact.id} is not on list {row.id}.")
    await session.execute(sql_delete(MarketingContact).where(MarketingContact.id == contact.id))
    return {"contact_id": contact.id, "list_id": contact.list_id, "deleted": 1}


async def update_by_email(*, session: AsyncSession, owner: Owner, email: str, body: ContactIn) -> list[dict[str, Any]]:
    """updateMarketingContactByEmail: the same change on every contact with this address (404 when none)."""
    address = normalise_address(email, field="email")
    ids = (
        await session.scalars(
            select(MarketingContact.id)
            .where(
                MarketingContact.email_index == address,
                MarketingContact.list_id.in_(select(MarketingList.id).where(owner.matches(MarketingList))),
            )
            .order_by(MarketingContact.id)
        )
    ).all()
    if not ids:
        raise NotFound(f"No contact with the address {address}.")
    return [await update_one(session=session, owner=owner, contact_id=i, body=body) for i in ids]


async def _filters(session: AsyncSession, owner: Owner, query: ContactQuery) -> list[Any]:
    clauses: list[Any] = [MarketingContact.list_id.in_(select(MarketingList.id).where(owner.matches(MarketingList)))]
    if query.list_id is not None:
        clauses.append(MarketingContact.list_id == (await lists.load_list(session, owner, query.list_id)).id)
    if query.status:
        clauses.append(MarketingContact.status == check_status(query.status))
    if query.email:
        # a whole address: sealed at rest, matched through its blind index (no substring search)
        clauses.append(MarketingContact.email_index == normalise_address(query.email, field="email"))
    # spec 30-reports §A.2: after/before are strict, from/through inclusive; the date is `modified`.
    bounds = (("after_date", "__gt__"), ("before_date", "__lt__"), ("from_date", "__ge__"), ("through_date", "__le__"))
    for name, op in bounds:
        text = getattr(query, name)
        if text:
            clauses.append(getattr(MarketingContact.modified_at, op)(parse_datetime(text, field=name)))
    return clauses


async def page(*, session: AsyncSession, owner: Owner, query: ContactQuery) -> dict[str, Any]:
    """getContacts: a report page of the owner's contacts (optionally of one list), oldest first."""
    paging = Paging.parse(query.first_row, query.matches)
    clauses = await _filters(session, owner, query)
    total = await session.scalar(select(func.count()).select_from(MarketingContact).where(*clauses)) or 0
    rows: list[MarketingContact] = []
    if paging.matches:
        rows = list(
            (
                await session.scalars(
                    select(MarketingContact)
                    .where(*clauses)
                    .order_by(MarketingContact.id)
                    .offset(paging.first_row)
                    .limit(paging.matches)
                )
            ).all()
        )
    return CONTACT_REPORT.page([record(r) for r in rows], total=total, paging=paging)
