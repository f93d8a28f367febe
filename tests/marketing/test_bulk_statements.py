"""addContacts at service level (both backends): the existing-contact lookup is one statement text for
every batch and call, so the drivers' prepared-statement caches hold it once.

Before, each batch's blind indexes were inlined into the SQL (a new 180 KB statement per batch of 2,500),
and sqlite3 and asyncpg kept every one of them prepared per pooled connection: the API process grew by
~60 MB over ten 10,000-contact calls and never shrank.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, select

from openlux.accounts.models import User
from openlux.core.context import AppContext
from openlux.marketing import bulk, lists
from openlux.marketing.common import Owner
from openlux.marketing.schemas import ContactsIn, ListIn


async def test_the_lookup_statement_is_the_same_for_every_batch(
    ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openlux.accounts.bootstrap import initialise

    monkeypatch.setattr(bulk, "BATCH_ROWS", 3)
    info = await initialise(ctx, admin_login="admin@example.com", password="Correct-Horse-2024")
    lookups: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM marketing_contact" in statement:
            lookups.append(statement)

    event.listen(ctx.db.engine.sync_engine, "before_cursor_execute", seen)
    try:
        async with ctx.db.transaction() as session:
            user = await session.scalar(select(User).where(User.login == info["user"]))
            owner = Owner(user.account_id, user.id)
            made = await lists.add(session=session, owner=owner, body=ListIn(name="Statements"))
            first = await bulk.add_many(
                session=session,
                owner=owner,
                list_id=made["list_id"],
                body=ContactsIn(contacts=[f"p{i}@example.org" for i in range(7)]),  # batches of 3, 3, 1
            )
            second = await bulk.add_many(
                session=session,
                owner=owner,
                list_id=made["list_id"],
                body=ContactsIn(contacts=[f"p{i}@example.org" for i in range(5, 10)]),  # 2 updates, 3 new
            )
    finally:
        event.remove(ctx.db.engine.sync_engine, "before_cursor_execute", seen)
    assert (first["created"], first["updated"]) == (7, 0), first
    assert (second["created"], second["updated"]) == (3, 2), second
    assert len(lookups) == 5, lookups  # one per batch: 3 + 2
    assert len(set(lookups)) == 1, "each batch prepared a statement of its own"
    assert "example.org" not in lookups[0] and len(lookups[0]) < 1000
