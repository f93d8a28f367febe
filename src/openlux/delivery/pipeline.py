"""Delivering one claimed message, as named steps: open → (track) → DKIM-sign → send → SecureLine fallback.

The envelope sender of a user's message is its VERP return path (openlux.tracking.verp), so a
bounce names the exact message and recipient. A tracked message (outbound_message.track) is sent
one recipient per transaction, each with its own copy (pixel and links carry its recipient id).

Each step either passes the message on or turns into per-recipient results; `queue.record`
stores them. Nothing here commits the queue's state: the worker does, in batches. The one
exception is the fallback: it writes escrow rows and queues a notice, which are committed in
their own transaction right away, before the recipient's state is recorded in the worker's batch.
A crash in between re-runs the fallback on the next claim (at-least-once, like every delivery;
escrow is idempotent per message and recipient).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
import time
from email.utils import getaddresses

from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.delivery.interfaces import SecureFallback
from openlux.mail import dkim, refs
from openlux.mail.queue import SEAL_CONTEXT, Claimed, Origin, RecipientResult
from openlux.mail.srs import is_srs
from openlux.mail.states import DeliveryMethod, Outcome, TlsPolicy
from openlux.mail.transports import NEEDS_FALLBACK, Envelope, Transport
from openlux.secureline import SecureLineError
from openlux.tracking import links, verp

log = logging.getLogger("openlux.mail")


def open_content(ctx: AppContext, claimed: Claimed) -> bytes:
    """The message's MIME, decrypted."""
    return ctx.box.open(claimed.mime_sealed, context=SEAL_CONTEXT)


def header_from_domain(mime: bytes) -> str:
    """The domain of the (first) From: address, lower-cased; '' when there is none."""
    # Only the header section, and the From: fields found by a regex instead of the email parser: the
    # parser read every body line (1.4 s of 20 s of worker CPU for 3,000 messages of 10 KB in the
    # profile). A campaign or a bulk call has one From: for all its messages, hence the cache.
    if mime.startswith((b"\n", b"\r\n")):
        return ""  # no header section at all
    end = HEADER_END.search(mime)
    head = mime if end is None else mime[: end.start() + 1]
    return from_domain_of(tuple(FROM_FIELD.findall(head)))


