"""The retention purge is the only deletion of audit rows; the ORM refuses to change or delete one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from openlux.accounts import bootstrap
from openlux.audit import service as audit
from openlux.audit.models import AuditEvent, AuditRowChanged
from openlux.audit.schemas import AuditAction
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest
from openlux.core.time import utcnow


async def test_purge_removes_only_rows_older_than_each_accounts_lifetime(ctx: AppContext) -> None:
    now = utcnow()
    async with ctx.db.transaction() as session:
        short = await bootstrap.create_account(session, "Short retention")
        default = await bootstrap.create_account(session, "Default retention")
        audit.set_retention_days(short, 30)
        await session.flush()
        for account, age_days in ((short, 31), (short, 29), (default, 31), (default, audit.DEFAULT_RETENTION_DAYS + 1)):
            row = audit.new_event(
                actor=audit.Actor.operator(),
                action=AuditAction.DOMAIN_CREATE,
                target=f"{age_days}",
                account_id=account.id,
            )
            row.at = now - timedelta(days=age_days)
            session.add(row)
        stray = audit.new_event(actor=audit.Actor.anonymous("x"), action=AuditAction.LOGIN)
        stray.at = now - timedelta(days=audit.DEFAULT_RETENTION_DAYS + 1)
        session.add(stray)
        short_id, default_id = short.id, default.id
    async with ctx.db.transaction() as session:
        removed = await audit.purge_expired_audit(session, now, batch=1)
        removed += await audit.purge_expired_audit(session, now, batch=1)
        assert await audit.purge_expired_audit(session, now) == 0
    assert removed == 3
    async with ctx.db.transaction() as session:
        left = {
            (r.account_id, r.target)
            for r in await session.scalars(select(AuditEvent).where(AuditEvent.account_id.in_((short_id, default_id))))
        }
        assert left == {(short_id, "29"), (default_id, "31")}
        assert (
            await session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.account_id.is_(None)))
            == 0
        )


async def test_rows_cannot_be_changed_or_deleted_through_the_orm(ctx: AppContext) -> None:
    async with ctx.db.transaction() as session:
        row = audit.record(session, actor=audit.Actor.operator(), action=AuditAction.DOMAIN_CREATE, target="x.example")
        await session.flush()
        row_id = row.id
    with pytest.raises(AuditRowChanged):
        async with ctx.db.transaction() as session:
            found = await session.get(AuditEvent, row_id)
            assert found is not None
            found.target = "forged.example"
            await session.flush()
    with pytest.raises(AuditRowChanged):
        async with ctx.db.transaction() as session:
            found = await session.get(AuditEvent, row_id)
            await session.delete(found)
            await session.flush()
    async with ctx.db.transaction() as session:
        assert (await session.get(AuditEvent, row_id)).target == "x.example"


def test_lifetime_bounds_and_default() -> None:
    assert audit.retention_days(None) == audit.DEFAULT_RETENTION_DAYS
    with pytest.raises(BadRequest):
        audit.parse_since("yesterday")
    with pytest.raises(BadRequest):
        audit.parse_action("no.such.action")
