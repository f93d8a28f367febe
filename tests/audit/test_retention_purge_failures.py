"""Issue 9 item 17 (service level, SQLite and PostgreSQL): a purge step that fails for an account is a
`retention.purge` event with outcome `failure` for that account, read back with `openlux audit list
--json`; a step with nothing to purge records nothing."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession
from typer.testing import CliRunner

from openlux.accounts import bootstrap
from openlux.accounts.retention import RetainedData
from openlux.cli import app
from openlux.core.context import AppContext
from openlux.retention import purge
from openlux.retention.purge import AccountStep, purge_once


async def broken_batch(session: AsyncSession, account_id: int, before: datetime, limit: int) -> int:
    """A step whose SQL fails in the database, as a step broken by a bad migration would."""
    await session.execute(text("DELETE FROM no_such_table_for_audit"))
    return 0


def purge_events(ctx: AppContext, account_id: int) -> list[dict[str, Any]]:
    """`openlux audit list --json --action retention.purge` of the account, oldest first."""
    env = {"OPENLUX_DATA_DIR": str(ctx.settings.data_dir), "OPENLUX_DATABASE_URL": ctx.settings.database_url}
    listed = CliRunner().invoke(
        app, ["audit", "list", "--json", "--account", str(account_id), "--action", "retention.purge"], env=env
    )
    assert listed.exit_code == 0, listed.output
    return [json.loads(line) for line in reversed(listed.output.splitlines()) if line.strip()]


async def test_a_failing_purge_step_is_a_failure_event_and_an_idle_step_records_nothing(ctx: AppContext) -> None:
    async with ctx.db.transaction() as session:
        account_id = (await bootstrap.create_account(session, "Purged clinic")).id
    broken = AccountStep("broken", RetainedData.SENT_CONTENT, broken_batch)
    idle = AccountStep("captured-mail", RetainedData.CAPTURED_MAIL, purge.delete_captured)
    report = await purge_once(ctx, (broken, idle))
    assert ("broken", account_id) in [(step, account) for step, account, _why in report.failures]
    [failed] = await asyncio.to_thread(purge_events, ctx, account_id)  # the CLI runs its own event loop
    assert (failed["target"], failed["outcome"], failed["actor_kind"], failed["actor"]) == (
        "broken",
        "failure",
        "system",
        "retention",
    )
    assert failed["client_ip"] is None and failed["details"]["rows"] == 0
    assert failed["details"]["data"] == "sent_content" and failed["details"]["before"]
