"""The servers endpoints: OpenLux's own processes (from the heartbeat registry) and the account's queue.

All processes of an installation share one outbound queue, so queue depths, purges and the
sending rate are the calling account's, the same whichever server the path names; what is per
server is the process itself (roles, listeners, configuration) and the messages it holds right now.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import and_, exists, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.admin.heartbeat import HEARTBEAT_SECONDS, used_last_hour
from openlux.admin.models import SendingRate, ServerNode
from openlux.auth.models import ApiIntegration
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, NotFound
from openlux.core.ids import parse_row_id
from openlux.core.time import as_utc, format_datetime
from openlux.db import rows_matched
from openlux.mail.models import DeliveryAttempt, OutboundMessage, OutboundRecipient
from openlux.mail.states import DELIVERED_RECIPIENT_STATES, MessageState, Outcome, RecipientState

DOWN_AFTER = timedelta(seconds=3 * HEARTBEAT_SECONDS)  # three missed heartbeats
MAX_RATE = 10_000_000  # messages per hour; far above what one installation delivers
PURGED_REPLY = "Purged from the queue by the account administrator"
# Heartbeat keys that describe the machine rather than the account's mail (hardening issue item 12).
PROCESS_INTERNALS = ("machine", "pid", "hostname", "listeners", "relays")


def _status(node: ServerNode) -> str:
    return "up" if clock.utcnow() - as_utc(node.last_seen_at) <= DOWN_AFTER else "down"


def shows_internals(integration: ApiIntegration) -> bool:
    """Process internals (machine, pid, host name, listeners, relays) are shared by every tenant of the
    installation, so only an integration whose access map names the `servers` area sees them; one that
    reaches the endpoints through its default access gets the records without them."""
    return (integration.access or {}).get("servers") in ("read", "write")


def record(node: ServerNode, *, internals: bool = True) -> dict[str, Any]:
    """The server record of getServers (without process internals unless `internals`)."""
    info = node.info or {}
    return {
        "server_id": node.id,
        "server": node.name if internals else f"server-{node.id}",
        "hostname": info.get("hostname", "") if internals else "",
        "type": "+".join(info.get("roles", [])) or "idle",
        "roles": info.get("roles", []),
        "status": _status(node),
        "delivery_mode": info.get("delivery_mode", ""),
        "started": format_datetime(node.started_at),
        "last_seen": format_datetime(node.last_seen_at),
    }


async def list_servers(*, session: AsyncSession, internals: bool = True) -> list[dict[str, Any]]:
    """getServers: every process seen in the last week, newest first."""
    nodes = await session.scalars(select(ServerNode).order_by(ServerNode.last_seen_at.desc(), ServerNode.id.desc()))
    return [record(n, internals=internals) for n in nodes]


async def get_node(session: AsyncSession, server_id: str) -> ServerNode:
    """The registry row by numeric id (or by its `machine:pid` name), or NotFound."""
    text = str(server_id).strip()
    node_id = parse_row_id(text)
    node = (
        await session.get(ServerNode, node_id)
        if node_id is not None
        else await session.scalar(select(ServerNode).where(ServerNode.name == text))
    )
    if node is None:
        raise NotFound(f"No server {text}.")
    return node


async def queue_depths(session: AsyncSession, account_id: int, node: ServerNode) -> dict[str, int]:
    """The account's pending messages: new (never tried), deferred (retrying), held by this server now."""
    now = clock.utcnow()
    base = and_(OutboundMessage.account_id == account_id, OutboundMessage.state == MessageState.QUEUED)
    in_lease = and_(OutboundMessage.claimed_by.is_not(None), OutboundMessage.next_attempt_at > now)
    counts = (
        await session.execute(
            select(
                func.count().filter(and_(OutboundMessage.attempts == 0, OutboundMessage.claimed_by.is_(None))),
                func.count().filter(and_(OutboundMessage.attempts > 0, OutboundMessage.claimed_by.is_(None))),
                func.count().filter(in_lease),
                func.count().filter(and_(in_lease, OutboundMessage.claimed_by.like(f"{node.name}:%"))),
                func.count(),
            ).where(base)
        )
    ).one()
    return {
        "incoming": counts[0],
        "deferred": counts[1],
        "active": counts[2],
        "active_here": counts[3],
        "total": counts[4],
    }


async def rates(session: AsyncSession, account_id: int, *, lifetime_seconds: int) -> dict[str, Any]:
    """The account's limit and what it sent (recipient deliveries) in the last minute and hour."""
    now = clock.utcnow()
    sent = DeliveryAttempt.outcome == Outcome.SENT
    minute, hour = (
        await session.execute(
            select(func.count().filter(DeliveryAttempt.at >= now - timedelta(minutes=1)), func.count())
            .join(OutboundMessage, OutboundMessage.id == DeliveryAttempt.message_id)
            .where(OutboundMessage.account_id == account_id, sent, DeliveryAttempt.at >= now - timedelta(hours=1))
        )
    ).one()
    limit = await session.get(SendingRate, account_id)
    used = await used_last_hour(session, account_id, lifetime_seconds=lifetime_seconds)
    return {
        "limit_per_hour": limit.per_hour if limit else 0,
        "messages_last_hour": used,
        "sent_last_minute": int(minute or 0),
        "sent_last_hour": int(hour or 0),
    }


