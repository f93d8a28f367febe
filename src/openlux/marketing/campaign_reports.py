"""Campaign reports (getReport*): what the mail tables and event tables recorded for a set of campaigns.

Every report joins marketing_campaign_message (one row per address a campaign handled) to the
queue (outbound_recipient) or to the event tables of openlux.reports (tracking, bounce and
complaint events) by the queued message's id. Shape and parameters: spec 30-reports §A.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, String, case, cast, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.errors import BadRequest, NotFound
from openlux.core.reporting import Column, Paging, Report
from openlux.core.time import format_datetime, parse_datetime
from openlux.inbound.models import BounceEvent, ComplaintEvent
from openlux.mail.models import OutboundRecipient
from openlux.mail.states import RecipientState
from openlux.marketing.common import Owner, optional_id
from openlux.marketing.models import CampaignMessage as CM
from openlux.marketing.models import MarketingCampaign, MemberState
from openlux.tracking.models import TrackingEvent, UnsubscribeEvent

MAX_CAMPAIGNS = 100  # campaign ids per report call
_WHO = (
    ("campaign_id", "Integer", "Campaign ID"),
    ("contact_id", "Integer", "Contact ID (empty if deleted since)"),
    ("email", "String", "Recipient address"),
)


def _report(*columns: tuple[str, str, str]) -> Report:
    return Report(tuple(Column(k, t, d) for k, t, d in columns))


REPORTS = {
    "logs": _report(
        ("date", "DATETIME", "When the campaign handled the address (GMT)"),
        *_WHO,
        ("status", "String", "queued, deferred, sent, escrowed, failed, suppressed or failed_render"),
        ("detail", "String", "Last server reply, suppression or rendering error"),
        ("completed", "DATETIME", "When delivery reached its final state (GMT)"),
    ),
    "bounces": _report(
        ("date", "DATETIME", "When it bounced (GMT)"),
        *_WHO,
        ("type", "String", "hard or soft"),
        ("code", "String", "SMTP or enhanced status code"),
        ("reason", "String", "Server reply or DSN diagnostic"),
    ),
    "opened": _report(
        ("date", "DATETIME", "When the message was opened (GMT)"),
        *_WHO,
        ("classification", "String", "human, or automated (privacy proxy prefetch, scanner, bot)"),
        ("client_ip", "String", "Address that loaded the image"),
        ("user_agent", "String", "Its User-Agent"),
    ),
    "clicked": _report(
        ("date", "DATETIME", "When the link was clicked (GMT)"),
        *_WHO,
        ("url", "String", "Link"),
        ("classification", "String", "human, or automated (link scanner, bot, HEAD)"),
        ("client_ip", "String", "Address that followed the link"),
        ("user_agent", "String", "Its User-Agent"),
    ),
    "urls": _report(
        ("url", "String", "Link"),
        ("clicks", "Integer", "Clicks (all)"),
        ("unique_clicks", "Integer", "Recipients who clicked it (all)"),
        ("human_clicks", "Integer", "Clicks classified human"),
        ("unique_human_clicks", "Integer", "Recipients whose click was classified human"),
    ),
    "unsubscribed": _report(
        ("date", "DATETIME", "When the contact unsubscribed (GMT)"),
        *_WHO,
        ("method", "String", "one-click (List-Unsubscribe-Post), page or mailto"),
        ("scope", "String", "list (that list) or all (every list of the owner)"),
    ),
    "complaints": _report(
        ("date", "DATETIME", "When the complaint arrived (GMT)"),
        *_WHO,
        ("source", "String", "Reporting domain of the feedback loop"),
        ("feedback_type", "String", "RFC 5965 Feedback-Type"),
    ),
}
_WHO_COLUMNS = (CM.campaign_id.label("campaign_id"), CM.contact_id.label("contact_id"), CM.email.label("email"))


async def campaign_ids(session: AsyncSession, owner: Owner, values: list[str] | None) -> list[int]:
    """The owner's campaigns named by `campaign_id` (repeated or comma-separated); all of them when absent."""
    wanted = [optional_id(v, field="campaign_id") for raw in (values or []) for v in str(raw).split(",") if v.strip()]
    if len(wanted) > MAX_CAMPAIGNS:
        raise BadRequest(f"Parameter 'campaign_id' may name at most {MAX_CAMPAIGNS} campaigns.")
    query = select(MarketingCampaign.id).where(owner.matches(MarketingCampaign))
    if wanted:
        query = query.where(MarketingCampaign.id.in_([w for w in wanted if w is not None]))
    found = list((await session.scalars(query)).all())
    missing = sorted(set(w for w in wanted if w is not None) - set(found))
    if missing:
        raise NotFound(f"No campaign {missing[0]}.")
    return found


