#!/usr/bin/env python3
"""First page of the delivery-status report over 1,000,000 delivery rows, SQLite and PostgreSQL.

    .venv/bin/python bench/report_first_page.py [--rows 1000000] [--backends sqlite,postgresql]

Loads ROWS recipients (5 per message, one account, one user, channel api, every one delivered)
with bulk inserts into a fresh migrated database, then times the account-scope delivery report's
first page (50 rows plus its total_matches, through the same engine the endpoint uses) against a
baseline: the bare `SELECT … FROM outbound_recipient LIMIT 50` on the same table. Median of 15
runs after 3 warm-ups. Target (DESIGN.md §5): < 200 ms. The last line prints both side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert, select, text  # noqa: E402

from openlux.core.reporting import Paging  # noqa: E402
from openlux.core import time as clock  # noqa: E402
from openlux.db import Database  # noqa: E402
from openlux.mail.models import OutboundMessage, OutboundRecipient  # noqa: E402
from openlux.reports.catalog import DEFINITIONS  # noqa: E402
from openlux.reports.engine import Query, Scope  # noqa: E402
from tests.support.databases import initialised_database  # noqa: E402

PER_MESSAGE = 5
BATCH = 20_000
RUNS, WARMUP = 15, 3


async def load(db: Database, rows: int) -> tuple[int, int]:
    """Bulk-insert rows/5 messages and rows recipients; (account id, user id)."""
    async with db.transaction() as session:
        account_id, user_id = (await session.execute(text("SELECT account_id, id FROM app_user LIMIT 1"))).one()
    start = clock.utcnow() - timedelta(days=30)
    messages = rows // PER_MESSAGE
    for first in range(0, messages, BATCH):
        ids = range(first + 1, min(first + BATCH, messages) + 1)
        batch = [dict(id=i, account_id=account_id, user_id=user_id, channel="api", message_id=f"m{i}@example.com",
                      mail_from="admin@example.com", tls_policy="opportunistic", size=1000,
                      recipient_count=PER_MESSAGE, mime_sealed=b"x", state="sent", attempts=1,
                      created_at=start + timedelta(seconds=i), next_attempt_at=start, expires_at=start,
                      completed_at=start + timedelta(seconds=i + 1)) for i in ids]
        recipients = [dict(message_id=i, address=f"r{i}-{n}@example.org", kind="to", state="sent", method="tls",
                           attempts=1, last_code=250, last_reply="250 OK", completed_at=start + timedelta(seconds=i))
                      for i in ids for n in range(PER_MESSAGE)]
        async with db.transaction() as session:
            await session.execute(insert(OutboundMessage), batch)
            await session.execute(insert(OutboundRecipient), recipients)
    async with db.transaction() as session:
        if db.dialect == "postgresql":
            await session.execute(text("ANALYZE"))
            await session.execute(text("SELECT setval(pg_get_serial_sequence('outbound_message', 'id'), "
                                       "(SELECT max(id) FROM outbound_message))"))
        else:
            await session.execute(text("ANALYZE"))
    return account_id, user_id


async def timed(db: Database, work) -> float:
    """Median milliseconds of work(session) over RUNS runs."""
    times = []
    for i in range(WARMUP + RUNS):
        async with db.transaction() as session:
            began = time.perf_counter()
            await work(session)
            if i >= WARMUP:
                times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


async def measure(url: str, rows: int) -> tuple[float, float, int]:
    """(report first page ms, bare LIMIT 50 ms, total_matches)."""
    db = Database(url, pool_size=2)
    try:
        began = time.perf_counter()
        account_id, _user_id = await load(db, rows)
        print(f"  loaded {rows:,} delivery rows in {time.perf_counter() - began:.1f}s", flush=True)
        report = DEFINITIONS["smtp_delivery"]
        query = Query(paging=Paging(0, 50))
        total = 0

        async def first_page(session) -> None:
            nonlocal total
            total, page = await report.fetch(session, Scope(account_id), query)
            assert len(page) == 50

        async def bare(session) -> None:
            result = await session.execute(select(OutboundRecipient.id, OutboundRecipient.address,
                                                  OutboundRecipient.state).limit(50))
            assert len(result.all()) == 50

        return await timed(db, first_page), await timed(db, bare), total
    finally:
        await db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    figures = []
    for backend in args.backends.split(","):
        with initialised_database(backend, f"openlux-bench-report-{backend}-") as url:
            page, bare, total = asyncio.run(measure(url, args.rows))
            assert total == args.rows, total
            print(f"  {backend}: first page {page:.1f} ms (total_matches {total:,}); bare LIMIT 50 {bare:.2f} ms",
                  flush=True)
            figures.append(f"{backend} {page:.1f} ms (baseline bare SELECT LIMIT 50: {bare:.2f} ms)")
    print(f"report first page over {args.rows:,} delivery rows (target < 200 ms): " + "; ".join(figures))


if __name__ == "__main__":
    main()
