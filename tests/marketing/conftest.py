"""Helpers of the marketing tests: unique names, failures with their envelope, a list with custom fields."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from openlux.client import Client, LuxSciError


def unique(prefix: str) -> str:
    """A name no other test of the session uses (the server is shared)."""
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def failure(call: Any, *args: Any, **kwargs: Any) -> LuxSciError:
    """The LuxSciError a call raises, after checking the failure envelope."""
    with pytest.raises(LuxSciError) as info:
        call(*args, **kwargs)
    assert info.value.body["success"] == 0 and info.value.body["error"]
    return info.value


def list_with_fields(api: Client) -> tuple[dict[str, Any], dict[str, str]]:
    """A new list carrying three new custom fields (text, number, date); the list and the field names."""
    names = {"first": unique("first"), "age": unique("age"), "born": unique("born")}
    api.create_custom_field(name=names["first"], type="text", default="there")
    api.create_custom_field(name=names["age"], type="number")
    api.create_custom_field(name=names["born"], type="date")
    made = api.add_list(name=unique("List"), from_name="Clinic", from_address=api.user, fields=list(names.values()))
    return made, names


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    """On a failed marketing test, show the end of the server log (a 500 is explained there)."""
    report = yield
    server = item.funcargs.get("server") if hasattr(item, "funcargs") else None
    if report.when == "call" and report.failed and server is not None:
        report.sections.append(("openlux serve log", server.log_tail(3000)))
    return report


def on_server_db(server: Any, work: Any) -> Any:
    """Run `work(session, ctx)` in a transaction on the server's database (inspection only)."""
    import asyncio

    from openlux.config import Settings
    from openlux.core.context import AppContext

    async def run() -> Any:
        ctx = AppContext.build(Settings.load(data_dir=server.data_dir, database_url=server.database_url), pool_size=0)
        try:
            async with ctx.db.transaction() as session:
                return await work(session, ctx)
        finally:
            await ctx.close()

    return asyncio.run(run())


def wait_status(api: Client, campaign_id: int, wanted: str, timeout: float = 30.0) -> dict[str, Any]:
    """Poll getCampaign until the campaign reaches `wanted`; the campaign."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        campaign = api.get_campaign(campaign_id=campaign_id)
        if campaign["status"] == wanted:
            return campaign
        assert campaign["status"] not in ("failed", "cancelled") and time.monotonic() < deadline, campaign
        time.sleep(0.1)


def captured_for_campaign(server: Any, campaign_id: int, count: int, timeout: float = 30.0) -> dict[str, bytes]:
    """The captured MIME of each queued message of a campaign, by recipient (waits for `count`)."""
    import time

    from sqlalchemy import select

    from openlux.mail.models import CapturedMessage
    from openlux.mail.outbox import SEAL_CONTEXT
    from openlux.marketing.models import CampaignMessage

    async def read(session: Any, ctx: Any) -> dict[str, bytes]:
        rows = await session.execute(
            select(CampaignMessage.email, CapturedMessage.mime_sealed)
            .join(CapturedMessage, CapturedMessage.outbound_message_id == CampaignMessage.outbound_message_id)
            .where(CampaignMessage.campaign_id == campaign_id)
        )
        return {email: ctx.box.open(sealed, context=SEAL_CONTEXT) for email, sealed in rows}

    deadline = time.monotonic() + timeout
    while len(found := on_server_db(server, read)) < count:
        assert time.monotonic() < deadline, f"captured {len(found)} of {count}"
        time.sleep(0.1)
    return found
