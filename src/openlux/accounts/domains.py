"""Domains of an account (createDomain, getDomainsReport, getDomainDetails, updateDomain, deleteDomain)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts import verification
from openlux.accounts.models import Domain, User
from openlux.accounts.schemas import DomainCreate, DomainUpdate
from openlux.core.addresses import normalise_domain
from openlux.core.errors import BadRequest, Conflict, NotFound
from openlux.core.time import format_datetime, utcnow

# Per-domain policies (spec 50-account: updateDomain); unknown keys are refused by name.
DEFAULT_DOMAIN_SETTINGS: dict[str, Any] = {
    "password_min_length": 8,
    "force_ssl": 1,
    "escrow_min_expiration": 0,
    "tls_policy": "opportunistic",
    "require_inbound_tls": 0,  # 1: the inbound listener refuses mail for the domain sent without STARTTLS
    "any_sender": 0,  # 1: every user of the account may send as any address of the domain (accounts/senders.py)
    # 1: send daily TLS-RPT reports (RFC 8460) of the account's MX deliveries, from this domain (mail/tlsrpt_daily.py)
    "tlsrpt_reports": 0,
}


def record(domain: Domain, users: int) -> dict[str, Any]:
    """The Domain record of the reports (`gid` and `id` both carry the id: clients read either)."""
    return {
        "domain": domain.name,
        "id": domain.id,
        "gid": str(domain.id),
        "is_enabled": int(domain.is_enabled),
        "is_verified": int(domain.is_verified),
        "is_hipaa": int(domain.is_hipaa),
        "users": users,
        "created": format_datetime(domain.created_at),
        "modified": format_datetime(domain.modified_at),
    }


def detailed(domain: Domain, users: int) -> dict[str, Any]:
    """getDomainDetails: the record plus the domain's settings and how to verify it."""
    return {
        **record(domain, users),
        "settings": {**DEFAULT_DOMAIN_SETTINGS, **(domain.settings or {})},
        "verification": verification.status(domain),
    }


async def _user_count(session: AsyncSession, domain_id: int) -> int:
    return int(await session.scalar(select(func.count(User.id)).where(User.domain_id == domain_id)) or 0)


async def get(session: AsyncSession, account_id: int, name: str) -> Domain:
    """The account's domain by name, or NotFound."""
    domain = await session.scalar(
        select(Domain).where(Domain.name == name.strip().lower().rstrip("."), Domain.account_id == account_id)
    )
    if domain is None:
        raise NotFound(f"No domain {name} in this account.")
    return domain


def _validated_settings(given: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(given) - set(DEFAULT_DOMAIN_SETTINGS))
    if unknown:
        raise BadRequest(
            f"Field 'settings': unknown key(s) {', '.join(unknown)}; known: {', '.join(DEFAULT_DOMAIN_SETTINGS)}."
        )
    if "tls_policy" in given and given["tls_policy"] not in ("opportunistic", "required", "no_tls"):
        raise BadRequest("Field 'settings.tls_policy' must be one of opportunistic, required, no_tls.")
    for flag in ("require_inbound_tls", "any_sender", "tlsrpt_reports"):
        if flag in given and given[flag] not in (0, 1, "0", "1", True, False):
            raise BadRequest(f"Field 'settings.{flag}' must be 0 or 1.")
        if flag in given:
            given[flag] = int(given[flag])
    return given


async def create(*, session: AsyncSession, account_id: int, body: DomainCreate) -> dict[str, Any]:
    """createDomain: add a domain to the account, unverified, with the TXT record that verifies it.

    Names are unique across the server: a name another account holds (verified, or still pending)
    cannot be claimed; the operator can release a pending claim (`openlux domain release`).
    """
    name = normalise_domain(body.domain)
    held = await session.scalar(select(Domain).where(Domain.name == name))
    if held is not None:
        if held.account_id != account_id and not held.is_verified:
            raise Conflict(
                f"Domain {name} is claimed by another account and awaits verification; ask the operator to release it."
            )
        raise Conflict(f"Domain {name} already exists.")
    domain = Domain(
        account_id=account_id,
        name=name,
        is_enabled=bool(1 if body.is_enabled is None else body.is_enabled),
        is_hipaa=bool(body.is_hipaa or 0),
        is_verified=False,
        verification_token=verification.new_token(),
        settings=_validated_settings(body.settings or {}),
    )
    session.add(domain)
    await session.flush()
    return detailed(domain, 0)


async def list_for_account(*, session: AsyncSession, account_id: int) -> list[dict[str, Any]]:
    """getDomainsReport: every domain of the account with its user count."""
    counts = select(User.domain_id, func.count(User.id).label("n")).group_by(User.domain_id).subquery()
    rows = await session.execute(
        select(Domain, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.domain_id == Domain.id)
        .where(Domain.account_id == account_id)
        .order_by(Domain.name)
    )
    return [record(domain, int(n)) for domain, n in rows]


async def details(*, session: AsyncSession, account_id: int, name: str) -> dict[str, Any]:
    """getDomainDetails."""
    domain = await get(session, account_id, name)
    return detailed(domain, await _user_count(session, domain.id))


async def update(*, session: AsyncSession, account_id: int, name: str, body: DomainUpdate) -> dict[str, Any]:
    """updateDomain: flags and settings; keys not sent stay unchanged."""
    domain = await get(session, account_id, name)
    if body.is_enabled is not None:
        domain.is_enabled = bool(body.is_enabled)
    if body.is_verified is not None and bool(int(body.is_verified)) != domain.is_verified:
        raise BadRequest(
            f"Field 'is_verified' is read-only: publish {verification.record_text(domain)} "
            f"and run `openlux domain verify {domain.name}` (or ask the operator)."
        )
    if body.is_hipaa is not None:
        domain.is_hipaa = bool(body.is_hipaa)
    if body.settings:
        domain.settings = {**(domain.settings or {}), **_validated_settings(body.settings)}
    domain.modified_at = utcnow()
    await session.flush()
    return detailed(domain, await _user_count(session, domain.id))


async def delete(*, session: AsyncSession, account_id: int, name: str) -> dict[str, Any]:
    """deleteDomain: refused (409) while users remain in it."""
    domain = await get(session, account_id, name)
    users = await _user_count(session, domain.id)
    if users:
        raise Conflict(f"Domain {domain.name} still has {users} user(s); delete or rename them first.")
    await session.delete(domain)
    await session.flush()
    return {"domain": domain.name, "deleted": 1}
