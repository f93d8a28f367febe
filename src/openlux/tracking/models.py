"""Tracking tables: opens and clicks (tracking_event) and unsubscribes through a campaign's link.

The event tables are self-contained (sender, recipient, channel copied in) so every report over
them is one indexed range scan without joins back to the outbound queue.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import AddressIndex, Base, BigIntId, SealedText, UtcDateTime, index_of


class TrackingEvent(Base):
    """One open (tracking image load) or click (tracked link) of a sent message; filled by tracking."""

    __tablename__ = "tracking_event"
    __table_args__ = (
        Index("ix_tracking_event_account", "account_id", "kind", "channel", "at", "id"),
        Index("ix_tracking_event_user", "user_id", "kind", "channel", "at", "id"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    outbound_message_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True, index=True)
    channel: Mapped[str] = mapped_column(String(20))  # api | webmail | smtp (as on the message)
    kind: Mapped[str] = mapped_column(String(5))  # open | click
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    message_id: Mapped[str] = mapped_column(String(250), default="")  # Message-ID header, without <>
    # Addresses sealed at rest; filters and joins compare the *_index columns (keyed HMAC).
    sender: Mapped[str] = mapped_column(SealedText("tracking_event.sender"), default="")
    sender_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("sender"))
    recipient: Mapped[str] = mapped_column(SealedText("tracking_event.recipient"), default="")
    recipient_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("recipient"))
    url: Mapped[str] = mapped_column(String(2000), default="")  # clicks only
    client_ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(500), default="")
    # Classification (tracking.classify): True = automated (proxy prefetch, scanner, HEAD, bot), False = human.
    automated: Mapped[bool] = mapped_column(Boolean, default=False)


class UnsubscribeEvent(Base):
    """A contact leaving through a campaign's unsubscribe link, one-click POST or mailto address."""

    __tablename__ = "unsubscribe_event"
    __table_args__ = (Index("ix_unsubscribe_event_campaign", "campaign_id", "at"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("marketing_campaign.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    email: Mapped[str] = mapped_column(SealedText("unsubscribe_event.email"))  # sealed at rest, never matched
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    method: Mapped[str] = mapped_column(String(10))  # one-click | page | mailto
    scope: Mapped[str] = mapped_column(String(10))  # list | all
    client_ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(500), default="")
