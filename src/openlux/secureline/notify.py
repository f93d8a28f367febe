"""The pickup notice escrow sends through the ordinary pipeline (the recipient side's code and receipt mails use
`queue_system_mail` too: openlux.securesend.notices).

Neither carries the message's content (not even its subject, which often names a diagnosis), so
they go with opportunistic TLS; `required` would loop back into escrow.
"""

from __future__ import annotations

from email.utils import parseaddr

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.context import AppContext
from openlux.mail.compose import Draft, compose, new_message_id
from openlux.mail.queue import enqueue_message
from openlux.mail.states import Channel, TlsPolicy
from openlux.secureline.models import EscrowMessage

NOTICE_POLICY = TlsPolicy.OPPORTUNISTIC


def _decoded(value: str) -> str:
    """A header value with RFC 2047 encoded-words decoded (`=?utf-8?q?J=C3=BCrgen?=` → `Jürgen`)."""
    from email.header import decode_header, make_header

    try:
        return str(make_header(decode_header(value)))
    except (UnicodeError, LookupError, ValueError):
        return value


def domain_of(address: str) -> str:
    """The domain part of an address (`localhost` when it has none)."""
    return address.rpartition("@")[2] or "localhost"


async def queue_system_mail(ctx: AppContext, session: AsyncSession, row: EscrowMessage, draft: Draft) -> int:
    """Compose and queue one system mail to the escrow's recipient; returns the queue id."""
    message_id = new_message_id(domain_of(row.sender))
    mime = compose(draft, message_id=message_id)
    return await enqueue_message(
        session,
        ctx,
        account_id=row.account_id,
        user_id=row.user_id,
        mail_from=row.sender,
        recipients=[row.recipient],
        mime=mime,
        tls_policy=NOTICE_POLICY,
        channel=Channel.SYSTEM,
        message_id=message_id,
    )


async def send_notice(*, ctx: AppContext, session: AsyncSession, row: EscrowMessage, url: str, from_header: str) -> int:
    """Tell the recipient a secure message waits at `url`; returns the notice's queue id."""
    name, address = parseaddr(_decoded(from_header))
    sender = f"{name} <{address}>" if name and address else (address or row.sender)
    expires = f"{row.expires_at:%Y-%m-%d %H:%M} GMT"
    text = (
        f"{sender} has sent you a secure message.\n\n"
        f"Open it here:\n{url}\n\n"
        "You will be asked for a one-time code, which we e-mail to this address.\n"
        f"The message can be read until {expires}.\n"
    )
    html = (
        f"<p>{_esc(sender)} has sent you a secure message.</p>"
        f'<p><a href="{_esc(url)}">Open the secure message</a></p>'
        "<p>You will be asked for a one-time code, which we e-mail to this address.</p>"
        f"<p>The message can be read until {_esc(expires)}.</p>"
    )
    draft = Draft(
        mail_from=address or row.sender,
        from_name=name,
        to=[row.recipient],
        subject=f"Secure message from {name or address or row.sender}",
        text=text,
        html=html,
        headers=[("Auto-Submitted", "auto-generated")],
    )  # RFC 3834: no auto-replies to this
    return await queue_system_mail(ctx, session, row, draft)


def _esc(value: str) -> str:
    """HTML-escape text for the notice's HTML part."""
    from html import escape

    return escape(value, quote=True)
