"""Tables of user content: templates and their groups, content tags, custom fields, the library."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core.time import utcnow
from openlux.db import Base, BigIntId, SealedText, UtcDateTime


class TemplateGroup(Base):
    """A user's folder of templates."""

    __tablename__ = "email_template_group"
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_email_template_group_user_name"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class EmailTemplate(Base):
    """Subject, HTML and text parts owned by a user, optionally shared with the user's account."""

    __tablename__ = "email_template"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("email_template_group.id", ondelete="SET NULL"), nullable=True, index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(SealedText("email_template.description"), default="")
    subject: Mapped[str] = mapped_column(SealedText("email_template.subject"), default="")
    html: Mapped[str] = mapped_column(SealedText("email_template.html"), default="")
    text: Mapped[str] = mapped_column(SealedText("email_template.text"), default="")
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    # Content tag names the parts use, found when the template was checked (for tag deletion).
    tag_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ContentTag(Base):
    """A named, reusable snippet (HTML and text) inserted into templates with `{{ tag("Name") }}`."""

    __tablename__ = "email_content_tag"
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_email_content_tag_user_name"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(SealedText("email_content_tag.description"), default="")
    html: Mapped[str] = mapped_column(SealedText("email_content_tag.html"), default="")
    text: Mapped[str] = mapped_column(SealedText("email_content_tag.text"), default="")
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CustomField(Base):
    """A typed merge/contact field (text, number, date, boolean, choice) of a user."""

    __tablename__ = "custom_field"
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_custom_field_user_name"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    type: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    choices: Mapped[list[str]] = mapped_column(JSON, default=list)
    default: Mapped[Any] = mapped_column(JSON, nullable=True)  # stored in its wire form (dates as text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class LibraryEntry(Base):
    """A directory or file of a user's content library; file bytes live in content-addressed blobs."""

    __tablename__ = "content_library_entry"
    __table_args__ = (
        UniqueConstraint("user_id", "path", name="uq_content_library_entry_user_path"),
        Index("ix_content_library_entry_user_parent", "user_id", "parent"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "directory" or "file"
    path: Mapped[str] = mapped_column(String(1024))  # normalised, no leading slash ("images/logo.png")
    parent: Mapped[str] = mapped_column(String(1024))  # "" for entries at the root
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    content_type: Mapped[str | None] = mapped_column(String(200), nullable=True)
    public_token: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
