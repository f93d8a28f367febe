"""`openlux worker --processes 2`: two delivery processes share one queue, every message goes out once.

Real processes (`openlux api` takes the sendEmail calls, `openlux worker --processes 2` delivers) on
both backends, to a real SMTP sink. While the burst is delivered, both processes hold claims (the
claim names in outbound_message.claimed_by carry each process's pid): a claim is at most two
messages per deliverer, so the first process to poll does not take the whole burst. Afterwards every
Message-ID arrived exactly once, and SIGTERM to the parent stops both children.
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select

from openlux.mail.models import OutboundMessage
from tests.support.cli import init_installation
from tests.support.dbquery import on_server_db
from tests.support.server import (
    scratch_installation,
    server_env,
    start_api_process,
    start_worker_process,
    user_client,
    wait_for_start_line,
)
from tests.support.smtp_sinks import smtp_sink

MESSAGES = 240
DELIVERERS = 4  # per process: claims of at most 8 messages each


def claiming_processes(where: Any) -> set[str]:
    """The `<machine>:<pid>` of every process holding a claim right now."""

    async def names(session: Any, _ctx: Any) -> set[str]:
        rows = await session.scalars(select(OutboundMessage.claimed_by).where(OutboundMessage.claimed_by.is_not(None)))
        return {name.rsplit(":", 1)[0] for name in rows}

    return on_server_db(where, names)


def test_two_worker_processes_share_the_queue_and_send_each_message_once(backend: str) -> None:
    with scratch_installation(backend, "openlux-workers") as (tmp, url):
        data_dir = tmp / "data"
        workers = api = None
        try:
            with smtp_sink("plain", delay=0.01) as sink:
                env = server_env(
                    data_dir,
                    url,
                    {
                        "OPENLUX_DELIVERY_MODE": "relay",
                        "OPENLUX_RELAYS": sink.address,
                        "OPENLUX_DELIVERY_WORKERS": str(DELIVERERS),
                        "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
                    },
                )
                creds = init_installation(env)
                log = tmp / "workers.log"
                workers = start_worker_process(env, log, "--processes", "2")
                wait_for_start_line(log, workers)
                api, port = start_api_process(env)
                with user_client(port, creds) as client:
                    replies = client.send_email(
                        messages=[
                            {"to": [f"p{i}@example.org"], "subject": f"m{i}", "text": "x"} for i in range(MESSAGES)
                        ]
                    )
                queued = {r["message_id"] for r in replies}
                assert len(queued) == MESSAGES

                where = SimpleNamespace(data_dir=data_dir, database_url=url)
                claimers: set[str] = set()
                deadline = time.monotonic() + 90
                while len(sink.messages) < MESSAGES and time.monotonic() < deadline:
                    claimers |= claiming_processes(where)
                    time.sleep(0.05)
                time.sleep(1)  # anything sent twice would arrive now
                seen = Counter(str(message_from_bytes(m.data)["Message-ID"]).strip("<>") for m in sink.messages)
                assert set(seen) == queued, (
                    f"{len(queued - set(seen))} messages not delivered\n{log.read_text()[-3000:]}"
                )
                assert max(seen.values()) == 1, f"sent twice: {[m for m, n in seen.items() if n > 1]}"
                assert len(claimers) == 2, f"claims held by {claimers}: one process took the whole burst"

                children = [
                    int(p) for p in Path(f"/proc/{workers.pid}/task/{workers.pid}/children").read_text().split()
                ]
                assert len(children) == 2
                workers.send_signal(signal.SIGTERM)
                assert workers.wait(timeout=30) == 0
                for child in children:
                    assert (
                        not Path(f"/proc/{child}").exists() or "Z" in Path(f"/proc/{child}/stat").read_text().split()[2]
                    )
        finally:
            for process in (workers, api):
                if process is not None and process.poll() is None:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