def _bounded(query: Select, column: Any, params: dict[str, str | None]) -> Select:
    """spec 30-reports §A.2: after/before strict, from/through inclusive, on the report's date."""
    for name, op in (
        ("after_date", "__gt__"),
        ("before_date", "__lt__"),
        ("from_date", "__ge__"),
        ("through_date", "__le__"),
    ):
        text = params.get(name)
        if text:
            query = query.where(getattr(column, op)(parse_datetime(text, field=name)))
    return query


def _logs(ids: list[int]) -> tuple[Select, Any]:
    status = case(
        (CM.state == MemberState.QUEUED, func.coalesce(OutboundRecipient.state, RecipientState.QUEUED.value)),
        (CM.state == MemberState.FAILED, literal("failed_render")),
        else_=CM.state,
    )
    query = (
        select(
            CM.created_at.label("date"),
            *_WHO_COLUMNS,
            status.label("status"),
            func.coalesce(func.nullif(CM.detail, ""), OutboundRecipient.last_reply, "").label("detail"),
            OutboundRecipient.completed_at.label("completed"),
        )
        .outerjoin(
            OutboundRecipient,
            OutboundRecipient.message_id == CM.outbound_message_id,  # a campaign message has one recipient
        )
        .where(CM.campaign_id.in_(ids))
        .order_by(CM.id)
    )
    return query, CM.created_at


def _bounces(ids: list[int]) -> tuple[Select, Any]:
    failed = (
        select(
            OutboundRecipient.completed_at.label("date"),
            *_WHO_COLUMNS,
            literal("hard").label("type"),
            func.coalesce(cast(OutboundRecipient.last_code, String), "").label("code"),
            func.coalesce(OutboundRecipient.last_reply, "").label("reason"),
        )
        .join(
            OutboundRecipient,
            OutboundRecipient.message_id == CM.outbound_message_id,  # a campaign message has one recipient
        )
        .where(CM.campaign_id.in_(ids), OutboundRecipient.state == RecipientState.FAILED)
    )
    dsn = (
        select(
            BounceEvent.at.label("date"),
            *_WHO_COLUMNS,
            BounceEvent.kind.label("type"),
            BounceEvent.status_code.label("code"),
            BounceEvent.diagnostic.label("reason"),
        )
        .join(BounceEvent, BounceEvent.outbound_message_id == CM.outbound_message_id)
        .where(CM.campaign_id.in_(ids))
    )
    both = union_all(failed, dsn).subquery()
    return select(both).order_by(both.c.date, both.c.contact_id), both.c.date  # addresses are sealed: no sort


CLASSIFICATION = case((TrackingEvent.automated.is_(True), literal("automated")), else_=literal("human"))
_HUMAN = case((TrackingEvent.automated.is_(False), 1), else_=0)


def _events(ids: list[int], kind: str) -> Select:
    """Every open or click of the campaigns' messages, with its classification (rules: openlux.tracking.classify)."""
    return (
        select(
            TrackingEvent.at.label("date"),
            *_WHO_COLUMNS,
            *((TrackingEvent.url.label("url"),) if kind == "click" else ()),
            CLASSIFICATION.label("classification"),
            TrackingEvent.client_ip.label("client_ip"),
            TrackingEvent.user_agent.label("user_agent"),
        )
        .join(TrackingEvent, TrackingEvent.outbound_message_id == CM.outbound_message_id)
        .where(CM.campaign_id.in_(ids), TrackingEvent.kind == kind)
        .order_by(TrackingEvent.at, TrackingEvent.id)
    )


