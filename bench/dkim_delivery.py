"""Delivered msgs/s with a 2048-bit DKIM key next to unsigned delivery: one server, alternating rounds.

    .venv/bin/python bench/dkim_delivery.py [--messages 2000] [--rounds 3] [--backend sqlite]
                                           [--sign-pool thread|process] [--layout serve|split]

Everything goes through the product's public paths: sendEmail over signed HTTP in calls of up to
1,000 realistic messages (2–20 KB of text, seeded, the same messages in both modes), createDkim /
deleteDkim to switch signing on and off between rounds, and SMTP relay delivery to a loopback sink
(Postfix `smtp-sink` when installed, else the aiosmtpd sink of the tests). A round's figure is its
message count divided by the time from its first sendEmail call until the last message is recorded
as sent; beside it, the CPU the server's processes (API, delivery, signing pool) spent per message,
which a machine shared with other work disturbs much less. Rounds alternate signed/unsigned
(S U U S S U …) so drift in the machine's load hits both.
The last line prints the medians with their spread and the ratio; the goal (issue 11, clarification 9)
is signed ≥ 0.66 × unsigned on the same machine.

`--layout split` runs `openlux api` and `openlux worker` apart; the worker then sees a key change
within its one-minute key cache, so the bench waits that long after each switch (serve: at once).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support: server and sinks

from openlux.client import Client
from tests.support.databases import database_url, drop_postgres_database
from tests.support.server import (
    RunningServer,
    free_port,
    openlux_bin,
    start_server,
    wait_until_up,
)

CALL_SIZE = 1000  # sendEmail's per-call message limit (spec 10-user.md)
GOAL_RATIO = 0.66
SINK_PATHS = ("/usr/sbin/smtp-sink", "/usr/lib/postfix/sbin/smtp-sink")
WORDS = [
    "patient",
    "results",
    "appointment",
    "clinic",
    "statement",
    "invoice",
    "balance",
    "insurance",
    "coverage",
    "doctor",
    "review",
    "please",
    "contact",
    "office",
    "schedule",
    "follow-up",
    "prescription",
    "pharmacy",
    "record",
    "secure",
    "portal",
    "message",
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "on",
    "your",
    "our",
    "we",
    "you",
    "this",
    "that",
    "is",
    "are",
    "be",
    "will",
    "have",
]
KEY_CACHE_WAIT = 61.0  # mail.dkim caches a domain's keys for a minute in processes that did not change them


def body_of(size: int, rng: random.Random) -> str:
    """Plain text of about `size` bytes in paragraphs of wrapped lines, like a statement or a letter."""
    lines, total = [], 0
    while total < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 13))).capitalize() + "."
        lines.append(line)
        total += len(line) + 1
        if rng.random() < 0.2:
            lines.append("")
    return "\n".join(lines)


def messages_for(count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [
        {
            "to": [f"r{i}@example.org"],
            "subject": f"Your statement {i}",
            "text": body_of(rng.randint(2_000, 20_000), rng),
        }
        for i in range(count)
    ]


class PostfixSink:
    """Postfix's smtp-sink on a loopback port (accepts and discards everything)."""

    def __init__(self, binary: str) -> None:
        self.port = free_port()
        user = ["-u", "nobody"] if os.geteuid() == 0 else []
        self.process = subprocess.Popen([binary, *user, f"127.0.0.1:{self.port}", "512"])
        time.sleep(0.3)
        self.address = f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()


async def _set_limit(server: RunningServer, limit: int) -> None:
    from sqlalchemy import update

    from openlux.accounts.models import User
    from openlux.config import Settings
    from openlux.core.context import AppContext

    ctx = AppContext.build(Settings.load(data_dir=server.data_dir, database_url=server.database_url), pool_size=0)
    try:
        async with ctx.db.transaction() as session:
            await session.execute(update(User).values(settings={"hourly_send_limit": limit}))
    finally:
        await ctx.close()


