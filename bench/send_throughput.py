#!/usr/bin/env python3
"""Delivered msgs/s through sendEmail to an SMTP sink over TLS, DKIM-signed (2048-bit) beside unsigned, and the sink's ceiling.

    .venv/bin/python bench/send_throughput.py [--messages 2000] [--rounds 3] [--backends sqlite,postgresql]
                                              [--layout split|serve] [--worker-processes 1]
                                              [--sign-pool thread|process]

For each backend a fresh installation runs as `openlux api` + `openlux worker` (split, default) or
`openlux serve`, relaying (OPENLUX_RELAY_TLS=tls: implicit TLS, every message encrypted) to
Postfix's smtp-sink behind stunnel. The account's own domain gets a 2048-bit DKIM key through
createDkim; a second domain (createDomain) has none. Each round, in rotating order:
- DKIM on:   MESSAGES messages from admin@example.com (signed), sendEmail calls of 1,000;
- DKIM off:  the same from bench@plain.example.net (not signed);
- ceiling:   Postfix's smtp-source sends MESSAGES messages of 11 KB to the same sink (4 sessions).
Messages are 2–20 KB of text (sizes spread evenly). A figure is MESSAGES divided by the time from
the first sendEmail call until the sink has counted every Message-ID (queued, signed, delivered).
Goals (issue 11): DKIM-signed ≥ 2,000/s and ≥ 0.66 of unsigned; unsigned ≥ 3,000/s.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    OpenLux,
    Row,
    Sink,
    alternate,
    body_text,
    cpu_seconds,
    database,
    log,
    message_size,
    report,
    scratch,
    spread,
    wait_for_count,
)

CALL_SIZE = 1000  # sendEmail's per-call message limit (spec 10-user.md)
SIGNED_DOMAIN, PLAIN_DOMAIN = "example.com", "plain.example.net"  # init's domain (the admin's login), another
PLAIN_SENDER = f"bench@{PLAIN_DOMAIN}"
DELIVERY = {
    "delivery_mode": "relay",
    "relay_tls": "tls",
    "delivery_poll_seconds": "0.05",
    "delivery_connections_per_destination": "8",
    "delivery_workers": "16",
    "delivery_batch_size": "500",
    "delivery_messages_per_connection": "1000",
}


# CPU milliseconds per message of each OpenLux process, per command: {command: {process: [per round]}}.
CpuLog = dict[str, dict[str, list[float]]]


def send_and_time(olx: OpenLux, port: int, sink: Sink, sender: str, total: int, tag: str,
                  pids: dict[str, int] | None = None, cpu: list[dict[str, float]] | None = None) -> float:
    """msgs/s from the first sendEmail call until the sink holds all `total` messages; with `pids`
    ({process name: pid}), each process's CPU ms per message over the same span is appended to `cpu`."""
    sink.reset()
    before = {name: cpu_seconds(pid) for name, pid in (pids or {}).items()}
    with olx.client(port) as api:
        api.get_user()  # authenticated outside the timed part
        started = time.perf_counter()
        for first in range(0, total, CALL_SIZE):
            batch = [{"from": sender, "to": [f"r{i}@example.org"], "subject": f"Statement {tag} {i}",
                      "text": body_text(i, message_size(i))} for i in range(first, min(total, first + CALL_SIZE))]
            reply = api.send_email(messages=batch)
            refused = [r for r in reply if r.get("status") != "queued"]
            if refused:
                raise SystemExit(f"sendEmail refused messages: {refused[:3]}")
    finished = wait_for_count(sink, total, timeout=max(120, total / 20))
    if pids and cpu is not None:
        cpu.append({name: (cpu_seconds(pid) - before[name]) * 1000 / total for name, pid in pids.items()})
    ids = sink.message_ids()
    if len(ids) != total or len(set(ids)) != total:
        raise SystemExit(f"the sink got {len(ids)} messages ({len(set(ids))} distinct) of {total}")
    return total / (finished - started)


