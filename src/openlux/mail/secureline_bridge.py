"""The pipeline's side of the SecureLine contract (openlux.mail.secureline.fallback).

The fallback writes escrow rows and queues a notice through its session; we commit that in its
own transaction right away, before the recipient's state is recorded in the worker's batch. A
crash in between re-runs the fallback on the next claim (at-least-once, like every delivery).
"""

from __future__ import annotations

import logging
import time

from openlux.core.context import AppContext
from openlux.core.time import utcnow
from openlux.mail.queue import Claimed, RecipientResult
from openlux.mail.transports import NEEDS_FALLBACK, Envelope, Transport

log = logging.getLogger("openlux.mail")


async def fallback(ctx: AppContext, transport: Transport, claimed: Claimed, recipient_id: int, address: str,
                   reason: str) -> RecipientResult:
    """PGP/S-MIME copy delivered, or escrowed with a notice queued; deferred when SecureLine is unavailable."""
    started = time.monotonic()
    try:
        from openlux.mail.secureline import SecureLineError
        from openlux.mail.secureline import fallback as secureline_fallback
    except ImportError as exc:  # a build without SecureLine must not send plain text instead
        return RecipientResult(recipient_id, "deferred", None, f"{reason}; SecureLine unavailable ({exc})", "secureline")
    try:
        async with ctx.db.transaction() as session:
            result = await secureline_fallback(ctx=ctx, session=session, message=claimed, recipient=address)
    except SecureLineError as exc:
        return RecipientResult(recipient_id, "failed", None, f"{reason}; SecureLine: {exc}", "secureline")
    except Exception as exc:  # only this recipient waits; the others' results of this attempt stand
        log.exception("SecureLine fallback for queue message %s failed", claimed.id)
        return RecipientResult(recipient_id, "deferred", None, f"{reason}; SecureLine error: {exc!r}"[:1000],
                               "secureline")
    if result.method == "escrow":
        return RecipientResult(recipient_id, "escrowed", None, f"{reason}; {result.detail}", "secureline",
                               method="escrow", duration_ms=int((time.monotonic() - started) * 1000), at=utcnow())
    # PGP / S-MIME: the encrypted copy may travel without TLS (the content is protected end to end),
    # signed like any other message so the recipient's server can still check the sender domain.
    from openlux.mail.pipeline import dkim_step

    mime = await dkim_step(ctx, claimed, result.mime or b"")
    envelope = Envelope(claimed.id, claimed.account_id, claimed.mail_from, [(recipient_id, address)], mime,
                        "opportunistic")
    sent = (await transport.send(envelope))[0]
    if sent.outcome == NEEDS_FALLBACK:  # cannot happen with opportunistic TLS; keep the message safe anyway
        sent.outcome = "deferred"
    sent.method = result.method
    sent.reply = f"{result.method.upper()}: {sent.reply}"
    return sent
