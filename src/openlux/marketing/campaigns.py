"""Campaigns: content + target lists + sender, scheduled with `send_at`, sent by the campaign worker.

draft --send_at--> scheduled --due--> sending --done--> sent
scheduled --send_at ""--> draft;  draft|scheduled|sending --status cancelled--> cancelled
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.content import rendering
from openlux.content.common import part_text
from openlux.core.addresses import normalise_address
from openlux.core.errors import BadRequest, Conflict, NotFound
from openlux.core.reporting import Column, Paging, Report
from openlux.core.time import format_datetime, parse_datetime, utcnow
from openlux.mail import vet
from openlux.mail.service import sender_of
from openlux.marketing import lists
from openlux.marketing.common import Owner, address_field, optional_id, text_field
from openlux.marketing.models import NAME_LENGTH, CampaignStatus, MarketingCampaign, MarketingList
from openlux.marketing.schemas import CampaignIn, CampaignQuery

STATUSES = tuple(CampaignStatus)
EDITABLE = (CampaignStatus.DRAFT, CampaignStatus.SCHEDULED)
MAX_TARGET_LISTS = 50
SUMMARY_KEYS = (
    "campaign_id",
    "name",
    "subject",
    "status",
    "send_at",
    "lists",
    "recipients",
    "queued",
    "suppressed",
    "failed",
    "created",
    "modified",
    "started",
    "finished",
)
CAMPAIGN_REPORT = Report(
    tuple(
        Column(k, t, d)
        for k, t, d in (
            ("campaign_id", "Integer", "Campaign ID"),
            ("name", "String", "Campaign name"),
            ("subject", "String", "Subject (may hold merge fields)"),
            ("status", "String", "draft, scheduled, sending, sent, cancelled or failed"),
            ("send_at", "DATETIME", "When it is (or was) due to be sent (GMT)"),
            ("lists", "Array", "Target list IDs"),
            ("recipients", "Integer", "Addresses handled so far: queued + suppressed + failed"),
            ("queued", "Integer", "Messages queued for delivery"),
            ("suppressed", "Integer", "Contacts skipped because they are suppressed"),
            ("failed", "Integer", "Contacts whose message could not be rendered"),
            ("created", "DATETIME", "When it was created (GMT)"),
            ("modified", "DATETIME", "When it was last changed (GMT)"),
            ("started", "DATETIME", "When sending started (GMT)"),
            ("finished", "DATETIME", "When sending finished (GMT)"),
        )
    )
)


def record(row: MarketingCampaign) -> dict[str, Any]:
    """The full wire shape of one campaign."""
    return {
        "campaign_id": row.id,
        "name": row.name,
        "subject": row.subject,
        "html": row.html,
        "text": row.text,
        "template_id": row.template_id,
        "lists": list(row.list_ids or []),
        "group": row.group_name,
        "from_name": row.from_name,
        "from_address": row.from_address,
        "reply_to": row.reply_to,
        "status": row.status,
        "track_opens": int(row.track_opens is not False),
        "track_clicks": int(row.track_clicks is not False),
        "status_detail": row.status_detail,
        "send_at": format_datetime(row.send_at),
        "recipients": row.queued + row.suppressed + row.failed,
        "queued": row.queued,
        "suppressed": row.suppressed,
        "failed": row.failed,
        "created": format_datetime(row.created_at),
        "modified": format_datetime(row.modified_at),
        "started": format_datetime(row.started_at),
        "finished": format_datetime(row.finished_at),
    }


async def load(session: AsyncSession, owner: Owner, campaign_id: int) -> MarketingCampaign:
    """The owner's campaign, or NotFound."""
    row = await session.get(MarketingCampaign, campaign_id)
    if row is None or row.owner_key != owner.key:
        raise NotFound(f"No campaign {campaign_id}.")
    return row


async def _list_ids(session: AsyncSession, owner: Owner, value: list[Any] | str | None) -> list[int]:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    given = dict.fromkeys(optional_id(v, field="lists") for v in items if str(v).strip())
    ids = [i for i in given if i is not None]
    if len(ids) > MAX_TARGET_LISTS:
        raise BadRequest(f"Field 'lists' may name at most {MAX_TARGET_LISTS} lists.")
    for list_id in ids:
        await lists.load_list(session, owner, list_id)
    return ids


