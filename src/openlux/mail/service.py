"""Accepting mail: limits, vetting, suppressions, composition and queueing for sendEmail, the
deprecated sendSecureEmailOrSecureText and SMTP submission. Nothing here opens an SMTP connection.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts import senders, verification
from openlux.accounts import service as user_service
from openlux.accounts.models import Account, Domain, User
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import ApiError, BadRequest, Forbidden, LimitExceeded, RateLimited
from openlux.mail import compose, vet
from openlux.mail.interfaces import SecureTextSender
from openlux.mail.models import OutboundMessage, RejectedSend
from openlux.mail.queue import NewMessage, enqueue_many, sent_in_last_hour
from openlux.mail.schemas import MessageIn, SendEmailBody
from openlux.mail.states import Channel, TlsPolicy
from openlux.suppressions.service import find_suppressed
from openlux.tracking.links import Track

# spec 10-user.md: the deprecated endpoint sends one message per call, at most 1000 per hour.
LEGACY_HOURLY_MESSAGES = 1000


@dataclass(slots=True)
class Vetted:
    """One message after vetting: a composed NewMessage, or the reason it was rejected."""

    index: int
    message: NewMessage | None = None
    reason: str = ""
    suppressed: list[dict[str, str]] | None = None
    phones: list[str] = field(default_factory=list)  # SecureText recipients
    sender_name: str = ""
    texts: list[dict[str, Any]] | None = None  # SecureText results


async def sender_of(session: AsyncSession, user: User, *, delivery_mode: str = "relay") -> vet.Sender:
    """The user's sending identity: login, contact name, the account's enabled domains, TLS settings,
    and what the user may send as (mail-trust issue items 3 and 4, enforced by vet.check_sender).

    Decided here from the delivery mode at send time, never stored: in capture mode nothing leaves,
    so any sender is accepted (docs/compat.d/mail.md); relay and mx apply verification and sender rules.
    """
    domains = (
        await session.scalars(select(Domain).where(Domain.account_id == user.account_id, Domain.is_enabled.is_(True)))
    ).all()
    settings = user_service.settings_of(user)
    account = await session.get(Account, user.account_id)
    return vet.Sender(
        login=user.login,
        contact=(user.contact_fields or {}).get("contact", ""),
        domains=frozenset(d.name for d in domains),
        allow_no_tls=bool(int(settings.get("allow_no_encryption", 0))),
        default_policy=str(settings.get("tls_policy") or TlsPolicy.OPPORTUNISTIC),
        any_sender=delivery_mode == "capture",
        domain_policy=str(user_service.domain_setting(user.domain, "tls_policy")),
        unverified={d.name: verification.record_text(d) for d in domains if not d.is_verified},
        allowed=frozenset(await senders.allowed_addresses(session, user)),
        any_address_domains=frozenset(d.name for d in domains if senders.domain_any_address(d)),
        any_address=senders.account_any_address(account),
    )


def check_call_limits(ctx: AppContext, messages: list[MessageIn]) -> None:
    """The documented per-call limits; a breach refuses the whole call (400 naming the limit)."""
    s = ctx.settings
    if not messages:
        raise BadRequest("Field 'messages' must list at least one message.")
    if len(messages) > s.send_max_messages_per_call:
        raise LimitExceeded(
            f"{len(messages)} messages in one call; the limit is {s.send_max_messages_per_call} messages per call."
        )
    total = 0
    for i, message in enumerate(messages):
        count = len(message.recipients())
        if count > s.send_max_recipients_per_message:
            raise LimitExceeded(
                f"Message {i} has {count} recipients; the limit is "
                f"{s.send_max_recipients_per_message} recipients per message."
            )
        total += count
    if total > s.send_max_recipients_per_call:
        raise LimitExceeded(
            f"{total} recipients in one call; the limit is {s.send_max_recipients_per_call} recipients per call."
        )


async def check_hourly_limit(session: AsyncSession, user: User, adding: int) -> None:
    """The user's hourly_send_limit (recipients per rolling hour); 429 when this send would pass it."""
    limit = int(user_service.settings_of(user).get("hourly_send_limit") or 0)
    if limit <= 0:
        return
    used = await sent_in_last_hour(session, user_id=user.id)
    if used + adding > limit:
        raise RateLimited(
            f"Hourly sending limit reached: {used} of {limit} recipients sent in the last hour "
            f"(hourly_send_limit); this send has {adding}.",
            retry_after=600,
        )


def require_sending_permission(user: User, service: str = "smtp") -> None:
    """spec 10-user.md: sendEmail needs the user's SMTP permission (service `smtp`)."""
    if user.status != "enabled":
        raise Forbidden(f"User {user.login} is disabled.")
    if service not in (user.services or []):
        raise Forbidden(f"User {user.login} does not have the '{service}' service needed to send mail.")


def files_by_name(files: list[Any]) -> dict[str, list[bytes]]:
    """Uploaded `files` parts grouped by file name (several parts may share one)."""
    grouped: dict[str, list[bytes]] = {}
    for f in files:
        grouped.setdefault(f.filename, []).append(f.content)
    return grouped