def _opened(ids: list[int]) -> tuple[Select, Any]:
    return _events(ids, "open"), TrackingEvent.at


def _clicked(ids: list[int]) -> tuple[Select, Any]:
    return _events(ids, "click"), TrackingEvent.at


def _urls(ids: list[int]) -> tuple[Select, Any]:
    human_email = case((TrackingEvent.automated.is_(False), CM.email_index), else_=None)  # HMACs: sealed
    query = (
        select(
            TrackingEvent.url.label("url"),
            func.count().label("clicks"),
            func.count(func.distinct(CM.email_index)).label("unique_clicks"),
            func.coalesce(func.sum(_HUMAN), 0).label("human_clicks"),
            func.count(func.distinct(human_email)).label("unique_human_clicks"),
        )
        .join(TrackingEvent, TrackingEvent.outbound_message_id == CM.outbound_message_id)
        .where(CM.campaign_id.in_(ids), TrackingEvent.kind == "click")
        .group_by(TrackingEvent.url)
        .order_by(func.count().desc(), TrackingEvent.url)
    )
    return query, TrackingEvent.at


def _unsubscribed(ids: list[int]) -> tuple[Select, Any]:
    """Unsubscribe events recorded through the campaigns' own links (not later API status changes)."""
    U = UnsubscribeEvent
    query = (
        select(
            U.at.label("date"),
            U.campaign_id.label("campaign_id"),
            U.contact_id.label("contact_id"),
            U.email.label("email"),
            U.method.label("method"),
            U.scope.label("scope"),
        )
        .where(U.campaign_id.in_(ids))
        .order_by(U.at, U.id)
    )
    return query, U.at


def _complaints(ids: list[int]) -> tuple[Select, Any]:
    query = (
        select(
            ComplaintEvent.at.label("date"),
            *_WHO_COLUMNS,
            ComplaintEvent.provider.label("source"),
            ComplaintEvent.feedback_type.label("feedback_type"),
        )
        .join(ComplaintEvent, ComplaintEvent.outbound_message_id == CM.outbound_message_id)
        .where(CM.campaign_id.in_(ids))
        .order_by(ComplaintEvent.at, ComplaintEvent.id)
    )
    return query, ComplaintEvent.at


_QUERIES = {
    "logs": _logs,
    "bounces": _bounces,
    "opened": _opened,
    "clicked": _clicked,
    "urls": _urls,
    "unsubscribed": _unsubscribed,
    "complaints": _complaints,
}


def _wire(row: dict[str, Any]) -> dict[str, Any]:
    return {k: format_datetime(v) if hasattr(v, "tzinfo") else v for k, v in row.items()}


async def report(
    *, session: AsyncSession, owner: Owner, kind: str, campaigns: list[str] | None, params: dict[str, str | None]
) -> dict[str, Any]:
    """One campaign report page: header, rows, total_matches, first_row, matches."""
    paging = Paging.parse(params.get("first_row"), params.get("matches"))
    ids = await campaign_ids(session, owner, campaigns)
    query, date_column = _QUERIES[kind](ids)
    query = _bounded(query, date_column, params)  # grouped reports: events in the bounds, before grouping
    total = await session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    rows = []
    if paging.matches:
        result = await session.execute(query.offset(paging.first_row).limit(paging.matches))
        rows = [_wire(dict(r._mapping)) for r in result]
    return REPORTS[kind].page(rows, total=total, paging=paging)


async def _grouped(session: AsyncSession, query: Select) -> dict[int, tuple]:
    return {row[0]: tuple(row[1:]) for row in await session.execute(query)}


