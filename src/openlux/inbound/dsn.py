"""Delivery reports (RFC 3464 DSN) and feedback reports (RFC 5965 ARF) → event rows and suppressions.

Parsing is pure (`parse`), so a malformed report is skipped without failing the delivery;
`match_report` ties a report to a message OpenLux really sent, and `store` writes the rows in the
caller's transaction: events and suppressions for what matched, an `unmatched_report` row (which
changes nothing) for the rest (mail-trust issue, item 2).

Matching, strongest first:
1. VERP: the report arrived at a per-message signed return path; the engagement issue's resolver
   plugs in as `verp` and, when it recognises the address, decides alone.
2. DSN: the original's Message-ID is a message of the recipient's account, the report reached that
   message's envelope sender or sending user, and each failed recipient is a queued recipient of it.
3. ARF: the quoted original carries a genuine `X-OpenLux-Ref` (HMAC, mail/refs.py) of a message of
   the account; the complaining recipient, unless redacted, must be one of its recipients.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from email import message_from_bytes
from email.message import Message
from email.parser import BytesHeaderParser, HeaderParser
from email.utils import getaddresses, parsedate_to_datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.inbound.models import BounceEvent, ComplaintEvent, UnmatchedReport
from openlux.mail import refs
from openlux.mail.models import OutboundMessage, OutboundRecipient
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
    ref: str = ""  # the original's X-OpenLux-Ref, as quoted (unverified)

    @property
    def kind(self) -> str:
        return "complaint" if self.complaint is not None else "bounce"

    @property
    def recipients(self) -> list[str]:
        if self.complaint is not None:
            return [self.complaint.recipient] if self.complaint.recipient else []
        return [b.recipient for b in self.bounces]


@dataclass(slots=True)
class Match:
    """The message a report is about and which of its recipients the report may change."""

    sent: OutboundMessage
    recipients: set[str]  # bounce/complaint recipients that are recipients of `sent`
    how: str  # verp | message-id | ref


# The VERP resolver (engagement issue): given the RCPT address, the message it stands for, or None
# when the address is not a VERP return path. A recognised but invalid token must return a message
# of no account (or raise) rather than fall back to weaker matching.
VerpResolver = Callable[[AsyncSession, str], Awaitable["OutboundMessage | None"]]


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
            first = inner[0] if isinstance(inner, list) and inner else None
            return first if isinstance(first, Message) else None
        if part.get_content_type() == "text/rfc822-headers":
            return HeaderParser().parsestr(_payload_text(part))
    return None


def _payload_text(part: Message) -> str:
    """A leaf part's decoded content as text (undecodable bytes replaced)."""
    payload = part.get_payload(decode=True)
    return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


