"""The campaign role: claim a due campaign, send it batch by batch, resume campaigns whose worker died."""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
from datetime import timedelta

from sqlalchemy import and_, or_, select, update

from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import ApiError
from openlux.db import rows_matched
from openlux.marketing import sending
from openlux.marketing.models import CampaignStatus, MarketingCampaign

log = logging.getLogger("openlux.marketing")
POLL_SECONDS = 0.5  # how often an idle worker looks for due campaigns
STALE_AFTER = timedelta(minutes=5)  # a sending campaign without a batch for this long: its worker died


async def claim(ctx: AppContext, worker: str) -> int | None:
    """Take the earliest due scheduled (or abandoned sending) campaign; its id, or None."""
    now = clock.utcnow()
    claimable = or_(
        and_(MarketingCampaign.status == CampaignStatus.SCHEDULED, MarketingCampaign.send_at <= now),
        and_(MarketingCampaign.status == CampaignStatus.SENDING, MarketingCampaign.heartbeat_at < now - STALE_AFTER),
    )
    async with ctx.db.transaction() as session:
        campaign_id = await session.scalar(
            select(MarketingCampaign.id)
            .where(claimable)
            .order_by(MarketingCampaign.send_at, MarketingCampaign.id)
            .limit(1)
        )
        if campaign_id is None:
            return None
        # Conditional UPDATE: exactly one worker wins a campaign (STYLE.md §5).
        result = await session.execute(
            update(MarketingCampaign)
            .where(MarketingCampaign.id == campaign_id, claimable)
            .values(status=CampaignStatus.SENDING, claimed_by=worker, heartbeat_at=now)
            .execution_options(synchronize_session=False)
        )
        return campaign_id if rows_matched(result) == 1 else None


async def run_campaign(ctx: AppContext, campaign_id: int, worker: str) -> None:
    """Send every remaining batch of one claimed campaign."""
    try:
        async with ctx.db.transaction() as session:
            row = await session.get_one(MarketingCampaign, campaign_id)
            if row.started_at is None:
                row.started_at = clock.utcnow()
            await sending.refresh_contact_statistics(session)
            plan = await sending.plan_for(session, row, ctx)
    except ApiError as exc:
        await sending.fail(ctx, campaign_id, worker, exc.message)
        return
    while await sending.send_batch(ctx, plan, worker):
        await asyncio.sleep(0)  # let the API and the delivery workers in between batches


async def campaign_role(ctx: AppContext) -> None:
    """Send due campaigns until cancelled."""
    worker = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"
    while True:
        try:
            campaign_id = await claim(ctx, worker)
            if campaign_id is None:
                await asyncio.sleep(POLL_SECONDS)
                continue
            await run_campaign(ctx, campaign_id, worker)
        except asyncio.CancelledError:
            raise
        except Exception:  # one bad campaign must not stop the role; it is retried after STALE_AFTER
            log.exception("campaign worker error")
            await asyncio.sleep(POLL_SECONDS)
