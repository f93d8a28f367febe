"""Outbound queue (message, recipient, attempt), captured mail, rejected sends and DKIM keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import AddressIndex, AddressListIndex, Base, BigIntId, SealedJSON, SealedText, UtcDateTime, index_of
from openlux.mail.states import MessageState, RecipientState

# Message states (mail/states.py): queued (has pending recipients; due at next_attempt_at) → sent | partial | failed.
# Recipient states: queued, deferred (retrying) → sent | escrowed | failed | suppressed.


class OutboundMessage(Base):
    """One accepted message; its MIME is sealed with the master key (context b"outbound_message")."""

    __tablename__ = "outbound_message"
    __table_args__ = (
        Index("ix_outbound_message_due", "state", "next_attempt_at"),
        Index("ix_outbound_message_user_created", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    channel: Mapped[str] = mapped_column(String(20))  # api | webmail | smtp | system
    # Who put it in the queue (DKIM signing depends on it): submitted (an authenticated API/SMTP user,
    # `submitted_by`), forwarded (forwarding/alias expansion, SRS envelope) or system (OpenLux's own mail).
    origin: Mapped[str] = mapped_column(String(10), default="submitted", server_default="submitted")
    submitted_by: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    message_id: Mapped[str] = mapped_column(String(250), index=True)  # the Message-ID header, without <>
    # Addresses are sealed at rest; the *_index columns (keyed HMAC, openlux.db.AddressIndex) are what
    # filters and joins compare.
    mail_from: Mapped[str] = mapped_column(SealedText("outbound_message.mail_from"))
    mail_from_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("mail_from"))
    tls_policy: Mapped[str] = mapped_column(String(20))  # opportunistic | required | no_tls | secureline
    size: Mapped[int] = mapped_column(Integer)
    recipient_count: Mapped[int] = mapped_column(Integer)
    mime_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    # openlux.tracking.links.Track flags: 1 opens, 2 clicks; each recipient gets its own tracked copy.
    track: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    state: Mapped[str] = mapped_column(String(10), default=MessageState.QUEUED.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    # Due time; a claim pushes it one lease ahead, so a crashed worker's message comes due again.
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class OutboundRecipient(Base):
    """One envelope recipient of a message and where its delivery stands."""

    __tablename__ = "outbound_recipient"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbound_message.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(SealedText("outbound_recipient.address"))  # sealed at rest
    address_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("address"), index=True)
    kind: Mapped[str] = mapped_column(String(3))  # to | cc | bcc | env (SMTP envelope only)
    state: Mapped[str] = mapped_column(String(10), default=RecipientState.QUEUED.value)
    method: Mapped[str | None] = mapped_column(String(10), nullable=True)  # tls | plain | pgp | smime | escrow
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_reply: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Copies of the message's account, user, channel and created_at, written with the row by
    # queue.enqueue_many (none of them changes afterwards): the status-filtered delivery reports
    # count and page from one index on this table (reports/models.py) instead of a join per row,
    # and the report counters' triggers key on them (reports.models.RecipientStateCount).
    # NULL only in rows queued before they existed and not backfilled (the migrations backfill);
    # user_id is also NULL for mail without a user (system mail). A deleted user's messages lose
    # their user (SET NULL) and keep this copy: nobody can ask for that user's reports any more.
    # No foreign key of its own: the row goes with its message (message_id cascades), and SQLite
    # could only add one by rebuilding the table.
    account_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    user_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    channel: Mapped[str | None] = mapped_column(String(20), nullable=True)
    created_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class DeliveryAttempt(Base):
    """Every try to hand one recipient to a server, with the server's reply and the TLS in use."""

    __tablename__ = "delivery_attempt"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbound_message.id", ondelete="CASCADE"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("outbound_recipient.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    server: Mapped[str] = mapped_column(String(300))
    outcome: Mapped[str] = mapped_column(String(10))  # sent | deferred | failed | escrowed | reclaimed
    code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reply: Mapped[str] = mapped_column(String(1000))
    tls_version: Mapped[str | None] = mapped_column(String(20), nullable=True)
    tls_cipher: Mapped[str | None] = mapped_column(String(100), nullable=True)
    duration_ms: Mapped[int] = mapped_column(Integer)


