"""Custom bounce (return-path) domains: createCustomBounceDomain, and the lookup VERP sending will use."""

from __future__ import annotations

import ipaddress
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain
from openlux.admin import dkim as admin_dkim
from openlux.admin.models import BounceDomain
from openlux.admin.schemas import BounceDomainCreate
from openlux.core.addresses import normalise_domain
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, Conflict
from openlux.core.time import format_datetime
from openlux.mail.transports import parse_relays


async def _parent(session: AsyncSession, account_id: int, name: str) -> Domain:
    """The account domain that `name` is, or is a subdomain of (the longest match)."""
    labels = name.split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    rows = (
        await session.scalars(select(Domain).where(Domain.name.in_(candidates), Domain.account_id == account_id))
    ).all()
    if not rows:
        raise BadRequest(f"Field 'domain': {name} is neither a domain of this account nor a subdomain of one.")
    return max(rows, key=lambda d: len(d.name))


def _spf_mechanism(host: str) -> str:
    """`ip4:`/`ip6:` for an address literal (RFC 7208 §5.6), `a:` for a name."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return f"a:{host}"
    return f"ip{address.version}:{address}"


def dns_records(ctx: AppContext, name: str) -> list[dict[str, Any]]:
    """What the customer publishes so bounces come back here and SPF passes for the return path."""
    s = ctx.settings
    senders = [f"a:{s.hostname}"]
    if s.delivery_mode == "relay":
        # Relays put the mail on the wire: their addresses are the ones SPF must allow.
        senders += [_spf_mechanism(r.host) for r in parse_relays(s.relays)]
    return [
        {
            "name": name,
            "type": "MX",
            "value": f"10 {s.hostname}",
            "purpose": "bounces (DSNs) to the return path reach this server's inbound SMTP",
        },
        {
            "name": name,
            "type": "TXT",
            "value": f"v=spf1 {' '.join(dict.fromkeys(senders))} ~all",
            "purpose": "SPF for the return-path domain (DMARC alignment with the From domain)",
        },
    ]


def record(ctx: AppContext, row: BounceDomain, parent: Domain) -> dict[str, Any]:
    """The bounce-domain record with the DNS records to publish."""
    return {
        "domain": row.name,
        "parent_domain": parent.name,
        "created": format_datetime(row.created_at),
        "dns_records": dns_records(ctx, row.name),
    }


async def create(
    *, session: AsyncSession, ctx: AppContext, account_id: int, body: BounceDomainCreate
) -> dict[str, Any]:
    """createCustomBounceDomain: the name must belong to an account domain that already has a DKIM key."""
    name = normalise_domain(body.domain, field="domain")
    parent = await _parent(session, account_id, name)
    if await session.scalar(select(BounceDomain.id).where(BounceDomain.name == name)) is not None:
        raise Conflict(f"Bounce domain {name} already exists.")
    # endpoints.tsv: "DKIM and DNS must already be in place" for the domain it serves.
    if not await admin_dkim.domain_has_key(session, account_id, parent):
        raise Conflict(f"Domain {parent.name} has no DKIM key yet; create one (createDkim) first.")
    row = BounceDomain(account_id=account_id, domain_id=parent.id, name=name)
    session.add(row)
    await session.flush()
    return record(ctx, row, parent)


async def for_sender(session: AsyncSession, *, account_id: int, from_domain: str) -> str | None:
    """The bounce domain to use as return path for mail from `from_domain` (its own, or its parent's), or None."""
    labels = from_domain.lower().split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    rows = (
        await session.execute(
            select(BounceDomain.name, Domain.name)
            .join(Domain, Domain.id == BounceDomain.domain_id)
            .where(BounceDomain.account_id == account_id, Domain.name.in_(candidates))
            .order_by(BounceDomain.id)
        )
    ).all()
    if not rows:
        return None
    return max(rows, key=lambda r: len(r[1]))[0]
