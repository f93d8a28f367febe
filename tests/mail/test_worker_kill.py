"""A delivery worker SIGKILLed in the middle of DATA loses nothing: another process re-claims after the lease."""

from __future__ import annotations

import os
import signal
from email import message_from_bytes
from typing import Any

from sqlalchemy import func, select

from openlux.mail.models import DeliveryAttempt
from tests.support.dbquery import on_server_db
from tests.support.polling import wait_until
from tests.support.server import RunningServer, scratch_installation, start_server, start_worker_process
from tests.support.smtp_sinks import smtp_sink

MESSAGES = 6


def reclaims(server: RunningServer) -> int:
    """Attempts recorded as `reclaimed` (an interrupted claim taken over after its lease); waits for one."""

    async def count(session: Any, ctx: Any) -> int:
        return await session.scalar(select(func.count()).where(DeliveryAttempt.outcome == "reclaimed"))

    return wait_until(lambda: on_server_db(server, count), timeout=10, what="a reclaimed attempt")


LEASE = "2"  # seconds; production default is 300


def test_killed_worker_messages_are_delivered_by_the_next_one(backend: str) -> None:
    with scratch_installation(backend, "openlux-kill") as (tmp, url):
        worker = None
        try:
            with smtp_sink("plain", delay=30) as slow, smtp_sink("plain") as fast:
                server = start_server(
                    tmp / "data",
                    url,
                    extra_env={
                        "OPENLUX_DELIVERY_MODE": "relay",
                        "OPENLUX_RELAYS": slow.address,
                        "OPENLUX_DELIVERY_LEASE_SECONDS": LEASE,
                        "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
                    },
                    process=True,
                )  # SIGKILLed below: it must be a process
                with server.user_api() as api:
                    replies = api.send_email(
                        messages=[
                            {"to": [f"k{i}@example.org"], "subject": f"m{i}", "text": "x"} for i in range(MESSAGES)
                        ]
                    )
                queued = {r["message_id"] for r in replies}
                wait_until(lambda: slow.handler.attempts, timeout=20, interval=0.02, what="the worker reaching DATA")
                os.killpg(server.process.pid, signal.SIGKILL)  # mid-DATA: nothing was acknowledged yet
                server.process.wait()
                assert slow.messages == []
                env = {**server.env, "OPENLUX_RELAYS": fast.address}
                worker = start_worker_process(env, tmp / "worker.log")
                got = fast.wait_for(MESSAGES, timeout=40)
                delivered = {str(message_from_bytes(m.data)["Message-ID"]).strip("<>") for m in got}
                assert delivered == queued
                assert reclaims(server) >= 1  # the interrupted claim is on record
        finally:
            if worker is not None and worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=20)