async def _sent(server: RunningServer) -> tuple[int, int]:
    """(sent, failed) messages so far (the harness reads the database; delivery itself is over SMTP)."""
    from sqlalchemy import func, select

    from openlux.config import Settings
    from openlux.core.context import AppContext
    from openlux.mail.models import OutboundMessage

    ctx = AppContext.build(Settings.load(data_dir=server.data_dir, database_url=server.database_url), pool_size=0)
    try:
        async with ctx.db.sessions() as session:
            rows = dict(
                (
                    await session.execute(select(OutboundMessage.state, func.count()).group_by(OutboundMessage.state))
                ).all()
            )
    finally:
        await ctx.close()
    return rows.get("sent", 0), rows.get("failed", 0)


def start(tmp: Path, url: str, env: dict[str, str], layout: str) -> tuple[RunningServer, subprocess.Popen | None]:
    server = start_server(tmp / "data", url, extra_env=env)
    if layout == "serve":
        return server, None
    server.stop()
    log = (tmp / "data" / "api.log").open("w")
    server.process = subprocess.Popen(
        [openlux_bin(), "api"], env=server.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    worker = subprocess.Popen(
        [openlux_bin(), "worker"],
        env=server.env,
        stdout=(tmp / "data" / "worker.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_until_up(server)
    return server, worker


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of a process and its live descendants (Linux /proc; 0 elsewhere).
    On a machine shared with other work, CPU per message moves much less than messages per second."""
    ticks = os.sysconf("SC_CLK_TCK")
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / ticks)
    total, wanted = 0.0, {root}
    changed = True
    while changed:
        changed = False
        for pid, (parent, _cpu) in stats.items():
            if parent in wanted and pid not in wanted:
                wanted.add(pid)
                changed = True
    for pid in wanted:
        total += stats.get(pid, (0, 0.0))[1]
    return total


def one_round(
    server: RunningServer, pids: list[int], user: Client, batch: list[dict], already: int
) -> tuple[float, float]:
    """(msgs/s, server CPU ms per message) of one round: first call until every message is recorded as sent."""
    cpu_before = sum(tree_cpu_seconds(pid) for pid in pids)
    started = time.perf_counter()
    for first in range(0, len(batch), CALL_SIZE):
        reply = user.send_email(messages=batch[first : first + CALL_SIZE])
        assert all(r["status"] == "queued" for r in reply), reply[:3]
    while True:
        sent, failed = asyncio.run(_sent(server))
        assert failed == 0, f"{failed} messages failed: see {server.log_path}"
        if sent >= already + len(batch):
            rate = len(batch) / (time.perf_counter() - started)
            return rate, (sum(tree_cpu_seconds(pid) for pid in pids) - cpu_before) * 1000 / len(batch)
        time.sleep(0.05)


def spread(values: list[float], unit: str = "/s", digits: int = 0) -> str:
    return (
        f"median {statistics.median(values):7.{digits}f}{unit}  "
        f"(min {min(values):.{digits}f}, max {max(values):.{digits}f}, n={len(values)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000, help="messages per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each mode")
    parser.add_argument("--backend", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--sign-pool", default="thread", choices=["thread", "process"])
    parser.add_argument("--layout", default="serve", choices=["serve", "split"])
    args = parser.parse_args()

    sink_bin = next((p for p in SINK_PATHS if os.access(p, os.X_OK)), shutil.which("smtp-sink"))
    if sink_bin:
        postfix = PostfixSink(sink_bin)
        address, stop_sink, kind = postfix.address, postfix.stop, "postfix smtp-sink"
    else:
        from tests.support.smtp_sinks import start_sink

        sink = start_sink("plain")
        address, stop_sink, kind = sink.address, sink.stop, "aiosmtpd sink (Postfix not installed)"
    tmp = Path(tempfile.mkdtemp(prefix="openlux-bench-dkim-"))
    url = database_url(args.backend, str(tmp))
    env = {
        "OPENLUX_DELIVERY_MODE": "relay",
        "OPENLUX_RELAYS": address,
        "OPENLUX_RELAY_TLS": "none",
        "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
        "OPENLUX_DELIVERY_CONNECTIONS_PER_DESTINATION": "8",
        "OPENLUX_DELIVERY_WORKERS": "16",
        "OPENLUX_DELIVERY_BATCH_SIZE": "500",
        "OPENLUX_DELIVERY_MESSAGES_PER_CONNECTION": "1000",
        "OPENLUX_DKIM_SIGN_POOL": args.sign_pool,
    }
    server, worker = start(tmp, url, env, args.layout)
    results: dict[str, list[float]] = {"signed": [], "unsigned": []}
    cpu: dict[str, list[float]] = {"signed": [], "unsigned": []}
    try:
        asyncio.run(_set_limit(server, 10 * args.messages * args.rounds * 2))
        c = server.credentials
        account = Client(server.base_url, c["account_token"], c["account_secret"], account=c["account"], user=c["user"])
        user = Client(
            server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"], timeout=300
        )
        domain = c["user"].rsplit("@", 1)[1]
        user.get_user()  # authenticate outside the timed part
        delivered = 0
        # Warm-up (not counted): connections, caches, the signing pool.
        account.create_dkim(domain=domain, selector="warmup", key_size=2048)
        delivered += len(warm := messages_for(100, 0))
        pids = [server.process.pid] + ([worker.pid] if worker is not None else [])
        one_round(server, pids, user, warm, 0)
        account.delete_dkim(domain=domain)
        order = []
        for r in range(args.rounds):
            order += ["signed", "unsigned"] if r % 2 == 0 else ["unsigned", "signed"]
        for i, mode in enumerate(order):
            if mode == "signed":
                key = account.create_dkim(domain=domain, selector=f"bench{i}", key_size=2048)
                assert key["key_size"] == 2048
            if args.layout == "split" and (i == 0 or order[i - 1] != mode):
                time.sleep(KEY_CACHE_WAIT)
            batch = messages_for(args.messages, seed=1 + i // 2)  # both modes of a pair send the same mail
            rate, cpu_ms = one_round(server, pids, user, batch, delivered)
            delivered += len(batch)
            results[mode].append(rate)
            cpu[mode].append(cpu_ms)
            size = sum(len(m["text"]) for m in batch) / len(batch) / 1024
            print(
                f"round {i + 1:2} {mode:8} {rate:7.0f} msgs/s  {cpu_ms:5.2f} ms CPU/msg  "
                f"({len(batch)} messages, mean text {size:.1f} KB)",
                flush=True,
            )
            if mode == "signed":
                account.delete_dkim(domain=domain)
    finally:
        server.stop()
        if worker is not None:
            worker.terminate()
            worker.wait()
        stop_sink()
        if args.backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)
    signed, unsigned = statistics.median(results["signed"]), statistics.median(results["unsigned"])
    signed_cpu, unsigned_cpu = statistics.median(cpu["signed"]), statistics.median(cpu["unsigned"])
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; sink: {kind}; "
        f"backend {args.backend}, layout {args.layout}, sign pool {args.sign_pool}"
    )
    print(f"DKIM rsa-sha256 2048-bit: {spread(results['signed'])}   CPU {spread(cpu['signed'], ' ms/msg', 2)}")
    print(f"unsigned (baseline):      {spread(results['unsigned'])}   CPU {spread(cpu['unsigned'], ' ms/msg', 2)}")
    print(
        f"signed {signed:.0f}/s vs unsigned {unsigned:.0f}/s = {signed / unsigned:.2f} (goal ≥ {GOAL_RATIO:.2f}); "
        f"by server CPU per message (API + delivery + signing): {unsigned_cpu / signed_cpu:.2f}"
    )


if __name__ == "__main__":
    main()