async def destinations(session: AsyncSession, account_id: int) -> list[dict[str, Any]]:
    """Per relay / MX host: the account's attempts in the last hour by outcome, and the last reply."""
    since = clock.utcnow() - timedelta(hours=1)
    rows = (
        await session.execute(
            select(DeliveryAttempt.server, DeliveryAttempt.outcome, func.count(), func.max(DeliveryAttempt.at))
            .join(OutboundMessage, OutboundMessage.id == DeliveryAttempt.message_id)
            .where(OutboundMessage.account_id == account_id, DeliveryAttempt.at >= since)
            .group_by(DeliveryAttempt.server, DeliveryAttempt.outcome)
        )
    ).all()
    found: dict[str, dict[str, Any]] = {}
    for server, outcome, count, last in rows:
        item = found.setdefault(server or "(none)", {"server": server or "(none)", "last_hour": {}, "last_attempt": ""})
        item["last_hour"][outcome] = count
        item["last_attempt"] = max(item["last_attempt"], format_datetime(last))
    return sorted(found.values(), key=lambda i: i["server"])


async def status(
    *, session: AsyncSession, ctx: AppContext, account_id: int, server_id: str, internals: bool = True
) -> dict[str, Any]:
    """getServerStatus: the process as its heartbeat describes it, plus the account's queue and rates."""
    node = await get_node(session, server_id)
    info = node.info if internals else {k: v for k, v in (node.info or {}).items() if k not in PROCESS_INTERNALS}
    uptime = int((as_utc(node.last_seen_at) - as_utc(node.started_at)).total_seconds())
    return {
        **record(node, internals=internals),
        "machine": info.get("machine", ""),
        "pid": info.get("pid"),
        "version": info.get("version", ""),
        "uptime_seconds": uptime,
        "listeners": info.get("listeners", []),
        "relays": info.get("relays", []),
        "delivery_workers": info.get("delivery_workers", 0),
        "connections_per_destination": info.get("connections_per_destination", 0),
        "queues": await queue_depths(session, account_id, node),
        "sending_rate": await rates(session, account_id, lifetime_seconds=ctx.settings.delivery_lifetime_seconds),
        "destinations": await destinations(session, account_id),
    }


async def empty_queues(*, session: AsyncSession, account_id: int, server_id: str, everything: bool) -> dict[str, Any]:
    """Purge the account's pending mail: never-tried messages, or (`everything`) all pending ones.

    Recipients become `failed` with PURGED_REPLY (reports keep the trail); a message a worker holds
    is released, so that worker cannot record it back (queue.record checks claimed_by).
    """
    node = await get_node(session, server_id)
    now = clock.utcnow()
    where = [OutboundMessage.account_id == account_id, OutboundMessage.state == MessageState.QUEUED]
    if not everything:
        where += [OutboundMessage.attempts == 0, OutboundMessage.claimed_by.is_(None)]
    ids = list((await session.scalars(select(OutboundMessage.id).where(*where))).all())
    recipients = 0
    if ids:
        result = await session.execute(
            update(OutboundRecipient)
            .where(OutboundRecipient.message_id.in_(ids), OutboundRecipient.completed_at.is_(None))
            .values(state=RecipientState.FAILED, last_reply=PURGED_REPLY, completed_at=now)
        )
        recipients = rows_matched(result)
        delivered = exists().where(
            OutboundRecipient.message_id == OutboundMessage.id, OutboundRecipient.state.in_(DELIVERED_RECIPIENT_STATES)
        )
        for state, condition in ((MessageState.PARTIAL, delivered), (MessageState.FAILED, ~delivered)):
            await session.execute(
                update(OutboundMessage)
                .where(OutboundMessage.id.in_(ids), condition)
                .values(state=state, completed_at=now, claimed_by=None)
                .execution_options(synchronize_session=False)
            )
    return {"server_id": node.id, "purged_messages": len(ids), "purged_recipients": recipients}


async def set_rate(
    *, session: AsyncSession, ctx: AppContext, account_id: int, server_id: str, rate: int | None
) -> dict[str, Any]:
    """setServerSendngRate: the account's limit in messages per hour (0 removes it)."""
    node = await get_node(session, server_id)
    per_hour = -1 if rate is None else rate
    if not 0 <= per_hour <= MAX_RATE:
        raise BadRequest(f"Field 'rate' must be a whole number of messages per hour, 0 (unlimited) to {MAX_RATE}.")
    row = await session.get(SendingRate, account_id)
    if per_hour == 0:
        if row is not None:
            await session.delete(row)
    elif row is None:
        session.add(SendingRate(account_id=account_id, per_hour=per_hour))
    else:
        row.per_hour, row.modified_at = per_hour, clock.utcnow()
    await session.flush()
    lifetime = ctx.settings.delivery_lifetime_seconds
    return {
        "server_id": node.id,
        "rate": per_hour,
        "sending_rate": await rates(session, account_id, lifetime_seconds=lifetime),
    }
