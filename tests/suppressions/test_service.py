"""find_suppressed and suppress on both backends: levels, normalisation, expiry, idempotence."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from openlux.accounts import bootstrap
from openlux.core import time as clock
from openlux.core.errors import BadRequest
from openlux.suppressions import service
from openlux.suppressions.models import AccountSuppression, UserSuppression


async def _setup(ctx):
    """An account with two users; returns (account_id, first_user_id, second_user_id)."""
    async with ctx.db.transaction() as session:
        account = await bootstrap.create_account(session, "Acme")
        first = await bootstrap.create_user(session, account, "alice@acme.example", "Correct-Horse-1234")
        second = await bootstrap.create_user(session, account, "bob@acme.example", "Battery-Staple-1234")
        return account.id, first.id, second.id


async def test_find_suppressed_reports_both_levels_with_normalised_keys(ctx) -> None:
    account_id, alice, bob = await _setup(ctx)
    async with ctx.db.transaction() as session:
        assert await service.suppress(
            session,
            account_id=account_id,
            user_id=alice,
            address="Gone@Example.COM",
            reason="bounce",
            source="bounce processing",
        )
        assert await service.suppress(
            session,
            account_id=account_id,
            address="<Complainer@example.com>",
            reason="complaint",
            source="feedback loop",
        )
    async with ctx.db.transaction() as session:
        hits = await service.find_suppressed(
            session,
            account_id=account_id,
            user_id=alice,
            addresses=[
                "gone@example.com",
                "GONE@example.com",
                "complainer@EXAMPLE.com",
                "fine@example.com",
                "not an address",
            ],
        )
        assert set(hits) == {"gone@example.com", "complainer@example.com"}
        assert hits["gone@example.com"].level == "user"
        assert hits["gone@example.com"].reason == "bounce"
        assert hits["gone@example.com"].source == "bounce processing"
        assert hits["complainer@example.com"].level == "account"
        # bob shares the account list but not alice's own list
        hits = await service.find_suppressed(
            session, account_id=account_id, user_id=bob, addresses=["gone@example.com", "complainer@example.com"]
        )
        assert set(hits) == {"complainer@example.com"}
        assert await service.find_suppressed(session, account_id=account_id, user_id=alice, addresses=[]) == {}


async def test_account_level_hit_wins_over_user_level(ctx) -> None:
    account_id, alice, _ = await _setup(ctx)
    async with ctx.db.transaction() as session:
        await service.suppress(
            session,
            account_id=account_id,
            user_id=alice,
            address="x@example.com",
            reason="unsubscribe",
            source="unsubscribe link",
        )
        await service.suppress(session, account_id=account_id, address="x@example.com", reason="manual", source="api")
        hits = await service.find_suppressed(session, account_id=account_id, user_id=alice, addresses=["x@example.com"])
    assert hits["x@example.com"].level == "account"


async def test_expired_suppressions_are_ignored_and_replaced(ctx) -> None:
    account_id, alice, _ = await _setup(ctx)
    async with ctx.db.transaction() as session:
        await service.suppress(
            session,
            account_id=account_id,
            user_id=alice,
            address="soft@example.com",
            reason="bounce",
            source="bounce processing",
            expires_at=clock.utcnow() + timedelta(days=1),
        )
        await session.execute(
            UserSuppression.__table__.update().values(expires_at=clock.utcnow() - timedelta(seconds=5))
        )
    async with ctx.db.transaction() as session:
        assert (
            await service.find_suppressed(session, account_id=account_id, user_id=alice, addresses=["soft@example.com"])
            == {}
        )
        # suppressing again replaces the expired entry instead of hitting the unique key
        assert await service.suppress(
            session,
            account_id=account_id,
            user_id=alice,
            address="soft@example.com",
            reason="complaint",
            source="feedback loop",
        )
    async with ctx.db.transaction() as session:
        hits = await service.find_suppressed(
            session, account_id=account_id, user_id=alice, addresses=["soft@example.com"]
        )
        assert hits["soft@example.com"].reason == "complaint"
        assert hits["soft@example.com"].expires_at is None


async def test_suppress_is_idempotent_and_extends_expiry(ctx) -> None:
    account_id, _, _ = await _setup(ctx)
    soon, later = clock.utcnow() + timedelta(hours=1), clock.utcnow() + timedelta(days=7)
    async with ctx.db.transaction() as session:
        assert await service.suppress(
            session,
            account_id=account_id,
            address="a@example.com",
            reason="bounce",
            source="bounce processing",
            expires_at=soon,
        )
        assert not await service.suppress(
            session,
            account_id=account_id,
            address="A@example.com",
            reason="bounce",
            source="bounce processing",
            expires_at=later,
        )
        assert not await service.suppress(
            session,
            account_id=account_id,
            address="a@example.com",
            reason="bounce",
            source="bounce processing",
            expires_at=soon,
        )
        count = await session.scalar(select(func.count()).select_from(AccountSuppression))
        expiry = await session.scalar(select(AccountSuppression.expires_at))
    assert count == 1
    assert abs((expiry - later).total_seconds()) < 1
    async with ctx.db.transaction() as session:
        assert not await service.suppress(
            session, account_id=account_id, address="a@example.com", reason="manual", source="api"
        )
        assert await session.scalar(select(AccountSuppression.expires_at)) is None


async def test_suppress_rejects_bad_address_and_reason(ctx) -> None:
    account_id, _, _ = await _setup(ctx)
    async with ctx.db.transaction() as session:
        with pytest.raises(BadRequest, match="address"):
            await service.suppress(session, account_id=account_id, address="nope", reason="bounce", source="x")
        with pytest.raises(BadRequest, match="reason"):
            await service.suppress(session, account_id=account_id, address="a@example.com", reason="spite", source="x")


async def test_find_suppressed_handles_a_large_batch(ctx) -> None:
    account_id, alice, _ = await _setup(ctx)
    addresses = [f"r{i}@example.com" for i in range(2500)]
    async with ctx.db.transaction() as session:
        for address in addresses[::100]:
            await service.suppress(
                session, account_id=account_id, user_id=alice, address=address, reason="manual", source="api"
            )
        hits = await service.find_suppressed(session, account_id=account_id, user_id=alice, addresses=addresses)
    assert set(hits) == set(addresses[::100])
