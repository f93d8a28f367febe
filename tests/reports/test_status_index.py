"""Status-filtered delivery reports read the recipient rows' copies of their message's account,
channel and date (one index, no join per row): the copies are written at enqueue, and the filtered
report equals the unfiltered one filtered by status, on both backends."""

from __future__ import annotations

from sqlalchemy import select

from openlux.accounts.models import User
from openlux.core.context import AppContext
from openlux.mail import queue
from openlux.mail.models import OutboundMessage, OutboundRecipient
from openlux.reports.catalog import DEFINITIONS
from openlux.reports.engine import Scope, TableReport, parse_query
from tests.reports.test_keyset import load


async def test_enqueue_copies_the_message_account_channel_and_date_to_every_recipient(ctx: AppContext) -> None:
    scope = await load(ctx)
    async with ctx.db.transaction() as session:
        queue_id = await queue.enqueue_message(
            session,
            ctx,
            account_id=scope.account_id,
            user_id=None,
            mail_from="notices@example.com",
            recipients=["pat@example.org", "sam@example.org"],
            mime=b"From: notices@example.com\r\nMessage-ID: <c1@example.com>\r\nSubject: N\r\n\r\nhi\r\n",
            tls_policy="opportunistic",
            channel="system",
        )
    async with ctx.db.sessions() as session:
        message = await session.get(OutboundMessage, queue_id)
        assert message is not None
        copies = (
            await session.execute(
                select(OutboundRecipient.account_id, OutboundRecipient.channel, OutboundRecipient.created_at).where(
                    OutboundRecipient.message_id == queue_id
                )
            )
        ).all()
    assert copies == [(message.account_id, "system", message.created_at)] * 2


async def test_status_filtered_pages_equal_the_unfiltered_report_filtered_by_status(ctx: AppContext) -> None:
    account = await load(ctx)
    async with ctx.db.sessions() as session:
        user = await session.scalar(select(User).where(User.account_id == account.account_id))
        assert user is not None
        definition = DEFINITIONS["smtp_delivery"]
        assert isinstance(definition, TableReport)
        for scope in (account, Scope(account.account_id, user.id, user.login)):
            for extra in ({}, {"channel": "smtp"}, {"sender": "admin@example.com"}, {"user": user.login}):
                everything = parse_query({"matches": "50000", **extra}, filters=definition.filters)
                _total, rows = await definition.fetch(session, scope, everything)
                for word in ("Delivered", "Failed", "Deferred", "Escrowed"):
                    expected = [row for row in rows if row["status"] == word]
                    for first_row, matches in ((0, 50000), (0, 5), (7, 4)):
                        query = parse_query(
                            {"status": word, "first_row": str(first_row), "matches": str(matches), **extra},
                            filters=definition.filters,
                        )
                        total, page = await definition.fetch(session, scope, query)
                        assert expected or word == "Escrowed", (scope, extra, word)  # the comparison has rows
                        assert total == len(expected), (scope, extra, word)
                        assert page == expected[first_row : first_row + matches], (scope, extra, word, first_row)
