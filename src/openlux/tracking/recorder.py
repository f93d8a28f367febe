"""Opens and clicks: answered from memory, written in batches.

The pixel and redirect endpoints only verify the token, classify and append to
`ctx.tracking_events`; `run` (started with the HTTP app) writes whatever piled up every
`tracking_flush_seconds` in one transaction: one SELECT of the messages and recipients named, one
INSERT of the events, and the webhook deliveries. An event is in the reports well within 2 s; a
process killed between two flushes loses at most that fraction of a second of events.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select

from openlux.core.context import AppContext
from openlux.mail.models import OutboundMessage, OutboundRecipient
from openlux.tracking.models import TrackingEvent
from openlux.tracking.tokens import LinkToken, TokenKind
from openlux.webhooks import service as webhooks

log = logging.getLogger("openlux.tracking")


@dataclass(frozen=True, slots=True)
class Seen:
    """One open or click as the endpoint saw it."""

    token: LinkToken
    at: datetime
    client_ip: str
    user_agent: str
    automated: bool


def record(ctx: AppContext, seen: Seen) -> None:
    """Queue one event for the next flush (no I/O)."""
    ctx.tracking_events.append(seen)


async def flush(ctx: AppContext) -> int:
    """Write every pending event; how many were written."""
    if not ctx.tracking_events:
        return 0
    pending, ctx.tracking_events[:] = list(ctx.tracking_events), []
    recipient_ids = {s.token.recipient_id for s in pending}
    async with ctx.db.transaction() as session:
        known = {
            row.recipient_id: row
            for row in await session.execute(
                select(
                    OutboundRecipient.id.label("recipient_id"),
                    OutboundRecipient.address,
                    OutboundMessage.id,
                    OutboundMessage.account_id,
                    OutboundMessage.user_id,
                    OutboundMessage.channel,
                    OutboundMessage.message_id,
                    OutboundMessage.mail_from,
                )
                .join(OutboundMessage, OutboundMessage.id == OutboundRecipient.message_id)
                .where(OutboundRecipient.id.in_(recipient_ids))
            )
        }
        rows, events = [], []
        for s in pending:
            r = known.get(s.token.recipient_id)
            if r is None or r.id != s.token.message_id:
                continue  # the message was deleted since (or never existed: tokens are signed, so rare)
            kind = "open" if s.token.kind == TokenKind.OPEN else "click"
            rows.append(
                dict(
                    account_id=r.account_id,
                    user_id=r.user_id,
                    outbound_message_id=r.id,
                    channel=r.channel,
                    kind=kind,
                    at=s.at,
                    message_id=r.message_id,
                    sender=r.mail_from[:320],
                    recipient=r.address[:320],
                    url=s.token.url[:2000],
                    client_ip=s.client_ip[:64],
                    user_agent=s.user_agent[:500],
                    automated=s.automated,
                )
            )
            data = {
                "message_id": r.message_id,
                "queue_id": r.id,
                "recipient": r.address,
                "at": s.at.isoformat(),
                "classification": "automated" if s.automated else "human",
                "client_ip": s.client_ip,
                "user_agent": s.user_agent,
            }
            if kind == "click":
                data["url"] = s.token.url
            events.append(
                webhooks.Event(
                    r.account_id, webhooks.EventType.OPENED if kind == "open" else webhooks.EventType.CLICKED, data
                )
            )
        if rows:
            await session.execute(insert(TrackingEvent), rows)
        await webhooks.emit(session, events)
    return len(rows)


async def run(ctx: AppContext) -> None:
    """Flush until cancelled, then once more."""
    try:
        while True:
            await asyncio.sleep(ctx.settings.tracking_flush_seconds)
            try:
                await flush(ctx)
            except Exception:  # the batch is lost, the endpoints keep answering; the cause goes to the log
                log.exception("writing tracking events failed")
    finally:
        try:
            await asyncio.shield(flush(ctx))
        except Exception:
            log.exception("final tracking flush failed")
