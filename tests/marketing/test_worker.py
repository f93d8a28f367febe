"""The campaign worker at service level (both backends): claims, take-over after a dead worker, failures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, select, update

from openlux.accounts.models import User
from openlux.content.models import EmailTemplate
from openlux.core.context import AppContext
from openlux.core.time import utcnow
from openlux.marketing import bulk, campaigns, lists, sending, worker
from openlux.marketing.common import Owner
from openlux.marketing.models import CampaignMessage, MarketingCampaign
from openlux.marketing.schemas import CampaignIn, ContactsIn, ListIn


async def _setup(ctx: AppContext, contacts: int, **campaign: Any) -> tuple[int, Owner]:
    """An account with a list of `contacts` contacts and a campaign due now; (campaign id, owner)."""
    from openlux.accounts.bootstrap import initialise

    info = await initialise(ctx, admin_login="admin@example.com", password="Correct-Horse-2024")
    async with ctx.db.transaction() as session:
        user = await session.scalar(select(User).where(User.login == info["user"]))
        owner = Owner(user.account_id, user.id)
        made = await lists.add(session=session, owner=owner, body=ListIn(name="Worker"))
        await bulk.add_many(
            session=session,
            owner=owner,
            list_id=made["list_id"],
            body=ContactsIn(contacts=[f"p{i}@example.org" for i in range(contacts)]),
        )
        body = CampaignIn(name="W", lists=[made["list_id"]], subject="S", **campaign)
        created = await campaigns.add(
            session=session, owner=owner, user=user, body=body, delivery_mode=ctx.settings.delivery_mode
        )
        await session.execute(update(MarketingCampaign).values(status="scheduled", send_at=utcnow()))
    return created["campaign_id"], owner


async def _campaign(ctx: AppContext, campaign_id: int) -> MarketingCampaign:
    async with ctx.db.sessions() as session:
        return await session.get(MarketingCampaign, campaign_id)


async def test_a_dead_workers_campaign_is_taken_over_without_duplicates(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sending, "BATCH", 2)
    campaign_id, _owner = await _setup(ctx, 5, text="Hi {{ email }}")
    assert await worker.claim(ctx, "a") == campaign_id
    assert await worker.claim(ctx, "b") is None  # exactly one worker holds it
    async with ctx.db.transaction() as session:
        plan = await sending.plan_for(session, await session.get(MarketingCampaign, campaign_id))
    assert await sending.send_batch(ctx, plan, "a")  # two sent, then worker a "dies"
    async with ctx.db.transaction() as session:
        await session.execute(update(MarketingCampaign).values(heartbeat_at=utcnow() - timedelta(minutes=10)))
    assert await worker.claim(ctx, "b") == campaign_id
    assert not await sending.send_batch(ctx, plan, "a")  # a's late batch is refused
    await worker.run_campaign(ctx, campaign_id, "b")
    done = await _campaign(ctx, campaign_id)
    assert (done.status, done.queued, done.suppressed) == ("sent", 5, 0)
    async with ctx.db.sessions() as session:
        assert await session.scalar(select(func.count(func.distinct(CampaignMessage.email)))) == 5


async def test_a_campaign_whose_template_was_deleted_fails_with_the_reason(ctx: AppContext) -> None:
    campaign_id, owner = await _setup(ctx, 1, text="Hi")
    async with ctx.db.transaction() as session:
        template = EmailTemplate(
            user_id=owner.user_id,
            account_id=owner.account_id,
            name="T",
            subject="S",
            html="<p>x</p>",
            text="",
            tag_names=[],
        )
        session.add(template)
        await session.flush()
        await session.execute(update(MarketingCampaign).values(template_id=template.id, text=""))
        await session.execute(delete(EmailTemplate).where(EmailTemplate.id == template.id))
    assert await worker.claim(ctx, "a") == campaign_id
    await worker.run_campaign(ctx, campaign_id, "a")
    failed = await _campaign(ctx, campaign_id)
    assert failed.status == "failed" and "'html'" in failed.status_detail and failed.queued == 0


async def test_a_cancelled_campaign_stops_between_batches(ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sending, "BATCH", 1)
    campaign_id, owner = await _setup(ctx, 3, text="Hi")
    assert await worker.claim(ctx, "a") == campaign_id
    async with ctx.db.transaction() as session:
        plan = await sending.plan_for(session, await session.get(MarketingCampaign, campaign_id))
    assert await sending.send_batch(ctx, plan, "a")
    async with ctx.db.transaction() as session:
        await campaigns.update_one(
            session=session,
            owner=owner,
            user=await session.get(User, owner.user_id),
            campaign_id=campaign_id,
            body=CampaignIn(status="cancelled"),
            delivery_mode=ctx.settings.delivery_mode,
        )
    assert not await sending.send_batch(ctx, plan, "a")
    stopped = await _campaign(ctx, campaign_id)
    assert (stopped.status, stopped.queued) == ("cancelled", 1)
