"""Answering a report call: scope from the caller, then a synchronous page or a new job."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.core.context import AppContext
from openlux.reports import destinations, engine, jobs
from openlux.reports.catalog import definition_of


def scope_of(*, account_id: int, user: User | None) -> engine.Scope:
    """A user's own data on /user/ paths, the whole account on /account/ paths."""
    if user is None:
        return engine.Scope(account_id)
    return engine.Scope(user.account_id, user.id, user.login)


async def report(
    *, ctx: AppContext, session: AsyncSession, endpoint: str, scope: engine.Scope, params: dict[str, str]
) -> dict[str, Any]:
    """The report page, or, when a destination is given, the submitted job object."""
    key, definition = definition_of(endpoint)
    target = destinations.parse(params)
    query = engine.parse_query(params, filters=definition.filters, asynchronous=target is not None)
    if target is None:
        return await engine.run(session=session, definition=definition, scope=scope, query=query)
    destination, password = target
    return await jobs.submit(
        ctx=ctx,
        session=session,
        endpoint=endpoint,
        key=key,
        scope=scope,
        query=query,
        destination=destination,
        password=password,
    )
