"""Secure Form tables: configurations, posted rows (sealed) and their uploaded files (sealed blobs on disk)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import Base, BigIntId, UtcDateTime

NAME_LENGTH = 200
CODE_LENGTH = 16
URL_LENGTH = 2000


class SecureForm(Base):
    """One form configuration of an account: where posts go and what they may carry."""

    __tablename__ = "secure_form"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    code: Mapped[str] = mapped_column(String(CODE_LENGTH))  # the secret slug of the post URL
    enabled: Mapped[bool] = mapped_column(default=True)
    save_to_database: Mapped[bool] = mapped_column(default=True)
    allow_files: Mapped[bool] = mapped_column(default=False)
    email_to: Mapped[list[Any]] = mapped_column(JSON, default=list)  # notified of each post (no content)
    redirect_url: Mapped[str] = mapped_column(String(URL_LENGTH), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class SecureFormRow(Base):
    """One post stored in a form's database; the fields are one sealed JSON object."""

    __tablename__ = "secure_form_row"
    # Posts and rows listings page through one form's rows by time.
    __table_args__ = (Index("ix_secure_form_row_form_created", "form_id", "created_at"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("secure_form.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))  # denormalised
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    client_ip: Mapped[str] = mapped_column(String(64), default="")
    content: Mapped[bytes] = mapped_column(LargeBinary)  # ctx.box, context secure_form_row:<id>
    size: Mapped[int] = mapped_column(Integer, default=0)  # bytes of the posted fields
    field_count: Mapped[int] = mapped_column(Integer, default=0)


class SecureFormFile(Base):
    """A file uploaded with a post: name and type sealed here, content sealed in a blob under the data dir."""

    __tablename__ = "secure_form_file"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    row_id: Mapped[int] = mapped_column(ForeignKey("secure_form_row.id", ondelete="CASCADE"), index=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("secure_form.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    meta: Mapped[bytes] = mapped_column(LargeBinary)  # sealed JSON {field, name, content_type}
    size: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
