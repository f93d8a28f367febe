"""VERP return paths and unsubscribe addresses: signed local parts on the account's bounce domain.

    b-<token>@<bounce domain>   envelope sender of every message a user sends (token: message + recipient)
    u-<token>@<bounce domain>   the mailto: of a campaign's List-Unsubscribe (token: campaign + contact)

The bounce domain is the account's custom bounce domain for the sending domain
(createCustomBounceDomain), else `bounces.<sending domain>`. The inbound listener calls
`resolve_bounce` / `resolve_unsubscribe` for each RCPT; nothing else in an address is trusted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain
from openlux.admin import bounce as bounce_domains
from openlux.core import cache
from openlux.core.context import AppContext
from openlux.mail.models import OutboundMessage, OutboundRecipient
from openlux.tracking.tokens import TokenKind, make_pair, read_pair

BOUNCE_PREFIX = "b-"
UNSUBSCRIBE_PREFIX = "u-"
DEFAULT_LABEL = "bounces"  # the default bounce domain is bounces.<sending domain>
ALL_RECIPIENTS = 0  # recipient id of a return path shared by every recipient of one transaction
_CACHE_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class BounceTarget:
    """The sent message (and recipient) a VERP address names."""

    message_id: int  # outbound_message.id
    recipient_id: int | None  # outbound_recipient.id, None when the address covers every recipient
    recipient: str  # its address ('' when recipient_id is None)
    account_id: int
    user_id: int | None
    channel: str
    header_message_id: str  # Message-ID header, without <>
    mail_from: str


@dataclass(frozen=True, slots=True)
class UnsubscribeTarget:
    """The campaign and contact a mailto unsubscribe address names."""

    campaign_id: int
    contact_id: int


async def _account_domains(session: AsyncSession, account_id: int) -> list[str]:
    return list(
        (
            await session.scalars(
                select(Domain.name).where(Domain.account_id == account_id, Domain.is_enabled.is_(True))
            )
        ).all()
    )


def _within(domain: str, parents: list[str]) -> bool:
    return any(domain == p or domain.endswith("." + p) for p in parents)


async def bounce_domain(ctx: AppContext, account_id: int, sending_domain: str) -> str | None:
    """The bounce domain of mail from `sending_domain`, or None when it is not one of the account's domains."""

    async def load() -> str | None:
        async with ctx.db.sessions() as session:
            return await bounce_domain_in(session, account_id, sending_domain)

    key = (account_id, sending_domain.lower())
    return await cache.cached(ctx.bounce_domains, ctx.cache_loads, key, _CACHE_SECONDS, load)


async def bounce_domain_in(session: AsyncSession, account_id: int, sending_domain: str) -> str | None:
    """bounce_domain without the cache, in the caller's session."""
    name = sending_domain.lower()
    if not _within(name, await _account_domains(session, account_id)):
        return None
    custom = await bounce_domains.for_sender(session, account_id=account_id, from_domain=name)
    return custom or f"{DEFAULT_LABEL}.{name}"


async def dns_for(session: AsyncSession, ctx: AppContext, account_id: int, sending_domain: str) -> dict:
    """getDomainDetails: the bounce domain of mail from this domain and the records to publish for it."""
    name = await bounce_domain_in(session, account_id, sending_domain)
    if name is None:
        return {"bounce_domain": "", "bounce_dns_records": []}
    return {"bounce_domain": name, "bounce_dns_records": bounce_domains.dns_records(ctx, name)}


def return_path(ctx: AppContext, message_id: int, recipient_id: int, domain: str) -> str:
    """`b-<token>@domain` for one message (and one recipient, or ALL_RECIPIENTS)."""
    return f"{BOUNCE_PREFIX}{make_pair(ctx.link_key, TokenKind.BOUNCE, message_id, recipient_id)}@{domain}"


def unsubscribe_address(ctx: AppContext, campaign_id: int, contact_id: int, domain: str) -> str:
    """`u-<token>@domain`: the mailto: form of a campaign's unsubscribe link."""
    token = make_pair(ctx.link_key, TokenKind.UNSUBSCRIBE, campaign_id, contact_id)
    return f"{UNSUBSCRIBE_PREFIX}{token}@{domain}"


def _split(address: str, prefix: str) -> tuple[str, str] | None:
    local, _, domain = address.strip().strip("<>").lower().rpartition("@")
    if not local.startswith(prefix) or not domain:
        return None
    return local[len(prefix) :], domain


async def resolve_bounce(ctx: AppContext, session: AsyncSession, address: str) -> BounceTarget | None:
    """The message (and recipient) a VERP address stands for, or None when it is not a valid one of ours.

    Valid means: the signature holds, the message exists, and the address's domain is the bounce
    domain that message was sent with (a token moved to another domain is refused).
    """
    parts = _split(address, BOUNCE_PREFIX)
    ids = read_pair(ctx.link_key, TokenKind.BOUNCE, parts[0]) if parts else None
    if parts is None or ids is None:
        return None
    message = await session.get(OutboundMessage, ids[0])
    if message is None:
        return None
    sending_domain = message.mail_from.rpartition("@")[2]
    if await bounce_domain_in(session, message.account_id, sending_domain) != parts[1]:
        return None
    recipient_id, recipient = None, ""
    if ids[1] != ALL_RECIPIENTS:
        row = await session.get(OutboundRecipient, ids[1])
        if row is None or row.message_id != message.id:
            return None
        recipient_id, recipient = row.id, row.address
    return BounceTarget(
        message.id,
        recipient_id,
        recipient,
        message.account_id,
        message.user_id,
        message.channel,
        message.message_id,
        message.mail_from,
    )


def resolve_unsubscribe(ctx: AppContext, address: str) -> UnsubscribeTarget | None:
    """The campaign and contact of a mailto unsubscribe address, or None when the token is not valid."""
    parts = _split(address, UNSUBSCRIBE_PREFIX)
    ids = read_pair(ctx.link_key, TokenKind.UNSUBSCRIBE, parts[0]) if parts else None
    return None if ids is None else UnsubscribeTarget(*ids)
