"""Crash cost (issue 11, item 4): SIGKILL a delivering process, start another; measure what it cost.

Over real SMTP: every message arrives, messages sent twice are at most the messages in flight
(one per deliverer: delivery_workers), and the killed process's leases (300 s, the production
default) are taken over within seconds because its heartbeat went stale.
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from email import message_from_bytes

from tests.support.server import scratch_installation, start_server, start_worker_process
from tests.support.smtp_sinks import smtp_sink

MESSAGES = 120  # enough to kill mid-delivery (KILL_AFTER) with most still queued; 300 only took longer
DELIVERERS = 4  # OPENLUX_DELIVERY_WORKERS: the in-flight bound
STALE = 2  # seconds without heartbeat before a process counts as dead
KILL_AFTER = 30  # messages the sink has when the first process is killed
TAKEOVER_LIMIT = 45.0  # seconds for the second process to finish everything; the lease alone is 300


def message_ids(messages: list) -> Counter[str]:
    return Counter(str(message_from_bytes(m.data)["Message-ID"]).strip("<>") for m in messages)


def test_sigkill_mid_delivery_costs_at_most_the_messages_in_flight(backend: str) -> None:
    with scratch_installation(backend, "openlux-crash") as (tmp, url):
        worker = None
        try:
            with smtp_sink("plain", delay=0.02) as sink:
                server = start_server(
                    tmp / "data",
                    url,
                    extra_env={
                        "OPENLUX_DELIVERY_MODE": "relay",
                        "OPENLUX_RELAYS": sink.address,
                        "OPENLUX_DELIVERY_WORKERS": str(DELIVERERS),
                        "OPENLUX_DELIVERY_WORKER_STALE_SECONDS": str(STALE),
                        "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
                    },
                    process=True,  # a real process, to SIGKILL
                )
                with server.user_api() as api:
                    replies = api.send_email(
                        messages=[
                            {"to": [f"c{i}@example.org"], "subject": f"m{i}", "text": "x"} for i in range(MESSAGES)
                        ]
                    )
                queued = {r["message_id"] for r in replies}
                assert len(queued) == MESSAGES
                sink.wait_for(KILL_AFTER, timeout=60)
                assert server.process is not None
                os.killpg(server.process.pid, signal.SIGKILL)
                server.process.wait()
                before_kill = len(sink.messages)
                assert before_kill < MESSAGES, "everything was delivered before the kill; the test proves nothing"

                started = time.monotonic()
                worker = start_worker_process(server.env, tmp / "worker.log")
                deadline = started + TAKEOVER_LIMIT
                while set(message_ids(sink.messages)) != queued and time.monotonic() < deadline:
                    time.sleep(0.1)
                took = time.monotonic() - started
                seen = message_ids(sink.messages)
                assert set(seen) == queued, (
                    f"{len(queued - set(seen))} messages still undelivered after {took:.1f}s "
                    f"(the killed process's leases were not taken over)\n" + (tmp / "worker.log").read_text()[-3000:]
                )
                twice = sum(n - 1 for n in seen.values())
                assert twice <= DELIVERERS, f"{twice} messages delivered twice; in flight were at most {DELIVERERS}"
        finally:
            if worker is not None and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=20)