def _fields(part: Message) -> list[Message]:
    """The header blocks of a delivery-status or feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)]
    text = _payload_text(part)
    return [HeaderParser().parsestr(block) for block in text.replace("\r\n", "\n").split("\n\n") if block.strip()]


def parse(data: bytes) -> Report | None:
    """The report in `data`, or None when it is not a DSN or ARF report."""
    kind = report_type(data)
    if not kind:
        return None
    message = message_from_bytes(data)
    original = _original_headers(message)
    original_id = original.get("Message-ID", "") if original is not None else ""
    original_ref = original.get(refs.HEADER, "") if original is not None else ""
    report = Report(str(original_id or "").strip().strip("<>")[:250], ref=str(original_ref or "").strip()[:100])
    wanted = "message/delivery-status" if kind == "delivery-status" else "message/feedback-report"
    blocks = [b for part in message.walk() if part.get_content_type() == wanted for b in _fields(part)]
    if kind == "delivery-status":
        for fields in blocks[1:]:  # the first block is per-message
            recipient = _address(fields.get("Final-Recipient") or fields.get("Original-Recipient"))
            action = str(fields.get("Action", "")).strip().lower()
            status = str(fields.get("Status", "")).strip().split(" ")[0][:20]
            if recipient and action in ("failed", "delayed"):  # delivered / relayed / expanded are not bounces
                report.bounces.append(
                    Bounce(
                        recipient,
                        action == "failed" and status.startswith("5"),
                        status,
                        " ".join(str(fields.get("Diagnostic-Code", "")).split())[:1000],
                    )
                )
        return report
    if not blocks:
        return None
    fields = blocks[0]
    recipient = _address(fields.get("Original-Rcpt-To"))
    if not recipient and original is not None:
        recipient = next((a.lower() for _n, a in getaddresses([str(v) for v in original.get_all("To", [])]) if a), "")
    try:
        sent_at = parsedate_to_datetime(
            str(fields.get("Arrival-Date") or (original.get("Date") if original is not None else None))
        )
    except (TypeError, ValueError):
        sent_at = None
    report.complaint = Complaint(
        recipient,
        _address(fields.get("Original-Mail-From")),
        str(fields.get("Reporting-MTA", "")).split(";")[-1].strip().lower()[:253],
        str(fields.get("Feedback-Type", "abuse")).strip().lower()[:20] or "abuse",
        sent_at,
    )
    return report


def redacted(address: str) -> bool:
    """True when a feedback loop hid the recipient (RFC 6590): empty, `redacted@…`, or a run of x/*."""
    local = address.rsplit("@", 1)[0] if "@" in address else ""
    return not local or "redacted" in local or (len(set(local)) == 1 and local[0] in "x*#")


async def _recipients_of(session: AsyncSession, sent: OutboundMessage) -> set[str]:
    return set(await session.scalars(select(OutboundRecipient.address).where(OutboundRecipient.message_id == sent.id)))


async def match_report(
    session: AsyncSession,
    *,
    report: Report,
    owner: Owner,
    rcpt_to: str,
    ref_key: bytes,
    verp: VerpResolver | None = None,
) -> Match | None:
    """The message OpenLux sent that `report` (received at `rcpt_to`) is about, or None (see module doc)."""
    sent = await verp(session, rcpt_to) if verp is not None else None
    how = "verp"
    if sent is None and report.complaint is not None:
        queue_id = refs.check_ref(ref_key, report.ref)
        sent = await session.get(OutboundMessage, queue_id) if queue_id is not None else None
        how = "ref"
    elif sent is None and report.message_id:
        candidates = (
            await session.scalars(
                select(OutboundMessage)
                .where(OutboundMessage.message_id == report.message_id, OutboundMessage.account_id == owner.account_id)
                .order_by(OutboundMessage.id.desc())
                .limit(5)
            )
        ).all()
        # The report must come back to the message's sender (its envelope address or its user).
        sent = next(
            (
                m
                for m in candidates
                if m.mail_from.lower() == rcpt_to.lower() or (owner.user_id is not None and m.user_id == owner.user_id)
            ),
            None,
        )
        how = "message-id"
    if sent is None or sent.account_id != owner.account_id:
        return None  # a message of another account is never trusted
    queued = await _recipients_of(session, sent)
    if report.complaint is not None:
        recipient = report.complaint.recipient
        if redacted(recipient):
            return Match(sent, set(queued) if len(queued) == 1 else set(), how)
        return Match(sent, {recipient} & queued, how) if recipient in queued else None
    matched = {b.recipient for b in report.bounces} & queued
    return Match(sent, matched, how) if matched else None


def for_target(report: Report, target: BounceTarget) -> Report:
    """The report as a VERP return path says it: a per-recipient address names the recipient, so the
    report's own recipient fields (often a forwarded or rewritten address) are not trusted."""
    if target.recipient_id is None:
        return report
    bounces = [replace(b, recipient=target.recipient) for b in report.bounces]
    complaint = replace(report.complaint, recipient=target.recipient) if report.complaint is not None else None
    return replace(report, bounces=bounces, complaint=complaint)


def verp_resolver(target: BounceTarget) -> VerpResolver:
    """match_report's VERP plug-in for a return path the listener already verified."""

    async def resolve(session: AsyncSession, rcpt_to: str) -> OutboundMessage | None:
        return await session.get(OutboundMessage, target.message_id)

    return resolve


async def store(
    session: AsyncSession,
    *,
    report: Report,
    owner: Owner,
    match: Match | None,
    sender: str = "",
    rcpt_to: str = "",
    soft_limit: int = 3,
) -> int:
    """Write the report's events, their effects (suppressions, contact status) and webhook events when it
    matched, else one unmatched_report row.

    Returns how many events were stored (0 when nothing matched). Bounces of recipients the matched
    message never had are recorded as unmatched too. Soft bounces count as hard after `soft_limit`.
    """

    def unmatched(recipients: list[str], reason: str) -> None:
        session.add(
            UnmatchedReport(
                account_id=owner.account_id,
                user_id=owner.user_id,
                at=clock.utcnow(),
                kind=report.kind,
                sender=sender[:320],
                rcpt_to=rcpt_to[:320],
                message_id=report.message_id,
                recipients=[r[:320] for r in recipients[:100]],
                reason=reason[:300],
            )
        )

    if match is None:
        unmatched(
            report.recipients,
            "not tied to a message sent from here (no valid return path, "
            "Message-ID with a queued recipient, or X-OpenLux-Ref)",
        )
        await session.flush()
        return 0
    sent = match.sent
    who = Owner(sent.account_id, sent.user_id)
    stored = 0
    events: list[webhooks.Event] = []
    stray = [b.recipient for b in report.bounces if b.recipient not in match.recipients]
    if stray:
        unmatched(stray, f"not a recipient of message {sent.message_id}")
    for bounce in report.bounces:
        if bounce.recipient not in match.recipients:
            continue
        recipient_id = await session.scalar(
            select(OutboundRecipient.id)
            .where(OutboundRecipient.message_id == sent.id, OutboundRecipient.address_index == bounce.recipient)
            .limit(1)
        )
        session.add(
            BounceEvent(
                account_id=who.account_id,
                user_id=who.user_id,
                outbound_message_id=sent.id,
                recipient_id=recipient_id,
                channel=sent.channel,
                at=clock.utcnow(),
                recipient=bounce.recipient[:320],
                kind="hard" if bounce.hard else "soft",
                status_code=bounce.status,
                diagnostic=bounce.diagnostic,
            )
        )
        stored += 1
        await session.flush()  # counts_as_hard counts this bounce too
        await effects.after_bounce(
            session,
            account_id=who.account_id,
            user_id=who.user_id,
            outbound_message_id=sent.id,
            address=bounce.recipient,
            hard=bounce.hard,
            status=bounce.status,
            soft_limit=soft_limit,
            message_id=sent.message_id,
        )
        events.append(
            webhooks.Event(
                who.account_id,
                webhooks.EventType.BOUNCED,
                {
                    "message_id": sent.message_id,
                    "queue_id": sent.id,
                    "recipient": bounce.recipient,
                    "type": "hard" if bounce.hard else "soft",
                    "status": bounce.status,
                    "diagnostic": bounce.diagnostic,
                },
            )
        )
    c = report.complaint
    if c is not None:
        session.add(
            ComplaintEvent(
                account_id=who.account_id,
                user_id=who.user_id,
                outbound_message_id=sent.id,
                channel=sent.channel,
                at=clock.utcnow(),
                sent_at=c.sent_at,
                message_id=sent.message_id,
                sender=(c.sender or sent.mail_from)[:320],
                recipient=c.recipient[:320],
                provider=c.provider,
                feedback_type=c.feedback_type,
            )
        )
        stored += 1
        for address in sorted(match.recipients):
            await effects.after_complaint(
                session,
                account_id=who.account_id,
                user_id=who.user_id,
                outbound_message_id=sent.id,
                address=address,
                message_id=sent.message_id,
            )
            events.append(
                webhooks.Event(
                    who.account_id,
                    webhooks.EventType.COMPLAINED,
                    {
                        "message_id": sent.message_id,
                        "queue_id": sent.id,
                        "recipient": address,
                        "provider": c.provider,
                        "feedback_type": c.feedback_type,
                    },
                )
            )
    await webhooks.emit(session, events)
    await session.flush()
    return stored
