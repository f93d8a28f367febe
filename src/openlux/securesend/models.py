"""SecureSend's tables (the recipient side): pickup codes and sessions, portal namespaces, users and their sessions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import AddressIndex, Base, BigIntId, SealedText, UtcDateTime, index_of


class PickupCode(Base):
    """A one-time code mailed to the recipient of an escrowed message (hashed with the link token)."""

    __tablename__ = "escrow_pickup_code"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    escrow_id: Mapped[int] = mapped_column(ForeignKey("escrow_message.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class PickupSession(Base):
    """A browser that proved it reads the recipient's mailbox (cookie value hashed)."""

    __tablename__ = "escrow_pickup_session"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    escrow_id: Mapped[int] = mapped_column(ForeignKey("escrow_message.id", ondelete="CASCADE"), index=True)
    cookie_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SecureSendNamespace(Base):
    """A set of SecureSend portal logins kept apart from the account's other namespaces."""

    __tablename__ = "securesend_namespace"
    __table_args__ = (UniqueConstraint("account_id", "name", name="uq_securesend_namespace_name"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(64))  # lower-case slug, starts with a letter
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class SecureSendUser(Base):
    """A recipient's SecureSend portal login (argon2id password) in one namespace."""

    __tablename__ = "securesend_user"
    __table_args__ = (
        Index("uq_securesend_user_email_index", "namespace_id", "email_index", unique=True),
        # The pickup page looks up every login of a recipient within the escrow's account.
        Index("ix_securesend_user_account_email", "account_id", "email_index"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    namespace_id: Mapped[int] = mapped_column(ForeignKey("securesend_namespace.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))  # denormalised
    # The login: sealed at rest (normalise_address() form); logins and lookups match email_index, its keyed HMAC.
    email: Mapped[str] = mapped_column(SealedText("securesend_user.email"))
    email_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("email"))
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)  # None: no portal password yet
    enabled: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)  # consecutive; reset on success
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class SecureSendSsoToken(Base):
    """A one-click portal login link (token hashed), single use and short-lived."""

    __tablename__ = "securesend_sso_token"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("securesend_user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class SecureSendPortalSession(Base):
    """A browser logged into the SecureSend portal as one portal user (cookie value hashed)."""

    __tablename__ = "securesend_portal_session"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("securesend_user.id", ondelete="CASCADE"), index=True)
    cookie_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