def track_flags(message: MessageIn, call: SendEmailBody | None, *, policy: str, has_html: bool) -> int:
    """The Track flags asked for (message value, else the call's); never for SecureLine-only mail or without HTML."""
    flags = Track.NONE
    for name, flag in (("track_opens", Track.OPENS), ("track_clicks", Track.CLICKS)):
        value = getattr(message, name)
        if value is None and call is not None:
            value = getattr(call, name)
        if str(value or 0).strip() not in ("0", "", "false", "False"):
            flags |= flag
    return int(flags) if has_html and policy != "secureline" else 0


def vet_one(
    ctx: AppContext,
    index: int,
    message: MessageIn,
    *,
    sender: vet.Sender,
    files: dict[str, list[bytes]],
    call_policy: str | None,
    call_no_tls: bool | None,
    channel: Channel,
    user: User,
    call: SendEmailBody | None = None,
) -> Vetted:
    """Validate and compose one message; a problem becomes a rejection with its reason."""
    s = ctx.settings
    try:
        policy = vet.tls_policy_of(message, call_policy=call_policy, call_no_tls=call_no_tls, sender=sender)
        draft = vet.draft_of(
            message,
            sender=sender,
            files=files,
            max_attachment=s.send_max_attachment_bytes,
            max_recipients=s.send_max_recipients_per_message,
        )
        phones = vet.secure_text_numbers(message)
        if phones:
            require_sending_permission(user, "securetext")
        message_id = compose.new_message_id(draft.mail_from.rsplit("@", 1)[1])
        mime = compose.compose(draft, message_id=message_id)
    except ApiError as exc:
        return Vetted(index, reason=exc.message)
    if len(mime) > s.send_max_message_bytes:
        return Vetted(
            index,
            reason=f"The message is {len(mime)} bytes; the limit is {s.send_max_message_bytes} "
            "bytes (send_max_message_bytes).",
        )
    kinds = {a: k for k in ("bcc", "cc", "to") for a in getattr(draft, k)}
    recipients = [(kinds[a], a) for a in draft.envelope_recipients]
    return Vetted(
        index,
        NewMessage(
            account_id=user.account_id,
            user_id=user.id,
            mail_from=draft.mail_from,
            recipients=recipients,
            mime=mime,
            message_id=message_id,
            tls_policy=policy,
            channel=channel,
            submitted_by=user.id,
            # SecureText (escrowed, announced by SMS) is never tracked.
            track=0 if phones else track_flags(message, call, policy=policy, has_html=draft.html is not None),
        ),
        phones=phones,
        sender_name=draft.from_name,
    )


async def apply_suppressions(session: AsyncSession, user: User, vetted: list[Vetted]) -> None:
    """Move suppressed recipients aside (reported, never sent); a message left with none is rejected."""
    addresses = sorted({a for v in vetted if v.message for _k, a in v.message.recipients})
    hits = await find_suppressed(session, account_id=user.account_id, user_id=user.id, addresses=addresses)
    if not hits:
        return
    for v in vetted:
        if v.message is None:
            continue
        keep = [(k, a) for k, a in v.message.recipients if a not in hits]
        gone = [
            (k, a, f"{hits[a].level}-level suppression ({hits[a].reason})")
            for k, a in v.message.recipients
            if a in hits
        ]
        if not gone:
            continue
        v.suppressed = [{"address": a, "status": "suppressed", "reason": r} for _k, a, r in gone]
        v.message.recipients, v.message.suppressed = keep, gone
        if not keep and not v.phones:
            v.reason, v.message = "Every recipient of this message is suppressed.", None


def reply_of(v: Vetted, queue_id: int | None) -> dict[str, Any]:
    """The per-message entry of the reply."""
    entry: dict[str, Any] = {"index": v.index, "status": "queued" if queue_id or v.texts else "rejected"}
    if queue_id:
        assert v.message is not None
        entry.update(id=queue_id, message_id=v.message.message_id, recipients=len(v.message.recipients))
    elif v.texts and v.message is not None:
        entry.update(message_id=v.message.message_id, recipients=0)
    else:
        entry["reason"] = v.reason
    if v.texts:
        entry["securetext"] = v.texts
    if v.suppressed:
        entry["suppressed"] = v.suppressed
    return entry


