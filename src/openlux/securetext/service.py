"""SecureText: escrow a message for a phone number and queue the SMS that announces it; the SMS queue.

The content never travels by SMS: the text carries only the sender's name and a pickup link. The
recipient opens it, asks for a one-time code (sent by SMS to the same number) and reads the message
on the pickup page, exactly as an escrowed e-mail recipient does.
"""

from __future__ import annotations

from datetime import timedelta
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.db import rows_matched
from openlux.secureline import escrow
from openlux.secureline.models import EscrowMessage
from openlux.securetext.models import SmsMessage
from openlux.securetext.transports import SmsFailed, SmsTransport

SEAL_CONTEXT = b"sms_message"
MAX_ATTEMPTS = 8


class SmsKind(StrEnum):
    NOTICE = "notice"  # "X sent you a secure message: <link>"
    CODE = "code"  # the one-time pickup code


class SmsState(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    CAPTURED = "captured"
    FAILED = "failed"


def is_phone(recipient: str) -> bool:
    """True for an escrow recipient that is a phone number (SecureText) rather than an address."""
    return recipient.startswith("+")


async def queue_sms(
    ctx: AppContext,
    session: AsyncSession,
    *,
    account_id: int,
    user_id: int | None,
    escrow_id: int | None,
    kind: SmsKind,
    to: str,
    text: str,
) -> int:
    """Store one text for the SMS role to send; returns its id."""
    row = SmsMessage(
        account_id=account_id,
        user_id=user_id,
        escrow_id=escrow_id,
        kind=kind,
        to_number=to,
        body_sealed=ctx.box.seal(text.encode(), context=SEAL_CONTEXT),
        state=SmsState.QUEUED,
    )
    session.add(row)
    await session.flush()
    ctx.sms_queued.ring_after_commit(session)
    return row.id


async def send_secure_text(
    ctx: AppContext,
    session: AsyncSession,
    *,
    account_id: int,
    user_id: int,
    sender: str,
    sender_name: str,
    phones: list[str],
    mime: bytes,
    queue_message_id: int | None,
) -> list[dict[str, str | int]]:
    """Escrow `mime` for each phone number and queue its notice; one result entry per number."""
    results: list[dict[str, str | int]] = []
    for number in phones:
        row, token = await escrow.store(
            ctx=ctx,
            session=session,
            account_id=account_id,
            user_id=user_id,
            sender=sender,
            recipient=number,
            mime=mime,
            queue_message_id=queue_message_id,
        )
        url = escrow.pickup_url(ctx.settings, token)
        who = sender_name or sender
        text = f"{who} sent you a secure message. Open it here: {url} (until {row.expires_at:%Y-%m-%d})"
        sms_id = await queue_sms(
            ctx,
            session,
            account_id=account_id,
            user_id=user_id,
            escrow_id=row.id,
            kind=SmsKind.NOTICE,
            to=number,
            text=text,
        )
        results.append({"sms": number, "status": "queued", "escrow_id": row.id, "sms_id": sms_id})
    return results


async def send_code(ctx: AppContext, session: AsyncSession, *, row: EscrowMessage, code: str, minutes: int) -> int:
    """Text a pickup code to the SecureText recipient's phone."""
    text = f"Your code to open the secure message from {row.sender}: {code} (valid {minutes} minutes, once)."
    return await queue_sms(
        ctx,
        session,
        account_id=row.account_id,
        user_id=row.user_id,
        escrow_id=row.id,
        kind=SmsKind.CODE,
        to=row.recipient,
        text=text,
    )


async def deliver_due(ctx: AppContext, transport: SmsTransport, *, limit: int = 50) -> int:
    """Send (or capture) due texts; returns how many were handled. Each is claimed by a conditional UPDATE."""
    handled = 0
    async with ctx.db.sessions() as session:
        due = list(
            await session.scalars(
                select(SmsMessage.id)
                .where(SmsMessage.state == SmsState.QUEUED, SmsMessage.next_attempt_at <= clock.utcnow())
                .order_by(SmsMessage.next_attempt_at)
                .limit(limit)
            )
        )
    for sms_id in due:
        async with ctx.db.transaction() as session:
            # Claim: push the next attempt out first, so a second worker skips it and a crash retries it.
            claimed = await session.execute(
                update(SmsMessage)
                .where(
                    SmsMessage.id == sms_id,
                    SmsMessage.state == SmsState.QUEUED,
                    SmsMessage.next_attempt_at <= clock.utcnow(),
                )
                .values(
                    next_attempt_at=clock.utcnow() + timedelta(seconds=max(ctx.settings.sms_retry_base_seconds, 30.0)),
                    attempts=SmsMessage.attempts + 1,
                )
            )
            if not rows_matched(claimed):
                continue
        async with ctx.db.transaction() as session:
            row = await session.get(SmsMessage, sms_id)
            if row is None:
                continue
            text = ctx.box.open(row.body_sealed, context=SEAL_CONTEXT).decode()
            try:
                row.provider_id = await transport.send(row.to_number, text)
            except SmsFailed as exc:
                row.last_error = str(exc)[:500]
                if exc.final or row.attempts >= MAX_ATTEMPTS:
                    row.state = SmsState.FAILED
                else:
                    row.next_attempt_at = clock.utcnow() + timedelta(
                        seconds=ctx.settings.sms_retry_base_seconds * 2**row.attempts
                    )
            else:
                row.state = SmsState.CAPTURED if transport.captures else SmsState.SENT
                row.sent_at = clock.utcnow()
        handled += 1
    return handled


def text_of(ctx: AppContext, row: SmsMessage) -> str:
    """The clear text of a queued or captured SMS (CLI and tests)."""
    return ctx.box.open(row.body_sealed, context=SEAL_CONTEXT).decode()
