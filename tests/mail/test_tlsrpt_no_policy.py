"""A TLS-RPT result for a domain without a policy ("no-policy-found", RFC 8460 §4.3) is stored on both
backends (PostgreSQL refused the 15 characters in a 10-character column, and the result was lost)."""

from __future__ import annotations

from sqlalchemy import select

from openlux.accounts.models import Account
from openlux.core.context import AppContext
from openlux.mail.models import TlsSessionResult
from openlux.mail.tlsrpt import Collector, store


async def test_a_no_policy_found_result_is_stored(ctx: AppContext) -> None:
    async with ctx.db.transaction() as session:
        account = Account(name="TLS-RPT")
        session.add(account)
        await session.flush()
        account_id = account.id
    collector = Collector(account_id=account_id, domain="example.org")
    collector.success("no-policy-found", [], "mx.example.org", "192.0.2.1")
    await store(ctx, collector)
    async with ctx.db.sessions() as session:
        stored = (await session.scalars(select(TlsSessionResult.policy_type))).all()
    assert stored == ["no-policy-found"]
