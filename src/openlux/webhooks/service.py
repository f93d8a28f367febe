"""Webhook rules: endpoints (add, list, remove), events emitted in the writer's transaction, signing.

Emitting is one SELECT of the account's subscribed endpoints and one INSERT of the deliveries, in
the same transaction as the event itself, so an event and its webhook deliveries commit together;
the webhook role POSTs them later (openlux.webhooks.worker).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import urllib.parse
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Row, bindparam, insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.crypto import random_token
from openlux.core.errors import BadRequest, NotFound
from openlux.core.netguard import DestinationRefused, IPAddress, OutboundGuard
from openlux.core.time import format_datetime
from openlux.db import WROTE
from openlux.webhooks.models import WebhookDelivery, WebhookEndpoint

SEAL_CONTEXT = b"webhook_endpoint"
SIGNATURE_HEADER = "X-OpenLux-Signature"
TIMESTAMP_HEADER = "X-OpenLux-Timestamp"
EVENT_HEADER = "X-OpenLux-Event"
MAX_ENDPOINTS = 20  # per account


class EventType(StrEnum):
    """What an endpoint can subscribe to."""

    DELIVERED = "delivered"
    DEFERRED = "deferred"
    FAILED = "failed"
    BOUNCED = "bounced"
    OPENED = "opened"
    CLICKED = "clicked"
    UNSUBSCRIBED = "unsubscribed"
    COMPLAINED = "complained"


@dataclass(frozen=True, slots=True)
class Event:
    """One event of one account; `data` is the JSON payload's `data` (never subject or content)."""

    account_id: int
    type: EventType
    data: dict[str, Any]


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`v1=<hex>`: HMAC-SHA256 of "<timestamp>.<body>" under the endpoint's secret."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"v1={mac}"


@dataclass(frozen=True, slots=True)
class Destination:
    """A checked webhook URL and the one address its host resolved to (the POST connects there)."""

    url: str
    host: str
    port: int
    address: IPAddress

    def request_url(self) -> str:
        """The URL with the checked address in place of the name (no second lookup at connect time)."""
        parts = urllib.parse.urlsplit(self.url)
        literal = f"[{self.address}]" if isinstance(self.address, ipaddress.IPv6Address) else str(self.address)
        return urllib.parse.urlunsplit(("https", f"{literal}:{self.port}", parts.path or "/", parts.query, ""))

    def host_header(self) -> str:
        """The name the tenant gave, with a non-default port."""
        name = f"[{self.host}]" if ":" in self.host else self.host
        return name if self.port == 443 else f"{name}:{self.port}"


async def check_destination(ctx: AppContext, url: str) -> Destination:
    """The URL and its checked address when it may receive webhooks: https, and a host whose every address
    is public or inside the operator's OPENLUX_OUTBOUND_ALLOWED_NETWORKS.

    The shared rule of tenant-chosen destinations (openlux.core.netguard, as report uploads): no
    loopback, private, link-local, multicast or reserved targets, odd spellings (`127.1`) read as the
    resolver reads them. Checked when an endpoint is added and again before every POST (DNS may change);
    the POST then connects to the address checked here.
    """
    parts = urllib.parse.urlsplit(url.strip())
    try:
        host, port = (parts.hostname or "").lower(), parts.port or 443
    except ValueError:  # a port that is not a number or out of range
        raise BadRequest("Field 'url' must be an https:// URL with a host name.") from None
    if parts.scheme != "https" or not host:
        raise BadRequest("Field 'url' must be an https:// URL with a host name.")
    guard = OutboundGuard.from_setting(ctx.settings.outbound_allowed_networks)
    try:
        address = await guard.resolve(host, port)
    except DestinationRefused as exc:
        raise BadRequest(f"Field 'url': {exc.message} ({host})") from None
    return Destination(url.strip(), host, port, address)


def _events(values: Iterable[str] | None) -> list[str]:
    wanted = [v.strip().lower() for v in (values or []) if v.strip()] or [e.value for e in EventType]
    unknown = sorted(set(wanted) - {e.value for e in EventType})
    if unknown:
        raise BadRequest(f"Unknown event(s) {', '.join(unknown)}; known: {', '.join(e.value for e in EventType)}.")
    return list(dict.fromkeys(wanted))


def record(row: WebhookEndpoint) -> dict[str, Any]:
    """An endpoint's public facts (never its secret)."""
    return {
        "id": row.id,
        "url": row.url,
        "events": list(row.events),
        "enabled": int(row.enabled),
        "include_content": int(row.include_content),
        "created": format_datetime(row.created_at),
    }


