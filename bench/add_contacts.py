#!/usr/bin/env python3
"""addContacts throughput: contacts/s through the bulk engine vs a bare executemany, SQLite and PostgreSQL.

    .venv/bin/python bench/add_contacts.py [--contacts 100000] [--backends sqlite,postgresql]

On a fresh migrated database: a list with two custom fields (text, number); CONTACTS contacts with
both fields set are added through `openlux.marketing.bulk.add_many` (the service the endpoint
calls: item checks, typed field coercion, existing-address lookup, one upsert per 2,500 rows) in
calls of 10,000, one transaction per call like a request. Then the same rows are added again
(every one an update), and the baseline inserts the same rows into a second list with a bare
`executemany` (no checks, no upsert). Target (DESIGN.md §5): ≥ 20,000 contacts/s. The last line
prints the figures side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select  # noqa: E402

from openlux.accounts.models import User  # noqa: E402
from openlux.content.models import CustomField  # noqa: E402
from openlux.core import time as clock  # noqa: E402
from openlux.db import Database  # noqa: E402
from openlux.marketing import bulk, lists  # noqa: E402
from openlux.marketing.common import Owner  # noqa: E402
from openlux.marketing.models import MarketingContact  # noqa: E402
from openlux.marketing.schemas import ContactsIn, ListIn  # noqa: E402
from tests.support.databases import initialised_database  # noqa: E402

PER_CALL = bulk.MAX_PER_CALL


def contacts(count: int) -> list[dict]:
    """The request items: address plus two custom field values (the number sent as text, as PHP does)."""
    return [{"email": f"person{i}@example.org", "fields": {"first_name": f"Name{i}", "age": str(20 + i % 60)}}
            for i in range(count)]


async def setup(db: Database) -> tuple[Owner, int, int]:
    """Two custom fields and two lists; (owner, list id, baseline list id)."""
    async with db.transaction() as session:
        user = await session.scalar(select(User).limit(1))
        session.add_all([CustomField(user_id=user.id, name="first_name", type="text", description="", choices=[]),
                         CustomField(user_id=user.id, name="age", type="number", description="", choices=[])])
        await session.flush()
        owner = Owner(user.account_id, user.id)
        made = await lists.add(session=session, owner=owner, body=ListIn(name="Bench", fields=["first_name", "age"]))
        base = await lists.add(session=session, owner=owner, body=ListIn(name="Baseline"))
    return owner, made["list_id"], base["list_id"]


async def through_engine(db: Database, owner: Owner, list_id: int, items: list[dict]) -> float:
    """Seconds to add every item through add_many, PER_CALL per transaction."""
    began = time.perf_counter()
    for start in range(0, len(items), PER_CALL):
        async with db.transaction() as session:
            result = await bulk.add_many(session=session, owner=owner, list_id=list_id,
                                         body=ContactsIn(contacts=items[start:start + PER_CALL]))
            assert result["invalid"] == 0, result["results"][:3]
    return time.perf_counter() - began


async def bare_executemany(db: Database, list_id: int, items: list[dict]) -> float:
    """Seconds to insert the same rows with a plain executemany, PER_CALL per transaction."""
    began = time.perf_counter()
    for start in range(0, len(items), PER_CALL):
        now = clock.utcnow()
        rows = [{"list_id": list_id, "email": i["email"], "status": "subscribed", "fields": i["fields"],
                 "created_at": now, "modified_at": now, "unsubscribed_at": None} for i in items[start:start + PER_CALL]]
        async with db.transaction() as session:
            await session.execute(insert(MarketingContact.__table__), rows)
    return time.perf_counter() - began


async def measure(url: str, count: int) -> tuple[float, float, float]:
    """(new contacts/s, updated contacts/s, bare executemany contacts/s)."""
    db = Database(url, pool_size=2)
    try:
        owner, list_id, base_id = await setup(db)
        items = contacts(count)
        created = await through_engine(db, owner, list_id, items)
        updated = await through_engine(db, owner, list_id, items)
        bare = await bare_executemany(db, base_id, items)
        return count / created, count / updated, count / bare
    finally:
        await db.dispose()


def main() -> None:
    """Measure each backend and print the figures, the comparable line last."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    figures = []
    for backend in args.backends.split(","):
        with initialised_database(backend, f"openlux-bench-contacts-{backend}-") as url:
            new, again, bare = asyncio.run(measure(url, args.contacts))
            print(f"  {backend}: new {new:,.0f}/s, updates {again:,.0f}/s, bare executemany {bare:,.0f}/s", flush=True)
            figures.append(f"{backend} {new:,.0f} contacts/s new, {again:,.0f}/s updated "
                           f"(baseline bare executemany: {bare:,.0f}/s)")
    print(f"addContacts over {args.contacts:,} contacts (target >= 20,000/s): " + "; ".join(figures))


if __name__ == "__main__":
    main()
