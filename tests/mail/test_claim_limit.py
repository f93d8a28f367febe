"""A claim takes at most `limit` due messages, whatever plan the database picks for it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text

from openlux.mail import queue as mail_queue
from tests.mail.conftest import Mailbox
from tests.mail.test_delivery import message, queue


async def test_a_claim_never_takes_more_than_its_limit_even_on_stale_statistics(mailbox: Mailbox) -> None:
    ctx = mailbox.ctx
    await queue(mailbox, message("first@example.org"))
    if ctx.db.dialect == "postgresql":
        # Statistics of an almost empty queue (autovacuum analysed it before a burst arrived), and the
        # join methods other than a nested loop off: the plan that ran `id IN (SELECT … LIMIT n FOR
        # UPDATE SKIP LOCKED)` once per outer row and claimed every due message.
        async with ctx.db.engine.begin() as conn:
            await conn.execute(text("ANALYZE outbound_message"))
        await ctx.db.engine.dispose()

        def nested_loops_only(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("SET enable_hashjoin = off")
            cursor.execute("SET enable_mergejoin = off")
            cursor.close()

        event.listen(ctx.db.engine.sync_engine, "connect", nested_loops_only)
    await queue(mailbox, *(message(f"r{i}@example.org") for i in range(5)))

    claims = [await mail_queue.claim(ctx, worker="w1", limit=2) for _ in range(4)]
    assert [len(c) for c in claims] == [2, 2, 2, 0]
    claimed = [m.id for c in claims for m in c]
    assert len(set(claimed)) == 6  # each due message once
