"""Suppression tables: one per level, so each level is one indexed lookup per batch of recipients.

The address is sealed at rest; `address_index` (openlux.db.AddressIndex, a keyed HMAC) is what
lookups, uniqueness and deletes match on.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import AddressIndex, Base, BigIntId, SealedText, UtcDateTime, index_of

# RFC 5321 §4.5.3.1: a path is at most 256 octets, so a normalised address is ≤ 254.
ADDRESS_LENGTH = 254
REASON_LENGTH = 20
SOURCE_LENGTH = 100
NOTE_LENGTH = 500


class UserSuppression(Base):
    """An address one user's sending skips (spec 11-user-content §4)."""

    __tablename__ = "user_suppression"
    __table_args__ = (UniqueConstraint("user_id", "address_index"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    # account_id is denormalised so account-wide reports need no join through app_user.
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"))
    address: Mapped[str] = mapped_column(SealedText("user_suppression.address"))  # normalise_address() form
    address_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("address"))  # HMAC of the address
    reason: Mapped[str] = mapped_column(String(REASON_LENGTH))
    source: Mapped[str] = mapped_column(String(SOURCE_LENGTH))
    note: Mapped[str] = mapped_column(String(NOTE_LENGTH), default="")
    # Automatic entries (bounce/complaint processing): the Message-ID of the message OpenLux sent.
    source_message_id: Mapped[str] = mapped_column(String(250), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class AccountSuppression(Base):
    """An address every user of the account skips (spec 50-account, account suppressions)."""

    __tablename__ = "account_suppression"
    __table_args__ = (UniqueConstraint("account_id", "address_index"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    address: Mapped[str] = mapped_column(SealedText("account_suppression.address"))
    address_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("address"))  # HMAC of the address
    reason: Mapped[str] = mapped_column(String(REASON_LENGTH))
    source: Mapped[str] = mapped_column(String(SOURCE_LENGTH))
    note: Mapped[str] = mapped_column(String(NOTE_LENGTH), default="")
    # Automatic entries (bounce/complaint processing): the Message-ID of the message OpenLux sent.
    source_message_id: Mapped[str] = mapped_column(String(250), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
