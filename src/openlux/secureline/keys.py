"""Recipient PGP keys and S/MIME certificates an account knows (used by SecureLine's fallback)."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.addresses import normalise_address
from openlux.core.errors import BadRequest, Conflict, NotFound
from openlux.core.time import as_utc, format_datetime
from openlux.db import rows_matched
from openlux.secureline.encrypt import ParsedKey, UnusableKey, parse_pgp_key, parse_smime_certificate
from openlux.secureline.models import RecipientKey
from openlux.secureline.policy import KeyKind

KINDS = tuple(KeyKind)
MAX_KEY_BYTES = 256 * 1024  # a large armoured key with many signatures stays well below this


async def add(
    *, session: AsyncSession, account_id: int, kind: str, material: bytes | str, address: str | None = None
) -> list[RecipientKey]:
    """Register a public key for `address` (or for every address the key names); returns the new rows."""
    parsed = await _parse(kind, material)
    addresses = _addresses_for(parsed, address)
    rows = []
    for addr in addresses:
        if await _find(session, account_id, addr, parsed):
            raise Conflict(f"This {kind} key is already registered for {addr}.")
        row = RecipientKey(
            account_id=account_id,
            address=addr,
            kind=kind,
            fingerprint=parsed.fingerprint,
            material=parsed.material,
            expires_at=parsed.expires_at,
        )
        session.add(row)
        rows.append(row)
    await session.flush()
    return rows


async def _parse(kind: str, material: bytes | str) -> ParsedKey:
    """Validate the key in a thread (RSA/OpenPGP parsing is CPU work)."""
    if kind not in KINDS:
        raise BadRequest(f"Field 'kind' must be one of {', '.join(KINDS)}.")
    data = material.encode("utf-8") if isinstance(material, str) else material
    if not data.strip():
        raise BadRequest("Field 'key' is required.")
    if len(data) > MAX_KEY_BYTES:
        raise BadRequest(f"Field 'key' is larger than {MAX_KEY_BYTES} bytes.")
    try:
        if kind == KeyKind.PGP:
            return await asyncio.to_thread(parse_pgp_key, data.decode("utf-8", "replace"))
        return await asyncio.to_thread(parse_smime_certificate, data)
    except UnusableKey as exc:
        raise BadRequest(f"Field 'key': {exc}.") from None


def _addresses_for(parsed: ParsedKey, address: str | None) -> list[str]:
    """The given address (which the key must name, when it names any), else the key's own addresses."""
    if address:
        addr = normalise_address(address, field="address")
        if parsed.addresses and addr not in parsed.addresses:
            raise BadRequest(f"Field 'address': the key is for {', '.join(parsed.addresses)}, not {addr}.")
        return [addr]
    if not parsed.addresses:
        raise BadRequest("Field 'address' is required: the key names no e-mail address.")
    return [normalise_address(a, field="address") for a in parsed.addresses]


async def _find(session: AsyncSession, account_id: int, address: str, parsed: ParsedKey) -> RecipientKey | None:
    return await session.scalar(
        select(RecipientKey).where(
            RecipientKey.account_id == account_id,
            RecipientKey.address_index == address,
            RecipientKey.kind == parsed.kind,
            RecipientKey.fingerprint == parsed.fingerprint,
        )
    )


async def list_for_account(*, session: AsyncSession, account_id: int, address: str | None = None) -> list[RecipientKey]:
    """The account's keys, optionally for one address: by address, newest first (sorted here: the
    address is sealed at rest, so SQL can match it through its blind index but not order by it)."""
    query = select(RecipientKey).where(RecipientKey.account_id == account_id)
    if address:
        query = query.where(RecipientKey.address_index == normalise_address(address, field="address"))
    rows = list(await session.scalars(query.order_by(RecipientKey.id.desc())))
    return sorted(rows, key=lambda row: row.address)  # stable: newest first within an address


async def remove(*, session: AsyncSession, account_id: int, key_id: int) -> dict[str, Any]:
    """Forget one key of the account; its record (for the audit log and the caller's answer)."""
    row = await session.scalar(
        select(RecipientKey).where(RecipientKey.account_id == account_id, RecipientKey.id == key_id)
    )
    if row is None:
        raise NotFound(f"No recipient key {key_id}.")
    removed = record(row)
    result = await session.execute(
        delete(RecipientKey).where(RecipientKey.account_id == account_id, RecipientKey.id == key_id)
    )
    if rows_matched(result) == 0:  # removed by a parallel call since it was read
        raise NotFound(f"No recipient key {key_id}.")
    return removed


async def usable(*, session: AsyncSession, account_id: int, address: str) -> dict[str, RecipientKey]:
    """The newest unexpired key of each kind for a recipient: {"pgp": row, "smime": row}."""
    return (await usable_many(session=session, account_id=account_id, addresses=[address])).get(address.lower(), {})


async def usable_many(
    *, session: AsyncSession, account_id: int, addresses: list[str]
) -> dict[str, dict[str, RecipientKey]]:
    """usable() for many recipients in one query: {address: {"pgp": row, "smime": row}}."""
    wanted = sorted({a.lower() for a in addresses})
    rows = await session.scalars(
        select(RecipientKey)
        .where(
            RecipientKey.account_id == account_id,
            RecipientKey.address_index.in_(wanted),
        )
        .order_by(RecipientKey.id.desc())
    )
    now = clock.utcnow()
    found: dict[str, dict[str, RecipientKey]] = {}
    for row in rows:
        kinds = found.setdefault(row.address, {})
        if row.kind not in kinds and (row.expires_at is None or as_utc(row.expires_at) > now):
            kinds[row.kind] = row
    return found


def record(row: RecipientKey) -> dict[str, Any]:
    """A key as the CLI (and a future API) shows it."""
    return {
        "id": row.id,
        "address": row.address,
        "kind": row.kind,
        "fingerprint": row.fingerprint,
        "expires": format_datetime(row.expires_at),
        "created": format_datetime(row.created_at),
    }


def audit_details(key: dict[str, Any]) -> dict[str, Any]:
    """What the audit log keeps of a key record (its target is the key's address)."""
    return {"key_id": key["id"], "kind": key["kind"], "fingerprint": key["fingerprint"]}