async def _apply(session: AsyncSession, owner: Owner, user: User, row: MarketingCampaign, body: CampaignIn) -> None:
    """Copy the given fields onto the row, each checked (BadRequest/NotFound name the field)."""
    given = body.given()
    if "name" in given or row.name is None:
        row.name = text_field(body.name, field="name", limit=NAME_LENGTH, required=True)
    for part in ("subject", "html", "text"):
        if part in given:
            setattr(row, part, part_text(given[part], field=part))
    if "template_id" in given:
        row.template_id = (
            None if not body.template_id else (await rendering.load_template(session, user, body.template_id)).id
        )
    if "lists" in given:
        row.list_ids = await _list_ids(session, owner, body.lists)
    if "from_name" in given:
        row.from_name = text_field(body.from_name, field="from_name", limit=NAME_LENGTH)
    if "group" in given:
        row.group_name = text_field(body.group, field="group", limit=NAME_LENGTH)
    for field in ("from_address", "reply_to"):
        if field in given:
            setattr(row, field, address_field(given[field], field=field))
    for flag in ("track_opens", "track_clicks"):
        if flag in given:
            setattr(row, flag, _switch(given[flag], field=flag))
    if "send_at" in given:
        text = str(body.send_at).strip()
        row.send_at = None if not text else utcnow() if text.lower() == "now" else parse_datetime(text, field="send_at")
        row.status = CampaignStatus.DRAFT if row.send_at is None else CampaignStatus.SCHEDULED


def _switch(value: Any, *, field: str) -> bool:
    """0/1 (or true/false) of a per-campaign switch."""
    text = str(value if value is not None else "1").strip().lower()
    if text in ("1", "true", "yes", "on", ""):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise BadRequest(f"Field '{field}' must be 0 or 1.")


async def compile_content(session: AsyncSession, user: User, row: MarketingCampaign) -> Any:
    """The campaign's merge-engine message (its template's parts, the campaign subject winning if given)."""
    if row.template_id is not None:
        template = await rendering.load_template(session, user, row.template_id)
        label = f"campaign {row.id or 'new'} ({rendering.template_label(template)})"
        return await rendering.compile_for_user(
            session=session,
            user=user,
            subject=row.subject or template.subject,
            html=template.html,
            text=template.text,
            name=label,
        )
    return await rendering.compile_for_user(
        session=session,
        user=user,
        subject=row.subject,
        html=row.html,
        text=row.text,
        name=f"campaign {row.id or 'new'}",
    )


async def sender_address(session: AsyncSession, user: User, row: MarketingCampaign) -> tuple[str, str, str]:
    """(from address, from name, reply-to): the campaign's, else its first list's, else the user's login."""
    first = await session.get(MarketingList, row.list_ids[0]) if row.list_ids else None
    address = row.from_address or (first.from_address if first else "") or user.login
    name = row.from_name or (first.from_name if first else "")
    reply_to = row.reply_to or (first.reply_to if first else "")
    return normalise_address(address, field="from_address"), name, reply_to


async def check_sendable(
    session: AsyncSession, user: User, row: MarketingCampaign, *, delivery_mode: str
) -> vet.Sender:
    """BadRequest naming what a scheduled campaign lacks: lists, subject, body, a sender it may use.

    The sender must be in the account's enabled domains; in relay and mx modes also verified and, for a
    user's (v3) campaign, one the user may send as (mail-trust issue, item 4, as for sendEmail). Returns
    the sending identity the campaign is sent with.
    """
    if not row.list_ids:
        raise BadRequest("Field 'lists' must name at least one list before the campaign is scheduled.")
    if row.template_id is None and not (row.html.strip() or row.text.strip()):
        raise BadRequest("Field 'html' or 'text' (or 'template_id') is required before the campaign is scheduled.")
    if row.template_id is None and not row.subject.strip():
        raise BadRequest("Field 'subject' is required before the campaign is scheduled.")
    await compile_content(session, user, row)  # a template error is a 400 now, not at send time
    address, _name, _reply = await sender_address(session, user, row)
    sender = campaign_sender(await sender_of(session, user, delivery_mode=delivery_mode), row)
    if address.rsplit("@", 1)[1] not in sender.domains:
        raise BadRequest(f"Field 'from_address': {address} is not in one of this account's domains.")
    vet.check_sender(address, sender)
    return sender


