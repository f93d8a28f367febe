"""sendEmail throughput: 20,000 messages in calls of 1,000 to a loopback SMTP sink, SQLite and PostgreSQL.

    .venv/bin/python bench/send_throughput.py [--messages 20000] [--backends sqlite,postgresql]

Reports accepted msgs/s (API calls until the last reply) and delivered msgs/s (first call until the
last message is recorded as sent), next to the sink's own ceiling measured in the same run with
Postfix's `smtp-source` → `smtp-sink` (aiosmtpd sink and no ceiling when Postfix is not installed).
Targets (DESIGN.md §5): accepted ≥ 2,000/s, delivered ≥ 1,000/s. The last line prints the figures
side by side with the baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.support: server and sinks

from openlux.client import Client  # noqa: E402
from tests.support.databases import database_url, drop_postgres_database  # noqa: E402
from tests.support.server import RunningServer, free_port, openlux_bin, start_server, wait_until_up  # noqa: E402

CALL_SIZE = 1000  # sendEmail's per-call message limit (spec 10-user.md)
TARGET_ACCEPTED, TARGET_DELIVERED = 2000, 1000
SINK_PATHS = ("/usr/sbin/smtp-sink", "/usr/lib/postfix/sbin/smtp-sink")
SOURCE_PATHS = ("/usr/sbin/smtp-source", "/usr/lib/postfix/sbin/smtp-source")


def _find(paths: tuple[str, ...], name: str) -> str | None:
    return next((p for p in paths if os.access(p, os.X_OK)), shutil.which(name))


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


def sink_ceiling(source: str, address: str, messages: int) -> float:
    """msgs/s smtp-source reaches against the sink (4 sessions, connections reused)."""
    started = time.perf_counter()
    subprocess.run([source, "-d", "-s", "4", "-m", str(messages), "-f", "bench@example.com",
                    "-t", "sink@example.org", address], check=True, capture_output=True)
    return messages / (time.perf_counter() - started)


async def _prepare_user(server, limit: int) -> None:
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


async def _count_sent(server) -> tuple[int, int]:
    from sqlalchemy import func, select

    from openlux.config import Settings
    from openlux.core.context import AppContext
    from openlux.mail.models import OutboundMessage

    ctx = AppContext.build(Settings.load(data_dir=server.data_dir, database_url=server.database_url), pool_size=0)
    try:
        async with ctx.db.sessions() as session:
            rows = dict((await session.execute(select(OutboundMessage.state, func.count())
                                               .group_by(OutboundMessage.state))).all())
    finally:
        await ctx.close()
    return rows.get("sent", 0), rows.get("failed", 0)


def start_split(data_dir: Path, url: str, env: dict[str, str]) -> tuple[RunningServer, subprocess.Popen]:
    """`openlux api` and `openlux worker` as two processes (DESIGN.md §2 scale-out): one core each."""
    server = start_server(data_dir, url, extra_env={**env, "OPENLUX_DELIVERY_MODE": "capture"})
    server.stop()  # initialised; now run the roles apart
    server.env.update(env)
    log = (data_dir / "api.log").open("w")
    server.process = subprocess.Popen([openlux_bin(), "api"], env=server.env, stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True)
    worker = subprocess.Popen([openlux_bin(), "worker"], env=server.env, stdout=(data_dir / "worker.log").open("w"),
                              stderr=subprocess.STDOUT, start_new_session=True)
    wait_until_up(server)
    return server, worker


def run_backend(backend: str, relay: str, total: int, layout: str) -> tuple[float, float]:
    """(accepted/s, delivered/s) for one database backend and process layout (serve | split)."""
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-bench-{backend}-"))
    url = database_url(backend, str(tmp))
    env = {"OPENLUX_DELIVERY_MODE": "relay", "OPENLUX_RELAYS": relay, "OPENLUX_RELAY_TLS": "none",
           "OPENLUX_DELIVERY_POLL_SECONDS": "0.05", "OPENLUX_DELIVERY_CONNECTIONS_PER_DESTINATION": "8",
           "OPENLUX_DELIVERY_WORKERS": "16", "OPENLUX_DELIVERY_BATCH_SIZE": "500",
           "OPENLUX_DELIVERY_MESSAGES_PER_CONNECTION": "1000"}
    worker = None
    if layout == "split":
        server, worker = start_split(tmp / "data", url, env)
    else:
        server = start_server(tmp / "data", url, extra_env=env)
    try:
        asyncio.run(_prepare_user(server, total * 2))
        creds = server.credentials
        body = "Hello,\n\nyour statement is ready. This is message {i} of the benchmark.\n\n-- \nExample Clinic\n"
        with Client(server.base_url, creds["user_token"], creds["user_secret"], user=creds["user"],
                    password=creds["password"], timeout=300) as api:
            api.get_user()  # authenticate outside the timed part
            started = time.perf_counter()
            for first in range(0, total, CALL_SIZE):
                messages = [{"to": [f"r{i}@example.org"], "subject": f"Statement {i}", "text": body.format(i=i)}
                            for i in range(first, min(total, first + CALL_SIZE))]
                reply = api.send_email(messages=messages)
                assert all(r["status"] == "queued" for r in reply), reply[:3]
            accepted = total / (time.perf_counter() - started)
        while True:
            sent, failed = asyncio.run(_count_sent(server))
            if sent + failed >= total:
                break
            time.sleep(0.1)
        delivered = total / (time.perf_counter() - started)
        assert failed == 0, f"{failed} messages failed"
        return accepted, delivered
    finally:
        server.stop()
        if worker is not None:
            worker.terminate()
            worker.wait()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--layouts", default="serve,split",
                        help="serve: one `openlux serve` process; split: `openlux api` + `openlux worker`")
    args = parser.parse_args()
    sink_bin, source_bin = _find(SINK_PATHS, "smtp-sink"), _find(SOURCE_PATHS, "smtp-source")
    aiosmtpd_sink = None
    if sink_bin:
        sink = PostfixSink(sink_bin)
        address, stop = sink.address, sink.stop
        ceiling = sink_ceiling(source_bin, address, args.messages) if source_bin else float("nan")
        kind = "postfix smtp-sink"
    else:
        from tests.support.smtp_sinks import start_sink

        aiosmtpd_sink = start_sink("plain")
        address, stop, ceiling, kind = aiosmtpd_sink.address, aiosmtpd_sink.stop, float("nan"), "aiosmtpd sink"
    results = {}
    try:
        for layout in args.layouts.split(","):
            for backend in args.backends.split(","):
                key = f"{backend}/{layout}"
                results[key] = run_backend(backend, address, args.messages, layout)
                print(f"{key:18} accepted {results[key][0]:8.0f} msgs/s   delivered {results[key][1]:8.0f} msgs/s",
                      flush=True)
    finally:
        stop()
    print(f"sink ({kind}) ceiling: {ceiling:.0f} msgs/s (smtp-source -d -s 4)")
    figures = "  ".join(f"{k}: accepted {a:.0f}/s delivered {d:.0f}/s" for k, (a, d) in results.items())
    print(f"{figures}  |  baseline: sink ceiling {ceiling:.0f}/s, targets accepted ≥{TARGET_ACCEPTED}/s "
          f"delivered ≥{TARGET_DELIVERED}/s")


if __name__ == "__main__":
    main()
