"""Secure Marketing tables (v3 engine; the v2 account-scope face uses the same rows).

An owner is a user (v3, user_id set) or an account (v2, user_id NULL); `owner_key` is
"u<user id>" or "a<account id>" so names can be unique per owner on both dialects (NULLs never clash).
A contact belongs to exactly one list: the same address in two lists is two contacts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core.time import utcnow
from openlux.db import Base, BigIntId, UtcDateTime

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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class MarketingList(Base):
    """A contact list: default sender for campaigns and the custom fields its contacts carry."""

    __tablename__ = "marketing_list"
    __table_args__ = (UniqueConstraint("owner_key", "name", name="uq_marketing_list_owner_name"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), nullable=True)
    owner_key: Mapped[str] = mapped_column(String(32), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("marketing_list_group.id", ondelete="SET NULL"), nullable=True, index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    description: Mapped[str] = mapped_column(Text, default="")
    from_name: Mapped[str] = mapped_column(String(NAME_LENGTH), default="")
    from_address: Mapped[str] = mapped_column(String(ADDRESS_LENGTH), default="")
    reply_to: Mapped[str] = mapped_column(String(ADDRESS_LENGTH), default="")
    fields: Mapped[list[str]] = mapped_column(JSON, default=list)  # names of the owner's custom fields
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class MarketingContact(Base):
    """One address on one list, its subscription status and custom field values (wire form)."""

    __tablename__ = "marketing_contact"
    __table_args__ = (
        UniqueConstraint("list_id", "email", name="uq_marketing_contact_list_email"),
        Index("ix_marketing_contact_email", "email"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    list_id: Mapped[int] = mapped_column(ForeignKey("marketing_list.id", ondelete="CASCADE"))
    email: Mapped[str] = mapped_column(String(ADDRESS_LENGTH))  # normalise_address() form
    status: Mapped[str] = mapped_column(String(STATUS_LENGTH), default="subscribed")
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    unsubscribed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
