"""Delivering one claimed message, as named steps: open → DKIM-sign → send → SecureLine fallback.

Each step either passes the message on or turns into per-recipient results; `queue.record`
stores them. Nothing here commits the queue's state: the worker does, in batches.
"""

from __future__ import annotations

import logging

from openlux.core.context import AppContext
from openlux.mail import dkim
from openlux.mail.queue import SEAL_CONTEXT, Claimed, RecipientResult
from openlux.mail.transports import NEEDS_FALLBACK, Envelope, Transport

log = logging.getLogger("openlux.mail")


def open_content(ctx: AppContext, claimed: Claimed) -> bytes:
    """The message's MIME, decrypted."""
    return ctx.box.open(claimed.mime_sealed, context=SEAL_CONTEXT)


async def dkim_step(ctx: AppContext, claimed: Claimed, mime: bytes) -> bytes:
    """Signed with the sender domain's DKIM key when it has one (else unchanged)."""
    domain = claimed.mail_from.rsplit("@", 1)[-1].lower()
    key = await dkim.signing_key(ctx, domain)
    return mime if key is None else await dkim.sign(mime, key)


async def send_step(transport: Transport, claimed: Claimed, mime: bytes) -> list[RecipientResult]:
    """Hand the message to the transport for every pending recipient."""
    envelope = Envelope(claimed.id, claimed.account_id, claimed.mail_from,
                        [(rid, address) for rid, address, _n in claimed.recipients], mime, claimed.tls_policy)
    return await transport.send(envelope)


async def secureline_step(ctx: AppContext, transport: Transport, claimed: Claimed, recipient_id: int,
                          address: str, reason: str) -> RecipientResult:
    """TLS was required but impossible (or the sender asked for no TLS-only): SecureLine decides."""
    from openlux.mail import secureline_bridge

    return await secureline_bridge.fallback(ctx, transport, claimed, recipient_id, address, reason)


async def deliver(ctx: AppContext, transport: Transport, claimed: Claimed) -> list[RecipientResult]:
    """Every pending recipient of one claimed message, delivered or explained."""
    if not claimed.recipients:
        return []
    mime = await dkim_step(ctx, claimed, open_content(ctx, claimed))
    if claimed.tls_policy == "secureline":
        # spec 10-user.md: no_tls=1 means "not by TLS only": straight to PGP / S/MIME / escrow.
        return [await secureline_step(ctx, transport, claimed, rid, address, "sender asked for no TLS-only delivery")
                for rid, address, _n in claimed.recipients]
    results = await send_step(transport, claimed, mime)
    addresses = {rid: address for rid, address, _n in claimed.recipients}
    final = []
    for result in results:
        if result.outcome == NEEDS_FALLBACK:
            result = await secureline_step(ctx, transport, claimed, result.recipient_id,
                                           addresses[result.recipient_id], result.reply)
        final.append(result)
    return final
