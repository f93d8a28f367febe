#!/usr/bin/env python3
"""addContacts over HTTP: contacts/s through the signed API beside a bare Starlette upsert endpoint, SQLite and PostgreSQL.

    .venv/bin/python bench/add_contacts.py [--contacts 20000] [--rounds 3] [--backends sqlite,postgresql]

On a fresh installation (`openlux init`, then `openlux api`), a user defines two custom fields
(text, number) with createCustomField. Each round, in rotating order:
- new:      addList (with both fields), then addContacts with CONTACTS contacts in calls of
            10,000 (the endpoint's most), through the SDK (signed HTTP, JSON);
- update:   the same contacts again into that list (every one an update);
- baseline: the same JSON bodies POSTed to bench/bare_app.py, which upserts them with one
            executemany per call on a database of the same backend (no signature, no checks,
            no typed fields) — the floor of an HTTP bulk import.
Goal (DESIGN.md §5): ≥ 20,000 contacts/s.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import OpenLux, Row, alternate, bare_server, database, log, report, scratch

PER_CALL = 10_000  # addContacts' per-call limit (docs/compat.d/marketing.md)


def contacts(count: int, offset: int = 0) -> list[dict]:
    """Address plus two custom field values (the number sent as text, as PHP clients do)."""
    return [{"email": f"person{i}@example.org", "fields": {"first_name": f"Name{i}", "age": str(20 + i % 60)}}
            for i in range(offset, offset + count)]


def through_api(api, list_id: int, items: list[dict]) -> float:
    """contacts/s of addContacts calls of PER_CALL."""
    started = time.perf_counter()
    for first in range(0, len(items), PER_CALL):
        result = api.add_contacts(list_id=list_id, contacts=items[first:first + PER_CALL])
        if result.get("invalid"):
            raise SystemExit(f"addContacts refused contacts: {json.dumps(result)[:500]}")
    return len(items) / (time.perf_counter() - started)


def through_bare(port: int, list_id: int, items: list[dict]) -> float:
    """contacts/s of the same bodies POSTed to the bare upsert endpoint."""
    started = time.perf_counter()
    for first in range(0, len(items), PER_CALL):
        body = json.dumps({"contacts": items[first:first + PER_CALL]}).encode()
        request = urllib.request.Request(f"http://127.0.0.1:{port}/contacts/{list_id}", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=300) as answer:
            answer.read()
    return len(items) / (time.perf_counter() - started)


def run_backend(backend: str, args: argparse.Namespace) -> dict[str, list[float]]:
    tmp = scratch(f"contacts-{backend}")
    items = contacts(args.contacts)
    with database(backend, tmp, "openlux") as url, database(backend, tmp, "bare") as bare_url, \
            bare_server(bare_url) as bare_port:
        olx = OpenLux.init(tmp / "data", url)
        try:
            _proc, port = olx.start("api")
            lists = itertools.count(1)
            with olx.client(port) as api:
                api.create_custom_field(name="first_name", type="text")
                api.create_custom_field(name="age", type="number")
                current: dict[str, int] = {}

                def new() -> float:
                    made = api.add_list(name=f"Bench {next(lists)}", fields=["first_name", "age"])
                    current["list"] = int(made["list_id"])
                    return through_api(api, current["list"], items)

                def update() -> float:
                    if "list" not in current:
                        new()
                    return through_api(api, current["list"], items)

                bare_lists = itertools.count(1)
                warm = api.add_list(name="Warm-up", fields=["first_name", "age"])
                through_api(api, int(warm["list_id"]), contacts(100, 10**7))  # first-call costs out of the rounds
                through_bare(bare_port, 10**6, contacts(100, 10**7))
                return alternate(args.rounds, {
                    "new": new,
                    "update": update,
                    "bare upsert": lambda: through_bare(bare_port, next(bare_lists), items),
                })
        finally:
            olx.stop_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    rows = []
    for backend in args.backends.split(","):
        log(f"{backend}:")
        got = run_backend(backend, args)
        rows += [
            Row(f"addContacts, new contacts (`openlux api`, {backend})", got["new"], "contacts/s",
                f"bare Starlette upsert endpoint ({backend})", got["bare upsert"], goal="≥ 20,000/s"),
            Row(f"addContacts, every contact an update (`openlux api`, {backend})", got["update"], "contacts/s",
                f"bare Starlette upsert endpoint ({backend})", got["bare upsert"], goal="≥ 20,000/s"),
        ]
    report("add_contacts", "Bulk import: addContacts over HTTP vs a bare upsert endpoint", rows, rounds=args.rounds,
           notes=[f"{args.contacts:,} contacts per command per round (two custom fields), calls of {PER_CALL:,}; "
                  "signed HTTP through the SDK"])


if __name__ == "__main__":
    main()
