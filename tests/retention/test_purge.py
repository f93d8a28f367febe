"""Retention purge (service level, SQLite and PostgreSQL): each step removes or blanks what outlived its
account's lifetime and nothing else, in committed batches, and the role outlives a failing step."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts import bootstrap, retention
from openlux.accounts.models import Account, User
from openlux.accounts.retention import RetainedData
from openlux.core.context import AppContext
from openlux.core.time import utcnow
from openlux.mail.models import CapturedMessage, OutboundMessage, OutboundRecipient
from openlux.mail.queue import SEAL_CONTEXT as OUTBOUND_SEAL
from openlux.mail.states import MessageState, RecipientState
from openlux.marketing.models import MarketingCampaign
from openlux.retention import purge
from openlux.retention.purge import PURGE_STEPS, AccountStep, Batch, purge_once, retention_role
from openlux.secureline import escrow
from openlux.secureline.models import EscrowMessage
from openlux.securesend.models import PickupCode
from openlux.tracking.models import TrackingEvent, UnsubscribeEvent
from openlux.webhooks.models import WebhookDelivery, WebhookEndpoint

MIME = b"From: a@clinic.example\r\nTo: b@plain.test\r\nSubject: Lab results\r\n\r\nAll normal.\r\n"
OLD = timedelta(days=40)  # past every default lifetime but escrow's
YOUNG = timedelta(days=1)


@dataclasses.dataclass
class Tenant:
    account_id: int
    user_id: int
    campaign_id: int
    endpoint_id: int


async def make_tenant(ctx: AppContext, name: str) -> Tenant:
    async with ctx.db.transaction() as session:
        account = await bootstrap.create_account(session, name)
        user = await bootstrap.create_user(session, account, f"doctor@{name.lower()}.example", "Correct-Horse-1234")
        campaign = MarketingCampaign(account_id=account.id, owner_key=f"a{account.id}", name="News")
        endpoint = WebhookEndpoint(account_id=account.id, url="https://hooks.example/in", events=[], secret_sealed=b"x")
        session.add_all([campaign, endpoint])
        await session.flush()
        return Tenant(account.id, user.id, campaign.id, endpoint.id)


async def _seed(ctx: AppContext, tenant: Tenant, age: timedelta) -> dict[str, int]:
    """One row of every purged kind, `age` old; their ids by kind."""
    at = utcnow() - age
    async with ctx.db.transaction() as session:
        sent = OutboundMessage(
            account_id=tenant.account_id,
            user_id=tenant.user_id,
            channel="api",
            message_id=f"m{at.timestamp()}@x",
            mail_from="a@clinic.example",
            tls_policy="opportunistic",
            size=len(MIME),
            recipient_count=1,
            mime_sealed=ctx.box.seal(MIME, context=OUTBOUND_SEAL),
            state=MessageState.SENT,
            created_at=at,
            expires_at=at + timedelta(days=5),
        )
        queued = OutboundMessage(
            account_id=tenant.account_id,
            channel="api",
            message_id=f"q{at.timestamp()}@x",
            mail_from="a@clinic.example",
            tls_policy="opportunistic",
            size=len(MIME),
            recipient_count=1,
            mime_sealed=ctx.box.seal(MIME, context=OUTBOUND_SEAL),
            state=MessageState.QUEUED,
            created_at=at,
            expires_at=at + timedelta(days=50),
        )
        captured = CapturedMessage(
            account_id=tenant.account_id,
            mail_from="a@clinic.example",
            recipients=["b@plain.test"],
            subject="Lab results",
            size=len(MIME),
            mime_sealed=b"sealed",
            captured_at=at,
        )
        tracked = TrackingEvent(
            account_id=tenant.account_id,
            channel="api",
            kind="open",
            at=at,
            recipient="b@plain.test",
            client_ip="192.0.2.7",
            user_agent="Mail/1.0",
        )
        left = UnsubscribeEvent(
            account_id=tenant.account_id,
            campaign_id=tenant.campaign_id,
            email="b@plain.test",
            at=at,
            method="page",
            scope="list",
            client_ip="192.0.2.8",
            user_agent="Browser/2.0",
        )
        delivered = WebhookDelivery(
            endpoint_id=tenant.endpoint_id, event="delivered", payload={}, state="delivered", created_at=at
        )
        pending = WebhookDelivery(
            endpoint_id=tenant.endpoint_id, event="delivered", payload={}, state="pending", created_at=at
        )
        session.add_all([sent, queued, captured, tracked, left, delivered, pending])
        await session.flush()
        session.add(OutboundRecipient(message_id=sent.id, address="b@plain.test", kind="to", state=RecipientState.SENT))
        escrowed, _token = await escrow.store(
            ctx=ctx,
            session=session,
            account_id=tenant.account_id,
            user_id=tenant.user_id,
            sender="a@clinic.example",
            recipient="b@plain.test",
            mime=MIME,
        )
        escrowed.created_at = at  # its own expiry stays ahead: only the account lifetime can remove it
        session.add(PickupCode(escrow_id=escrowed.id, code_hash="h", created_at=at, expires_at=at))
        await session.flush()
        return {
            "sent": sent.id,
            "queued": queued.id,
            "captured": captured.id,
            "tracked": tracked.id,
            "left": left.id,
            "delivered": delivered.id,
            "pending": pending.id,
            "escrowed": escrowed.id,
        }


async def _state(session: AsyncSession, ids: dict[str, int]) -> dict[str, Any]:
    """What is left of seeded rows: content present, row present, client data present."""
    sent = await session.get_one(OutboundMessage, ids["sent"])
    queued = await session.get_one(OutboundMessage, ids["queued"])
    tracked = await session.get_one(TrackingEvent, ids["tracked"])
    left = await session.get_one(UnsubscribeEvent, ids["left"])
    return {
        "sent_content": bool(sent.mime_sealed),
        "queued_content": bool(queued.mime_sealed),
        "captured": await session.get(CapturedMessage, ids["captured"]) is not None,
        "escrowed": await session.get(EscrowMessage, ids["escrowed"]) is not None,
        "tracking_client": (tracked.client_ip, tracked.user_agent),
        "unsubscribe_client": (left.client_ip, left.user_agent),
        "delivered_hook": await session.get(WebhookDelivery, ids["delivered"]) is not None,
        "pending_hook": await session.get(WebhookDelivery, ids["pending"]) is not None,
    }


KEPT = {
    "sent_content": True,
    "queued_content": True,
    "captured": True,
    "escrowed": True,
    "tracking_client": ("192.0.2.7", "Mail/1.0"),
    "unsubscribe_client": ("192.0.2.8", "Browser/2.0"),
    "delivered_hook": True,
    "pending_hook": True,
}


async def test_what_outlived_its_lifetime_goes_younger_rows_and_other_accounts_stay(ctx: AppContext) -> None:
    clinic, other = await make_tenant(ctx, "Clinic"), await make_tenant(ctx, "Other")
    async with ctx.db.transaction() as session:
        await retention.set_lifetime(session, account_id=clinic.account_id, kind=RetainedData.ESCROWED_MAIL, days=10)
        for kind in RetainedData:  # the other account keeps everything for ten years
            await retention.set_lifetime(session, account_id=other.account_id, kind=kind, days=3650)
    old, young, others = await _seed(ctx, clinic, OLD), await _seed(ctx, clinic, YOUNG), await _seed(ctx, other, OLD)

    report = await purge_once(ctx)

    assert report.failures == []
    async with ctx.db.sessions() as session:
        assert await _state(session, old) == {
            "sent_content": False,
            "queued_content": True,  # never purged while it is still being delivered
            "captured": False,
            "escrowed": False,
            "tracking_client": ("", ""),
            "unsubscribe_client": ("", ""),
            "delivered_hook": False,
            "pending_hook": True,  # still being retried
        }
        assert await _state(session, young) == KEPT
        assert await _state(session, others) == KEPT
        # Delivery metadata and counts stay for the reports.
        sent = await session.get_one(OutboundMessage, old["sent"])
        assert (sent.state, sent.size, sent.mail_from) == (MessageState.SENT, len(MIME), "a@clinic.example")
        assert await session.scalar(select(func.count()).where(OutboundRecipient.message_id == old["sent"])) == 1
        assert await session.scalar(select(func.count()).select_from(TrackingEvent)) == 3
        assert await session.scalar(select(func.count()).where(PickupCode.escrow_id == old["escrowed"])) == 0
    assert report.purged == {
        "escrow-expired": 0,
        "escrowed-mail": 1,
        "sent-content": 1,
        "captured-mail": 1,
        "tracking-clients": 1,
        "unsubscribe-clients": 1,
        "webhook-history": 1,
        "audit-log": 0,
    }
    assert (await purge_once(ctx)).purged == dict.fromkeys(report.purged, 0)  # nothing twice


async def test_expired_escrow_goes_whatever_the_account_lifetime(ctx: AppContext) -> None:
    clinic = await make_tenant(ctx, "Clinic")
    ids = await _seed(ctx, clinic, YOUNG)
    async with ctx.db.transaction() as session:
        (await session.get_one(EscrowMessage, ids["escrowed"])).expires_at = utcnow() - timedelta(seconds=1)
    report = await purge_once(ctx)
    assert (report.purged["escrow-expired"], report.purged["escrowed-mail"]) == (1, 0)


async def test_many_rows_go_in_committed_batches_of_the_configured_size(ctx: AppContext) -> None:
    clinic = await make_tenant(ctx, "Clinic")
    at = utcnow() - OLD
    async with ctx.db.transaction() as session:
        session.add_all(
            TrackingEvent(
                account_id=clinic.account_id, channel="api", kind="open", at=at, client_ip="192.0.2.1", user_agent="x"
            )
            for _ in range(1234)
        )
    seen_before_each_batch: list[int] = []

    async def counting_batch(session: AsyncSession, account_id: int, before: datetime, limit: int) -> int:
        # Another connection sees the earlier batches: each was committed on its own.
        async with ctx.db.sessions() as other:
            seen_before_each_batch.append(
                int(await other.scalar(select(func.count()).where(TrackingEvent.client_ip != "")) or 0)
            )
        return await purge.blank_tracking_clients(session, account_id, before, limit)

    batches: list[Batch] = []
    step = AccountStep("tracking-clients", RetainedData.TRACKING_CLIENT, counting_batch)
    report = await purge_once(ctx, (step,), batch_rows=100, on_batch=batches.append)

    assert report.purged == {"tracking-clients": 1234}
    assert [b.rows for b in batches] == [100] * 12 + [34]
    assert seen_before_each_batch == [1234 - 100 * n for n in range(13)]
    async with ctx.db.sessions() as session:
        assert await session.scalar(select(func.count()).where(TrackingEvent.client_ip != "")) == 0


async def _broken_batch(session: AsyncSession, account_id: int, before: datetime, limit: int) -> int:
    """A step whose SQL fails in the database, as a step broken by a bad migration would."""
    await session.execute(text("DELETE FROM no_such_table_for_retention"))
    return 0


async def test_a_failing_step_is_logged_and_the_other_steps_and_passes_go_on(
    ctx: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    clinic = await make_tenant(ctx, "Clinic")
    first = await _seed(ctx, clinic, OLD)
    broken = AccountStep("broken", RetainedData.SENT_CONTENT, _broken_batch)
    ctx.settings = ctx.settings.model_copy(update={"retention_interval_seconds": 0.2})
    role = asyncio.create_task(retention_role(ctx, (broken, *PURGE_STEPS)))
    try:
        await _until(ctx, lambda state: not state["captured"], first)
        second = await _seed(ctx, clinic, OLD)  # a later pass purges these too: the role went on
        await _until(ctx, lambda state: not state["captured"] and not state["sent_content"], second)
        assert not role.done()
    finally:
        role.cancel()
        with pytest.raises(asyncio.CancelledError):
            await role
    failures = [r for r in caplog.records if "retention step broken failed" in r.getMessage()]
    assert len(failures) >= 2 and all(r.exc_info for r in failures)
    assert f"account {clinic.account_id}" in failures[0].getMessage()


async def _until(ctx: AppContext, done: Any, ids: dict[str, int], timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        async with ctx.db.sessions() as session:
            state = await _state(session, ids)
        if done(state):
            return
        assert asyncio.get_running_loop().time() < deadline, state
        await asyncio.sleep(0.1)


async def test_escrow_expiry_is_capped_by_the_account_lifetime(ctx: AppContext) -> None:
    clinic = await make_tenant(ctx, "Clinic")
    async with ctx.db.transaction() as session:
        user = await session.get_one(User, clinic.user_id)
        user.settings = {"escrow_expiration": 30}
        await retention.set_lifetime(session, account_id=clinic.account_id, kind=RetainedData.ESCROWED_MAIL, days=5)
        assert await escrow.expiration_days(session, clinic.user_id) == 5
        await retention.set_lifetime(session, account_id=clinic.account_id, kind=RetainedData.ESCROWED_MAIL, days=None)
        assert await escrow.expiration_days(session, clinic.user_id) == 30  # the 365-day default is no cap here


async def test_lifetimes_default_are_bounded_and_per_account(ctx: AppContext) -> None:
    clinic, other = await make_tenant(ctx, "Clinic"), await make_tenant(ctx, "Other")
    async with ctx.db.transaction() as session:
        fresh = await retention.lifetimes_of(session, clinic.account_id)
        assert fresh.days == retention.DEFAULT_DAYS and fresh.chosen == frozenset()
        changed = await retention.set_lifetime(
            session, account_id=clinic.account_id, kind=RetainedData.SENT_CONTENT, days=2
        )
        assert changed.days[RetainedData.SENT_CONTENT] == 2 and changed.chosen == {RetainedData.SENT_CONTENT}
        for bad in (0, 3651, -1):
            with pytest.raises(retention.BadRequest):
                await retention.set_lifetime(
                    session, account_id=clinic.account_id, kind=RetainedData.SENT_CONTENT, days=bad
                )
        with pytest.raises(retention.NotFound):
            await retention.set_lifetime(session, account_id=999999, kind=RetainedData.SENT_CONTENT, days=2)
    async with ctx.db.sessions() as session:
        every = {lt.account_id: lt for lt in await retention.every_account(session)}
        assert every[clinic.account_id].days[RetainedData.SENT_CONTENT] == 2
        assert every[other.account_id].days == retention.DEFAULT_DAYS
        assert await session.get(Account, other.account_id) is not None


async def test_a_pass_that_cannot_start_is_retried_until_the_database_is_back(
    ctx: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    clinic = await make_tenant(ctx, "Clinic")
    ids = await _seed(ctx, clinic, OLD)
    async with ctx.db.transaction() as session:  # the lifetimes cannot be read: no pass can start
        await session.execute(text("ALTER TABLE account_retention RENAME TO account_retention_away"))
    ctx.settings = ctx.settings.model_copy(update={"retention_interval_seconds": 0.2})
    role = asyncio.create_task(retention_role(ctx))
    try:
        deadline = asyncio.get_running_loop().time() + 20
        while sum("retention pass could not run" in r.getMessage() for r in caplog.records) < 2:
            assert asyncio.get_running_loop().time() < deadline and not role.done()
            await asyncio.sleep(0.05)
        async with ctx.db.sessions() as session:
            assert (await _state(session, ids))["captured"]
        async with ctx.db.transaction() as session:
            await session.execute(text("ALTER TABLE account_retention_away RENAME TO account_retention"))
        await _until(ctx, lambda state: not state["captured"] and not state["sent_content"], ids)
    finally:
        role.cancel()
        with pytest.raises(asyncio.CancelledError):
            await role