def campaign_sender(sender: vet.Sender, row: MarketingCampaign) -> vet.Sender:
    """The identity a campaign is checked against: a user's (v3) campaign follows the user's sender rule;
    an account's (v2) campaign was made by the account administrator, who may grant any address of the
    account, so any address of its verified domains is accepted (docs/compat.d/marketing.md)."""
    return dataclasses.replace(sender, any_address=True) if row.user_id is None else sender


async def _checked(
    session: AsyncSession, owner: Owner, user: User, row: MarketingCampaign, *, delivery_mode: str
) -> None:
    if row.template_id is not None and (row.html or row.text):
        raise BadRequest("Field 'template_id': give a template or inline 'html'/'text', not both.")
    if row.status == CampaignStatus.SCHEDULED:
        await check_sendable(session, user, row, delivery_mode=delivery_mode)
    else:
        await compile_content(session, user, row)


async def add(
    *, session: AsyncSession, owner: Owner, user: User, body: CampaignIn, delivery_mode: str
) -> dict[str, Any]:
    """addCampaign: a draft, or scheduled when `send_at` is given."""
    row = MarketingCampaign(
        **owner.columns(),
        name=None,
        subject="",
        html="",
        text="",
        list_ids=[],
        group_name="",
        from_name="",
        from_address="",
        reply_to="",
        status=CampaignStatus.DRAFT,
        status_detail="",
        cursor="",
        queued=0,
        suppressed=0,
        failed=0,
        track_opens=True,
        track_clicks=True,
    )
    if body.status not in (None, "", CampaignStatus.DRAFT):
        raise BadRequest("Field 'status': a new campaign starts as draft; schedule it with 'send_at'.")
    await _apply(session, owner, user, row, body)
    await _checked(session, owner, user, row, delivery_mode=delivery_mode)
    session.add(row)
    await session.flush()
    return record(row)


async def update_one(
    *, session: AsyncSession, owner: Owner, user: User, campaign_id: int, body: CampaignIn, delivery_mode: str
) -> dict[str, Any]:
    """updateCampaign: edit a draft or scheduled campaign, (un)schedule it, or cancel it."""
    row = await load(session, owner, campaign_id)
    given = body.given()
    if "status" in given:
        return await _set_status(session, row, str(body.status).strip().lower(), others=set(given) - {"status"})
    if row.status not in EDITABLE:
        raise Conflict(f"Campaign {row.id} is {row.status}; only draft or scheduled campaigns can be changed.")
    await _apply(session, owner, user, row, body)
    await _checked(session, owner, user, row, delivery_mode=delivery_mode)
    row.modified_at = utcnow()
    await session.flush()
    return record(row)


async def _set_status(session: AsyncSession, row: MarketingCampaign, status: str, *, others: set[str]) -> dict:
    if status != CampaignStatus.CANCELLED or others:
        raise BadRequest("Field 'status' may only be 'cancelled' (alone); schedule with 'send_at'.")
    if row.status not in (CampaignStatus.DRAFT, CampaignStatus.SCHEDULED, CampaignStatus.SENDING):
        raise Conflict(f"Campaign {row.id} is {row.status} and cannot be cancelled.")
    row.status, row.modified_at = CampaignStatus.CANCELLED, utcnow()
    row.finished_at = row.finished_at or (row.modified_at if row.started_at else None)
    await session.flush()
    return record(row)


async def get(*, session: AsyncSession, owner: Owner, campaign_id: int) -> dict[str, Any]:
    """getCampaign."""
    return record(await load(session, owner, campaign_id))


async def delete(*, session: AsyncSession, owner: Owner, campaign_id: int) -> dict[str, Any]:
    """deleteCampaign: refused while it is being sent (cancel it first)."""
    row = await load(session, owner, campaign_id)
    if row.status == CampaignStatus.SENDING:
        raise Conflict(f"Campaign {row.id} is being sent; cancel it (status 'cancelled') before deleting it.")
    await session.delete(row)
    await session.flush()
    return {"campaign_id": row.id, "deleted": 1}


