"""Delivery reports (RFC 3464 DSN) and feedback reports (RFC 5965 ARF) → event rows and suppressions.

Parsing is pure (`parse`), so a malformed report is skipped without failing the delivery; `store`
writes the rows in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes
from email.message import Message
from email.parser import BytesHeaderParser, HeaderParser
from email.utils import getaddresses, parsedate_to_datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.time import utcnow
from openlux.mail.models import OutboundMessage, OutboundRecipient
from openlux.inbound.models import BounceEvent, ComplaintEvent
from openlux.tracking import effects
from openlux.tracking.verp import BounceTarget
from openlux.webhooks import service as webhooks


@dataclass(slots=True)
class Owner:
    """Who the report is about: the hosted recipient, refined by the original message when it is ours."""

    account_id: int
    user_id: int | None


@dataclass(slots=True)
class Bounce:
    """One per-recipient block of a DSN that reports a failure or a delay."""

    recipient: str
    hard: bool
    status: str
    diagnostic: str


@dataclass(slots=True)
class Complaint:
    """The fields of one ARF report."""

    recipient: str
    sender: str
    provider: str
    feedback_type: str
    sent_at: datetime | None


@dataclass(slots=True)
class Report:
    """A parsed report: its original's Message-ID and its bounces or its complaint."""

    message_id: str
    bounces: list[Bounce] = field(default_factory=list)
    complaint: Complaint | None = None


def report_type(data: bytes) -> str:
    """`delivery-status`, `feedback-report` or '' from the top-level Content-Type."""
    head = BytesHeaderParser().parsebytes(data)
    if head.get_content_type() != "multipart/report":
        return ""
    kind = str(head.get_param("report-type", "") or "").lower()
    return kind if kind in ("delivery-status", "feedback-report") else ""


def _address(value: object) -> str:
    """`rfc822; a@b` (or a bare address) → `a@b`, lower-cased; '' when it is not one."""
    text = str(value or "").split(";", 1)[-1].strip().strip("<>").lower()
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


def _fields(part: Message) -> list[Message]:
    """The header blocks of a delivery-status or feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return payload
    text = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    return [HeaderParser().parsestr(block) for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


def parse(data: bytes) -> Report | None:
    """The report in `data`, or None when it is not a DSN or ARF report."""
    kind = report_type(data)
    if not kind:
        return None
    message = message_from_bytes(data)
    original = _original_headers(message)
    report = Report(str((original or {}).get("Message-ID", "") or "").strip().strip("<>")[:250])
    wanted = "message/delivery-status" if kind == "delivery-status" else "message/feedback-report"
    blocks = [b for part in message.walk() if part.get_content_type() == wanted for b in _fields(part)]
    if kind == "delivery-status":
        for fields in blocks[1:]:  # the first block is per-message
            recipient = _address(fields.get("Final-Recipient") or fields.get("Original-Recipient"))
            action = str(fields.get("Action", "")).strip().lower()
            status = str(fields.get("Status", "")).strip().split(" ")[0][:20]
            if recipient and action in ("failed", "delayed"):  # delivered / relayed / expanded are not bounces
                report.bounces.append(Bounce(recipient, action == "failed" and status.startswith("5"), status,
                                             " ".join(str(fields.get("Diagnostic-Code", "")).split())[:1000]))
        return report
    if not blocks:
        return None
    fields = blocks[0]
    recipient = _address(fields.get("Original-Rcpt-To"))
    if not recipient and original is not None:
        recipient = next((a.lower() for _n, a in getaddresses([str(v) for v in original.get_all("To", [])]) if a), "")
    try:
        sent_at = parsedate_to_datetime(str(fields.get("Arrival-Date") or (original or {}).get("Date")))
    except (TypeError, ValueError):
        sent_at = None
    report.complaint = Complaint(recipient, _address(fields.get("Original-Mail-From")),
                                 str(fields.get("Reporting-MTA", "")).split(";")[-1].strip().lower()[:253],
                                 str(fields.get("Feedback-Type", "abuse")).strip().lower()[:20] or "abuse", sent_at)
    return report


async def store(session: AsyncSession, *, report: Report, owner: Owner, target: BounceTarget | None = None,
                soft_limit: int = 3) -> int:
    """Write the report's events (and their effects) for `owner`; how many events were stored.

    With a VERP `target` the report is about that exact message (and recipient): its Message-ID
    and recipient fields are not needed and not trusted. Without one, the returned original's
    Message-ID is matched within the owner's account.
    """
    sent = None
    if target is not None:
        sent = await session.get(OutboundMessage, target.message_id)
    elif report.message_id:
        sent = await session.scalar(select(OutboundMessage).where(OutboundMessage.message_id == report.message_id)
                                    .order_by(OutboundMessage.id.desc()).limit(1))
    if sent is not None and (target is not None or sent.account_id == owner.account_id):
        owner = Owner(sent.account_id, sent.user_id)
    else:
        sent = None  # a Message-ID of another account is not trusted
    events: list[webhooks.Event] = []
    for bounce in report.bounces:
        address, recipient_id = bounce.recipient, None
        if target is not None and target.recipient_id is not None:
            address, recipient_id = target.recipient, target.recipient_id
        elif sent is not None:
            recipient_id = await session.scalar(select(OutboundRecipient.id).where(
                OutboundRecipient.message_id == sent.id, OutboundRecipient.address == address).limit(1))
        session.add(BounceEvent(account_id=owner.account_id, user_id=owner.user_id,
                                outbound_message_id=sent.id if sent else None, recipient_id=recipient_id,
                                channel=sent.channel if sent else "smtp", at=utcnow(),
                                recipient=address[:320], kind="hard" if bounce.hard else "soft",
                                status_code=bounce.status, diagnostic=bounce.diagnostic))
        await session.flush()
        await effects.after_bounce(session, account_id=owner.account_id, user_id=owner.user_id,
                                   outbound_message_id=sent.id if sent else None, address=address,
                                   hard=bounce.hard, status=bounce.status, soft_limit=soft_limit)
        events.append(webhooks.Event(owner.account_id, webhooks.EventType.BOUNCED, {
            "message_id": sent.message_id if sent else report.message_id, "queue_id": sent.id if sent else None,
            "recipient": address, "type": "hard" if bounce.hard else "soft", "status": bounce.status,
            "diagnostic": bounce.diagnostic}))
    c = report.complaint
    if c is not None:
        recipient = target.recipient if target is not None and target.recipient_id is not None else c.recipient
        session.add(ComplaintEvent(account_id=owner.account_id, user_id=owner.user_id,
                                   outbound_message_id=sent.id if sent else None, channel=sent.channel if sent else "",
                                   at=utcnow(), sent_at=c.sent_at, message_id=sent.message_id if sent else report.message_id,
                                   sender=(c.sender or (sent.mail_from if sent else ""))[:320],
                                   recipient=recipient[:320], provider=c.provider, feedback_type=c.feedback_type))
        if recipient:
            await effects.after_complaint(session, account_id=owner.account_id, user_id=owner.user_id,
                                          outbound_message_id=sent.id if sent else None, address=recipient)
        events.append(webhooks.Event(owner.account_id, webhooks.EventType.COMPLAINED, {
            "message_id": sent.message_id if sent else report.message_id, "queue_id": sent.id if sent else None,
            "recipient": recipient, "provider": c.provider, "feedback_type": c.feedback_type}))
    await webhooks.emit(session, events)
    await session.flush()
    return len(report.bounces) + (c is not None)