async def accept(
    *,
    ctx: AppContext,
    session: AsyncSession,
    user: User,
    messages: list[MessageIn],
    files: list[Any],
    call_policy: str | None,
    call_no_tls: bool | None,
    channel: Channel,
    secure_text: SecureTextSender | None = None,
    call: SendEmailBody | None = None,
) -> list[dict]:
    """Vet every message, then queue the good ones in the caller's transaction; one reply entry each.

    SecureText numbers (securetext: 1, sms_to) are handed to `secure_text`; without one they are refused.
    """
    sender = await sender_of(session, user, delivery_mode=ctx.settings.delivery_mode)
    grouped = files_by_name(files)
    vetted = [
        vet_one(
            ctx,
            i,
            m,
            sender=sender,
            files=grouped,
            call_policy=call_policy,
            call_no_tls=call_no_tls,
            channel=channel,
            user=user,
            call=call,
        )
        for i, m in enumerate(messages)
    ]
    for v in vetted:
        if v.phones and secure_text is None:
            v.reason, v.message = "Field 'securetext': this endpoint cannot send SecureText.", None
    await apply_suppressions(session, user, vetted)
    good = [v for v in vetted if v.message is not None]
    await check_hourly_limit(session, user, sum(len(v.message.recipients) + len(v.phones) for v in good if v.message))
    mailed = [v for v in good if v.message and v.message.recipients]
    ids = dict(
        zip(
            [v.index for v in mailed],
            await enqueue_many(session, ctx, [v.message for v in mailed if v.message]),
            strict=True,
        )
    )
    for v in good:
        if v.phones and v.message is not None and secure_text is not None:
            v.texts = await secure_text(
                ctx,
                session,
                account_id=user.account_id,
                user_id=user.id,
                sender=v.message.mail_from,
                sender_name=v.sender_name,
                phones=v.phones,
                mime=v.message.mime,
                queue_message_id=ids.get(v.index),
            )
    rejected = [v for v in vetted if v.message is None]
    rows = [
        RejectedSend(
            account_id=user.account_id,
            user_id=user.id,
            channel=channel,
            reason=v.reason[:1000],
            mail_from=str(messages[v.index].from_address or messages[v.index].from_ or "")[:320],
            recipients=[a for _k, a in messages[v.index].recipients()][:100],
            details={"index": v.index},
        )
        for v in rejected
    ]
    if not good:
        raise NothingQueued(f"No message was queued: message {rejected[0].index}: {rejected[0].reason}", rows)
    session.add_all(rows)
    return [reply_of(v, ids.get(v.index)) for v in vetted]


class NothingQueued(BadRequest):
    """Every message of a send was refused: a 400 whose rejections must still be recorded."""

    def __init__(self, message: str, rejected: list[RejectedSend]) -> None:
        super().__init__(message)
        self.rejected = rejected


async def keep_rejections(session: AsyncSession, rejected: list[RejectedSend]) -> None:
    """Record the rejections of a refused call after its transaction rolled back, on the same connection.

    The request's own session is reused (never a second pooled transaction while it is held), so
    concurrent refused sends cannot exhaust the pool or lock SQLite against themselves.
    """
    await session.rollback()
    session.add_all(rejected)
    await session.commit()


async def send_email(
    *,
    ctx: AppContext,
    session: AsyncSession,
    user: User,
    body: SendEmailBody,
    files: list[Any],
    secure_text: SecureTextSender | None = None,
) -> list[dict]:
    """sendEmail: up to 1000 messages; returns per message its queue id and status."""
    require_sending_permission(user)
    messages = body.messages or []
    check_call_limits(ctx, messages)
    return await accept(
        ctx=ctx,
        session=session,
        user=user,
        messages=messages,
        files=files,
        call_policy=body.tls_policy,
        call_no_tls=body.no_tls,
        channel=Channel.API,
        secure_text=secure_text,
        call=body,
    )


async def send_legacy(
    *,
    ctx: AppContext,
    session: AsyncSession,
    user: User,
    body: MessageIn,
    files: list[Any],
    secure_text: SecureTextSender | None = None,
) -> dict:
    """sendSecureEmailOrSecureText: one SecureLine message (never without encryption), webmail channel."""
    require_sending_permission(user, "secureline")
    check_call_limits(ctx, [body])
    if await legacy_sent_in_last_hour(session, user) >= LEGACY_HOURLY_MESSAGES:
        raise RateLimited(f"This endpoint sends at most {LEGACY_HOURLY_MESSAGES} messages per hour.", 600)
    # spec 10-user.md: it cannot send without SecureLine: TLS only, else PGP/S-MIME/escrow.
    body.tls_policy, body.no_tls = TlsPolicy.REQUIRED, body.no_tls_only
    body.track_opens = body.track_clicks = False  # SecureLine messages are never tracked
    body.body_type = body.body_type or "text"
    return (
        await accept(
            ctx=ctx,
            session=session,
            user=user,
            messages=[body],
            files=files,
            call_policy=TlsPolicy.REQUIRED,
            call_no_tls=None,
            channel=Channel.WEBMAIL,
            secure_text=secure_text,
        )
    )[0]


async def legacy_sent_in_last_hour(session: AsyncSession, user: User) -> int:
    """Messages the user sent through the deprecated endpoint in the last hour."""
    since = clock.utcnow() - timedelta(hours=1)
    return int(
        await session.scalar(
            select(func.count()).where(
                OutboundMessage.user_id == user.id,
                OutboundMessage.channel == Channel.WEBMAIL,
                OutboundMessage.created_at >= since,
            )
        )
        or 0
    )
