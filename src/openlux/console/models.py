"""Console sessions and administrators' second factor (failed sign-ins: openlux.auth.throttle)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core.time import utcnow
from openlux.db import Base, BigIntId, UtcDateTime


class ConsoleSession(Base):
    """A browser session of the console (cookie value and CSRF token hashed/kept server-side)."""

    __tablename__ = "console_session"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    cookie_hash: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    client_ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # "password" (login form) or "sso" (a redeemed single sign-on link): SSO sessions must enter
    # the password again before changing integrations, access or the administrator flag.
    opened_by: Mapped[str] = mapped_column(String(10), default="password")
    second_factor_done: Mapped[bool] = mapped_column(Boolean, default=False)
    reauthenticated_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SecondFactor(Base):
    """A user's TOTP secret (sealed) and hashed one-time recovery codes."""

    __tablename__ = "console_second_factor"

    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), primary_key=True)
    secret_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    recovery_hashes: Mapped[list[str]] = mapped_column(JSON, default=list)
    last_step: Mapped[int] = mapped_column(BigInteger, default=0)  # a TOTP step is accepted once
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