def _engagement(counts: tuple | None, unique: str, total: str) -> dict[str, int]:
    """Unique recipients and total events, all and human only (e.g. opened, opens, human_opened, human_opens)."""
    everyone, events, human_unique, human_events = (int(n or 0) for n in (counts or (0, 0, 0, 0)))
    return {unique: everyone, total: events, f"human_{unique}": human_unique, f"human_{total}": human_events}


async def summary(*, session: AsyncSession, owner: Owner, campaigns: list[str] | None) -> list[dict[str, Any]]:
    """getMarketingCampaignStatisticsSummary: one summary object per campaign (spec 20 §3.6)."""
    ids = await campaign_ids(session, owner, campaigns)
    if not ids:
        return []
    by_state = await _grouped(
        session,
        select(
            CM.campaign_id,
            func.sum(case((CM.state == MemberState.QUEUED, 1), else_=0)),
            func.sum(case((CM.state == MemberState.SUPPRESSED, 1), else_=0)),
            func.min(CM.created_at),
            func.max(CM.created_at),
        )
        .where(CM.campaign_id.in_(ids))
        .group_by(CM.campaign_id),
    )
    delivery = await _grouped(
        session,
        select(
            CM.campaign_id,
            func.sum(case((OutboundRecipient.state.in_(("sent", "escrowed")), 1), else_=0)),
            func.sum(case((OutboundRecipient.state == RecipientState.FAILED, 1), else_=0)),
        )
        .join(
            OutboundRecipient,
            OutboundRecipient.message_id == CM.outbound_message_id,  # a campaign message has one recipient
        )
        .where(CM.campaign_id.in_(ids))
        .group_by(CM.campaign_id),
    )
    events = {}
    human_message = case((TrackingEvent.automated.is_(False), CM.id), else_=None)
    for kind in ("open", "click"):
        events[kind] = await _grouped(
            session,
            select(
                CM.campaign_id,
                func.count(func.distinct(CM.id)),
                func.count(),
                func.count(func.distinct(human_message)),
                func.coalesce(func.sum(_HUMAN), 0),
            )
            .join(TrackingEvent, TrackingEvent.outbound_message_id == CM.outbound_message_id)
            .where(CM.campaign_id.in_(ids), TrackingEvent.kind == kind)
            .group_by(CM.campaign_id),
        )
    bounced = await _grouped(
        session,
        select(CM.campaign_id, func.count(func.distinct(CM.id)))
        .join(BounceEvent, BounceEvent.outbound_message_id == CM.outbound_message_id)
        .where(CM.campaign_id.in_(ids))
        .group_by(CM.campaign_id),
    )
    complaints = await _grouped(
        session,
        select(CM.campaign_id, func.count())
        .join(ComplaintEvent, ComplaintEvent.outbound_message_id == CM.outbound_message_id)
        .where(CM.campaign_id.in_(ids))
        .group_by(CM.campaign_id),
    )
    left_query = _unsubscribed(ids)[0].order_by(None).subquery()
    left = await _grouped(session, select(left_query.c.campaign_id, func.count()).group_by(left_query.c.campaign_id))
    out = []
    for cid in sorted(ids):
        queued, suppressed, first, last = by_state.get(cid, (0, 0, None, None))
        delivered, failed = delivery.get(cid, (0, 0))
        out.append(
            {
                "campaign_id": cid,
                "sent": int(queued or 0),
                "delivered": int(delivered or 0),
                "failed": int(failed or 0),
                "suppressed": int(suppressed or 0),
                "bounced": int(bounced.get(cid, (0,))[0]) + int(failed or 0),
                **_engagement(events["open"].get(cid), "opened", "opens"),
                **_engagement(events["click"].get(cid), "clicked", "clicks"),
                "unsubscribed": left.get(cid, (0,))[0],
                "complaints": complaints.get(cid, (0,))[0],
                "first_sent": format_datetime(first),
                "last_sent": format_datetime(last),
            }
        )
    return out
