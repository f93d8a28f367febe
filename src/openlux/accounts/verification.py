"""Domain verification: a per-domain token published as DNS TXT `_openlux-verify.<domain>`.

Until a domain is verified, relay and mx delivery refuse to send from it and the inbound listener
refuses mail for it (capture mode may send: the developer case). The operator can mark a domain
verified from the CLI (air-gapped installs); the domain `openlux init` creates and every domain
that existed when verification landed count as verified.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain
from openlux.core import time as clock
from openlux.core.crypto import random_token
from openlux.core.time import format_datetime
from openlux.mail.dns import DnsError, resolver_for

RECORD_LABEL = "_openlux-verify"
VALUE_PREFIX = "openlux-verify="


def new_token() -> str:
    """A fresh verification token (URL-safe, unguessable)."""
    return random_token(24)


def record_name(domain: Domain) -> str:
    """Where the TXT record goes."""
    return f"{RECORD_LABEL}.{domain.name}"


def record_value(domain: Domain) -> str:
    """What the TXT record must say."""
    return VALUE_PREFIX + domain.verification_token


def record_text(domain: Domain) -> str:
    """The record in one line, as error messages and the CLI show it."""
    return f'{record_name(domain)} TXT "{record_value(domain)}"'


def status(domain: Domain) -> dict[str, Any]:
    """The `verification` block of getDomainDetails."""
    return {
        "status": "verified" if domain.is_verified else "pending",
        "record_type": "TXT",
        "record_name": record_name(domain),
        "record_value": record_value(domain),
        "verified": format_datetime(domain.verified_at),
    }


def mark_verified(domain: Domain) -> None:
    """Verified now (DNS proof found, or the operator said so)."""
    domain.is_verified = True
    domain.verified_at = clock.utcnow()


async def check_dns(ctx: Any, session: AsyncSession, domain: Domain) -> tuple[bool, str]:
    """Look the record up (dnspython, the configured resolver); verify when it carries the token.

    Returns (verified, explanation). A domain stays verified once verified.
    """
    if domain.is_verified:
        return True, f"{domain.name} is verified."
    if not domain.verification_token:
        domain.verification_token = new_token()
        await session.flush()
    try:
        values = await resolver_for(ctx).txt(record_name(domain))
    except DnsError as exc:
        return False, f"{exc.message} Publish {record_text(domain)}."
    if any(v.strip() == record_value(domain) for v in values):
        mark_verified(domain)
        await session.flush()
        return True, f"{domain.name} is verified."
    return False, f"No TXT record with the token at {record_name(domain)}; publish {record_text(domain)}."