async def add(
    session: AsyncSession, ctx: AppContext, *, account_id: int, url: str, events: Iterable[str] | None = None
) -> tuple[dict[str, Any], str]:
    """A new endpoint and its signing secret (shown once)."""
    checked = (await check_destination(ctx, url)).url
    count = len(
        (await session.scalars(select(WebhookEndpoint.id).where(WebhookEndpoint.account_id == account_id))).all()
    )
    if count >= MAX_ENDPOINTS:
        raise BadRequest(f"An account may have at most {MAX_ENDPOINTS} webhook endpoints.")
    secret = "whsec_" + random_token(24)
    row = WebhookEndpoint(
        account_id=account_id,
        url=checked,
        events=_events(events),
        secret_sealed=ctx.box.seal_text(secret, context=SEAL_CONTEXT),
        enabled=True,
    )
    session.add(row)
    await session.flush()
    return record(row), secret


async def list_for(session: AsyncSession, *, account_id: int | None) -> list[dict[str, Any]]:
    """Every endpoint (of one account, or all), with its recent delivery counts."""
    query = select(WebhookEndpoint).order_by(WebhookEndpoint.id)
    if account_id is not None:
        query = query.where(WebhookEndpoint.account_id == account_id)
    return [{**record(row), "account_id": row.account_id} for row in await session.scalars(query)]


async def remove(session: AsyncSession, *, endpoint_id: int) -> tuple[int, dict[str, Any]]:
    """Delete an endpoint and its delivery history; (its account, its record)."""
    row = await session.get(WebhookEndpoint, endpoint_id)
    if row is None:
        raise NotFound(f"No webhook endpoint {endpoint_id}.")
    removed = (row.account_id, record(row))
    await session.delete(row)
    await session.flush()
    return removed


async def history(session: AsyncSession, *, endpoint_id: int, limit: int = 50) -> list[dict[str, Any]]:
    """The newest deliveries of an endpoint."""
    rows = await session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.endpoint_id == endpoint_id)
        .order_by(WebhookDelivery.id.desc())
        .limit(limit)
    )
    return [
        {
            "id": r.id,
            "event": r.event,
            "state": r.state,
            "attempts": r.attempts,
            "last_status": r.last_status,
            "last_error": r.last_error,
            "created": format_datetime(r.created_at),
            "completed": format_datetime(r.completed_at),
        }
        for r in rows
    ]


def payload(event: Event) -> dict[str, Any]:
    """The JSON body of one event."""
    return {
        "id": f"evt_{uuid.uuid4().hex}",
        "type": event.type.value,
        "created": clock.utcnow().isoformat(),
        "account_id": event.account_id,
        "data": event.data,
    }


async def emit(session: AsyncSession, events: list[Event]) -> int:
    """Queue a delivery per subscribed endpoint of each event's account (in the caller's transaction)."""
    if not events:
        return 0
    await session.flush()  # as the session's own query would autoflush: the caller's rows are written first
    queued = await session.run_sync(lambda sync: emit_sync(sync.connection(), events))
    if queued:
        session.info[WROTE] = True  # Core statements on the session's connection: request_transaction must commit
    return queued


def emit_sync(conn: Connection, events: list[Event]) -> int:
    """emit() for a synchronous transaction (Database.run_in_transaction, the delivery worker's record)."""
    if not events:
        return 0
    endpoints = conn.execute(_ENDPOINTS, _accounts_of(events)).all()
    rows = _deliveries(events, endpoints)
    if rows:
        conn.execute(insert(WebhookDelivery.__table__), rows)
    return len(rows)


# The enabled endpoints of some accounts: (id, account id, subscribed event types). Built once: the
# delivery worker runs it in every record transaction, where building it cost more than running it.
_ENDPOINTS = select(WebhookEndpoint.id, WebhookEndpoint.account_id, WebhookEndpoint.events).where(
    WebhookEndpoint.account_id.in_(bindparam("accounts", expanding=True)), WebhookEndpoint.enabled.is_(True)
)


def _accounts_of(events: list[Event]) -> dict[str, list[int]]:
    return {"accounts": sorted({e.account_id for e in events})}


def _deliveries(events: list[Event], endpoints: Sequence[Row[int, int, list[str]]]) -> list[dict[str, Any]]:
    """One pending delivery row per event and endpoint subscribed to its type."""
    if not endpoints:
        return []
    now = clock.utcnow()
    return [
        dict(
            endpoint_id=endpoint_id,
            event=e.type.value,
            payload=payload(e),
            state="pending",
            attempts=0,
            next_attempt_at=now,
            last_status=None,
            last_error="",
            created_at=now,
            completed_at=None,
        )
        for e in events
        for endpoint_id, account_id, subscribed in endpoints
        if account_id == e.account_id and e.type.value in (subscribed or [])
    ]


def body_of(delivery_payload: dict[str, Any]) -> bytes:
    """The exact bytes POSTed (compact JSON, keys in a stable order)."""
    return json.dumps(delivery_payload, separators=(",", ":"), sort_keys=True).encode("utf-8")
