"""What the console shows of sent mail: lists, one message taken apart, delivery history, queue.

Ownership: a user sees the messages they sent; an account administrator sees the account's.
Works the same in capture, relay and mx modes: the message is read from the outbound queue (and,
in capture mode, from the captured copy, which is exactly what would have been sent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.console.service import is_admin
from openlux.core.context import AppContext
from openlux.mail import admin as queue_admin
from openlux.mail import outbox
from openlux.mail.models import CapturedMessage, DeliveryAttempt, OutboundMessage, OutboundRecipient
from openlux.mail.queue import SEAL_CONTEXT as OUTBOUND_SEAL
from openlux.mail.states import DELIVERED_RECIPIENT_STATES, PENDING_RECIPIENT_STATES, MessageState
from openlux.reports.mail_reports import ENCRYPTION, RECIPIENT_STATUS

PAGE_SIZE = 50
PENDING_STATES = PENDING_RECIPIENT_STATES
_CID_SRC = re.compile(r"""(src\s*=\s*["']?)cid:([^"'\s>]+)""", re.I)


def owned(statement: Select, user: User) -> Select:
    """Restrict a query on OutboundMessage to what the user may see."""
    if is_admin(user):
        return statement.where(OutboundMessage.account_id == user.account_id)
    return statement.where(OutboundMessage.account_id == user.account_id, OutboundMessage.user_id == user.id)


def _search(statement: Select, text: str) -> Select:
    # Subjects and addresses are sealed at rest, so SQL cannot search them (docs/compat.d/encryption-at-rest.md):
    # a whole address finds the messages from or to it (blind indexes), any text a part of the Message-ID.
    term = text.strip()
    found: list[ColumnElement[bool]] = [func.lower(OutboundMessage.message_id).like(f"%{term.lower()}%")]
    if "@" in term:
        found += [
            OutboundMessage.mail_from_index == term,  # AddressIndex: hashed when bound
            exists().where(OutboundRecipient.message_id == OutboundMessage.id, OutboundRecipient.address_index == term),
        ]
    return statement.where(or_(*found))


@dataclass
class MessageRow:
    """One line of a message list."""

    id: int
    created_at: Any
    mail_from: str
    subject: str
    state: str
    channel: str
    captured: bool
    recipients: list[dict[str, Any]] = field(default_factory=list)


def protection_of(state: str, method: str | None, tls_version: str | None) -> str:
    """How a recipient's copy was protected, as a person reads it (TLS 1.3, PGP, S/MIME, Escrow …)."""
    if state not in DELIVERED_RECIPIENT_STATES:
        return ""
    label = ENCRYPTION.get(method or "", method or "")
    if method == "tls" and tls_version:
        return tls_version.replace("v", " ")
    return label


async def list_messages(
    *,
    session: AsyncSession,
    ctx: AppContext,
    user: User,
    search: str = "",
    state: str = "",
    limit: int = PAGE_SIZE,
    offset: int = 0,
) -> tuple[int, list[MessageRow]]:
    """(total, one page of messages, newest first) with per-recipient state and protection."""
    base = owned(select(OutboundMessage), user)
    if search.strip():
        base = _search(base, search)
    if state == "pending":
        base = base.where(OutboundMessage.state == MessageState.QUEUED)
    total = int(await session.scalar(base.with_only_columns(func.count()).order_by(None)) or 0)
    messages = list((await session.scalars(base.order_by(OutboundMessage.id.desc()).offset(offset).limit(limit))).all())
    if not messages:
        return total, []
    ids = [m.id for m in messages]
    captured = {
        c.outbound_message_id: c
        for c in await session.scalars(select(CapturedMessage).where(CapturedMessage.outbound_message_id.in_(ids)))
    }
    recipients: dict[int, list[OutboundRecipient]] = {}
    for r in await session.scalars(
        select(OutboundRecipient).where(OutboundRecipient.message_id.in_(ids)).order_by(OutboundRecipient.id)
    ):
        recipients.setdefault(r.message_id, []).append(r)
    latest_tls = await _latest_tls(session, ids)
    rows = []
    for m in messages:
        copy = captured.get(m.id)
        subject = copy.subject if copy is not None else outbox.subject_of(sent_content(ctx, m))
        rows.append(
            MessageRow(
                id=m.id,
                created_at=m.created_at,
                mail_from=m.mail_from,
                subject=subject,
                state=m.state,
                channel=m.channel,
                captured=copy is not None,
                recipients=[
                    {
                        "address": r.address,
                        "kind": r.kind,
                        "state": r.state,
                        "status": RECIPIENT_STATUS.get(r.state, r.state),
                        "protection": protection_of(r.state, r.method, latest_tls.get(r.id)),
                        "reply": r.last_reply or "",
                    }
                    for r in recipients.get(m.id, [])
                ],
            )
        )
    return total, rows


async def _latest_tls(session: AsyncSession, message_ids: list[int]) -> dict[int, str | None]:
    """recipient id → TLS version of its latest attempt that used TLS."""
    result = await session.execute(
        select(DeliveryAttempt.recipient_id, DeliveryAttempt.tls_version)
        .where(DeliveryAttempt.message_id.in_(message_ids), DeliveryAttempt.tls_version.is_not(None))
        .order_by(DeliveryAttempt.id)
    )
    return {rid: version for rid, version in result}


@dataclass
class Part:
    """An attachment (or inline part) of a message."""

    index: int
    filename: str
    content_type: str
    size: int
    content_id: str


@dataclass
class MessageView:
    """One message taken apart for the message page."""

    message: OutboundMessage
    content_purged: bool  # the retention role emptied it: delivery metadata only
    subject: str
    captured: CapturedMessage | None
    mime: bytes
    headers: list[tuple[str, str]]
    text: str | None
    html: str | None
    parts: list[Part]
    recipients: list[dict[str, Any]]
    attempts: list[dict[str, Any]]


def sent_content(ctx: AppContext, message: OutboundMessage) -> bytes:
    """The message's MIME; b"" once the retention role dropped it (sent_content lifetime)."""
    if not message.mime_sealed:
        return b""
    return ctx.box.open(message.mime_sealed, context=OUTBOUND_SEAL)


def parse(mime: bytes) -> EmailMessage:
    """The MIME message (modern email policy)."""
    return BytesParser(policy=policy.default).parsebytes(mime)


def _content(part: MIMEPart | None) -> str | None:
    if part is None:
        return None
    try:
        return str(part.get_content())
    except (LookupError, ValueError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)


def attachments_of(msg: EmailMessage) -> list[tuple[Part, EmailMessage]]:
    """Every non-body leaf part with a file name or a Content-ID, numbered in walk order."""
    found = []
    for index, part in enumerate(msg.walk()):
        if part.is_multipart():
            continue
        filename = part.get_filename() or ""
        content_id = (part.get("Content-ID") or "").strip().strip("<>")
        if not filename and not content_id and part.get_content_disposition() != "attachment":
            continue
        payload = part.get_payload(decode=True) or b""
        found.append(
            (Part(index, filename or f"part-{index}", part.get_content_type(), len(payload), content_id), part)
        )
    return found


async def load(*, session: AsyncSession, ctx: AppContext, user: User, message_id: int) -> MessageView | None:
    """The message if the user may see it, else None (absent and foreign look the same)."""
    message = await session.scalar(owned(select(OutboundMessage), user).where(OutboundMessage.id == message_id))
    if message is None:
        return None
    captured = await session.scalar(
        select(CapturedMessage)
        .where(CapturedMessage.outbound_message_id == message.id)
        .order_by(CapturedMessage.id.desc())
        .limit(1)
    )
    if captured is not None:
        mime = ctx.box.open(captured.mime_sealed, context=outbox.SEAL_CONTEXT)
    else:
        mime = sent_content(ctx, message)
    msg = parse(mime)
    html_part = msg.get_body(preferencelist=("html",))
    text_part = msg.get_body(preferencelist=("plain",))
    recipients = await session.scalars(
        select(OutboundRecipient).where(OutboundRecipient.message_id == message.id).order_by(OutboundRecipient.id)
    )
    by_id = {r.id: r for r in recipients}
    attempts = await session.scalars(
        select(DeliveryAttempt).where(DeliveryAttempt.message_id == message.id).order_by(DeliveryAttempt.id)
    )
    latest_tls = await _latest_tls(session, [message.id])
    return MessageView(
        message=message,
        content_purged=not mime,
        subject=outbox.subject_of(mime),
        captured=captured,
        mime=mime,
        headers=[(k, str(v)) for k, v in msg.items()],
        text=_content(text_part) if text_part is not None else None,
        html=_content(html_part) if html_part is not None else None,
        parts=[p for p, _ in attachments_of(msg)],
        recipients=[
            {
                "address": r.address,
                "kind": r.kind,
                "state": r.state,
                "status": RECIPIENT_STATUS.get(r.state, r.state),
                "attempts": r.attempts,
                "protection": protection_of(r.state, r.method, latest_tls.get(r.id)),
                "code": r.last_code,
                "reply": r.last_reply or "",
            }
            for r in by_id.values()
        ],
        attempts=[
            {
                "at": a.at,
                "recipient": by_id[a.recipient_id].address if a.recipient_id in by_id else "",
                "server": a.server,
                "outcome": a.outcome,
                "code": a.code,
                "reply": a.reply,
                "tls": " ".join(x for x in (a.tls_version, a.tls_cipher) if x),
                "ms": a.duration_ms,
            }
            for a in attempts
        ],
    )


def html_for_frame(view: MessageView, part_url: str) -> str:
    """The HTML body with cid: images pointed at this server's part URLs."""
    by_cid = {p.content_id: p.index for p in view.parts if p.content_id}

    def replace(match: re.Match[str]) -> str:
        index = by_cid.get(match.group(2))
        return f"{match.group(1)}{part_url}/{index}" if index is not None else match.group(0)

    return _CID_SRC.sub(replace, view.html or "")


def part_bytes(view: MessageView, index: int) -> tuple[Part, bytes] | None:
    """One attachment's decoded bytes."""
    for part, node in attachments_of(parse(view.mime)):
        if part.index == index:
            payload = node.get_payload(decode=True) or b""
            return part, payload if isinstance(payload, bytes) else str(payload).encode()
    return None


async def retry_now(*, session: AsyncSession, user: User, message_id: int) -> bool:
    """Make a pending message's deferred recipients due now (administrators only; the route checks)."""
    message = await session.scalar(owned(select(OutboundMessage), user).where(OutboundMessage.id == message_id))
    if message is None:
        return False
    return await queue_admin.retry(session=session, queue_id=message.id) > 0


async def purge(*, session: AsyncSession, user: User, message_id: int) -> bool:
    """Remove a message from the queue (administrators only; the route checks)."""
    message = await session.scalar(owned(select(OutboundMessage), user).where(OutboundMessage.id == message_id))
    if message is None:
        return False
    return await queue_admin.purge(session=session, queue_id=message.id) > 0


async def queue_rows(*, session: AsyncSession, user: User, limit: int = 200) -> list[dict[str, Any]]:
    """Queued and deferred messages with next attempt and last reply."""
    messages = (
        await session.scalars(
            owned(select(OutboundMessage), user)
            .where(OutboundMessage.state == MessageState.QUEUED)
            .order_by(OutboundMessage.next_attempt_at)
            .limit(limit)
        )
    ).all()
    if not messages:
        return []
    pending: dict[int, list[OutboundRecipient]] = {}
    for r in await session.scalars(
        select(OutboundRecipient)
        .where(OutboundRecipient.message_id.in_([m.id for m in messages]), OutboundRecipient.state.in_(PENDING_STATES))
        .order_by(OutboundRecipient.id)
    ):
        pending.setdefault(r.message_id, []).append(r)
    return [
        {
            "id": m.id,
            "from": m.mail_from,
            "attempts": m.attempts,
            "next_attempt": m.next_attempt_at,
            "created": m.created_at,
            "expires": m.expires_at,
            "recipients": [
                {"address": r.address, "state": r.state, "code": r.last_code, "reply": r.last_reply or ""}
                for r in pending.get(m.id, [])
            ],
        }
        for m in messages
    ]


async def captured_for(*, session: AsyncSession, user: User, limit: int = 200) -> list[dict[str, Any]]:
    """The /web/outbox.json listing, restricted to what the user may see."""
    query = (
        select(CapturedMessage)
        .join(OutboundMessage, OutboundMessage.id == CapturedMessage.outbound_message_id)
        .order_by(CapturedMessage.id.desc())
        .limit(limit)
    )
    return [outbox.record(row) for row in await session.scalars(owned(query, user))]


async def outbound_id_of_captured(*, session: AsyncSession, user: User, captured_id: int) -> int | None:
    """The queue id of a captured message the user may see (old /web/outbox/<captured id> links)."""
    query = (
        select(OutboundMessage.id)
        .join(CapturedMessage, CapturedMessage.outbound_message_id == OutboundMessage.id)
        .where(CapturedMessage.id == captured_id)
    )
    return await session.scalar(owned(query, user))
