"""`openlux retention show|set|purge --now` against a migrated database (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

from sqlalchemy import func, select
from typer.testing import CliRunner, Result

from openlux.cli import app
from openlux.core.context import AppContext
from openlux.core.time import utcnow
from openlux.tracking.models import TrackingEvent
from tests.retention.test_purge import make_tenant


async def _openlux(ctx: AppContext, *args: str) -> Result:
    options = ["--data-dir", str(ctx.settings.data_dir), "--database-url", ctx.settings.resolved_database_url]
    # The command runs its own event loop: give it a thread of its own.
    return await asyncio.to_thread(CliRunner().invoke, app, [*args, *options])


async def test_show_set_and_purge_now(ctx: AppContext) -> None:
    clinic = await make_tenant(ctx, "Clinic")
    at = utcnow() - timedelta(days=3)
    async with ctx.db.transaction() as session:
        session.add_all(
            TrackingEvent(account_id=clinic.account_id, channel="api", kind="open", at=at, client_ip="192.0.2.1")
            for _ in range(7)
        )
    account = str(clinic.account_id)

    shown = await _openlux(ctx, "retention", "show", "--account", account, "--json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["days"]["tracking_client"] == 30

    refused = await _openlux(ctx, "retention", "set", "tracking-client", "0", "--account", account)
    assert refused.exit_code == 1 and "1 to 3650 days" in refused.output
    unknown = await _openlux(ctx, "retention", "set", "bodies", "3", "--account", account)
    assert unknown.exit_code == 1 and "sent_content" in unknown.output
    changed = await _openlux(ctx, "retention", "set", "tracking-client", "2", "--account", account, "--json")
    assert changed.exit_code == 0, changed.output
    assert json.loads(changed.output)["days"]["tracking_client"] == 2

    not_now = await _openlux(ctx, "retention", "purge")
    assert not_now.exit_code == 1 and "--now" in not_now.output
    purged = await _openlux(ctx, "retention", "purge", "--now", "--json")
    assert purged.exit_code == 0, purged.output
    assert json.loads(purged.output.splitlines()[-1]) == {
        "purged": {
            "escrow-expired": 0,
            "escrowed-mail": 0,
            "sent-content": 0,
            "captured-mail": 0,
            "tracking-clients": 7,
            "unsubscribe-clients": 0,
            "webhook-history": 0,
            "audit-log": 0,
        },
        "failures": [],
    }
    async with ctx.db.sessions() as session:
        assert await session.scalar(select(func.count()).where(TrackingEvent.client_ip != "")) == 0

    back = await _openlux(ctx, "retention", "set", "tracking_client", "default", "--account", account, "--json")
    assert "tracking_client" in json.loads(back.output)["defaults"]
