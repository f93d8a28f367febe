"""Inbound mail tables: auto-responders, who they answered, and the hosted mailbox (sealed at rest)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import AddressIndex, AddressListIndex, Base, BigIntId, SealedJSON, SealedText, UtcDateTime, index_of

SUBJECT_LENGTH = 500
NAME_LENGTH = 200
BLIND_INDEX_LENGTH = 64  # hex HMAC-SHA256


class AutoResponder(Base):
    """One auto-responder of a user (spec 10-user newEmailAutoResponder); a user may have several."""

    __tablename__ = "autoresponder"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    # Sealed at rest (openlux.core.sealing); SUBJECT_LENGTH / NAME_LENGTH are checked on input.
    subject: Mapped[str] = mapped_column(SealedText("autoresponder.subject"))
    body_text: Mapped[str] = mapped_column(SealedText("autoresponder.body_text"), default="")
    body_html: Mapped[str] = mapped_column(SealedText("autoresponder.body_html"), default="")
    from_name: Mapped[str] = mapped_column(SealedText("autoresponder.from_name"), default="")
    start_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    end_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    interval_days: Mapped[int] = mapped_column(Integer, default=1)
    enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class AutoResponderReply(Base):
    """When a responder last answered one sender (RFC 3834 §2: once per sender per interval)."""

    __tablename__ = "autoresponder_reply"
    __table_args__ = (UniqueConstraint("responder_id", "sender_index"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    responder_id: Mapped[int] = mapped_column(ForeignKey("autoresponder.id", ondelete="CASCADE"))
    # Keyed HMAC of the sender address (openlux.core.sealing.blind_index): matched, never shown.
    sender_index: Mapped[str] = mapped_column(String(BLIND_INDEX_LENGTH))
    replied_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class MailboxMessage(Base):
    """A message delivered locally to a hosted user; content sealed with ctx.box (no IMAP/POP yet)."""

    __tablename__ = "mailbox_message"
    __table_args__ = (Index("ix_mailbox_message_user_received", "user_id", "received_at"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    # The envelope is sealed at rest; nothing matches it (the mailbox is read by user, not by address).
    mail_from: Mapped[str] = mapped_column(SealedText("mailbox_message.mail_from"), default="")
    rcpt_to: Mapped[str] = mapped_column(SealedText("mailbox_message.rcpt_to"))
    size: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[bytes] = mapped_column(LargeBinary)  # ctx.box, context b"mailbox_message"
    received_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    tls_version: Mapped[str | None] = mapped_column(String(20), nullable=True)  # None: received in clear
    tls_cipher: Mapped[str | None] = mapped_column(String(100), nullable=True)


class BounceEvent(Base):
    """A bounce (DSN) received after a recipient's server accepted the message; filled by inbound."""

    __tablename__ = "bounce_event"
    __table_args__ = (
        Index("ix_bounce_event_account", "account_id", "channel", "at", "id"),
        Index("ix_bounce_event_user", "user_id", "channel", "at", "id"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    outbound_message_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True, index=True)
    recipient_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    channel: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    recipient: Mapped[str] = mapped_column(SealedText("bounce_event.recipient"), default="")  # sealed at rest
    recipient_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("recipient"))  # HMAC of it
    kind: Mapped[str] = mapped_column(String(4))  # hard | soft (spec 30 §A.8)
    status_code: Mapped[str] = mapped_column(String(20), default="")  # RFC 3463 enhanced code, e.g. 5.1.1
    diagnostic: Mapped[str] = mapped_column(String(1000), default="")


class ComplaintEvent(Base):
    """A spam complaint received through a mailbox provider's feedback loop (ARF); filled by inbound."""

    __tablename__ = "complaint_event"
    __table_args__ = (
        Index("ix_complaint_event_account", "account_id", "at", "id"),
        Index("ix_complaint_event_user", "user_id", "at", "id"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    outbound_message_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True, index=True)
    channel: Mapped[str] = mapped_column(String(20), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    message_id: Mapped[str] = mapped_column(String(250), default="")
    # Addresses sealed at rest; filters compare the *_index columns (keyed HMAC, openlux.db.AddressIndex).
    sender: Mapped[str] = mapped_column(SealedText("complaint_event.sender"), default="")
    sender_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("sender"))
    recipient: Mapped[str] = mapped_column(SealedText("complaint_event.recipient"), default="")
    recipient_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("recipient"))
    provider: Mapped[str] = mapped_column(String(253), default="")  # reporting domain (ARF Reporting-MTA)
    feedback_type: Mapped[str] = mapped_column(String(20), default="abuse")  # RFC 5965 Feedback-Type


class UnmatchedReport(Base):
    """A DSN or ARF that could not be tied to a message OpenLux sent: kept for the account, changes nothing."""

    __tablename__ = "unmatched_report"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    kind: Mapped[str] = mapped_column(String(10))  # bounce | complaint
    # Addresses sealed at rest; the sender and the listed recipients are matched through their HMACs.
    sender: Mapped[str] = mapped_column(SealedText("unmatched_report.sender"), default="")  # of the report
    sender_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("sender"))
    rcpt_to: Mapped[str] = mapped_column(SealedText("unmatched_report.rcpt_to"), default="")  # where it arrived
    message_id: Mapped[str] = mapped_column(String(250), default="")  # the original's Message-ID, as claimed
    recipients: Mapped[list[str]] = mapped_column(SealedJSON("unmatched_report.recipients"), default=list)  # named
    recipients_index: Mapped[str] = mapped_column(AddressListIndex, default=index_of("recipients", []))  # HMACs
    reason: Mapped[str] = mapped_column(String(300), default="")  # why it did not match
