"""The retention role in a real `openlux serve` (SQLite and PostgreSQL): mail sent through the server
loses its content once back-dated past the account's lifetime, set with `openlux retention set`; a
step that fails in the database is logged and the process keeps serving; the console still shows
the delivery record."""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text, update

from openlux.core import time as clock
from openlux.db import make_engine
from openlux.mail.models import CapturedMessage, OutboundMessage
from tests.support.cli import run_cli
from tests.support.console import sso_browser
from tests.support.databases import database_url, drop_postgres_database
from tests.support.dbquery import fetch_all, fetch_until
from tests.support.server import RunningServer, start_server


@pytest.fixture
def served(backend: str) -> Iterator[RunningServer]:
    """A server of its own whose retention role runs every half second."""
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-retention-{backend}-"))
    url = database_url(backend, str(tmp))
    running = start_server(
        tmp / "data",
        url,
        extra_env={"OPENLUX_RETENTION_INTERVAL_SECONDS": "0.5", "OPENLUX_DELIVERY_POLL_SECONDS": "0.05"},
    )
    try:
        yield running
    finally:
        running.stop()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)


def execute(url: str, *statements: object) -> None:
    """Run statements against the server's database in one transaction (back-dating rows, breaking a table)."""

    async def run() -> None:
        engine = make_engine(url, pool_size=0)
        try:
            async with engine.begin() as conn:
                for statement in statements:
                    await conn.execute(statement)  # type: ignore[call-overload]  # Core statements or text()
        finally:
            await engine.dispose()

    asyncio.run(run())


def test_the_served_role_purges_back_dated_content_and_survives_a_failing_step(served: RunningServer) -> None:
    url = served.database_url
    sent = json.loads(
        run_cli(served, "send", "--to", "pat@example.org", "--subject", "Lab results", "--text", "All normal").stdout
    )
    message_id = sent[0]["id"]
    rows = fetch_until(
        url,
        "SELECT m.state, (SELECT count(*) FROM captured_message c WHERE c.outbound_message_id = m.id) AS copies "
        "FROM outbound_message m WHERE m.id = :id",
        lambda r: bool(r) and r[0]["state"] == "sent" and r[0]["copies"] == 1,
        timeout=30,
        id=message_id,
    )
    assert rows[0]["state"] == "sent" and rows[0]["copies"] == 1, rows
    run_cli(served, "retention", "set", "sent_content", "2")
    shown = json.loads(run_cli(served, "retention", "show", "--json").stdout)
    assert shown["days"]["sent_content"] == 2 and "sent_content" not in shown["defaults"]

    # A step that fails in the database (its table is gone), then content older than its lifetime.
    three_days_ago = clock.utcnow() - timedelta(days=3)
    execute(url, text("DROP TABLE webhook_delivery"))
    execute(
        url,
        update(OutboundMessage).where(OutboundMessage.id == message_id).values(created_at=three_days_ago),
        update(CapturedMessage).values(captured_at=clock.utcnow() - timedelta(days=8)),  # captured_mail default: 7
    )

    rows = fetch_until(
        url,
        "SELECT length(mime_sealed) AS content, state, "
        "(SELECT count(*) FROM captured_message) AS copies, "
        "(SELECT count(*) FROM outbound_recipient r WHERE r.message_id = m.id) AS recipients "
        "FROM outbound_message m WHERE m.id = :id",
        lambda r: r[0]["content"] == 0 and r[0]["copies"] == 0,
        timeout=30,
        id=message_id,
    )
    assert rows == [{"content": 0, "state": "sent", "copies": 0, "recipients": 1}], rows
    assert served.is_running(), served.log_tail()
    failed_step = "retention step webhook-history failed for account"
    deadline = time.monotonic() + 30  # the webhook step runs after the content steps of the same pass
    while failed_step not in (log := served.log_tail(1_000_000)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert failed_step in log, log[-3000:]

    # The console still shows the delivery record, and says where the content went.
    browser = sso_browser(served)
    try:
        page = browser.get(f"/console/messages/{message_id}")
        settings_page = browser.get("/console/settings")
    finally:
        browser.close()
    assert page.status_code == 200, page.text[:500]
    assert "retention lifetime for sent mail" in page.text
    assert "pat@example.org" in page.text and "All normal" not in page.text
    assert settings_page.status_code == 200, settings_page.text[:500]
    retention_card = settings_page.text.split("<h2>Retention</h2>", 1)[1]
    assert "Sent content</th><td>2 days</td>" in retention_card
    assert 'Captured mail</th><td>7 days <span class="muted">(default)</span>' in retention_card

    # The failing step keeps failing on later passes without stopping the others: a message
    # captured now is left alone (young), and one back-dated later still goes.
    again = json.loads(
        run_cli(served, "send", "--to", "lee@example.org", "--subject", "Second", "--text", "Two").stdout
    )[0]["id"]
    fetch_until(url, "SELECT count(*) AS n FROM captured_message", lambda r: r[0]["n"] == 1, timeout=30)
    execute(url, update(CapturedMessage).values(captured_at=clock.utcnow() - timedelta(days=8)))
    assert fetch_until(url, "SELECT count(*) AS n FROM captured_message", lambda r: r[0]["n"] == 0, timeout=30) == [
        {"n": 0}
    ]
    assert fetch_all(url, "SELECT state FROM outbound_message WHERE id = :id", id=again) == [{"state": "sent"}]
    assert served.is_running()
