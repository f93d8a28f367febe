"""Captured mail (delivery_mode=capture): storing and listing it (CLI; the console shows it per tenant)."""

from __future__ import annotations

from email.header import decode_header, make_header
from email.parser import BytesHeaderParser
from typing import Any

from sqlalchemy import delete, or_, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.context import AppContext
from openlux.core.errors import BadRequest
from openlux.core.time import format_datetime
from openlux.db import AddressIndex, rows_matched
from openlux.mail.models import CapturedMessage

SEAL_CONTEXT = b"captured_message"


def subject_of(mime: bytes) -> str:
    """The decoded Subject header of a message ('' when absent)."""
    raw = BytesHeaderParser().parsebytes(mime).get("Subject", "")
    try:
        return str(make_header(decode_header(str(raw))))[:1000]
    except (ValueError, LookupError):
        return str(raw)[:1000]


async def capture(
    ctx: AppContext,
    *,
    account_id: int,
    outbound_message_id: int | None,
    mail_from: str,
    recipients: list[str],
    mime: bytes,
) -> int:
    """Keep one message instead of sending it (own transaction); its captured id."""
    async with ctx.db.transaction() as session:
        row = CapturedMessage(
            account_id=account_id,
            outbound_message_id=outbound_message_id,
            mail_from=mail_from,
            recipients=recipients,
            subject=subject_of(mime),
            size=len(mime),
            mime_sealed=ctx.box.seal(mime, context=SEAL_CONTEXT),
        )
        session.add(row)
        await session.flush()
        return row.id


def record(row: CapturedMessage) -> dict[str, Any]:
    """The listing shape of a captured message."""
    return {
        "id": row.id,
        "queue_id": row.outbound_message_id,
        "mail_from": row.mail_from,
        "recipients": list(row.recipients or []),
        "subject": row.subject,
        "size": row.size,
        "captured": format_datetime(row.captured_at),
    }


async def list_captured(
    *, session: AsyncSession, limit: int = 50, account_id: int | None = None, address: str | None = None
) -> list[dict]:
    """Newest captured messages first; with `address`, the ones from it or to it (any case).

    Addresses are sealed at rest, so `address` is matched through the blind indexes: a whole address
    only (BadRequest for anything else, rather than a search that silently finds nothing).
    """
    query = select(CapturedMessage).order_by(CapturedMessage.id.desc()).limit(limit)
    if account_id is not None:
        query = query.where(CapturedMessage.account_id == account_id)
    if address is not None:
        wanted = address.strip()
        if "@" not in wanted:
            raise BadRequest(f"{address!r} is not a whole address: captured mail is matched by whole addresses only.")
        query = query.where(
            or_(
                CapturedMessage.mail_from_index == wanted,  # AddressIndex: hashed when bound
                CapturedMessage.recipients_index.contains(type_coerce(wanted, AddressIndex)),
            )
        )
    return [record(row) for row in await session.scalars(query)]


async def get_captured(*, session: AsyncSession, ctx: AppContext, captured_id: int) -> tuple[dict, bytes] | None:
    """A captured message's record and its MIME bytes, or None."""
    row = await session.get(CapturedMessage, captured_id)
    if row is None:
        return None
    return record(row), ctx.box.open(row.mime_sealed, context=SEAL_CONTEXT)


async def purge_captured(*, session: AsyncSession) -> int:
    """Delete every captured message; how many there were."""
    result = await session.execute(delete(CapturedMessage))
    return rows_matched(result)
