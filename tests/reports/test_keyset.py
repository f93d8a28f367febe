"""Keyset pages equal OFFSET pages (issue 11 item 5), on data whose sort date has many ties.

Service level on both backends: the same report definitions the endpoints use, a real database.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from openlux.accounts.models import User
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest
from openlux.mail.models import OutboundMessage, OutboundRecipient
from openlux.reports.catalog import DEFINITIONS
from openlux.reports.engine import NEXT_PAGE_AFTER, Scope, TableReport, parse_query, run

MESSAGES = 130
SAME_SECOND = 10  # messages sharing one created_at: ties in the sort key
STATES = ("sent", "failed", "sent", "deferred", "sent")


async def load(ctx: AppContext) -> Scope:
    """One account with MESSAGES messages (1–2 recipients each, mixed states), ten per second."""
    from openlux.accounts.bootstrap import initialise

    info = await initialise(ctx, admin_login="admin@example.com", password="Correct-Horse-2024")
    start = clock.utcnow() - timedelta(days=1)
    async with ctx.db.transaction() as session:
        user = await session.scalar(select(User).where(User.login == info["user"]))
        assert user is not None
        # Inserted out of id order within a second, so the id (not insertion order) must break ties.
        order = sorted(range(MESSAGES), key=lambda i: (i // SAME_SECOND, -i))
        for i in order:
            channel, created_at = ("api" if i % 7 else "smtp"), start + timedelta(seconds=i // SAME_SECOND)
            message_id = (
                await session.execute(
                    insert(OutboundMessage)
                    .values(
                        account_id=user.account_id,
                        user_id=user.id,
                        channel=channel,
                        message_id=f"m{i}@example.com",
                        mail_from="admin@example.com",
                        tls_policy="opportunistic",
                        size=100,
                        recipient_count=1 + i % 2,
                        mime_sealed=b"x",
                        state="queued" if STATES[i % 5] == "deferred" else STATES[i % 5],
                        attempts=1,
                        created_at=created_at,
                        next_attempt_at=start,
                        expires_at=start,
                    )
                    .returning(OutboundMessage.id)
                )
            ).scalar_one()
            for n in range(1 + i % 2):
                await session.execute(
                    insert(OutboundRecipient).values(
                        message_id=message_id,
                        # The message's copies, as mail.queue.enqueue_many writes them.
                        account_id=user.account_id,
                        user_id=user.id,
                        channel=channel,
                        created_at=created_at,
                        address=f"r{i}-{n}@example.org",
                        kind="to",
                        state=STATES[(i + n) % 5],
                        attempts=1,
                    )
                )
    return Scope(user.account_id)


CASES = [
    ("smtp_sent", {}),
    ("smtp_sent", {"status": "Delivered"}),
    ("smtp_delivery", {}),
    ("smtp_delivery", {"status": "Failed"}),
    ("smtp_delivery", {"status": "Delivered"}),
]


@pytest.mark.parametrize(("report", "filters"), CASES)
async def test_keyset_pages_equal_offset_pages(ctx: AppContext, report: str, filters: dict[str, str]) -> None:
    scope = await load(ctx)
    definition = DEFINITIONS[report]
    assert isinstance(definition, TableReport)
    async with ctx.db.sessions() as session:
        everything = parse_query({"matches": "50000", **filters}, filters=definition.filters)
        total, _rows = await definition.fetch(session, scope, everything)
        assert total > 30
        for matches in (3, 7, 50):
            # first_row paging: starts 7 apart fall on every position inside a run of SAME_SECOND equal
            # dates (7 and 10 are coprime), then the last row, and one and two past it.
            for first_row in [*range(0, total + 2, 7), total - 1, total, total + 1]:
                query = parse_query(
                    {"first_row": str(first_row), "matches": str(matches), **filters}, filters=definition.filters
                )
                _total, keyset_rows = await definition.fetch(session, scope, query)
                assert keyset_rows == await definition.offset_page(session, scope, query), (first_row, matches)
            # Following next_page_after tokens gives the same pages as first_row = 0, m, 2m, …
            params: dict[str, str] = {"keyset": "1", "matches": str(matches), **filters}
            position = 0
            while True:
                data = await run(
                    session=session,
                    definition=definition,
                    scope=scope,
                    query=parse_query(params, filters=definition.filters),
                )
                offset_query = parse_query(
                    {"first_row": str(position), "matches": str(matches), **filters}, filters=definition.filters
                )
                assert data["first_row"] == position
                assert data["total_matches"] == total
                assert data["rows"] == await definition.offset_page(session, scope, offset_query), position
                position += len(data["rows"])
                if not data[NEXT_PAGE_AFTER]:
                    break
                params = {"page_after": data[NEXT_PAGE_AFTER], "matches": str(matches), **filters}
            assert position == total


async def test_luxsci_pages_carry_no_extension_key_and_bad_tokens_name_the_parameter(ctx: AppContext) -> None:
    scope = await load(ctx)
    definition = DEFINITIONS["smtp_sent"]
    async with ctx.db.sessions() as session:
        data = await run(
            session=session,
            definition=definition,
            scope=scope,
            query=parse_query({"first_row": "20", "matches": "5"}, filters=()),
        )
    assert set(data) == {"header", "rows", "total_matches", "first_row", "matches"}
    with pytest.raises(BadRequest, match="page_after"):
        parse_query({"page_after": "not-a-token"}, filters=())
