"""Accounts, users, app-specific passwords, domains and single sign-on tokens."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from openlux.core import time as clock
from openlux.db import Base, BigIntId, SealedJSON, UtcDateTime

# Contact fields of the LuxSci user record (spec 10-user.md getUser, client-backed names).
CONTACT_FIELDS = (
    "contact",
    "company",
    "email1",
    "email2",
    "phone1",
    "phone2",
    "fax",
    "sms",
    "street1",
    "street2",
    "city",
    "state",
    "zip",
    "country",
    "custom1",
    "custom2",
    "custom3",
)


class Account(Base):
    __tablename__ = "account"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class Domain(Base):
    __tablename__ = "domain"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(253), unique=True)
    is_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    is_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    # Proof of control: TXT `_openlux-verify.<name>` = `openlux-verify=<token>` (accounts/verification.py).
    verification_token: Mapped[str] = mapped_column(String(64), default="", server_default="")
    verified_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    is_hipaa: Mapped[bool] = mapped_column(Boolean, default=False)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, onupdate=clock.utcnow)


class User(Base):
    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domain.id"), index=True)
    login: Mapped[str] = mapped_column(String(320), unique=True)  # always stored lower-case
    password_hash: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="enabled")
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Name, company, addresses, phones … (CONTACT_FIELDS): sealed at rest; nothing filters or sorts on them.
    contact_fields: Mapped[dict[str, str]] = mapped_column(SealedJSON("app_user.contact_fields"), default=dict)
    # Sealed at rest: it holds the forwarding destinations (inbound.service.SETTINGS_KEY); read in Python only.
    settings: Mapped[dict[str, Any]] = mapped_column(SealedJSON("app_user.settings"), default=dict)
    disk_quota: Mapped[float] = mapped_column(Float, default=1024.0)
    disk_usage: Mapped[float] = mapped_column(Float, default=0.0)
    password_changed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, onupdate=clock.utcnow)
    last_access_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Loaded with the user (one query instead of two): every user record shows its domain name.
    domain: Mapped[Domain] = relationship(lazy="joined", innerjoin=True)


class AppPassword(Base):
    __tablename__ = "app_password"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    services: Mapped[list[str]] = mapped_column(JSON, default=list)
    web_site_management: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class SsoToken(Base):
    __tablename__ = "sso_token"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    client_ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    target: Mapped[str] = mapped_column(String(100), default="profile")
    # The scope of the API integration that made the link ("user" | "account"; None: made before it
    # was recorded). An administrator's console opens only through a link of a user-scope integration.
    integration_scope: Mapped[str | None] = mapped_column(String(10), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class WebSession(Base):
    """A browser session created by a used SSO URL (cookie value hashed)."""

    __tablename__ = "web_session"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    cookie_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AllowedSender(Base):
    """An address an account administrator lets one user send as (besides login and aliases)."""

    __tablename__ = "allowed_sender"
    __table_args__ = (UniqueConstraint("user_id", "address"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class AccountRetention(Base):
    """How many days an account keeps each kind of retained data (accounts/retention.py).

    NULL means "the installation default" (retention.DEFAULT_DAYS), so a default that changes in a
    later release reaches every account that never chose; an account without a row keeps all defaults.
    """

    __tablename__ = "account_retention"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    sent_content_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    captured_mail_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    escrowed_mail_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    tracking_client_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    webhook_history_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, onupdate=clock.utcnow)
