"""The retention purge is the only deletion of audit rows; the ORM refuses to change or delete one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from openlux.accounts import bootstrap
from openlux.audit import service as audit
from openlux.audit.models import AuditEvent, AuditRowChanged
from openlux.audit.schemas import AuditAction
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest
from openlux.retention.purge import purge_once


async def test_purge_removes_only_rows_older_than_each_accounts_lifetime(ctx: AppContext) -> None:
    now = clock.utcnow()
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
    calls = []  # each call is bounded by its batch: the role calls it until it returns 0
    while True:
        async with ctx.db.transaction() as session:
            calls.append(await audit.purge_expired_audit(session, now, batch=1))
        if calls[-1] == 0:
            break
    assert calls == [1, 1, 1, 0]
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


async def test_the_retention_role_purges_the_audit_log(ctx: AppContext) -> None:
    now = clock.utcnow()
    async with ctx.db.transaction() as session:
        account = await bootstrap.create_account(session, "Audited")
        for age_days in (audit.DEFAULT_RETENTION_DAYS + 2, audit.DEFAULT_RETENTION_DAYS + 1, 1):
            row = audit.new_event(
                actor=audit.Actor.operator(), action=AuditAction.LOGIN, target=str(age_days), account_id=account.id
            )
            row.at = now - timedelta(days=age_days)
            session.add(row)
        account_id = account.id
    report = await purge_once(ctx)
    assert report.purged["audit-log"] == 2 and not report.failures
    async with ctx.db.transaction() as session:
        left = list(
            await session.scalars(
                select(AuditEvent.target).where(
                    AuditEvent.account_id == account_id, AuditEvent.action == AuditAction.LOGIN.value
                )
            )
        )
    assert left == ["1"]  # (the purge itself is now a retention.purge event of the account)
