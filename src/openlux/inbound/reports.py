"""Delivery reports (RFC 3464 DSN) and feedback reports (RFC 5965 ARF) → event rows and suppressions."""

from __future__ import annotations

from dataclasses import dataclass
from email import message_from_bytes
from email.message import Message
from email.parser import BytesHeaderParser, HeaderParser
from email.utils import getaddresses, parsedate_to_datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.errors import ApiError
from openlux.core.time import utcnow
from openlux.mail.models import OutboundMessage, OutboundRecipient
from openlux.reports.models import BounceEvent, ComplaintEvent
from openlux.suppressions.service import suppress


@dataclass(slots=True)
class Owner:
    """Who the report is about: the hosted recipient, refined by the original message when it is ours."""

    account_id: int
    user_id: int | None


def report_type(data: bytes) -> str:
    """`delivery-status`, `feedback-report` or '' from the top-level Content-Type."""
    head = BytesHeaderParser().parsebytes(data)
    if head.get_content_type() != "multipart/report":
        return ""
    kind = str(head.get_param("report-type", "") or "").lower()
    return kind if kind in ("delivery-status", "feedback-report") else ""


def _address(value: str | None) -> str:
    """`rfc822; a@b` (or a bare address) → `a@b`, lower-cased."""
    text = (value or "").split(";", 1)[-1].strip().strip("<>").lower()
    return text if "@" in text else ""


def _original_headers(message: Message) -> Message | None:
    """Headers of the returned original (message/rfc822 or text/rfc822-headers part)."""
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            return inner[0] if isinstance(inner, list) and inner else None
        if part.get_content_type() == "text/rfc822-headers":
            return HeaderParser().parsestr((part.get_payload(decode=True) or b"").decode("utf-8", "replace"))
    return None


async def _sent(session: AsyncSession, original: Message | None) -> OutboundMessage | None:
    message_id = str((original or {}).get("Message-ID", "") or "").strip().strip("<>")
    if not message_id:
        return None
    return await session.scalar(select(OutboundMessage).where(OutboundMessage.message_id == message_id[:250])
                                .order_by(OutboundMessage.id.desc()).limit(1))


async def record(session: AsyncSession, *, data: bytes, owner: Owner) -> int:
    """Record a DSN or ARF report addressed to `owner`; how many events were stored."""
    kind = report_type(data)
    if not kind:
        return 0
    message = message_from_bytes(data)
    original = _original_headers(message)
    sent = await _sent(session, original)
    if sent is not None and sent.account_id == owner.account_id:
        owner = Owner(sent.account_id, sent.user_id)
    else:
        sent = None  # a Message-ID of another account is not trusted
    if kind == "delivery-status":
        return await _bounces(session, message, owner, sent)
    return await _complaint(session, message, original, owner, sent)


async def _bounces(session: AsyncSession, message: Message, owner: Owner, sent: OutboundMessage | None) -> int:
    stored = 0
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        for fields in (blocks[1:] if isinstance(blocks, list) else []):
            recipient = _address(fields.get("Final-Recipient") or fields.get("Original-Recipient"))
            action = str(fields.get("Action", "")).strip().lower()
            status = str(fields.get("Status", "")).strip().split(" ")[0]
            if not recipient or action not in ("failed", "delayed"):
                continue  # delivered / relayed / expanded are not bounces
            hard = action == "failed" and status.startswith("5")
            recipient_id = None
            if sent is not None:
                recipient_id = await session.scalar(select(OutboundRecipient.id).where(
                    OutboundRecipient.message_id == sent.id, OutboundRecipient.address == recipient).limit(1))
            session.add(BounceEvent(account_id=owner.account_id, user_id=owner.user_id,
                                    outbound_message_id=sent.id if sent else None, recipient_id=recipient_id,
                                    channel=sent.channel if sent else "smtp", at=utcnow(), recipient=recipient[:320],
                                    kind="hard" if hard else "soft", status_code=status[:20],
                                    diagnostic=" ".join(str(fields.get("Diagnostic-Code", "")).split())[:1000]))
            stored += 1
            if hard:
                await _suppress(session, owner, recipient, "bounce", "bounce processing", status)
    await session.flush()
    return stored


async def _complaint(session: AsyncSession, message: Message, original: Message | None, owner: Owner,
                     sent: OutboundMessage | None) -> int:
    report = None
    for part in message.walk():
        if part.get_content_type() == "message/feedback-report":
            payload = part.get_payload()
            if isinstance(payload, list):  # the stdlib may parse it as a message
                report = payload[0] if payload else None
            else:
                report = HeaderParser().parsestr(part.get_payload(decode=True).decode("utf-8", "replace"))
    if report is None:
        return 0
    recipient = _address(report.get("Original-Rcpt-To"))
    if not recipient and original is not None:
        recipient = next((a.lower() for _n, a in getaddresses([str(v) for v in original.get_all("To", [])]) if a), "")
    sender = _address(report.get("Original-Mail-From")) or (sent.mail_from if sent else "")
    sent_at = None
    try:
        sent_at = parsedate_to_datetime(str(report.get("Arrival-Date") or original.get("Date")))  # type: ignore[union-attr]
    except (TypeError, ValueError, AttributeError):
        pass
    session.add(ComplaintEvent(account_id=owner.account_id, user_id=owner.user_id,
                               outbound_message_id=sent.id if sent else None,
                               channel=sent.channel if sent else "", at=utcnow(), sent_at=sent_at,
                               message_id=str((original or {}).get("Message-ID", "")).strip().strip("<>")[:250],
                               sender=sender[:320], recipient=recipient[:320],
                               provider=str(report.get("Reporting-MTA", "")).split(";")[-1].strip().lower()[:253],
                               feedback_type=str(report.get("Feedback-Type", "abuse")).strip().lower()[:20]))
    if recipient:
        await _suppress(session, owner, recipient, "complaint", "feedback loop", "")
    await session.flush()
    return 1


async def _suppress(session: AsyncSession, owner: Owner, address: str, reason: str, source: str, note: str) -> None:
    try:
        await suppress(session, account_id=owner.account_id, user_id=owner.user_id, address=address,
                       reason=reason, source=source, note=note)
    except ApiError:
        pass  # an address the suppression rules refuse is still recorded as an event