class CapturedMessage(Base):
    """Mail kept by delivery_mode=capture instead of being sent (MIME sealed, context b"captured_message")."""

    __tablename__ = "captured_message"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    outbound_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbound_message.id", ondelete="SET NULL"), nullable=True, index=True
    )
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    # Addresses sealed at rest; `openlux outbox list --address` matches the *_index columns (keyed HMACs,
    # openlux.db.AddressIndex / AddressListIndex: bound as the address).
    mail_from: Mapped[str] = mapped_column(SealedText("captured_message.mail_from"))
    mail_from_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("mail_from"))
    recipients: Mapped[list[str]] = mapped_column(SealedJSON("captured_message.recipients"), default=list)
    recipients_index: Mapped[str] = mapped_column(AddressListIndex, default=index_of("recipients", []))
    subject: Mapped[str] = mapped_column(SealedText("captured_message.subject"), default="")  # sealed at rest
    size: Mapped[int] = mapped_column(Integer)
    mime_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    captured_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, index=True)


class RejectedSend(Base):
    """A send refused before queueing (API or SMTP): feeds the temp-fail/rejection reports."""

    __tablename__ = "rejected_send"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True, index=True)
    user_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    channel: Mapped[str] = mapped_column(String(20))
    # Sealed at rest, never matched (the report filters by type and login only); the reason is sealed
    # too, since it often names the refused address (1000 characters at most, cut by the writers).
    mail_from: Mapped[str] = mapped_column(SealedText("rejected_send.mail_from"), default="")
    recipients: Mapped[list[str]] = mapped_column(SealedJSON("rejected_send.recipients"), default=list)
    reason: Mapped[str] = mapped_column(SealedText("rejected_send.reason"))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DkimKey(Base):
    """A DKIM signing key of one of an account's domains (private key sealed, context b"dkim_key")."""

    __tablename__ = "dkim_key"
    __table_args__ = (UniqueConstraint("domain", "selector", name="uq_dkim_key_domain_selector"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    domain: Mapped[str] = mapped_column(String(253), index=True)
    selector: Mapped[str] = mapped_column(String(63))
    private_key_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    public_key: Mapped[str] = mapped_column(Text)  # base64 SubjectPublicKeyInfo DER, as the p= tag wants
    key_size: Mapped[int] = mapped_column(Integer)
    # rsa | ed25519 (RFC 8463): a domain with an enabled key of each kind is signed twice.
    algorithm: Mapped[str] = mapped_column(String(16), default="rsa", server_default="rsa")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class TlsSessionResult(Base):
    """One outbound TLS decision per recipient domain and attempt, for TLS-RPT (RFC 8460) reports."""

    __tablename__ = "tls_session_result"
    __table_args__ = (Index("ix_tls_session_result_account_at", "account_id", "at"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    policy_domain: Mapped[str] = mapped_column(String(253))  # the recipient domain
    policy_type: Mapped[str] = mapped_column(String(20))  # sts | tlsa | no-policy-found (15 characters)
    policy_string: Mapped[list[str]] = mapped_column(JSON, default=list)
    mx_host: Mapped[str] = mapped_column(String(253), default="")
    receiving_ip: Mapped[str] = mapped_column(String(64), default="")
    success: Mapped[bool] = mapped_column(Boolean)
    result_type: Mapped[str] = mapped_column(String(40), default="")  # RFC 8460 §4.3 result-type
    detail: Mapped[str] = mapped_column(String(500), default="")


class TlsRptReport(Base):
    """One daily TLS-RPT report of an account for one policy (recipient) domain: the claim that makes the
    daily role send it once (unique per account, domain and day), and what became of each rua URI."""

    __tablename__ = "tlsrpt_report"
    __table_args__ = (UniqueConstraint("account_id", "policy_domain", "day", name="uq_tlsrpt_report_once"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    policy_domain: Mapped[str] = mapped_column(String(253))
    day: Mapped[str] = mapped_column(String(10))  # the UTC day reported, YYYY-MM-DD
    report_id: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    # rua URI → outcome ("queued as <id>", "HTTP 200", "refused: …"); empty when the domain publishes no rua.
    outcomes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)


class SendIdempotency(Base):
    """The first answer to a send carrying an `Idempotency-Key` header (mail/idempotency.py).

    Written in the same transaction as the messages it queued, so a row exists exactly when the
    send happened; the unique (account, key) makes concurrent duplicates wait for the first one.
    """

    __tablename__ = "send_idempotency"
    __table_args__ = (UniqueConstraint("account_id", "key", name="uq_send_idempotency_account_key"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))  # sha256 of endpoint, user and request content
    response_status: Mapped[int] = mapped_column(Integer)
    response_body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, index=True)
