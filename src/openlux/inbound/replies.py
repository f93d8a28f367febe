"""Auto-replies (RFC 3834): when a message may be answered, and the reply itself."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage
from email.utils import format_datetime as rfc_date
from email.utils import formataddr

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.core import sealing
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.time import as_utc
from openlux.inbound.models import AutoResponder, AutoResponderReply
from openlux.mail import compose
from openlux.mail.queue import enqueue_message

# Senders that are machines by convention (RFC 3834 §2, RFC 2142): never answered.
_MACHINE_LOCALS = ("mailer-daemon", "postmaster", "listserv", "majordomo", "noreply", "no-reply", "donotreply")
_LIST_HEADERS = ("list-id", "list-unsubscribe", "list-post", "list-help")


def may_answer(sender: str, headers: dict[str, str]) -> bool:
    """False for bounces, lists, bulk and auto-submitted mail, and machine senders (RFC 3834 §2)."""
    if not sender or "@" not in sender:
        return False  # null reverse path: a bounce or another auto-reply
    local = sender.rsplit("@", 1)[0].lower()
    if local in _MACHINE_LOCALS or local.startswith("owner-") or local.endswith("-request"):
        return False
    if headers.get("auto-submitted", "no").strip().lower().split(";")[0] != "no":
        return False
    if headers.get("content-type", "").strip().lower().startswith("multipart/report"):
        return False  # DSNs, MDNs and feedback reports
    if headers.get("precedence", "").strip().lower() in ("bulk", "list", "junk"):
        return False
    return not any(name in headers for name in _LIST_HEADERS)


def build_reply(responder: AutoResponder, *, user: User, sender: str, headers: dict[str, str]) -> tuple[bytes, str]:
    """(MIME, Message-ID) of one auto-reply, marked `Auto-Submitted: auto-replied`."""
    domain = user.login.rsplit("@", 1)[1]
    message_id = compose.new_message_id(domain)
    msg = EmailMessage()
    msg["From"] = formataddr((responder.from_name, user.login)) if responder.from_name else user.login
    msg["To"] = sender
    msg["Subject"] = responder.subject
    msg["Date"] = rfc_date(clock.utcnow(), usegmt=True)
    msg["Message-ID"] = f"<{message_id}>"
    msg["Auto-Submitted"] = "auto-replied"
    msg["Precedence"] = "bulk"
    original = headers.get("message-id", "").strip()
    if original:
        msg["In-Reply-To"] = original
        msg["References"] = original
    msg.set_content(responder.body_text or " ")
    if responder.body_html:
        msg.add_alternative(responder.body_html, subtype="html")
    return msg.as_bytes(policy=msg.policy.clone(linesep="\r\n")), message_id


async def answer(ctx: AppContext, session: AsyncSession, *, user: User, sender: str, headers: dict[str, str]) -> int:
    """Queue the replies due from the user's active responders to `sender`; how many were queued."""
    if not may_answer(sender, headers) or sender == user.login:
        return 0
    now = clock.utcnow()
    responders = (
        await session.scalars(
            select(AutoResponder)
            .where(AutoResponder.user_id == user.id, AutoResponder.enabled.is_(True))
            .order_by(AutoResponder.id)
        )
    ).all()
    queued = 0
    box = sealing.box_for(session.sync_session.get_bind().dialect)  # this database's installation key
    for responder in responders:
        if (responder.start_at and as_utc(responder.start_at) > now) or (
            responder.end_at and as_utc(responder.end_at) <= now
        ):
            continue
        last = await session.scalar(
            select(AutoResponderReply).where(
                AutoResponderReply.responder_id == responder.id,
                AutoResponderReply.sender_index == sealing.blind_index(sender, box),
            )
        )
        if last and responder.interval_days and as_utc(last.replied_at) > now - timedelta(days=responder.interval_days):
            continue
        if last:
            last.replied_at = now
            last.sender_index = sealing.blind_index(sender, box)
        else:
            session.add(
                AutoResponderReply(
                    responder_id=responder.id, sender_index=sealing.blind_index(sender, box), replied_at=now
                )
            )
        mime, message_id = build_reply(responder, user=user, sender=sender, headers=headers)
        # Null reverse path (RFC 3834 §3.3): a failed auto-reply must not bounce back to anyone.
        await enqueue_message(
            session,
            ctx,
            account_id=user.account_id,
            user_id=user.id,
            mail_from="",
            recipients=[sender],
            mime=mime,
            message_id=message_id,
        )
        queued += 1
    await session.flush()
    return queued
