"""Email aliases, distribution lists and catch-alls (createAlias … deleteAlias) and inbound resolution.

Limits (spec 50-account, LuxSci KB): at most 100 + 10 × users aliases per account, and a
distribution list reaches at most max(25, users + 10) destinations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, exists, func, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain, User
from openlux.admin.models import EmailAlias
from openlux.admin.schemas import AliasCreate, AliasFields, AliasUpdate
from openlux.core import time as clock
from openlux.core.addresses import normalise_address, normalise_domain
from openlux.core.errors import BadRequest, Conflict, NotFound
from openlux.core.time import format_datetime

ACTIONS = ("email", "bounce")
STATUSES = ("enabled", "disabled")
CATCH_ALL = "*"
CATCH_ALL_KIND = "catchall"  # EmailAlias.kind of the `*@domain` alias
DEFAULT_BOUNCE = "This address does not accept mail."
MAX_PER_CALL = 100  # aliases in one createAlias call
_SPLIT = re.compile(r"[\s,;]+")


@dataclass(frozen=True, slots=True)
class AliasTarget:
    """What inbound mail to an address should do: forward to `destinations` or bounce with `bounce`."""

    address: str  # the alias that matched (`*@domain` for the catch-all)
    action: str
    destinations: tuple[str, ...]
    bounce: str


def record(alias: EmailAlias) -> dict[str, Any]:
    """The Alias record (client-backed fields, plus `alias` = the whole address and `dest_list`)."""
    return {
        "user": alias.local_part,
        "domain": alias.domain,
        "alias": alias.address,
        "action": alias.action,
        "dest": ",".join(alias.destinations),
        "dest_list": list(alias.destinations),
        "bounce": alias.bounce_text,
        "status": alias.status,
        "type": alias.kind,
        "created": format_datetime(alias.created_at),
        "modified": format_datetime(alias.modified_at),
    }


async def resolve_alias(session: AsyncSession, address: str) -> AliasTarget | None:
    """The enabled alias of `address`, else its domain's catch-all unless a user has it; one query
    (on the blind index: both addresses are hashed when bound)."""
    address = address.strip().lower()
    local, _, domain = address.rpartition("@")
    if not local or not domain:
        return None
    user_has_it = exists().where(User.login == address)
    query = (
        select(EmailAlias)
        .where(
            EmailAlias.status == "enabled",
            or_(
                EmailAlias.address_index == address,
                and_(EmailAlias.address_index == f"{CATCH_ALL}@{domain}", not_(user_has_it)),
            ),
        )
        .order_by((EmailAlias.kind == CATCH_ALL_KIND).asc())
        .limit(1)
    )
    alias = await session.scalar(query)
    if alias is None:
        return None
    return AliasTarget(alias.address, alias.action, tuple(alias.destinations), alias.bounce_text)


async def limits(session: AsyncSession, account_id: int) -> tuple[int, int]:
    """(most aliases in the account, most destinations per alias) for its current user count."""
    users = int(await session.scalar(select(func.count(User.id)).where(User.account_id == account_id)) or 0)
    return 100 + 10 * users, max(25, users + 10)


def _split_address(user: str | None, domain: str | None) -> tuple[str, str]:
    """(local part, domain) from `user` + `domain`, or from a whole address in either field."""
    user, domain = (user or "").strip(), (domain or "").strip()
    if "@" in domain and not user:
        user, _, domain = domain.rpartition("@")
    elif "@" in user and not domain:
        user, _, domain = user.rpartition("@")
    if not user:
        raise BadRequest("Field 'user' is required (the alias's local part, or * for the catch-all).")
    if not domain:
        raise BadRequest("Field 'domain' is required.")
    domain = normalise_domain(domain, field="domain")
    if user in (CATCH_ALL, "@"):
        return CATCH_ALL, domain
    return normalise_address(f"{user}@{domain}", field="user").rpartition("@")[0], domain


def _destinations(value: list[str] | str | None, *, alias: str, most: int) -> list[str]:
    items = value if isinstance(value, list) else _SPLIT.split(value or "")
    found: list[str] = []
    for item in (str(i).strip() for i in items):
        if item:
            address = normalise_address(item, field="dest")
            if address == alias:
                raise BadRequest(f"Field 'dest': {alias} cannot forward to itself.")
            if address not in found:
                found.append(address)
    if not found:
        raise BadRequest("Field 'dest' is required for action 'email' (one or more addresses).")
    if len(found) > most:
        raise BadRequest(
            f"Field 'dest': {len(found)} destinations; the limit is {most} (25, or the number of users + 10 if larger)."
        )
    return found


def _apply(alias: EmailAlias, fields: AliasFields, *, most: int) -> None:
    """Set action, destinations, bounce text and status from the fields given (validated)."""
    if fields.action is not None:
        if fields.action.strip().lower() not in ACTIONS:
            raise BadRequest("Field 'action' must be 'email' or 'bounce'.")
        alias.action = fields.action.strip().lower()
    if not alias.action:
        raise BadRequest("Field 'action' is required ('email' or 'bounce').")
    if fields.status is not None:
        if fields.status not in STATUSES:
            raise BadRequest("Field 'status' must be 'enabled' or 'disabled'.")
        alias.status = fields.status
    if fields.bounce is not None:
        # The text becomes part of an SMTP reply line: one line, printable.
        text = " ".join(fields.bounce.split())
        if len(text) > 400:
            raise BadRequest("Field 'bounce': at most 400 characters.")
        alias.bounce_text = text
    if alias.action == "email":
        if fields.dest is not None or not alias.destinations:
            alias.destinations = _destinations(fields.dest, alias=alias.address, most=most)
    else:
        alias.destinations = []
        alias.bounce_text = alias.bounce_text or DEFAULT_BOUNCE
    alias.kind = CATCH_ALL_KIND if alias.local_part == CATCH_ALL else "list" if len(alias.destinations) > 1 else "alias"


async def _new(session: AsyncSession, account_id: int, item: AliasCreate, *, most: int) -> EmailAlias:
    local, name = _split_address(item.user, item.domain)
    domain = await session.scalar(select(Domain).where(Domain.name == name, Domain.account_id == account_id))
    if domain is None:
        raise BadRequest(f"Field 'domain': {name} is not a domain of this account.")
    address = f"{local}@{name}"
    if await session.scalar(select(User.id).where(User.login == address)) is not None:
        raise Conflict(f"{address} is a user; an alias cannot take a user's address.")
    if await session.scalar(select(EmailAlias.id).where(EmailAlias.address_index == address)) is not None:
        raise Conflict(f"Alias {address} already exists.")
    alias = EmailAlias(
        account_id=account_id,
        domain_id=domain.id,
        address=address,
        local_part=local,
        domain=name,
        action="",
        destinations=[],
        bounce_text="",
        status="enabled",
    )
    _apply(alias, item, most=most)
    return alias


async def create(*, session: AsyncSession, account_id: int, body: AliasCreate) -> dict[str, Any] | list[dict[str, Any]]:
    """createAlias: one alias (its record) or `aliases` (a list of records), all or none."""
    items = [AliasCreate.model_validate(i) for i in body.aliases] if body.aliases is not None else [body]
    if not items or len(items) > MAX_PER_CALL:
        raise BadRequest(f"Field 'aliases': give 1 to {MAX_PER_CALL} aliases.")
    most_aliases, most_dest = await limits(session, account_id)
    have = int(await session.scalar(select(func.count(EmailAlias.id)).where(EmailAlias.account_id == account_id)) or 0)
    if have + len(items) > most_aliases:
        raise Conflict(f"The account has {have} aliases; the limit is {most_aliases} (100 + 10 per user).")
    created = []
    for item in items:
        alias = await _new(session, account_id, item, most=most_dest)
        session.add(alias)
        await session.flush()  # the next item sees this one (duplicates inside one call are refused)
        created.append(record(alias))
    return created if body.aliases is not None else created[0]


async def get(session: AsyncSession, account_id: int, address: str) -> EmailAlias:
    """The account's alias by its whole address (`*@domain` for the catch-all), or NotFound."""
    wanted = address.strip().lower()
    alias = await session.scalar(
        select(EmailAlias).where(EmailAlias.address_index == wanted, EmailAlias.account_id == account_id)
    )
    if alias is None:
        raise NotFound(f"No alias {wanted} in this account.")
    return alias


