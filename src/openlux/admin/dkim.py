"""DKIM keys of account domains (createDkim, getDkimReport, getDkimDetails, deleteDkim).

The keys are mail's `DkimKey` rows (openlux.mail.dkim): created and sealed there, and the
delivery workers sign with the newest enabled key of the sender's domain.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain
from openlux.admin.schemas import DkimCreate
from openlux.core.addresses import normalise_domain
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, NotFound
from openlux.core.time import format_datetime
from openlux.mail import dkim as mail_dkim
from openlux.mail.dns import DnsError, Resolver, parse_servers
from openlux.mail.models import DkimKey

DEFAULT_KEY_SIZE = 2048
# RFC 6376 §3.1: a selector is one or more DNS labels.
_SELECTOR = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$")


def record(key: DkimKey, *, active: bool) -> dict[str, Any]:
    """The DKIM record: the key and the DNS TXT record that publishes it."""
    return {
        "domain": key.domain,
        "selector": key.selector,
        "key_size": key.key_size,
        "key_type": key.algorithm or mail_dkim.KeyType.RSA,
        "dns_name": f"{key.selector}._domainkey.{key.domain}",
        "dns_type": "TXT",
        "dns_value": mail_dkim.dns_record(key),
        "enabled": int(key.enabled),
        "active": int(active),
        "created": format_datetime(key.created_at),
    }


def _key_size(body: DkimCreate) -> int:
    bits = body.key_size if body.key_size is not None else body.bits
    if bits is None:
        return DEFAULT_KEY_SIZE
    if bits not in mail_dkim.KEY_SIZES:
        raise BadRequest(f"Field 'key_size' must be one of {', '.join(map(str, mail_dkim.KEY_SIZES))}.")
    return bits


def _key_type(body: DkimCreate) -> mail_dkim.KeyType:
    name = (body.key_type or mail_dkim.KeyType.RSA).strip().lower()
    if name not in set(mail_dkim.KeyType):
        raise BadRequest(f"Field 'key_type' must be one of {', '.join(mail_dkim.KeyType)}.")
    return mail_dkim.KeyType(name)


async def create(*, session: AsyncSession, ctx: AppContext, account_id: int, body: DkimCreate) -> dict[str, Any]:
    """createDkim: a new RSA key for one of the account's domains; it signs that domain's mail from now on."""
    domain = normalise_domain(body.domain, field="domain")
    selector = (body.selector or mail_dkim.DEFAULT_SELECTOR).strip().lower()
    if not _SELECTOR.match(selector):
        raise BadRequest(f"Field 'selector': {body.selector!r} is not a DNS label (letters, digits, '-', dots).")
    key_type = _key_type(body)
    bits = _key_size(body) if key_type == mail_dkim.KeyType.RSA else mail_dkim.ED25519_KEY_SIZE
    key = await mail_dkim.create_key(
        session=session,
        ctx=ctx,
        account_id=account_id,
        domain=domain,
        selector=selector,
        bits=bits,
        key_type=key_type,
    )
    # This process signs with the new key at once; other processes within their one-minute cache.
    mail_dkim.forget_key(ctx, domain)
    return record(key, active=True)


async def _keys(session: AsyncSession, account_id: int, domain: str | None = None) -> list[DkimKey]:
    """The account's keys, newest first per domain."""
    query = select(DkimKey).where(DkimKey.account_id == account_id)
    if domain is not None:
        query = query.where(DkimKey.domain == domain)
    query = query.order_by(DkimKey.domain, DkimKey.created_at.desc(), DkimKey.id.desc())
    return list((await session.scalars(query)).all())


def _records(keys: list[DkimKey]) -> list[dict[str, Any]]:
    """Records with `active` set on the keys mail signs with (the newest enabled one per domain and key type)."""
    signing: dict[tuple[str, str], int] = {}
    for key in keys:
        if key.enabled:
            signing.setdefault((key.domain, key.algorithm or mail_dkim.KeyType.RSA), key.id)
    return [record(k, active=k.id in signing.values()) for k in keys]


def fresh_resolver(ctx: AppContext) -> Resolver:
    """A resolver with an empty cache: a check right after publishing must not see a cached NXDOMAIN."""
    return Resolver(parse_servers(ctx.settings.dns_servers), timeout=ctx.settings.dns_timeout_seconds)


async def dns_check(resolver: Resolver, item: dict[str, Any]) -> dict[str, Any]:
    """The record with `dns_status` (published | missing | mismatch | lookup_failed) and `dns_found`."""
    try:
        found = await resolver.txt(item["dns_name"])
    except DnsError as exc:
        status, found = ("missing" if not exc.temporary else "lookup_failed"), []
    else:
        dkim_values = [v for v in found if "p=" in v]
        wanted = _p_tag(item["dns_value"])
        status = (
            "published" if any(_p_tag(v) == wanted for v in dkim_values) else "mismatch" if dkim_values else "missing"
        )
    return {**item, "dns_status": status, "dns_found": found}


def _p_tag(value: str) -> str:
    """The public key (p=) of a DKIM TXT value, whitespace removed (RFC 6376 §3.6.1 allows folding)."""
    for tag in value.split(";"):
        name, _, data = tag.partition("=")
        if name.strip() == "p":
            return "".join(data.split())
    return ""


async def report(
    *, session: AsyncSession, ctx: AppContext, account_id: int, domain: str | None = None, check_dns: bool = False
) -> list[dict[str, Any]]:
    """getDkimReport: every key of the account (optionally of one domain), optionally checked in DNS."""
    name = normalise_domain(domain, field="domain") if domain else None
    items = _records(await _keys(session, account_id, name))
    if not check_dns:
        return items
    resolver = fresh_resolver(ctx)
    return [await dns_check(resolver, i) for i in items]


async def details(
    *, session: AsyncSession, ctx: AppContext, account_id: int, domain: str, check_dns: bool = False
) -> dict[str, Any]:
    """getDkimDetails: the domain's signing key, with every key of the domain under `keys`."""
    name = normalise_domain(domain, field="domain")
    items = _records(await _keys(session, account_id, name))
    if not items:
        raise NotFound(f"Domain {name} has no DKIM key in this account.")
    if check_dns:
        resolver = fresh_resolver(ctx)
        items = [await dns_check(resolver, i) for i in items]
    active = [i for i in items if i["active"]]
    main = next((i for i in active if i["key_type"] == mail_dkim.KeyType.RSA), active[0] if active else items[0])
    return {**main, "keys": items}


async def delete(
    *, session: AsyncSession, ctx: AppContext, account_id: int, domain: str, selector: str | None = None
) -> dict[str, Any]:
    """deleteDkim: remove the domain's keys (or only `selector`); its mail goes out unsigned after that."""
    name = normalise_domain(domain, field="domain")
    keys = await _keys(session, account_id, name)
    if selector:
        keys = [k for k in keys if k.selector == selector.strip().lower()]
    if not keys:
        raise NotFound(f"Domain {name} has no DKIM key{' ' + selector if selector else ''} in this account.")
    await session.execute(sql_delete(DkimKey).where(DkimKey.id.in_([k.id for k in keys])))
    mail_dkim.forget_key(ctx, name)
    return {"domain": name, "deleted": len(keys), "selectors": [k.selector for k in keys]}


async def domain_has_key(session: AsyncSession, account_id: int, domain: Domain) -> bool:
    """True when the account domain has at least one enabled DKIM key."""
    return (
        await session.scalar(
            select(DkimKey.id)
            .where(DkimKey.account_id == account_id, DkimKey.domain == domain.name, DkimKey.enabled.is_(True))
            .limit(1)
        )
        is not None
    )
