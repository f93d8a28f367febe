"""Accepting a raw message from SMTP submission into the same pipeline as sendEmail.

Same rules: sending permission, sender in the account's domains, suppressions, the hourly limit,
size. `X-OpenLux-Secure: required|opportunistic|no_tls` picks the TLS policy and is removed; a
subject containing LuxSci's `+encrypt+` tag means "not by TLS only" (spec 10-user.md) and the tag
is removed too.
"""

from __future__ import annotations

import re
from email.parser import BytesHeaderParser
from email.utils import getaddresses

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.core.addresses import normalise_address
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest
from openlux.mail import compose, service, vet
from openlux.mail.models import RejectedSend
from openlux.mail.queue import NewMessage, enqueue_many
from openlux.mail.states import Channel, TlsPolicy

POLICY_HEADER = b"x-openlux-secure"
ENCRYPT_TAG = re.compile(rb"\+encrypt\+\s*", re.IGNORECASE)  # LuxSci's SMTP subject tag
_HEADER_END = re.compile(rb"\r?\n\r?\n")


def split_message(data: bytes) -> tuple[list[bytes], bytes]:
    """Header fields (each with its continuation lines) and the rest (blank line + body)."""
    match = _HEADER_END.search(data)
    head, rest = (data[: match.start()], data[match.start() :]) if match else (data, b"\r\n\r\n")
    fields: list[bytes] = []
    for line in re.split(rb"\r?\n", head):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += b"\r\n" + line
        elif line:
            fields.append(line)
    return fields, rest


def prepare(data: bytes, *, sender_domain: str, default_policy: str) -> tuple[bytes, TlsPolicy, str]:
    """(MIME to queue, TLS policy, Message-ID): policy header consumed, Date/Message-ID added when missing."""
    fields, rest = split_message(data)
    policy = default_policy
    kept = []
    for f in fields:
        name = f.split(b":", 1)[0].strip().lower()
        if name == POLICY_HEADER:
            policy = f.split(b":", 1)[1].strip().decode("ascii", "replace").lower()
            continue
        if name == b"subject" and ENCRYPT_TAG.search(f):
            f, policy = ENCRYPT_TAG.sub(b"", f), TlsPolicy.SECURELINE
        kept.append(f)
    if policy not in tuple(TlsPolicy):
        raise BadRequest(f"X-OpenLux-Secure must be required, opportunistic or no_tls; got {policy!r}.")
    headers = BytesHeaderParser().parsebytes(b"\r\n".join(kept) + b"\r\n\r\n")
    message_id = str(headers.get("Message-ID", "") or "").strip().strip("<>")
    if not message_id:
        message_id = compose.new_message_id(sender_domain)
        kept.insert(0, f"Message-ID: <{message_id}>".encode())
    if headers.get("Date") is None:
        from email.utils import format_datetime

        from openlux.core import time as clock

        kept.insert(0, f"Date: {format_datetime(clock.utcnow(), usegmt=True)}".encode())
    return b"\r\n".join(kept) + rest, TlsPolicy(policy), message_id[:250]


def header_senders(data: bytes) -> list[str]:
    """Addresses in the From header."""
    headers = BytesHeaderParser().parsebytes(data)
    return [addr for _name, addr in getaddresses([str(v) for v in headers.get_all("From", [])]) if addr]


async def accept_raw(
    *,
    ctx: AppContext,
    session: AsyncSession,
    user: User,
    mail_from: str,
    rcpt_tos: list[str],
    data: bytes,
    channel: Channel = Channel.SMTP,
) -> tuple[int, list[str]]:
    """Vet and queue one submitted message; (queue id, suppressed recipients). BadRequest/… when refused."""
    service.require_sending_permission(user)
    sender = await service.sender_of(session, user, delivery_mode=ctx.settings.delivery_mode)
    envelope_from = normalise_address(mail_from, field="MAIL FROM")
    senders = {envelope_from: "MAIL FROM"}
    for address in header_senders(data):
        senders.setdefault(normalise_address(address, field="From"), "From")
    for address, field in senders.items():
        # SMTP clients are configured against the account: even capture mode keeps them on its domains.
        if address.rsplit("@", 1)[1] not in sender.domains:
            raise BadRequest(f"Sender {address} is not in one of this account's domains.")
        vet.check_sender(address, sender, field=field)
    recipients = list(dict.fromkeys(normalise_address(r, field="RCPT TO") for r in rcpt_tos))
    if len(recipients) > ctx.settings.send_max_recipients_per_message:
        raise BadRequest(f"{len(recipients)} recipients; the limit is {ctx.settings.send_max_recipients_per_message}.")
    mime, policy, message_id = prepare(
        data, sender_domain=envelope_from.rsplit("@", 1)[1], default_policy=sender.default_policy
    )
    if policy == "no_tls" and not sender.allow_no_tls:
        raise BadRequest("no_tls is not allowed for this user (setting allow_no_encryption is 0).")
    message = NewMessage(
        account_id=user.account_id,
        user_id=user.id,
        mail_from=envelope_from,
        recipients=[("env", r) for r in recipients],
        mime=mime,
        message_id=message_id,
        tls_policy=policy,
        channel=channel,
        submitted_by=user.id,
    )
    vetted = [service.Vetted(0, message)]
    await service.apply_suppressions(session, user, vetted)
    if vetted[0].message is None:
        raise BadRequest(vetted[0].reason)
    await service.check_hourly_limit(session, user, len(message.recipients))
    queue_id = (await enqueue_many(session, ctx, [message]))[0]
    return queue_id, [a for _k, a, _r in message.suppressed]


async def record_rejection(
    ctx: AppContext,
    *,
    account_id: int | None,
    user_id: int | None,
    mail_from: str,
    rcpt_tos: list[str],
    reason: str,
    client_ip: str | None,
) -> None:
    """Store a refused SMTP send in its own transaction (for the rejection/temp-fail reports)."""
    async with ctx.db.transaction() as session:
        session.add(
            RejectedSend(
                account_id=account_id,
                user_id=user_id,
                channel=Channel.SMTP,
                mail_from=mail_from[:320],
                recipients=rcpt_tos[:100],
                reason=reason[:1000],
                details={"client_ip": client_ip},
            )
        )
