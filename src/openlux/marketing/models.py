"""Secure Marketing tables (v3 engine; the v2 account-scope face uses the same rows).

An owner is a user (v3, user_id set) or an account (v2, user_id NULL); `owner_key` is
"u<user id>" or "a<account id>" so names can be unique per owner on both dialects (NULLs never clash).
A contact belongs to exactly one list: the same address in two lists is two contacts.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import AddressIndex, Base, BigIntId, SealedJSON, SealedText, UtcDateTime, index_of


class CampaignStatus(StrEnum):
    """marketing_campaign.status."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    SENDING = "sending"
    SENT = "sent"
    CANCELLED = "cancelled"  # the only status a client may set
    FAILED = "failed"


class ContactStatus(StrEnum):
    """marketing_contact.status."""

    SUBSCRIBED = "subscribed"
    UNSUBSCRIBED = "unsubscribed"
    BOUNCED = "bounced"
    COMPLAINED = "complained"


class MemberState(StrEnum):
    """marketing_campaign_recipient.state: what the campaign did with one contact."""

    QUEUED = "queued"  # handed to the outbound queue (its delivery state is the queue's)
    SUPPRESSED = "suppressed"
    FAILED = "failed"  # the message could not be rendered for this contact


# RFC 5321 §4.5.3.1: a normalised address is at most 254 octets.
ADDRESS_LENGTH = 254
NAME_LENGTH = 200
STATUS_LENGTH = 20


class MarketingListGroup(Base):
    """A folder of contact lists."""

    __tablename__ = "marketing_list_group"
    __table_args__ = (UniqueConstraint("owner_key", "name", name="uq_marketing_list_group_owner_name"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), nullable=True)
    owner_key: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class MarketingList(Base):
    """A contact list: default sender for campaigns and the custom fields its contacts carry."""

    __tablename__ = "marketing_list"
    __table_args__ = (UniqueConstraint("owner_key", "name", name="uq_marketing_list_owner_name"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), nullable=True)
    owner_key: Mapped[str] = mapped_column(String(32), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("marketing_list_group.id", ondelete="SET NULL"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    description: Mapped[str] = mapped_column(Text, default="")
    from_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    from_address: Mapped[str] = mapped_column(String(ADDRESS_LENGTH), default="")
    reply_to: Mapped[str] = mapped_column(String(ADDRESS_LENGTH), default="")
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)  # names of the owner's custom fields
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class MarketingContact(Base):
    """One address on one list, its subscription status and custom field values (wire form)."""

    __tablename__ = "marketing_contact"
    __table_args__ = (
        UniqueConstraint("list_id", "email_index", name="uq_marketing_contact_list_email"),
        Index("ix_marketing_contact_email_index", "email_index"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("marketing_list.id", ondelete="CASCADE"))
    # normalise_address() form, sealed at rest; email_index (keyed HMAC) is what dedupe, lookups and the
    # unique key match (openlux.db.AddressIndex: bound as the address).
    email: Mapped[str] = mapped_column(SealedText("marketing_contact.email"))
    email_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("email"))
    status: Mapped[str] = mapped_column(String(STATUS_LENGTH), default=ContactStatus.SUBSCRIBED.value)
    # Custom field values, sealed at rest: read and merged in Python, never filtered in SQL.
    fields: Mapped[dict[str, Any]] = mapped_column(SealedJSON("marketing_contact.fields"), default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class MarketingCampaign(Base):
    """A campaign: content (a stored template or inline parts), target lists, sender, and its sending state."""

    __tablename__ = "marketing_campaign"
    __table_args__ = (Index("ix_marketing_campaign_due", "status", "send_at"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), nullable=True)
    owner_key: Mapped[str] = mapped_column(String(32), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    # Sealed at rest (openlux.core.sealing).
    subject: Mapped[str] = mapped_column(SealedText("marketing_campaign.subject"), default="")
    html: Mapped[str] = mapped_column(SealedText("marketing_campaign.html"), default="")
    text: Mapped[str] = mapped_column(SealedText("marketing_campaign.text"), default="")
    template_id: Mapped[int | None] = mapped_column(ForeignKey("email_template.id", ondelete="SET NULL"), nullable=True)
    list_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    group_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")  # v2 campaign group
    from_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    from_address: Mapped[str] = mapped_column(String(ADDRESS_LENGTH), default="")
    reply_to: Mapped[str] = mapped_column(String(ADDRESS_LENGTH), default="")
    # Open pixel / tracked links in every message (on by default; docs/compat.d/tracking.md).
    track_opens: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    track_clicks: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # draft | scheduled | sending | sent | cancelled | failed (docs/compat.d/marketing.md)
    status: Mapped[str] = mapped_column(String(STATUS_LENGTH), default=CampaignStatus.DRAFT.value)
    status_detail: Mapped[str] = mapped_column(String(1000), default="")
    send_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Sending progress: the worker holding it, its last sign of life, and the last address done
    # (contacts are sent in address order, so a taken-over campaign resumes after it).
    claimed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    cursor: Mapped[str] = mapped_column(String(ADDRESS_LENGTH), default="")
    queued: Mapped[int] = mapped_column(Integer, default=0)
    suppressed: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)


class CampaignMessage(Base):
    """What a campaign did for one address: queued (with its queue message), suppressed or failed."""

    __tablename__ = "marketing_campaign_message"
    __table_args__ = (
        UniqueConstraint("campaign_id", "email_index", name="uq_marketing_campaign_message_campaign_email"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("marketing_campaign.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)  # the contact may be deleted later
    email: Mapped[str] = mapped_column(SealedText("marketing_campaign_message.email"))  # sealed at rest
    email_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("email"))  # HMAC of the address
    state: Mapped[str] = mapped_column(String(STATUS_LENGTH))  # queued | suppressed | failed
    detail: Mapped[str] = mapped_column(String(1000), default="")
    outbound_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbound_message.id", ondelete="SET NULL"), nullable=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, index=True)


class MarketingSuppression(Base):
    """An address the account's v2 marketing never mails (transactional mail is not affected)."""

    __tablename__ = "marketing_suppression"
    __table_args__ = (UniqueConstraint("account_id", "address_index", name="uq_marketing_suppression_account_index"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    address: Mapped[str] = mapped_column(SealedText("marketing_suppression.address"))  # sealed at rest
    address_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("address"))  # HMAC of the address
    reason: Mapped[str] = mapped_column(String(STATUS_LENGTH))
    source: Mapped[str] = mapped_column(String(100), default="api")
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
