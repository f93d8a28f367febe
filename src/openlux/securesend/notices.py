"""The mails of the recipient side: the one-time pickup code and the read receipt on first view.

Like the pickup notice they carry none of the message's content, so they go with opportunistic TLS.
"""

from __future__ import annotations

from email.parser import BytesHeaderParser
from email.utils import parseaddr
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.mail.compose import Draft, compose, new_message_id
from openlux.mail.queue import enqueue_message
from openlux.mail.states import Channel
from openlux.secureline.models import EscrowMessage
from openlux.secureline.notify import NOTICE_POLICY, domain_of, queue_system_mail
from openlux.securesend.pickup import CODE_LIFETIME


async def send_code(*, ctx: Any, session: AsyncSession, row: EscrowMessage, code: str) -> int:
    """Mail a one-time pickup code to the recipient; returns the queue id."""
    minutes = int(CODE_LIFETIME.total_seconds() // 60)
    text = (
        f"Your code to open the secure message from {row.sender} is:\n\n    {code}\n\n"
        f"It works once, within {minutes} minutes. If you did not ask for it, ignore this mail.\n"
    )
    draft = Draft(
        mail_from=row.sender,
        to=[row.recipient],
        subject="Your code to open a secure message",
        text=text,
        headers=[("Auto-Submitted", "auto-generated")],
    )
    return await queue_system_mail(ctx, session, row, draft)


async def send_receipt(*, ctx: Any, session: AsyncSession, row: EscrowMessage, mime: bytes) -> int | None:
    """On first view: tell the sender the copy was opened, when the message asked (Disposition-Notification-To)."""
    headers = BytesHeaderParser().parsebytes(mime)
    wanted = parseaddr(str(headers.get("Disposition-Notification-To", "") or ""))[1].lower()
    if not wanted:
        return None
    # Receipts go to the sender's own domain only: the header must not turn us into a mail cannon.
    to = wanted if domain_of(wanted) == domain_of(row.sender) else row.sender
    message_id = str(headers.get("Message-ID", "") or "").strip()
    opened = f"{row.first_viewed_at or row.created_at:%Y-%m-%d %H:%M:%S} GMT"
    text = (
        f"Your secure message {message_id} to {row.recipient} was opened on {opened}.\n"
        "(SecureLine escrow read receipt; the recipient was not asked.)\n"
    )
    draft = Draft(
        mail_from=row.sender,
        to=[to],
        subject=f"Read receipt: secure message to {row.recipient}",
        text=text,
        headers=[("Auto-Submitted", "auto-replied")],
    )
    message_id = new_message_id(domain_of(row.sender))
    return await enqueue_message(
        session,
        ctx,
        account_id=row.account_id,
        user_id=row.user_id,
        mail_from=row.sender,
        recipients=[to],
        mime=compose(draft, message_id=message_id),
        tls_policy=NOTICE_POLICY,
        channel=Channel.SYSTEM,
        message_id=message_id,
    )
