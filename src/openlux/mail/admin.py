"""Operator views of the outbound queue: list, retry now, purge (used by `openlux queue`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.time import format_datetime
from openlux.db import rows_matched
from openlux.mail.models import OutboundMessage, OutboundRecipient
from openlux.mail.states import MESSAGE_FINAL_STATES, PENDING_RECIPIENT_STATES, MessageState, RecipientState


async def list_messages(*, session: AsyncSession, state: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Newest queue entries first, with recipient counts by state."""
    query = select(OutboundMessage).order_by(OutboundMessage.id.desc()).limit(limit)
    if state:
        query = query.where(OutboundMessage.state == state)
    rows = (await session.scalars(query)).all()
    counts: dict[int, dict[str, int]] = {}
    if rows:
        result = await session.execute(
            select(OutboundRecipient.message_id, OutboundRecipient.state, func.count())
            .where(OutboundRecipient.message_id.in_([r.id for r in rows]))
            .group_by(OutboundRecipient.message_id, OutboundRecipient.state)
        )
        for message_id, rstate, n in result:
            counts.setdefault(message_id, {})[rstate] = n
    return [
        {
            "id": r.id,
            "state": r.state,
            "channel": r.channel,
            "from": r.mail_from,
            "tls_policy": r.tls_policy,
            "attempts": r.attempts,
            "recipients": counts.get(r.id, {}),
            "created": format_datetime(r.created_at),
            "next_attempt": "" if r.state in MESSAGE_FINAL_STATES else format_datetime(r.next_attempt_at),
        }
        for r in rows
    ]


async def recipients(*, session: AsyncSession, queue_id: int) -> list[dict[str, Any]]:
    """One message's recipients and their last replies."""
    rows = await session.scalars(
        select(OutboundRecipient).where(OutboundRecipient.message_id == queue_id).order_by(OutboundRecipient.id)
    )
    return [
        {
            "address": r.address,
            "kind": r.kind,
            "state": r.state,
            "method": r.method or "",
            "attempts": r.attempts,
            "reply": r.last_reply or "",
        }
        for r in rows
    ]


async def retry(*, session: AsyncSession, queue_id: int | None = None, failed_too: bool = False) -> int:
    """Make deferred (and, if asked, failed) recipients due now; how many messages were requeued."""
    states = [*PENDING_RECIPIENT_STATES, *([RecipientState.FAILED] if failed_too else [])]
    query = select(OutboundRecipient.message_id).where(OutboundRecipient.state.in_(states)).distinct()
    if queue_id is not None:
        query = query.where(OutboundRecipient.message_id == queue_id)
    ids = list((await session.scalars(query)).all())
    if not ids:
        return 0
    await session.execute(
        update(OutboundRecipient)
        .where(OutboundRecipient.message_id.in_(ids), OutboundRecipient.state.in_(states))
        .values(state=RecipientState.QUEUED, completed_at=None)
    )
    now = clock.utcnow()
    await session.execute(
        update(OutboundMessage)
        .where(OutboundMessage.id.in_(ids))
        .values(
            state=MessageState.QUEUED,
            next_attempt_at=now,
            completed_at=None,
            claimed_by=None,
            expires_at=func.max(OutboundMessage.expires_at, now)
            if session.get_bind().dialect.name == "sqlite"
            else func.greatest(OutboundMessage.expires_at, now),
        )
    )
    return len(ids)


async def purge(*, session: AsyncSession, queue_id: int | None = None, everything: bool = False) -> int:
    """Delete finished messages (or one message, or all with `everything`); how many were deleted."""
    query = delete(OutboundMessage)
    if queue_id is not None:
        query = query.where(OutboundMessage.id == queue_id)
    elif not everything:
        query = query.where(OutboundMessage.state.in_(MESSAGE_FINAL_STATES))
    # Recipients and attempts go with their message (ON DELETE CASCADE; SQLite enforces it per connection).
    result = await session.execute(query)
    return rows_matched(result)