def run_backend(backend: str, args: argparse.Namespace, sink: Sink, cpu: CpuLog) -> dict[str, list[float]]:
    tmp = scratch(f"send-{backend}")
    with database(backend, tmp) as url:
        olx = OpenLux.init(tmp / "data", url, relays=sink.address, dkim_sign_pool=args.sign_pool, **DELIVERY)
        try:
            if args.layout == "split":
                api, port = olx.start("api")
                processes = ["--processes", str(args.worker_processes)] if args.worker_processes > 1 else []
                worker, _ = olx.start("worker", *processes)
                pids = {"api": api.pid, "worker": worker.pid}
            else:
                serve, port = olx.start("serve")
                pids = {"serve": serve.pid}
            olx.lift_hourly_limit(port)
            with olx.client(port, account=True) as account:
                account.create_domain(domain=PLAIN_DOMAIN)
                key = account.create_dkim(domain=SIGNED_DOMAIN, key_size=2048)
                assert key["key_size"] == 2048, key
            olx.cli("domain", "verify", PLAIN_DOMAIN, "--mark")  # the operator's air-gapped verification
            olx.cli("sender", "allow", olx.credentials["user"], PLAIN_SENDER)
            signed_sender = olx.credentials["user"]
            send_and_time(olx, port, sink, signed_sender, min(100, args.messages), "warm")  # imports, key cache
            counter = iter(range(10**6))
            signed_cpu: list[dict[str, float]] = []
            plain_cpu: list[dict[str, float]] = []
            got = alternate(args.rounds, {
                "DKIM on": lambda: send_and_time(olx, port, sink, signed_sender, args.messages, f"s{next(counter)}",
                                                 pids, signed_cpu),
                "DKIM off": lambda: send_and_time(olx, port, sink, PLAIN_SENDER, args.messages, f"p{next(counter)}",
                                                  pids, plain_cpu),
                "sink ceiling": lambda: sink.ceiling(args.messages),
            })
            for command, samples in (("DKIM on", signed_cpu), ("DKIM off", plain_cpu)):
                cpu[f"{backend} {command}"] = {name: [sample[name] for sample in samples] for name in pids}
            return got
        finally:
            olx.stop_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--layout", default="split", choices=("split", "serve"),
                        help="split: `openlux api` + `openlux worker`; serve: one `openlux serve`")
    parser.add_argument("--worker-processes", type=int, default=1,
                        help="split layout: `openlux worker --processes N` (one per core delivers fastest)")
    parser.add_argument("--sign-pool", default="thread", choices=("thread", "process"),
                        help="OPENLUX_DKIM_SIGN_POOL: where OpenSSL signs (threads, the default, or processes)")
    args = parser.parse_args()
    tmp = scratch("send-sink")
    sink = Sink(tmp, tls=True)
    rows = []
    cpu: CpuLog = {}
    try:
        for backend in args.backends.split(","):
            log(f"{backend}:")
            got = run_backend(backend, args, sink, cpu)
            where = f"{backend}, {args.layout}" + (f", {args.worker_processes} worker processes"
                                                   if args.layout == "split" and args.worker_processes > 1 else "")
            where += f", DKIM signing in a {args.sign_pool} pool" if args.sign_pool != "thread" else ""
            rows += [
                Row(f"delivered msgs/s, DKIM 2048-bit ({where})", got["DKIM on"], "msgs/s",
                    "same, unsigned", got["DKIM off"], goal="≥ 2,000/s and ≥ 66%"),
                Row(f"delivered msgs/s, unsigned ({where})", got["DKIM off"], "msgs/s",
                    "sink ceiling (smtp-source → sink, plain)", got["sink ceiling"], goal="≥ 3,000/s"),
            ]
    finally:
        sink.stop()
    ceiling_note = ("sink ceiling: not measured (Postfix's smtp-source is not installed)"
                    if any(math.isnan(v) for r in rows for v in r.baseline_values) else
                    "sink ceiling: Postfix smtp-source, 4 sessions, 11 KB messages, plain SMTP, measured every round")
    report("send_throughput", "Delivery: sendEmail to an SMTP sink over TLS, DKIM on and off", rows,
           rounds=args.rounds,
           notes=[f"{args.messages:,} messages of 2–20 KB per command per round, sendEmail calls of {CALL_SIZE:,}; "
                  f"sink: {sink.kind}", ceiling_note,
                  "CPU ms per message of each OpenLux process (the figure that holds on a busy machine), "
                  "median (min–max): " + "; ".join(
                      f"{command}: " + ", ".join(f"{name} {spread(values, 3)}" for name, values in by_process.items())
                      for command, by_process in cpu.items())])


if __name__ == "__main__":
    main()
