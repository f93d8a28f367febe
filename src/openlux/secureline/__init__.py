"""SecureLine: what happens to a recipient whose MX cannot take a message over TLS when TLS is required.

Contract with the delivery pipeline (openlux.delivery.interfaces.SecureFallback):

    result = await fallback(ctx=ctx, session=session, message=claimed, recipient="pat@example.org")

- `message` is a `QueuedMessage`: `id`, `account_id`, `user_id` (the sender; required for escrow),
  `mail_from`, and the composed MIME as `mime_sealed` (sealed with `openlux.mail.queue.SEAL_CONTEXT`)
  — `openlux.mail.queue.Claimed` fits as it is.
- `result.method` is "pgp" or "smime": deliver `result.mime` (RFC 3156 multipart/encrypted or
  RFC 8551 application/pkcs7-mime) to that recipient instead of the original; TLS is then optional.
- `result.method` is "escrow": nothing is to be delivered; record the recipient as `escrowed`.
  The copy is stored sealed and a notice was queued (`enqueue_message`, opportunistic TLS).
- Everything is written through `session` and only flushed: the caller commits it (if it rolls
  back, nothing was escrowed or announced). Escrow is idempotent per (message id, recipient): a
  retried delivery finds the earlier copy and queues no second notice.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.context import AppContext
from openlux.mail.queue import SEAL_CONTEXT
from openlux.mail.states import DeliveryMethod
from openlux.secureline import encrypt, escrow, keys, notify

__all__ = ["FallbackResult", "QueuedMessage", "SecureLineError", "fallback"]
log = logging.getLogger("openlux.secureline")


class QueuedMessage(Protocol):
    """What SecureLine reads of a queued message (openlux.mail.queue.Claimed has it)."""

    @property
    def id(self) -> int: ...
    @property
    def account_id(self) -> int: ...
    @property
    def user_id(self) -> int | None: ...
    @property
    def mail_from(self) -> str: ...
    @property
    def mime_sealed(self) -> bytes: ...


class SecureLineError(Exception):
    """The message cannot be secured for this recipient (e.g. no sending user to escrow for)."""


@dataclass(frozen=True, slots=True)
class FallbackResult:
    """What to do with one recipient: deliver `mime` (pgp, smime) or nothing (escrow)."""

    method: DeliveryMethod  # pgp | smime | escrow
    mime: bytes | None = None
    escrow_id: int | None = None
    notice_queue_id: int | None = None
    detail: str = ""


def _clear_mime(ctx: AppContext, message: QueuedMessage) -> bytes:
    return ctx.box.open(message.mime_sealed, context=SEAL_CONTEXT)


async def fallback(*, ctx: AppContext, session: AsyncSession, message: QueuedMessage, recipient: str) -> FallbackResult:
    """Secure one recipient's copy without TLS: PGP, else S/MIME, else escrow with a pickup notice."""
    address = recipient.strip().strip("<>").lower()
    mime = _clear_mime(ctx, message)
    found = await keys.usable(session=session, account_id=message.account_id, address=address)
    for kind, encrypt_with, label in (
        (DeliveryMethod.PGP, encrypt.pgp_mime, "PGP/MIME to key"),
        (DeliveryMethod.SMIME, encrypt.smime_enveloped, "S/MIME to certificate"),
    ):
        if kind not in found:
            continue
        try:
            out = await asyncio.to_thread(encrypt_with, mime, found[kind].material)
        except Exception:  # a key the library cannot use must not lose the message: try the next method
            log.exception("SecureLine: %s encryption to key %s failed", kind, found[kind].fingerprint)
            continue
        return FallbackResult(kind, mime=out, detail=f"{label} {found[kind].fingerprint}")
    return await _escrow(ctx, session, message, address, mime)


async def _escrow(
    ctx: AppContext, session: AsyncSession, message: QueuedMessage, address: str, mime: bytes
) -> FallbackResult:
    if message.user_id is None:
        raise SecureLineError("Escrow needs the sending user; this message has none.")
    earlier = await escrow.find_for(session=session, queue_message_id=message.id, recipient=address)
    if earlier is not None:  # a retried delivery (crash after our commit): escrowed and announced already
        return FallbackResult(
            DeliveryMethod.ESCROW,
            escrow_id=earlier.id,
            detail=f"Escrowed earlier until {earlier.expires_at:%Y-%m-%d %H:%M:%S} GMT",
        )
    row, token = await escrow.store(
        ctx=ctx,
        session=session,
        account_id=message.account_id,
        user_id=message.user_id,
        sender=message.mail_from,
        recipient=address,
        mime=mime,
        queue_message_id=message.id,
    )
    url = escrow.pickup_url(ctx.settings, token)
    notice = await notify.send_notice(
        ctx=ctx, session=session, row=row, url=url, from_header=_from_header(mime) or message.mail_from
    )
    return FallbackResult(
        DeliveryMethod.ESCROW,
        escrow_id=row.id,
        notice_queue_id=notice,
        detail=f"Escrowed until {row.expires_at:%Y-%m-%d %H:%M:%S} GMT; notice queued",
    )


def _from_header(mime: bytes) -> str:
    return str(BytesHeaderParser().parsebytes(mime).get("From", "") or "")
