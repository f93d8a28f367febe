"""WebAide tables: containers, who they are shared with, and entries (deleted ones stay as tombstones)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core.time import utcnow
from openlux.db import Base, BigIntId, SealedJSON, SealedText, UtcDateTime

NAME_LENGTH = 200
TYPE_LENGTH = 20  # longest webaide_type code is "addressbooks"
AUDIENCE_LENGTH = 10


class WebAide(Base):
    """One container (a calendar, address book …) owned by a user."""

    __tablename__ = "webaide"
    __table_args__ = (UniqueConstraint("user_id", "webaide_type", "name", name="uq_webaide_user_type_name"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    webaide_type: Mapped[str] = mapped_column(String(TYPE_LENGTH))
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    description: Mapped[str] = mapped_column(SealedText("webaide.description"), default="")
    # Change counter: every entry write takes the next numbers, so sync tokens are exact and ordered.
    revision: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class WebAideShare(Base):
    """Permissions an audience (one user, a domain's users, or the whole account) holds on a WebAide."""

    __tablename__ = "webaide_share"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    webaide_id: Mapped[int] = mapped_column(ForeignKey("webaide.id", ondelete="CASCADE"), index=True)
    audience: Mapped[str] = mapped_column(String(AUDIENCE_LENGTH))  # user | domain | account
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="CASCADE"), nullable=True, index=True
    )
    domain_id: Mapped[int | None] = mapped_column(
        ForeignKey("domain.id", ondelete="CASCADE"), nullable=True, index=True
    )
    permissions: Mapped[list[str]] = mapped_column(JSON, default=list)


class WebAideEntry(Base):
    """One entry: a map of LuxSci field names to values; `deleted_at` set = tombstone for sync."""

    __tablename__ = "webaide_entry"
    __table_args__ = (Index("ix_webaide_entry_webaide_revision", "webaide_id", "revision"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    webaide_id: Mapped[int] = mapped_column(ForeignKey("webaide.id", ondelete="CASCADE"))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), nullable=True)
    # Sealed at rest (openlux.core.sealing): entries carry names, addresses, notes, appointments.
    fields: Mapped[dict[str, Any]] = mapped_column(SealedJSON("webaide_entry.fields"), default=dict)
    # ";tag1;tag2;" so one LIKE finds a whole tag (not sealed: docs/operations.md says why).
    categories: Mapped[str] = mapped_column(Text, default="")
    # Calendars only: first start and end of the whole series (NULL end = recurs for ever), for range queries.
    starts_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    series_end_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_revision: Mapped[int] = mapped_column(BigInteger, default=0)
    revision: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
