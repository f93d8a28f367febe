"""The SMS queue: every text OpenLux sends (SecureText notices, pickup codes), sealed at rest."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import Base, BigIntId, UtcDateTime


class SmsMessage(Base):
    """One text message to one phone number; its body (which may hold a pickup link) is sealed."""

    __tablename__ = "sms_message"
    __table_args__ = (
        Index("ix_sms_message_due", "state", "next_attempt_at"),
        Index("ix_sms_message_account", "account_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    escrow_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(20))  # SmsKind
    to_number: Mapped[str] = mapped_column(String(20))  # E.164
    body_sealed: Mapped[bytes] = mapped_column(LargeBinary)  # ctx.box, context b"sms_message"
    state: Mapped[str] = mapped_column(String(20), default="queued")  # SmsState
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    provider_id: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
