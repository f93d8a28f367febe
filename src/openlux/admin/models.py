"""Aliases, custom bounce domains, per-account sending rates and the server registry (heartbeats)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import AddressIndex, Base, BigIntId, SealedJSON, SealedText, UtcDateTime, index_of


class EmailAlias(Base):
    """An address of an account domain that is not a user: forwards (`email`) or bounces.

    `address` is the whole lower-case address (`*@domain` for the catch-all). It is sealed at rest,
    with its local part and the destinations; `address_index` (its keyed HMAC, openlux.db.AddressIndex)
    is unique, so inbound routing finds an alias, or the domain's catch-all, in one indexed lookup.
    The domain stays in clear: it is one of the account's domains (listed, filtered by, and public in DNS).
    """

    __tablename__ = "email_alias"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domain.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(SealedText("email_alias.address"))
    address_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("address"), unique=True)
    local_part: Mapped[str] = mapped_column(SealedText("email_alias.local_part"))  # "*" for the catch-all
    domain: Mapped[str] = mapped_column(String(253))
    action: Mapped[str] = mapped_column(String(10))  # email | bounce
    destinations: Mapped[list[str]] = mapped_column(SealedJSON("email_alias.destinations"), default=list)
    bounce_text: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(10), default="enabled")  # enabled | disabled
    kind: Mapped[str] = mapped_column(String(10))  # alias | list | catchall (the record's `type`)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, onupdate=clock.utcnow)


class BounceDomain(Base):
    """A custom return-path (VERP bounce) domain: one of an account domain's names, or a subdomain of it."""

    __tablename__ = "bounce_domain"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    domain_id: Mapped[int] = mapped_column(ForeignKey("domain.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(253), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class SendingRate(Base):
    """An account's outbound limit in messages per hour (setServerSendngRate); no row = unlimited."""

    __tablename__ = "sending_rate"

    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), primary_key=True)
    per_hour: Mapped[int] = mapped_column(Integer)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, onupdate=clock.utcnow)


class ServerNode(Base):
    """One running OpenLux process, written by its heartbeat: what it runs and how it is configured."""

    __tablename__ = "server_node"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)  # "<machine>:<pid>", the queue's claimed_by prefix
    info: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow, index=True)
