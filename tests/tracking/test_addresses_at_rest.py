"""Issue 9 item 11: the addresses of the delivery queue, tracking events, bounces and complaints are sealed
at rest; the reports still filter by them through blind indexes (whole addresses, any case), on both backends.

Mail goes to a relay sink; the pixel and the link are fetched over HTTP; a DSN and an ARF go to the
VERP return paths on the inbound port. Raw SQL then sees no address; the reports through the SDK find
every row by sender and recipient.
"""

from __future__ import annotations

import asyncio
import email
import json
import uuid
from typing import Any

import httpx
from sqlalchemy import select

from openlux.inbound.models import BounceEvent
from tests.support.dbquery import fetch_all, select_rows
from tests.support.polling import wait_until
from tests.tracking.conftest import SCANNER_SECONDS, World
from tests.tracking.test_engagement_e2e import BROWSER, LINK, arf, delivered, dsn, html_of, our_urls, smtp_to

SEALED_COLUMNS = {
    "outbound_message": ("mail_from",),
    "outbound_recipient": ("address",),
    "tracking_event": ("sender", "recipient"),
    "bounce_event": ("recipient",),
    "complaint_event": ("sender", "recipient"),
}


def _rows(call: Any, **params: Any) -> list[dict[str, Any]]:
    return call(**params)["rows"]


async def test_queue_and_event_addresses_are_sealed_and_reports_filter_by_them(world: World) -> None:
    api = world.user_api()
    tag = uuid.uuid4().hex[:10]
    ann, bob = f"ann.{tag}@example.org", f"bob.{tag}@example.org"
    html = f'<html><body><p>See <a href="{LINK.replace("&", "&amp;")}">the offer</a>.</p></body></html>'
    [sent] = api.send_email(
        messages=[
            {
                "to": [ann.upper(), bob],  # normalised when queued: the index matches any case
                "subject": "Results",
                "html": html,
                "text": "See the offer",
                "track_opens": 1,
                "track_clicks": 1,
            }
        ]
    )
    copies = {a: delivered(world, a)[0] for a in (ann, bob)}
    urls = our_urls(world, html_of(email.message_from_bytes(copies[ann].data)))
    async with httpx.AsyncClient(follow_redirects=False, timeout=10) as http:
        await asyncio.sleep(SCANNER_SECONDS + 0.2)  # a person, not a link scanner
        for url in urls:
            assert (await http.get(url, headers={"User-Agent": BROWSER})).status_code in (200, 302)
    await smtp_to(world, copies[bob].mail_from, dsn(rcpt=copies[bob].mail_from, recipient=bob, status="5.1.1"))
    await smtp_to(world, copies[ann].mail_from, arf(rcpt=copies[ann].mail_from, complainer=ann))

    # Reports filter by whole addresses, in any case, through the blind indexes.
    opens = wait_until(
        lambda: _rows(api.get_email_smtp_open_report_user, recipient=ann.upper()), what="the open, by recipient"
    )
    assert {(r["recipient"], r["queue_id"]) for r in opens} == {(ann, sent["id"])}
    sender = opens[0]["sender"]
    assert "@" in sender and _rows(api.get_email_smtp_open_report_user, recipient=ann, sender=sender.upper()) == opens
    assert _rows(api.get_email_smtp_open_report_user, recipient=bob) == []
    clicks = wait_until(lambda: _rows(api.get_email_smtp_click_report_user, recipient=ann), what="the click")
    assert {(r["recipient"], r["url"]) for r in clicks} == {(ann, LINK)}
    delivery = api.call("getEmailSMTPDeliveryStatusReportUser", recipient=bob.upper())["rows"]
    assert [(r["recipient"], r["queue_id"], r["sender"]) for r in delivery] == [(bob, sent["id"], sender)]
    sent_rows = api.call("getEmailSMTPSentReportUser", sender=sender.upper(), queue_id=str(sent["id"]))["rows"]
    assert [r["sender"] for r in sent_rows] == [sender]
    complaints = wait_until(
        lambda: api.call("getEmailFeedBackLoopsReportUser", recipient=ann.upper())["rows"], what="the complaint"
    )
    assert [(r["recipient"], r["queue_id"]) for r in complaints] == [(ann, sent["id"])]

    # The bounce found its recipient row by index: the hard bounce suppresses bob, the summary counts it.
    def bob_bounced() -> bool:
        entries = api.get_user_suppression_list(email=bob.upper())["rows"]
        return [e["reason"] for e in entries] == ["bounce"]

    wait_until(bob_bounced, what="bob suppressed")
    [bounce] = await asyncio.to_thread(
        select_rows,
        world.server,
        select(BounceEvent.recipient, BounceEvent.recipient_id).where(BounceEvent.recipient_index == bob.upper()),
    )
    assert bounce["recipient"] == bob and bounce["recipient_id"]
    summary = {(r["category"], r["value"]): r["count"] for r in _rows(api.get_email_smtp_open_summary_report_user)}
    assert summary[("opens", "unique_recipients")] >= 1
    # A part of an address is not a filter any more: nothing matches it.
    for method in ("getEmailSMTPDeliveryStatusReportUser", "getEmailSMTPOpenReportUser"):
        assert api.call(method, recipient=f"ann.{tag}")["total_matches"] == 0, method

    # At rest: no address in clear, in any of these tables.
    for table, columns in SEALED_COLUMNS.items():
        rows = await asyncio.to_thread(fetch_all, world.server.database_url, f"SELECT * FROM {table}")
        assert rows and tag not in repr(rows), table
        for row in rows:
            for column in columns:
                assert row[column].startswith("ol1:"), (table, column)

    # Let this test's webhooks arrive before the next test counts the shared receiver's posts.
    wanted = {
        ("delivered", ann),
        ("delivered", bob),
        ("opened", ann),
        ("clicked", ann),
        ("bounced", bob),
        ("complained", ann),
    }
    wait_until(lambda: wanted <= _webhooks(world), what="this test's webhooks")


def _webhooks(world: World) -> set[tuple[str, str]]:
    events = [json.loads(body) for _headers, body in list(world.receiver.posts)]
    return {(e["type"], e["data"].get("recipient", "")) for e in events}