HEADER_END = re.compile(rb"\r?\n\r?\n")
FROM_FIELD = re.compile(rb"^from:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)


@functools.lru_cache(maxsize=1024)
def from_domain_of(values: tuple[bytes, ...]) -> str:
    """header_from_domain for the raw From: field values (folding and all)."""
    texts = [UNFOLD.sub(b"", v).decode("ascii", "surrogateescape").strip() for v in values]
    addresses = [a for _n, a in getaddresses(texts) if "@" in a]
    return addresses[0].rsplit("@", 1)[1].lower().rstrip(">") if addresses else ""


UNFOLD = re.compile(rb"\r?\n(?=[ \t])")


async def signing_key_for(ctx: AppContext, claimed: Claimed, mime: bytes) -> dkim.SigningKey | None:
    """Which domain's key may sign this message, if any (mail-trust issue, item 1).

    - submitted: the From: domain's key, only when an authenticated user submitted it and the
      domain belongs to the message's account (DMARC alignment is then earned, not borrowed);
    - forwarded: the forwarding domain's key (the SRS envelope domain), never the author's From:
      domain — a forwarded copy must not pass DMARC for a domain whose owner did not send it;
    - system: the From: domain's key when the account owns it, else the envelope sender domain's
      (auto-replies, notices, receipts are the account's own mail); system mail with an SRS
      envelope sender is about forwarded mail and follows the forwarded rule.
    """
    from_domain = header_from_domain(mime)
    candidates: list[str] = []
    origin = claimed.origin
    if origin == Origin.SYSTEM and is_srs(claimed.mail_from.rsplit("@", 1)[0]):
        origin = Origin.FORWARDED  # a notice about forwarded mail (e.g. its escrow) may quote a forged From:
    if origin == Origin.SUBMITTED:
        if claimed.submitted_by is not None:
            candidates = [from_domain]
    elif origin == Origin.FORWARDED:
        envelope_domain = claimed.mail_from.rsplit("@", 1)[-1].lower() if "@" in claimed.mail_from else ""
        if envelope_domain and envelope_domain != from_domain:
            candidates = [envelope_domain]
    else:
        candidates = [from_domain, claimed.mail_from.rsplit("@", 1)[-1].lower() if "@" in claimed.mail_from else ""]
    for domain in candidates:
        if not domain:
            continue
        key = await dkim.signing_key(ctx, domain)
        if key is not None and key.account_id == claimed.account_id:
            return key
    return None


async def dkim_step(ctx: AppContext, claimed: Claimed, mime: bytes) -> bytes:
    """Signed with the key signing_key_for allows (else unchanged)."""
    key = await signing_key_for(ctx, claimed, mime)
    return mime if key is None else await dkim.sign(ctx, mime, key)


def ref_step(ctx: AppContext, claimed: Claimed, mime: bytes) -> bytes:
    """The message with its signed X-OpenLux-Ref (ties complaints to what OpenLux really sent)."""
    return refs.with_ref(mime, refs.make_ref(refs.ref_key(ctx.box), claimed.id))


async def return_path_domain(ctx: AppContext, claimed: Claimed) -> str | None:
    """The bounce domain for this message's VERP return path; None keeps the envelope sender as it is
    (system mail such as forwarded copies, notices and DSNs, and senders outside the account's domains)."""
    if claimed.channel == "system" or "@" not in claimed.mail_from:
        return None
    return await verp.bounce_domain(ctx, claimed.account_id, claimed.mail_from.rsplit("@", 1)[1])


async def send_step(
    ctx: AppContext, transport: Transport, claimed: Claimed, mime: bytes, bounce_domain: str | None
) -> list[RecipientResult]:
    """Hand the message to the transport for every pending recipient, in one transaction."""
    recipients = [(rid, address) for rid, address, _n in claimed.recipients]
    mail_from = claimed.mail_from
    if bounce_domain is not None:
        only = recipients[0][0] if len(recipients) == 1 else verp.ALL_RECIPIENTS
        mail_from = verp.return_path(ctx, claimed.id, only, bounce_domain)
    return await transport.send(
        Envelope(claimed.id, claimed.account_id, mail_from, recipients, mime, claimed.tls_policy)
    )


# Up to this size a recipient's tracked copy is made on the event loop. A campaign's 10-20 KB message is
# rewritten in about 0.1 ms, and handing it to a thread and back cost 55-85 us of CPU on the 2-core
# benchmark machine, and more under load: the rewrite holds the interpreter lock in the thread too, so
# the thread bought no parallelism. A larger message still goes to a thread (no copy holds the loop for
# more than about half a millisecond).
TRACK_ON_LOOP_BYTES = 32 * 1024


async def tracked_copy(ctx: AppContext, claimed: Claimed, mime: bytes, recipient_id: int) -> bytes:
    """One recipient's copy with its own open pixel and tracked links (openlux.tracking.links)."""
    make = functools.partial(
        links.tracked_copy, ctx, mime, track=claimed.track, message_id=claimed.id, recipient_id=recipient_id
    )
    return make() if len(mime) <= TRACK_ON_LOOP_BYTES else await asyncio.to_thread(make)


async def tracked_send_step(
    ctx: AppContext, transport: Transport, claimed: Claimed, mime: bytes, bounce_domain: str | None
) -> list[RecipientResult]:
    """One transaction per recipient, each with its own tracked, signed copy and return path."""
    results = []
    for rid, address, _n in claimed.recipients:
        copy = await tracked_copy(ctx, claimed, mime, rid)
        copy = await dkim_step(ctx, claimed, ref_step(ctx, claimed, copy))
        mail_from = (
            claimed.mail_from if bounce_domain is None else verp.return_path(ctx, claimed.id, rid, bounce_domain)
        )
        results += await transport.send(
            Envelope(claimed.id, claimed.account_id, mail_from, [(rid, address)], copy, claimed.tls_policy)
        )
    return results


async def secureline_step(
    ctx: AppContext,
    transport: Transport,
    fallback: SecureFallback,
    claimed: Claimed,
    recipient_id: int,
    address: str,
    reason: str,
) -> RecipientResult:
    """TLS was required but impossible (or the sender asked for no TLS-only): PGP/S-MIME copy, or escrow."""
    started = time.monotonic()
    try:
        async with ctx.db.transaction() as session:
            result = await fallback(ctx=ctx, session=session, message=claimed, recipient=address)
    except SecureLineError as exc:
        return RecipientResult(recipient_id, Outcome.FAILED, None, f"{reason}; SecureLine: {exc}", "secureline")
    except Exception as exc:  # only this recipient waits; the others' results of this attempt stand
        log.exception("SecureLine fallback for queue message %s failed", claimed.id)
        return RecipientResult(
            recipient_id, Outcome.DEFERRED, None, f"{reason}; SecureLine error: {exc!r}"[:1000], "secureline"
        )
    if result.method == DeliveryMethod.ESCROW:
        return RecipientResult(
            recipient_id,
            Outcome.ESCROWED,
            None,
            f"{reason}; {result.detail}",
            "secureline",
            method=DeliveryMethod.ESCROW,
            duration_ms=int((time.monotonic() - started) * 1000),
            at=clock.utcnow(),
        )
    # PGP / S-MIME: the encrypted copy may travel without TLS (the content is protected end to end),
    # signed like any other message so the recipient's server can still check the sender domain.
    mime = await dkim_step(ctx, claimed, result.mime or b"")
    envelope = Envelope(
        claimed.id, claimed.account_id, claimed.mail_from, [(recipient_id, address)], mime, TlsPolicy.OPPORTUNISTIC
    )
    sent = (await transport.send(envelope))[0]
    if sent.outcome == NEEDS_FALLBACK:  # cannot happen with opportunistic TLS; keep the message safe anyway
        sent.outcome = Outcome.DEFERRED
    sent.method = result.method
    sent.reply = f"{result.method.upper()}: {sent.reply}"
    return sent


async def deliver(
    ctx: AppContext, transport: Transport, fallback: SecureFallback, claimed: Claimed
) -> list[RecipientResult]:
    """Every pending recipient of one claimed message, delivered or explained."""
    if not claimed.recipients:
        return []
    if claimed.tls_policy == TlsPolicy.SECURELINE:
        # spec 10-user.md: no_tls=1 means "not by TLS only": straight to PGP / S/MIME / escrow (never tracked).
        return [
            await secureline_step(
                ctx, transport, fallback, claimed, rid, address, "sender asked for no TLS-only delivery"
            )
            for rid, address, _n in claimed.recipients
        ]
    bounce_domain = await return_path_domain(ctx, claimed)
    if claimed.track:
        # A recipient that needs the SecureLine fallback gets the untracked original (secureline_step).
        results = await tracked_send_step(ctx, transport, claimed, open_content(ctx, claimed), bounce_domain)
    else:
        mime = await dkim_step(ctx, claimed, ref_step(ctx, claimed, open_content(ctx, claimed)))
        results = await send_step(ctx, transport, claimed, mime, bounce_domain)
    addresses = {rid: address for rid, address, _n in claimed.recipients}
    final = []
    for result in results:
        if result.outcome == NEEDS_FALLBACK:
            result = await secureline_step(
                ctx, transport, fallback, claimed, result.recipient_id, addresses[result.recipient_id], result.reply
            )
        final.append(result)
    return final
