#!/usr/bin/env python3
"""First page of the delivery-status report over ROWS messages (1 recipient each), over HTTP, beside the same two statements on a bare endpoint.

    .venv/bin/python bench/report_first_page.py [--rows 1000000] [--rounds 10] [--backends sqlite,postgresql]

Setup (not timed): `openlux init`, then ROWS messages with one recipient each are bulk-inserted
with OpenLux's own table definitions, spread over 30 days: 95% delivered, 3% failed, 2% deferred
(loading a million messages through sendEmail would take longer than the whole benchmark suite).
No ANALYZE is run and nothing is warmed up: the statistics are whatever the database has after a
bulk load (PostgreSQL's autovacuum may or may not have analysed by then), and the first request
of round 1 is a cold one.
Measured, each request timed on its own, commands alternated with the order rotating each round:
- getEmailSMTPDeliveryStatusReportAccount with status=Failed (50 rows and total_matches), signed
  HTTP through the SDK against `openlux api`; the same with status=Delivered (the common status),
  and getEmailSMTPDeliveryStatusReportUser with status=Delivered (the user sent every message);
- the same without a filter (the first page of everything), beside the bare endpoint without one;
- baseline: bench/bare_app.py's /report on the same database, running the plain way to the page:
  count(*) of the filtered rows, and the first 50 of them joined to their message, in the report's
  order — over HTTP too, so both sides carry the same transport. OpenLux's account totals come from
  per-day counters instead (src/openlux/reports/state_counts.py), which the bulk load here keeps
  through the same database triggers as any other write (on PostgreSQL their deltas are then folded,
  as `openlux worker`'s report-counters role does every 10 s).
Goal (issue 11): status-filtered first page < 100 ms on both backends, for the rare status (Failed)
and the common one (Delivered).
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import OpenLux, Row, alternate, bare_server, database, log, report, scratch

BATCH = 20_000
FAILED_EVERY, DEFERRED_EVERY = 33, 50  # ≈ 3% failed, 2% deferred, the rest delivered


def state_of(i: int) -> tuple[str, str]:
    """(message state, recipient state) of message i."""
    if i % FAILED_EVERY == 0:
        return "failed", "failed"
    if i % DEFERRED_EVERY == 0:
        return "queued", "deferred"
    return "sent", "sent"


async def load(url: str, data_dir: Path, rows: int) -> tuple[int, int, int]:
    """Bulk-insert `rows` messages of one recipient; (account id, failed count, delivered count).

    Through the installation's own context: addresses are sealed with its master key and indexed
    by its blind-index key, exactly as OpenLux writes them."""
    from sqlalchemy import insert, text

    import openlux.tables  # noqa: F401 - every model, so foreign keys between areas resolve
    from openlux.config import Settings
    from openlux.core.context import AppContext
    from openlux.mail.models import OutboundMessage, OutboundRecipient

    ctx = AppContext.build(Settings.load(data_dir=data_dir, database_url=url))
    db = ctx.db
    failed = delivered = 0
    try:
        async with db.transaction() as session:
            account_id, user_id = (await session.execute(text("SELECT account_id, id FROM app_user LIMIT 1"))).one()
        start = datetime.now(UTC) - timedelta(days=30)
        step = timedelta(days=30) / max(1, rows)
        for first in range(1, rows + 1, BATCH):
            ids = range(first, min(first + BATCH, rows + 1))
            messages, recipients = [], []
            for i in ids:
                message_state, recipient_state = state_of(i)
                failed += recipient_state == "failed"
                delivered += recipient_state == "sent"
                at = start + step * i
                messages.append(dict(id=i, account_id=account_id, user_id=user_id, channel="api",
                                     message_id=f"m{i}@example.com", mail_from="admin@example.com",
                                     tls_policy="opportunistic", size=4000, recipient_count=1, mime_sealed=b"x",
                                     state=message_state, attempts=1, created_at=at, next_attempt_at=at,
                                     expires_at=at + timedelta(days=5), completed_at=at + timedelta(seconds=2)))
                recipients.append(dict(id=i, message_id=i, account_id=account_id, user_id=user_id, channel="api",
                                       created_at=at,
                                       address=f"r{i}@example.org", kind="to",
                                       state=recipient_state, method="tls", attempts=1,
                                       last_code=550 if recipient_state == "failed" else 250,
                                       last_reply="550 5.1.1 No such user" if recipient_state == "failed" else "250 OK",
                                       completed_at=at + timedelta(seconds=2)))
            async with db.transaction() as session:
                await session.execute(insert(OutboundMessage), messages)
                await session.execute(insert(OutboundRecipient), recipients)
        # PostgreSQL's triggers appended a delta per row: fold them as the worker's report-counters
        # role does every 10 s (a total adds the deltas not folded yet, so it is exact either way).
        from openlux.reports.state_counts import fold_deltas

        await fold_deltas(db)
        if db.dialect == "postgresql":  # the sequences OpenLux's own inserts would have moved
            async with db.transaction() as session:
                for table in ("outbound_message", "outbound_recipient"):
                    await session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {rows})"))
    finally:
        await ctx.close()
    return int(account_id), failed, delivered


def check(page: dict, total: int) -> None:
    """A full first page that counted every matching row."""
    if len(page["rows"]) != min(50, total) or page["total_matches"] != total:
        raise SystemExit(f"report page: {len(page['rows'])} rows, total_matches {page['total_matches']} (want {total})")


class BareReport:
    """One kept-alive connection to the bare /report endpoint."""

    def __init__(self, port: int, account_id: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        self.account_id = account_id

    def page(self, status: str) -> dict:
        self.conn.request("GET", f"/report?status={status}&account={self.account_id}")
        return json.loads(self.conn.getresponse().read())


def run_backend(backend: str, args: argparse.Namespace) -> tuple[dict[str, list[float]], list[float]]:
    tmp = scratch(f"report-{backend}")
    with database(backend, tmp, "openlux") as url:
        olx = OpenLux.init(tmp / "data", url)
        try:
            began = time.perf_counter()
            account_id, failed, delivered = asyncio.run(load(url, tmp / "data", args.rows))
            log(f"  loaded {args.rows:,} messages in {time.perf_counter() - began:.1f}s")
            with bare_server(url) as bare_port:
                _proc, port = olx.start("api")
                bare = BareReport(bare_port, account_id)
                with olx.client(port, account=True) as api, olx.client(port) as user_api:
                    api.authenticate()
                    user_api.authenticate()

                    def timed(call) -> float:
                        started = time.perf_counter()
                        call()
                        return (time.perf_counter() - started) * 1000

                    def filtered() -> None:
                        page = api.get_email_smtp_delivery_status_report_account(status="Failed", matches=50)
                        check(page, failed)

                    def common() -> None:
                        page = api.get_email_smtp_delivery_status_report_account(status="Delivered", matches=50)
                        check(page, delivered)

                    def user_common() -> None:  # the same rows: every message is the one user's
                        page = user_api.get_email_smtp_delivery_status_report_user(status="Delivered", matches=50)
                        check(page, delivered)

                    def bare_common() -> None:
                        got = bare.page("sent")
                        assert got["total_matches"] == delivered and len(got["data"]) == min(50, delivered)

                    def unfiltered() -> None:
                        page = api.get_email_smtp_delivery_status_report_account(matches=50)
                        check(page, args.rows)

                    def bare_filtered() -> None:
                        got = bare.page("failed")
                        assert got["total_matches"] == failed and len(got["data"]) == min(50, failed), got["total_matches"]

                    def bare_unfiltered() -> None:
                        got = bare.page("")
                        assert got["total_matches"] == args.rows and len(got["data"]) == min(50, args.rows), got["total_matches"]

                    got = alternate(args.rounds, {
                        "filtered": lambda: timed(filtered),
                        "bare filtered": lambda: timed(bare_filtered),
                        "common": lambda: timed(common),
                        "bare common": lambda: timed(bare_common),
                        "user common": lambda: timed(user_common),
                        "unfiltered": lambda: timed(unfiltered),
                        "bare unfiltered": lambda: timed(bare_unfiltered),
                    })
                    return got, [got["filtered"][0], got["bare filtered"][0]]
        finally:
            olx.stop_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    rows, notes = [], []
    for backend in args.backends.split(","):
        log(f"{backend}:")
        got, (cold, bare_cold) = run_backend(backend, args)
        base = f"bare endpoint: count + first 50 ({backend})"
        rows += [
            Row(f"first page, status=Failed, of {args.rows:,} messages (`openlux api`, {backend})", got["filtered"],
                "ms", base + ", same filter", got["bare filtered"], goal="< 100 ms", digits=1, higher_is_better=False),
            Row(f"first page, status=Delivered (95%), of {args.rows:,} messages (`openlux api`, {backend})",
                got["common"], "ms", base + ", same filter", got["bare common"], goal="< 100 ms", digits=1,
                higher_is_better=False),
            Row(f"first page, status=Delivered, user report, of {args.rows:,} messages (`openlux api`, {backend})",
                got["user common"], "ms", base + ", status=Delivered", got["bare common"], goal="< 100 ms", digits=1,
                higher_is_better=False),
            Row(f"first page, no filter, of {args.rows:,} messages (`openlux api`, {backend})", got["unfiltered"],
                "ms", base, got["bare unfiltered"], goal="", digits=1, higher_is_better=False),
        ]
        notes.append(f"{backend}: first (cold) request {cold:.1f} ms, bare {bare_cold:.1f} ms")
    report("report_first_page", "Reports: first page of the delivery report over HTTP", rows, rounds=args.rounds,
           notes=["1 recipient per message; 3% failed, 2% deferred; no ANALYZE, no warm-up; each request timed "
                  "alone; lower is better (ratio = OpenLux time / baseline time)", *notes])


if __name__ == "__main__":
    main()