async def list_for_account(
    *, session: AsyncSession, account_id: int, domain: str | None = None, type: str | None = None
) -> list[dict[str, Any]]:
    """getAliasesReport: the account's aliases by address, optionally of one domain or type (sorted
    here: local parts are sealed at rest)."""
    query = select(EmailAlias).where(EmailAlias.account_id == account_id)
    if domain:
        query = query.where(EmailAlias.domain == normalise_domain(domain))
    if type:
        query = query.where(EmailAlias.kind == type)
    aliases = await session.scalars(query)
    return [record(a) for a in sorted(aliases, key=lambda a: (a.domain, a.local_part))]


async def details(*, session: AsyncSession, account_id: int, address: str) -> dict[str, Any]:
    """getAliasDetails."""
    return record(await get(session, account_id, address))


async def update(*, session: AsyncSession, account_id: int, address: str, body: AliasUpdate) -> dict[str, Any]:
    """updateAlias: action, dest, bounce, status; fields not sent stay unchanged."""
    alias = await get(session, account_id, address)
    _, most_dest = await limits(session, account_id)
    _apply(alias, body, most=most_dest)
    alias.modified_at = clock.utcnow()
    await session.flush()
    return record(alias)


async def delete(*, session: AsyncSession, account_id: int, address: str) -> dict[str, Any]:
    """deleteAlias."""
    alias = await get(session, account_id, address)
    await session.delete(alias)
    await session.flush()
    return {"alias": alias.address, "deleted": 1}
