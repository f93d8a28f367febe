"""Helpers of the marketing tests: unique names, failures with their envelope, a list with custom fields."""

from __future__ import annotations

import uuid
from typing import Any

from openlux.client import Client
from tests.support.dbquery import on_server_db
from tests.support.polling import wait_until


def unique(prefix: str) -> str:
    """A name no other test of the session uses (the server is shared)."""
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def list_with_fields(api: Client) -> tuple[dict[str, Any], dict[str, str]]:
    """A new list carrying three new custom fields (text, number, date); the list and the field names."""
    names = {"first": unique("first"), "age": unique("age"), "born": unique("born")}
    api.create_custom_field(name=names["first"], type="text", default="there")
    api.create_custom_field(name=names["age"], type="number")
    api.create_custom_field(name=names["born"], type="date")
    made = api.add_list(name=unique("List"), from_name="Clinic", from_address=api.user, fields=list(names.values()))
    return made, names


def wait_status(api: Client, campaign_id: int, wanted: str, timeout: float = 30.0) -> dict[str, Any]:
    """Poll getCampaign until the campaign reaches `wanted`; the campaign."""

    def reached() -> dict[str, Any] | None:
        campaign = api.get_campaign(campaign_id=campaign_id)
        assert campaign["status"] not in ("failed", "cancelled") or campaign["status"] == wanted, campaign
        return campaign if campaign["status"] == wanted else None

    return wait_until(reached, timeout=timeout, what=f"campaign {campaign_id} {wanted}")


def captured_for_campaign(server: Any, campaign_id: int, count: int, timeout: float = 30.0) -> dict[str, bytes]:
    """The captured MIME of each queued message of a campaign, by recipient (waits for `count`)."""
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

    def enough() -> dict[str, bytes] | None:
        found = on_server_db(server, read)
        return found if len(found) >= count else None

    return wait_until(enough, timeout=timeout, what=f"{count} captured messages")
