"""v2 marketing-only suppressions (addNewMarketingSuppression …): per account, checked by v2 campaigns only."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.addresses import normalise_address
from openlux.core.errors import NotFound
from openlux.core.reporting import Paging
from openlux.core.time import format_datetime
from openlux.db import rows_matched
from openlux.db.upsert import insert_ignore
from openlux.marketing.models import MarketingSuppression as MS
from openlux.suppressions.schemas import SuppressionCreate

# The create body, its per-call limit and per-address results are those of createAccountSuppression.
from openlux.suppressions.service import check_reason, check_text, classify_entries, requested_entries

NOTE_LENGTH = 500


def record(row: MS) -> dict[str, Any]:
    """The wire form of one marketing suppression."""
    return {
        "email": row.address,
        "reason": row.reason,
        "source": row.source,
        "note": row.note,
        "created": format_datetime(row.created_at),
    }


async def add_one(
    session: AsyncSession, *, account_id: int, address: str, reason: str, source: str, note: str = ""
) -> bool:
    """Suppress one normalised address for the account's marketing; True when it is new."""
    result = await session.execute(
        insert_ignore(
            session,
            MS,
            account_id=account_id,
            address=address,
            address_index=address,  # AddressIndex: hashed when bound
            reason=reason,
            source=source,
            note=note,
            created_at=clock.utcnow(),
        )
    )
    return bool(rows_matched(result))


async def add(*, session: AsyncSession, account_id: int, body: SuppressionCreate) -> dict[str, Any]:
    """addNewMarketingSuppression: `email` and/or `emails`, per-address results like createAccountSuppression."""
    reason = check_reason(body.reason)
    note = check_text(body.note, field="note", limit=NOTE_LENGTH)
    results = classify_entries(requested_entries(body), single=body.emails is None)
    for result in results:
        if result["status"] is None:
            new = await add_one(
                session, account_id=account_id, address=result["email"], reason=reason, source="api", note=note
            )
            result["status"] = "created" if new else "exists"
    counts = {s: sum(r["status"] == s for r in results) for s in ("created", "exists", "invalid")}
    return {**counts, "results": results}


async def hits(session: AsyncSession, *, account_id: int, addresses: Iterable[str]) -> dict[str, str]:
    """Suppressed addresses among `addresses` -> reason."""
    wanted = list(addresses)
    rows = await session.execute(
        select(MS.address, MS.reason).where(MS.account_id == account_id, MS.address_index.in_(wanted))
    )
    return dict(rows.all())


async def page(
    *, session: AsyncSession, account_id: int, email: str | None, first_row: int | None, matches: int | None
) -> list[dict[str, Any]]:
    """getMarketingSuppressions: oldest first, optional whole address (sealed at rest: no substring), paged."""
    paging = Paging.parse(first_row, matches)
    query = select(MS).where(MS.account_id == account_id)
    if email:
        query = query.where(MS.address_index == normalise_address(email, field="email"))
    rows = await session.scalars(query.order_by(MS.created_at, MS.id).offset(paging.first_row).limit(paging.matches))
    return [record(r) for r in rows]


async def remove(*, session: AsyncSession, account_id: int, email: str) -> dict[str, Any]:
    """deleteMarketingSuppression: lift it; 404 when the address is not suppressed."""
    address = normalise_address(email, field="email")
    result = await session.execute(delete(MS).where(MS.account_id == account_id, MS.address_index == address))
    if not rows_matched(result):
        raise NotFound(f"{address} is not on the marketing suppression list.")
    return {"email": address, "deleted": 1}