async def page(*, session: AsyncSession, owner: Owner, query: CampaignQuery) -> dict[str, Any]:
    """getCampaigns: a report page of campaign summaries, newest first."""
    paging = Paging.parse(query.first_row, query.matches)
    clauses: list[Any] = [owner.matches(MarketingCampaign)]
    if query.status:
        if query.status.strip().lower() not in STATUSES:
            raise BadRequest(f"Parameter 'status' must be one of {', '.join(STATUSES)}.")
        clauses.append(MarketingCampaign.status == query.status.strip().lower())
    if query.name:
        clauses.append(func.lower(MarketingCampaign.name).contains(query.name.strip().lower(), autoescape=True))
    for name, op in (
        ("after_date", "__gt__"),
        ("before_date", "__lt__"),
        ("from_date", "__ge__"),
        ("through_date", "__le__"),
    ):
        if getattr(query, name):
            clauses.append(getattr(MarketingCampaign.modified_at, op)(parse_datetime(getattr(query, name), field=name)))
    total = await session.scalar(select(func.count()).select_from(MarketingCampaign).where(*clauses)) or 0
    rows: list[MarketingCampaign] = []
    if paging.matches:
        rows = list(
            (
                await session.scalars(
                    select(MarketingCampaign)
                    .where(*clauses)
                    .order_by(MarketingCampaign.id.desc())
                    .offset(paging.first_row)
                    .limit(paging.matches)
                )
            ).all()
        )
    return CAMPAIGN_REPORT.page([record(r) for r in rows], total=total, paging=paging)


async def schedule(
    *,
    session: AsyncSession,
    owner: Owner,
    user: User,
    campaign_id: int,
    send_at: str | None,
    delivery_mode: str,
) -> dict[str, Any]:
    """scheduleMarketingCampaign: due at `send_at` (omitted or past: now); the schedule entry."""
    row = await load(session, owner, campaign_id)
    if row.status not in EDITABLE:
        raise Conflict(f"Campaign {row.id} is {row.status}; only draft or scheduled campaigns can be scheduled.")
    await _apply(session, owner, user, row, CampaignIn(send_at=send_at or "now"))
    await check_sendable(session, user, row, delivery_mode=delivery_mode)
    row.modified_at = utcnow()
    await session.flush()
    return schedule_record(row)


def schedule_record(row: MarketingCampaign) -> dict[str, Any]:
    """One entry of getMarketingScheduledCampaigns (one schedule per campaign: its id is the campaign's)."""
    return {
        "schedule_id": row.id,
        "campaign_id": row.id,
        "name": row.name,
        "send_at": format_datetime(row.send_at),
        "status": row.status,
    }


async def scheduled(*, session: AsyncSession, owner: Owner) -> list[dict[str, Any]]:
    """getMarketingScheduledCampaigns: campaigns waiting to be sent, soonest first."""
    rows = await session.scalars(
        select(MarketingCampaign)
        .where(owner.matches(MarketingCampaign), MarketingCampaign.status == CampaignStatus.SCHEDULED)
        .order_by(MarketingCampaign.send_at, MarketingCampaign.id)
    )
    return [schedule_record(r) for r in rows]


async def groups(*, session: AsyncSession, owner: Owner) -> list[dict[str, Any]]:
    """getMarketingCampaignGroups: each group name in use with its number of campaigns."""
    rows = await session.execute(
        select(MarketingCampaign.group_name, func.count())
        .where(owner.matches(MarketingCampaign), MarketingCampaign.group_name != "")
        .group_by(MarketingCampaign.group_name)
        .order_by(MarketingCampaign.group_name)
    )
    return [{"name": name, "campaigns": count} for name, count in rows]


async def summaries(
    *, session: AsyncSession, owner: Owner, query: CampaignQuery, group: str | None = None
) -> list[dict[str, Any]]:
    """getMarketingCampaigns: campaign records (with bodies), newest first, optional status/group filters."""
    clauses: list[Any] = [owner.matches(MarketingCampaign)]
    if query.status:
        clauses.append(MarketingCampaign.status == query.status.strip().lower())
    if group:
        clauses.append(MarketingCampaign.group_name == group.strip())
    paging = Paging.parse(query.first_row, query.matches)
    rows = await session.scalars(
        select(MarketingCampaign)
        .where(*clauses)
        .order_by(MarketingCampaign.id.desc())
        .offset(paging.first_row)
        .limit(paging.matches)
    )
    return [record(r) for r in rows]
