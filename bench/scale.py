#!/usr/bin/env python3
"""Scale-out on PostgreSQL: 1 vs 2 API processes (signed getUser req/s) and 1 vs 2 delivery workers (msgs/s), exactly-once checked at the sink.

    .venv/bin/python bench/scale.py [--rounds 3] [--seconds 5] [--warm-up 1] [--messages 2000] [--backend postgresql]

API: one installation serves through `openlux api` (1 process) and `openlux api --workers 2`
(2 processes on one port) side by side; wrk replays a signed getUser against each, alternated.
Delivery: each round, for 1 and then 2 workers (the order rotating), MESSAGES messages of 2–20 KB
are queued through sendEmail with no worker running; then that many `openlux worker` processes
start and deliver to Postfix's smtp-sink, which keeps every transaction. The figure is
(MESSAGES - 1) / (time of the last arrival - time of the first), so worker start-up is not
counted. After each run the Message-IDs at the sink are compared with the ones sendEmail
returned: any duplicate or missing one stops the benchmark (SKIP LOCKED claims, proven under load).
On a 2-core machine the ideal ratio is 2.0 only when nothing else runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    OpenLux,
    Row,
    Sink,
    add_wrk_arguments,
    alternate,
    body_text,
    database,
    log,
    message_size,
    report,
    round_load,
    run_wrk,
    scratch,
    signed_get,
    stop,
)

CALL_SIZE = 1000
GET_USER = "/perl/api/v2/user/{user}/profile"
DELIVERY = {
    "delivery_mode": "relay",
    "relay_tls": "none",
    "delivery_poll_seconds": "0.05",
    "delivery_connections_per_destination": "8",
    "delivery_workers": "16",
    "delivery_batch_size": "200",
    "delivery_messages_per_connection": "1000",
}


class Delivery:
    """Queue with no worker running, then let N workers drain it; checks exactly-once at the sink."""

    def __init__(self, olx: OpenLux, port: int, sink: Sink, messages: int) -> None:
        self.olx, self.port, self.sink, self.messages = olx, port, sink, messages
        self.runs = 0
        self.checked = 0

    def queue(self) -> set[str]:
        ids: set[str] = set()
        with self.olx.client(self.port) as api:
            for first in range(0, self.messages, CALL_SIZE):
                batch = [{"to": [f"r{i}@example.org"], "subject": f"Scale {self.runs} {i}",
                          "text": body_text(i, message_size(i))}
                         for i in range(first, min(self.messages, first + CALL_SIZE))]
                for answer in api.send_email(messages=batch):
                    if answer.get("status") != "queued":
                        raise SystemExit(f"sendEmail refused a message: {answer}")
                    ids.add(answer["message_id"].strip("<>"))
        return ids

    def run(self, workers: int) -> float:
        self.runs += 1
        expected = self.queue()
        self.sink.reset()
        procs = [self.olx.start("worker")[0] for _ in range(workers)]
        try:
            deadline = time.monotonic() + max(120, self.messages / 10)
            first_at = last_at = None
            seen = 0
            while seen < self.messages:
                if time.monotonic() > deadline:
                    raise SystemExit(f"{workers} worker(s) delivered {seen} of {self.messages} in time")
                seen = self.sink.count()
                now = time.perf_counter()
                if seen and first_at is None:
                    first_at = now
                last_at = now
                time.sleep(0.02)
            time.sleep(0.5)  # a duplicate arriving late still counts
            got = [m.strip("<>") for m in self.sink.message_ids()]
        finally:
            for proc in procs:
                stop(proc)
                self.olx.procs.remove(proc)
        duplicates = len(got) - len(set(got))
        lost, foreign = expected - set(got), set(got) - expected
        if duplicates or lost or foreign:
            raise SystemExit(f"{workers} workers: {duplicates} duplicates, {len(lost)} lost, {len(foreign)} unexpected "
                             f"Message-IDs at the sink")
        self.checked += len(got)
        assert first_at is not None and last_at is not None
        return (self.messages - 1) / max(last_at - first_at, 1e-3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    add_wrk_arguments(parser, connections=32)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--backend", default="postgresql", choices=("postgresql", "sqlite"))
    args = parser.parse_args()
    tmp = scratch("scale")
    sink = Sink(tmp)
    try:
        with database(args.backend, tmp) as url:
            olx = OpenLux.init(tmp / "data", url, relays=sink.address, **DELIVERY)
            try:
                _one, one_port = olx.start("api")
                _two, two_port = olx.start("api", "--workers", "2")
                olx.lift_hourly_limit(one_port)
                c = olx.credentials
                path, cookie = signed_get(one_port, c["user_token"], c["user_secret"], c, GET_USER)
                headers = {"Cookie": cookie}  # one auth session, valid on every process of the installation
                if args.warm_up:  # both processes warm
                    run_wrk(f"http://127.0.0.1:{two_port}{path}", args.warm_up, 4, headers)
                log("API processes:")
                load = round_load(args)
                api = alternate(args.rounds, {
                    "1 process": lambda: load(f"http://127.0.0.1:{one_port}{path}", headers),
                    "2 processes": lambda: load(f"http://127.0.0.1:{two_port}{path}", headers),
                })
                log("delivery workers:")
                delivery = Delivery(olx, one_port, sink, args.messages)
                workers = alternate(args.rounds, {"1 worker": lambda: delivery.run(1),
                                                  "2 workers": lambda: delivery.run(2)})
            finally:
                olx.stop_all()
    finally:
        sink.stop()
    rows = [
        Row(f"signed getUser, `openlux api --workers 2` ({args.backend})", api["2 processes"], "req/s",
            "`openlux api` (1 process), same installation", api["1 process"], goal=f"→ {os.cpu_count()}× ({os.cpu_count()} cores)", as_factor=True),
        Row(f"delivered msgs/s, 2 `openlux worker` ({args.backend})", workers["2 workers"], "msgs/s",
            "1 `openlux worker`", workers["1 worker"], goal=f"→ {os.cpu_count()}× ({os.cpu_count()} cores)", as_factor=True),
    ]
    report("scale", f"Scale-out on {args.backend}: API processes and delivery workers", rows, rounds=args.rounds,
           notes=[f"wrk, {args.connections} connections, {args.seconds:g} s per command per round",
                  f"{args.messages:,} messages of 2–20 KB per delivery run, sink: {sink.kind} (plain SMTP)",
                  f"exactly-once: {delivery.checked:,} Message-IDs checked at the sink over {delivery.runs} runs, "
                  "0 duplicates, 0 lost",
                  f"ratio = 2 / 1; the machine has {os.cpu_count()} cores shared with the load generator and sink"])


if __name__ == "__main__":
    main()
