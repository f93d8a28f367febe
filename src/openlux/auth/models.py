"""API integrations, auth sessions, recorded auth failures and rate-limit windows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import AddressIndex, Base, BigIntId, SealedText, UtcDateTime, index_of


class ApiIntegration(Base):
    __tablename__ = "api_integration"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    token: Mapped[str] = mapped_column(String(64), unique=True)
    secret_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    scope: Mapped[str] = mapped_column(String(10))  # "user" | "account"
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # spec 00-mechanics §2: account scope may optionally call user-level functions.
    allow_user_functions: Mapped[bool] = mapped_column(Boolean, default=True)
    allow_api_key: Mapped[bool] = mapped_column(Boolean, default=False)
    sso_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    # {area: "read" | "write" | "none"}; an area not listed falls back to default_access.
    access: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    default_access: Mapped[str] = mapped_column(String(10), default="write")
    allowed_ips: Mapped[list[str]] = mapped_column(JSON, default=list)
    api_host: Mapped[str | None] = mapped_column(String(253), nullable=True)
    per_minute_limit: Mapped[int] = mapped_column(Integer, default=0)  # 0 = unlimited
    per_day_limit: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class AuthSession(Base):
    __tablename__ = "auth_session"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    integration_id: Mapped[int] = mapped_column(ForeignKey("api_integration.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), nullable=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    client_ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    last_used_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


def domain_of_username(context: Any) -> str | None:
    """Column default of AuthFailure.username_domain: the lower-case domain of the login tried, if any."""
    username = context.get_current_parameters().get("username")
    domain = (username or "").rpartition("@")[2].strip().lower() if "@" in (username or "") else ""
    return domain[:253] or None


class AuthFailure(Base):
    """Every refused authentication or signed call; feeds the login-failure reports."""

    __tablename__ = "auth_failure"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, index=True)
    account_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True, index=True)
    integration_id: Mapped[int | None] = mapped_column(BigIntId, nullable=True)
    # The login tried: sealed at rest (the login-failure report shows it); matched by username_index (its
    # keyed HMAC) for one user, and by username_domain (clear: an account's domain) for a whole account.
    username: Mapped[str | None] = mapped_column(SealedText("auth_failure.username"), nullable=True)
    username_index: Mapped[str | None] = mapped_column(AddressIndex, default=index_of("username", None), nullable=True)
    username_domain: Mapped[str | None] = mapped_column(String(253), default=domain_of_username, nullable=True)
    channel: Mapped[str] = mapped_column(String(20), default="api")  # api | smtp | sso
    client_ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    method: Mapped[str | None] = mapped_column(String(10), nullable=True)
    path: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    reason: Mapped[str] = mapped_column(String(500))
    status: Mapped[int] = mapped_column(Integer)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RateWindow(Base):
    """Requests counted per integration per fixed window (shared by every api process)."""

    __tablename__ = "rate_window"

    integration_id: Mapped[int] = mapped_column(ForeignKey("api_integration.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)  # "minute" | "day"
    window_start: Mapped[int] = mapped_column(BigIntId, primary_key=True)  # unix seconds
    count: Mapped[int] = mapped_column(Integer, default=0)


class AuthGeneration(Base):
    """One row: bumped in the same transaction as any change that must end cached authentication
    (revocation, password change, user disable, integration change); every process polls it."""

    __tablename__ = "auth_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    value: Mapped[int] = mapped_column(BigIntId, default=0)


class LoginThrottle(Base):
    """Failed logins counted per login and per (login, client address), shared by every process."""

    __tablename__ = "login_throttle"

    # "login:<HMAC of the login>" or "pair:<HMAC of the login>|<ip>" (auth.throttle): no login in clear.
    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
