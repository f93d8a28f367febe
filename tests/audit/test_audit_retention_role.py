"""Issue 9 item 17 on both backends: what the retention role of a real server deletes is in the audit
log — one `retention.purge` event per purge step and account (the kind of data and how many rows), not
one per row — read back with `openlux audit list --json`."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction
from openlux.core import time as clock
from openlux.mail.models import CapturedMessage
from openlux.secureline.models import EscrowMessage
from tests.audit.helpers import escrow_message
from tests.audit.test_audit_changes import events
from tests.console.test_console_http import send, wait_captured
from tests.support.databases import database_url, drop_postgres_database
from tests.support.dbquery import fetch_all, on_server_db
from tests.support.polling import assert_stays, wait_until
from tests.support.server import RunningServer, start_server


@pytest.fixture
def purging(backend: str) -> Iterator[RunningServer]:
    """A server of its own whose retention role runs every half second, one row per batch."""
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-audit-retention-{backend}-"))
    url = database_url(backend, str(tmp))
    running = start_server(
        tmp / "data",
        url,
        extra_env={
            "OPENLUX_RETENTION_INTERVAL_SECONDS": "0.5",
            "OPENLUX_RETENTION_BATCH_ROWS": "1",
            "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
        },
    )
    try:
        yield running
    finally:
        running.stop()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


def by_role(row: dict[str, Any]) -> bool:
    return (
        row["actor_kind"] == "system"
        and row["actor"] == "retention"
        and row["client_ip"] is None
        and row["outcome"] == "success"
    )


def test_the_retention_role_records_one_event_per_step_and_account(purging: RunningServer) -> None:
    server, account = purging, int(purging.credentials["account"])
    queued = [send(server, f"Old capture {n}") for n in range(3)]
    for queue_id in queued:
        wait_captured(server, queue_id)
    escrow_id, _token = escrow_message(server, "patient@example.org", "Expired escrow")

    async def age(session: Any, ctx: Any) -> None:
        # One transaction: a pass sees all of it or none of it.
        now = clock.utcnow()
        await session.execute(
            update(CapturedMessage)
            .where(CapturedMessage.outbound_message_id.in_(queued))
            .values(captured_at=now - timedelta(days=30))
        )
        await session.execute(
            update(EscrowMessage).where(EscrowMessage.id == escrow_id).values(expires_at=now - timedelta(hours=1))
        )
        ancient = audit.new_event(
            actor=audit.Actor.operator(), action=AuditAction.LOGIN, target="ancient", account_id=account
        )
        ancient.at = now - timedelta(days=audit.DEFAULT_RETENTION_DAYS + 1)
        session.add(ancient)

    on_server_db(server, age)
    wait_until(
        lambda: (
            {"captured-mail", "escrow-expired", "audit-log"}
            <= {row["target"] for row in events(server, "retention.purge")}
        ),
        timeout=30,
        what="the role's purge events",
    )
    purges = {row["target"]: row for row in events(server, "retention.purge")}
    assert all(by_role(row) and row["account_id"] == account for row in purges.values())
    # Three rows in three batches of one: one event that counts them.
    assert [row["target"] for row in events(server, "retention.purge", "captured-mail")] == ["captured-mail"]
    captured = purges["captured-mail"]["details"]
    assert (captured["rows"], captured["data"]) == (3, "captured_mail")
    assert captured["before"] < (clock.utcnow() - timedelta(days=6)).isoformat()
    assert purges["escrow-expired"]["details"] == {"rows": 1}
    assert purges["audit-log"]["details"] == {"rows": 1}
    assert not events(server, "login", "ancient")
    assert not fetch_all(server.database_url, "SELECT id FROM escrow_message WHERE id = :i", i=escrow_id)
    # Nothing left to purge: later passes (every half second) record nothing more.
    assert_stays(lambda: len(events(server, "retention.purge")) == 3, seconds=1.5, what="no further purge events")
