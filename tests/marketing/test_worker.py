"""The campaign worker at service level (both backends): claims, take-over after a dead worker, failures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text, update

from openlux.accounts.models import User
from openlux.content.models import EmailTemplate
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.marketing import bulk, campaigns, lists, sending, worker
from openlux.marketing.common import Owner
from openlux.marketing.models import CampaignMessage, MarketingCampaign, MarketingContact
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
        await session.execute(update(MarketingCampaign).values(status="scheduled", send_at=clock.utcnow()))
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
        await session.execute(update(MarketingCampaign).values(heartbeat_at=clock.utcnow() - timedelta(minutes=10)))
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


async def test_addresses_the_campaign_already_has_records_for_are_stepped_over_even_a_whole_batch(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A campaign walked again from an empty cursor (sealed addresses, docs/compat.d/marketing.md) skips
    what it already sent: here the whole first batch and one address of the second, without taking the
    empty first batch for the end of the list."""
    monkeypatch.setattr(sending, "BATCH", 2)
    campaign_id, _owner = await _setup(ctx, 5, text="Hi {{ email }}")
    async with ctx.db.sessions() as session:
        walk = (
            await session.execute(
                select(MarketingContact.id, MarketingContact.email).order_by(MarketingContact.email_index)
            )
        ).all()
    async with ctx.db.transaction() as session:
        session.add_all(
            CampaignMessage(campaign_id=campaign_id, contact_id=cid, email=email, state="queued", detail="")
            for cid, email in walk[:3]
        )
    assert await worker.claim(ctx, "a") == campaign_id
    await worker.run_campaign(ctx, campaign_id, "a")
    done = await _campaign(ctx, campaign_id)
    assert (done.status, done.queued) == ("sent", 2)
    async with ctx.db.sessions() as session:
        queued = (await session.scalars(select(CampaignMessage.email).where(CampaignMessage.state == "queued"))).all()
    assert sorted(queued) == sorted(email for _cid, email in walk)  # each address once: 3 before, 2 now


@pytest.mark.parametrize("ctx", ["postgresql"], indirect=True)  # SQLite's planner reads the index in order
async def test_on_postgresql_a_campaign_start_gives_the_planner_statistics_of_the_contacts(ctx: AppContext) -> None:
    """Without them PostgreSQL sorted every remaining contact for each batch (sending.refresh_contact_statistics)."""
    campaign_id, _owner = await _setup(ctx, 40, text="Hi")

    async def contacts_known_to_the_planner() -> float:
        async with ctx.db.sessions() as session:
            return float(
                await session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = 'marketing_contact'"))
            )

    assert await contacts_known_to_the_planner() < 40  # never analysed: -1
    assert await worker.claim(ctx, "a") == campaign_id
    await worker.run_campaign(ctx, campaign_id, "a")
    assert await contacts_known_to_the_planner() == 40
    assert (await _campaign(ctx, campaign_id)).queued == 40
