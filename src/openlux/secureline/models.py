"""SecureLine's tables (the sender side): recipients' public keys and escrowed messages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from openlux.core import time as clock
from openlux.db import AddressIndex, Base, BigIntId, SealedText, UtcDateTime, index_of


class RecipientKey(Base):
    """A recipient's public PGP key or S/MIME certificate, known to one account."""

    __tablename__ = "secureline_recipient_key"
    __table_args__ = (
        UniqueConstraint(
            "account_id", "address_index", "kind", "fingerprint", name="uq_secureline_recipient_key_identity"
        ),
        Index("ix_secureline_recipient_key_lookup", "account_id", "address_index"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    # Sealed at rest (lower-case, as normalise_address returns it); lookups match address_index, its keyed HMAC.
    address: Mapped[str] = mapped_column(SealedText("secureline_recipient_key.address"))
    address_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("address"))
    kind: Mapped[str] = mapped_column(String(10))  # "pgp" | "smime"
    fingerprint: Mapped[str] = mapped_column(String(128))  # PGP fingerprint, or SHA-256 of the DER certificate
    material: Mapped[str] = mapped_column(Text)  # ASCII-armoured public key, or PEM certificate
    expires_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)


class EscrowMessage(Base):
    """One recipient's copy of a message kept encrypted at rest until picked up or expired."""

    __tablename__ = "escrow_message"
    # fallback() looks a message's copy up by (queue message, recipient) so a retried delivery escrows once.
    # The portal lists a recipient's messages by (account, recipient).
    __table_args__ = (
        Index("ix_escrow_message_origin", "queue_message_id", "recipient_index"),
        Index("ix_escrow_message_recipient", "account_id", "recipient_index"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"), index=True)
    queue_message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # the pipeline's message id
    # Addresses sealed at rest; the recipient (an address or a SecureText phone number) is matched by
    # recipient_index, its keyed HMAC. The sender is shown only.
    sender: Mapped[str] = mapped_column(SealedText("escrow_message.sender"))
    recipient: Mapped[str] = mapped_column(SealedText("escrow_message.recipient"))
    recipient_index: Mapped[str] = mapped_column(AddressIndex, default=index_of("recipient"))
    link_hash: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256 of the link token
    content: Mapped[bytes] = mapped_column(LargeBinary)  # sealed MIME (ctx.box, context escrow_message:<link_hash>)
    size: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=clock.utcnow)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    first_viewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    view_count: Mapped[int] = mapped_column(Integer, default=0)
