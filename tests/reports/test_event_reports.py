"""Opens, clicks, complaints and bounces: rows that tracking and inbound will record are reported as such."""

from __future__ import annotations

from datetime import timedelta

from openlux.accounts.models import Account, Domain, User
from openlux.core.reporting import Paging
from openlux.core.time import utcnow
from openlux.inbound.models import ComplaintEvent
from openlux.reports import engine
from openlux.reports.catalog import DEFINITIONS
from openlux.reports.engine import Query, Scope
from openlux.reports.models import TrackingEvent


async def seed(ctx) -> tuple[Scope, Scope]:
    """An account with two users; opens, clicks and a complaint for the first, one open for the second."""
    now = utcnow()
    async with ctx.db.transaction() as session:
        account = Account(name="Events")
        session.add(account)
        await session.flush()
        domain = Domain(account_id=account.id, name="events.example")
        session.add(domain)
        await session.flush()
        users = [User(account_id=account.id, domain_id=domain.id, login=f"{n}@events.example", password_hash="x")
                 for n in ("ann", "bob")]
        session.add_all(users)
        await session.flush()
        ann, bob = users

        def event(user: User, kind: str, minutes: int, **extra) -> TrackingEvent:
            return TrackingEvent(account_id=account.id, user_id=user.id, channel="api", kind=kind,
                                 at=now - timedelta(minutes=minutes), outbound_message_id=7, message_id="m7@x",
                                 sender=user.login, recipient="pat@example.org", **extra)
        session.add_all([event(ann, "open", 30), event(ann, "open", 20, automated=True),
                         event(ann, "click", 10, url="https://a.example/"),
                         event(ann, "click", 5, url="https://a.example/"),
                         event(ann, "click", 4, url="https://b.example/"), event(bob, "open", 3)])
        session.add(ComplaintEvent(account_id=account.id, user_id=ann.id, channel="api", at=now, sender=ann.login,
                                   recipient="pat@example.org", provider="mail.example", sent_at=now))
        return Scope(account.id), Scope(account.id, ann.id, ann.login)


async def run(ctx, key: str, scope: Scope, **filters: str) -> dict:
    async with ctx.db.transaction() as session:
        return await engine.run(session=session, definition=DEFINITIONS[key], scope=scope,
                                query=Query(paging=Paging(), filters=filters))


async def test_open_click_and_complaint_reports_read_their_event_tables(ctx) -> None:
    account, ann = await seed(ctx)
    opens = await run(ctx, "smtp_opens", ann)
    assert [(r["user"], r["automated"]) for r in opens["rows"]] == [("ann@events.example", 0),
                                                                   ("ann@events.example", 1)]
    assert (await run(ctx, "smtp_opens", account))["total_matches"] == 3
    assert (await run(ctx, "smtp_opens", account, user="BOB@events.example"))["total_matches"] == 1
    assert (await run(ctx, "webmail_opens", account))["total_matches"] == 0
    clicks = await run(ctx, "smtp_clicks", ann, url="https://a.example/")
    assert clicks["total_matches"] == 2 and clicks["rows"][0]["url"] == "https://a.example/"
    [complaint] = (await run(ctx, "fbl", ann))["rows"]
    assert complaint["provider"] == "mail.example" and complaint["feedback_type"] == "abuse"


async def test_event_summaries_count_humans_automation_and_urls(ctx) -> None:
    account, ann = await seed(ctx)
    opens = {(r["category"], r["value"]): r["count"] for r in (await run(ctx, "smtp_opens_summary", account))["rows"]}
    assert opens[("opens", "total")] == 3 and opens[("opens", "automated")] == 1 and opens[("opens", "human")] == 2
    assert opens[("opens", "unique_recipients")] == 1  # one message, one recipient, whoever sent it
    clicks = (await run(ctx, "smtp_clicks_summary", ann))["rows"]
    assert [(r["value"], r["count"]) for r in clicks if r["category"] == "url"] == [("https://a.example/", 2),
                                                                                  ("https://b.example/", 1)]
    fbl = {(r["category"], r["value"]): r["count"] for r in (await run(ctx, "fbl_summary", ann))["rows"]}
    assert fbl == {("complaints", "total"): 1, ("provider", "mail.example"): 1, ("feedback_type", "abuse"): 1,
                   ("unmatched", "complaint"): 0, ("unmatched", "bounce"): 0}
