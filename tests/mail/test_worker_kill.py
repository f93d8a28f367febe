"""A delivery worker SIGKILLed in the middle of DATA loses nothing: another process re-claims after the lease."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from email import message_from_bytes
from pathlib import Path

from openlux.client import Client
from tests.support.databases import database_url, drop_postgres_database
from tests.support.server import openlux_bin, start_server
from tests.support.smtp_sinks import smtp_sink

MESSAGES = 6


def reclaims(server: object) -> int:
    """Attempts recorded as `reclaimed` (an interrupted claim taken over after its lease)."""
    from sqlalchemy import func, select

    from openlux.mail.models import DeliveryAttempt
    from tests.mail.test_send_api import on_server_db

    async def count(session: object, ctx: object) -> int:
        return await session.scalar(select(func.count()).where(DeliveryAttempt.outcome == "reclaimed"))

    deadline = time.monotonic() + 10
    while (found := on_server_db(server, count)) == 0 and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


LEASE = "2"  # seconds; production default is 300


def test_killed_worker_messages_are_delivered_by_the_next_one(backend: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-kill-{backend}-"))
    url = database_url(backend, str(tmp))
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
            )
            creds = server.credentials
            with Client(
                server.base_url,
                creds["user_token"],
                creds["user_secret"],
                user=creds["user"],
                password=creds["password"],
            ) as api:
                replies = api.send_email(
                    messages=[{"to": [f"k{i}@example.org"], "subject": f"m{i}", "text": "x"} for i in range(MESSAGES)]
                )
            queued = {r["message_id"] for r in replies}
            deadline = time.monotonic() + 20
            while slow.handler.attempts == 0 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert slow.handler.attempts > 0, "the worker never reached DATA"
            os.killpg(server.process.pid, signal.SIGKILL)  # mid-DATA: nothing was acknowledged yet
            server.process.wait()
            assert slow.messages == []
            env = {**server.env, "OPENLUX_RELAYS": fast.address}
            worker = subprocess.Popen(
                [openlux_bin(), "worker"],
                env=env,
                start_new_session=True,
                stdout=(tmp / "worker.log").open("w"),
                stderr=subprocess.STDOUT,
            )
            got = fast.wait_for(MESSAGES, timeout=40)
            delivered = {str(message_from_bytes(m.data)["Message-ID"]).strip("<>") for m in got}
            assert delivered == queued
            assert reclaims(server) >= 1  # the interrupted claim is on record
    finally:
        if worker is not None and worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=20)
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)
