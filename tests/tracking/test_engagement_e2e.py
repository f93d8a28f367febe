"""The engagement loop end to end, on both backends, with no row written by hand.

Mail goes to a relay sink; the delivered MIME is parsed; its pixel and links are fetched over HTTP
(a prefetching proxy first, then a browser); the one-click unsubscribe is POSTed; a DSN and an ARF
go to the VERP return paths on the inbound port; a mailto unsubscribe too. Reports, contact
statuses, suppressions and the signed webhooks a loopback HTTPS receiver got are then checked.
"""

from __future__ import annotations

import asyncio
import email
import hashlib
import hmac
import json
import re
import time
import uuid
from email.message import Message
from typing import Any

import aiosmtplib
import httpx

from openlux.client import LuxSciError
from tests.support.polling import wait_until
from tests.tracking.conftest import SCANNER_SECONDS, World

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
GMAIL_PROXY = "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)"
LINK = "https://example.org/offer?x=1&y=2"


def delivered(world: World, address: str, count: int = 1) -> list[Any]:
    return wait_until(
        lambda: (found := [m for m in world.sink.messages if address in m.rcpt_tos]) and len(found) >= count and found,
        what=f"mail to {address}",
    )


def part(message: Message, ctype: str) -> Message:
    return next(p for p in message.walk() if p.get_content_type() == ctype)


def html_of(message: Message) -> str:
    return part(message, "text/html").get_payload(decode=True).decode()


def our_urls(world: World, html: str) -> list[str]:
    return [
        u.replace("&amp;", "&")
        for u in re.findall(r'(?:src|href)="([^"]+)"', html)
        if u.startswith(world.server.base_url)
    ]


async def smtp_to(world: World, rcpt: str, data: str) -> None:
    async with aiosmtplib.SMTP(hostname="127.0.0.1", port=world.inbound_port, start_tls=False, timeout=10) as smtp:
        await smtp.sendmail("", [rcpt], data)


def dsn(*, rcpt: str, recipient: str, status: str) -> str:
    """A Postfix-style DSN whose returned headers name no Message-ID (only the VERP address identifies it)."""
    return (
        "From: MAILER-DAEMON@mx.remote.test\r\nTo: " + rcpt + "\r\nSubject: Undelivered Mail\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\r\n\r\n'
        "--B1\r\nContent-Type: text/plain\r\n\r\nSorry.\r\n\r\n--B1\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.remote.test\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: {status}\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n--B1--\r\n"
    )


def arf(*, rcpt: str, complainer: str) -> str:
    return (
        "From: fbl@provider.test\r\nTo: " + rcpt + "\r\nSubject: FW: report\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=feedback-report; boundary="F1"\r\n\r\n'
        "--F1\r\nContent-Type: text/plain\r\n\r\nAbuse report.\r\n\r\n--F1\r\nContent-Type: message/feedback-report\r\n\r\n"
        f"Feedback-Type: abuse\r\nUser-Agent: FBL/1.0\r\nVersion: 1\r\nOriginal-Rcpt-To: <{complainer}>\r\n"
        "Reporting-MTA: dns; mail.provider.test\r\n\r\n--F1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"To: {complainer}\r\nSubject: News\r\n\r\n--F1--\r\n"
    )


def verified_webhooks(world: World) -> list[dict[str, Any]]:
    """Every event the receiver got, after checking each signature as a receiver would."""
    events = []
    for headers, body in list(world.receiver.posts):
        timestamp = headers["x-openlux-timestamp"]
        expected = (
            "v1="
            + hmac.new(world.webhook_secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
        )
        assert hmac.compare_digest(expected, headers["x-openlux-signature"])
        assert abs(time.time() - int(timestamp)) < 600
        events.append(json.loads(body))
    return events


def rows_of(call: Any, **params: Any) -> list[dict[str, Any]]:
    return call(**params)["rows"]


def test_tracked_send_email_opens_clicks_reports_and_webhooks(world: World) -> None:
    api = world.user_api()
    tag = uuid.uuid4().hex[:8]
    ann, bob, plain = f"ann-{tag}@example.org", f"bob-{tag}@example.org", f"plain-{tag}@example.org"
    html = f'<html><body><p>See <a href="{LINK.replace("&", "&amp;")}">the offer</a>.</p></body></html>'
    text = "See https://example.org/offer?x=1&y=2\n"
    [sent] = api.send_email(
        messages=[
            {"to": [ann, bob], "subject": "Offer", "html": html, "text": text, "track_opens": 1, "track_clicks": 1}
        ]
    )
    api.send_email(messages=[{"to": [plain], "subject": "Offer", "html": html, "text": text}])
    # A tracked message goes out once per recipient, each copy with its own return path and links.
    copies = {a: delivered(world, a)[0] for a in (ann, bob)}
    domain = world.server.credentials["user"].rsplit("@", 1)[1]
    for copy in copies.values():
        assert copy.mail_from.startswith("b-") and copy.mail_from.endswith(f"@bounces.{domain}")
    assert copies[ann].mail_from != copies[bob].mail_from
    messages = {a: email.message_from_bytes(c.data) for a, c in copies.items()}
    plain_copy = email.message_from_bytes(delivered(world, plain)[0].data)
    # Text parts are byte-identical; the untracked message's HTML is untouched.
    for m in messages.values():
        assert part(m, "text/plain").get_payload() == part(plain_copy, "text/plain").get_payload()
        assert m["Message-ID"] == f"<{sent['message_id']}>"
    assert html_of(plain_copy) == html and not our_urls(world, html_of(plain_copy))
    urls = {a: our_urls(world, html_of(m)) for a, m in messages.items()}
    assert all(len(u) == 2 for u in urls.values()) and LINK.replace("&", "&amp;") not in html_of(messages[ann])
    click_ann = next(u for u in urls[ann] if "/t/c/" in u)
    pixel_ann = next(u for u in urls[ann] if "/t/o/" in u)
    pixel_bob = next(u for u in urls[bob] if "/t/o/" in u)
    with httpx.Client(follow_redirects=False, timeout=10) as http:
        # At once: a prefetching image proxy and a link scanner's HEAD (automated).
        proxy = http.get(pixel_ann, headers={"User-Agent": GMAIL_PROXY})
        assert proxy.status_code == 200 and proxy.headers["content-type"] == "image/gif"
        assert http.head(click_ann, headers={"User-Agent": BROWSER}).status_code == 302
        time.sleep(SCANNER_SECONDS + 0.2)
        # Then a person in a browser (human).
        assert http.get(pixel_ann, headers={"User-Agent": BROWSER}).status_code == 200
        assert http.get(pixel_bob, headers={"User-Agent": BROWSER}).status_code == 200
        followed = http.get(click_ann, headers={"User-Agent": BROWSER})
        assert followed.status_code == 302 and followed.headers["location"] == LINK
        # A changed token never redirects, and the recipient sees a plain page, not an error envelope.
        token = click_ann.rsplit("/", 1)[1]
        bad = click_ann[: -len(token)] + token[:10] + ("A" if token[10] != "A" else "B") + token[11:]
        refused = http.get(bad, headers={"User-Agent": BROWSER})
        assert refused.status_code == 404 and "location" not in refused.headers and "<html" in refused.text
        assert http.get(pixel_ann[:-3] + "xyz").status_code == 200  # a bad pixel still gets its image

    def opens() -> list[dict[str, Any]]:
        return [r for r in rows_of(api.get_email_smtp_open_report_user) if r["recipient"] in (ann, bob)]

    rows = wait_until(lambda: len(opens()) == 3 and opens(), timeout=2.5, what="opens within 2 s")
    assert sorted((r["recipient"], r["classification"]) for r in rows) == [
        (ann, "automated"),
        (ann, "human"),
        (bob, "human"),
    ]
    assert {r["queue_id"] for r in rows} == {sent["id"]} and rows[0]["user_agent"]
    # Opens and clicks are recorded by the same buffered writer, but not in one flush: wait for both.
    clicks = wait_until(
        lambda: (
            len(c := [r for r in rows_of(api.get_email_smtp_click_report_user) if r["recipient"] == ann]) == 2 and c
        ),
        timeout=2.5,
        what="clicks within 2 s",
    )
    assert sorted((r["url"], r["classification"]) for r in clicks) == [(LINK, "automated"), (LINK, "human")]
    summary = {(r["category"], r["value"]): r["count"] for r in rows_of(api.get_email_smtp_open_summary_report_user)}
    assert summary[("opens", "human")] >= 2 and summary[("opens", "automated")] >= 1
    assert summary[("opens", "total")] == summary[("opens", "human")] + summary[("opens", "automated")]
    clicks_summary = {
        (r["category"], r["value"]): r["count"] for r in rows_of(api.get_email_smtp_click_summary_report_user)
    }
    assert clicks_summary[("url", LINK)] >= 2
    assert rows_of(api.get_email_web_mail_open_report_user) == []  # nothing is sent tracked through webmail
    # Webhooks: delivered for each copy, opens and clicks, all signed.
    events = wait_until(
        lambda: (
            (e := verified_webhooks(world))
            and sum(x["type"] == "clicked" and x["data"]["recipient"] == ann for x in e) >= 2
            and e
        ),
        what="webhooks",
    )
    mine = [e for e in events if e["data"].get("recipient") in (ann, bob)]
    assert {e["type"] for e in mine} >= {"delivered", "opened", "clicked"}
    assert all("subject" not in json.dumps(e["data"]).lower() for e in mine)


def campaign_html() -> str:
    return (
        f'<html><body><p>Hello {{{{ email }}}}, <a href="{LINK.replace("&", "&amp;")}">our offer</a>.</p></body></html>'
    )


async def test_campaign_unsubscribe_bounce_complaint_and_v2_suppression(world: World) -> None:
    api, account = world.user_api(), world.account_api()
    tag = uuid.uuid4().hex[:8]
    people = {n: f"{n}-{tag}@example.org" for n in ("reader", "bouncer", "complainer", "leaver")}
    made = api.add_list(name=f"News {tag}", from_name="Clinic", from_address=api.user)
    added = api.add_contacts(list_id=made["list_id"], contacts=list(people.values()))
    contact = {n: r["contact_id"] for n, r in zip(people, added["results"], strict=True)}
    campaign = api.add_campaign(
        name=f"Campaign {tag}",
        lists=[made["list_id"]],
        subject="News",
        html=campaign_html(),
        text="Hello, see https://example.org/offer",
        send_at="now",
    )
    cid = campaign["campaign_id"]
    assert campaign["track_opens"] == 1 and campaign["track_clicks"] == 1
    got = {n: delivered(world, a)[0] for n, a in people.items()}
    reader = email.message_from_bytes(got["reader"].data)
    # RFC 8058 headers, DKIM-signed; a visible link in both parts (footer added: the template has none).
    unsubscribe_header = reader["List-Unsubscribe"]
    https_link, mailto = re.findall(r"<([^>]+)>", unsubscribe_header)
    assert https_link.startswith(world.server.base_url + "/unsubscribe/") and mailto.startswith("mailto:u-")
    assert reader["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    signed = re.search(r"\bh=([^;]+)", reader["DKIM-Signature"].replace("\r\n", "").replace(" ", "")).group(1)
    assert {"list-unsubscribe", "list-unsubscribe-post"} <= set(signed.lower().split(":"))
    assert https_link in html_of(reader) and https_link in part(reader, "text/plain").get_payload(decode=True).decode()
    tracked = [u for u in our_urls(world, html_of(reader)) if u != https_link]
    assert len(tracked) == 2  # pixel + the offer link; the unsubscribe link itself is never wrapped
    async with httpx.AsyncClient(follow_redirects=False, timeout=10) as http:
        await asyncio.sleep(SCANNER_SECONDS + 0.2)
        for url in tracked:
            assert (await http.get(url, headers={"User-Agent": BROWSER})).status_code in (200, 302)
        page = await http.get(https_link, headers={"User-Agent": BROWSER})
        assert page.status_code == 200 and "<form" in page.text  # GET never unsubscribes
        assert api.get_contact(contact_id=contact["reader"])["status"] == "subscribed"
        one_click = await http.post(https_link, data={"List-Unsubscribe": "One-Click"})
        assert one_click.status_code == 200
        assert (await http.post(https_link, data={"List-Unsubscribe": "One-Click"})).status_code == 200  # idempotent
    # A DSN for the bouncer and an ARF for the complainer, each to its own message's return path,
    # and a mailto unsubscribe for the leaver (its From is nobody's).
    await smtp_to(
        world,
        got["bouncer"].mail_from,
        dsn(rcpt=got["bouncer"].mail_from, recipient="someone@else.test", status="5.1.1"),
    )
    await smtp_to(
        world, got["complainer"].mail_from, arf(rcpt=got["complainer"].mail_from, complainer="forged@else.test")
    )
    leaver = email.message_from_bytes(got["leaver"].data)
    leaver_mailto = re.findall(r"<mailto:([^>?]+)", leaver["List-Unsubscribe"])[0]
    await smtp_to(
        world, leaver_mailto, f"From: attacker@else.test\r\nTo: {leaver_mailto}\r\nSubject: unsubscribe\r\n\r\n"
    )
    # A forged return path is refused at RCPT.
    try:
        await smtp_to(
            world, "b-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bounces.example.com", "Subject: x\r\n\r\n"
        )
        raise AssertionError("a forged VERP address was accepted")
    except aiosmtplib.SMTPRecipientsRefused:
        pass
    statuses = wait_until(
        lambda: (
            (s := {n: api.get_contact(contact_id=i)["status"] for n, i in contact.items()})["leaver"] == "unsubscribed"
            and s
        ),
        what="statuses",
    )
    assert statuses == {
        "reader": "unsubscribed",
        "bouncer": "bounced",
        "complainer": "complained",
        "leaver": "unsubscribed",
    }
    counts = api.get_list(list_id=made["list_id"])
    assert (counts["unsubscribed"], counts["bounced"], counts["complained"], counts["subscribed"]) == (2, 1, 1, 0)
    # Reports and summaries.
    # Events reach the reports with the recorder's next flush (tracking_flush_seconds), not at once.
    opened = wait_until(lambda: rows_of(api.get_report_opened, campaign_id=cid), what="the reader's open")
    assert [(r["email"], r["classification"]) for r in opened] == [(people["reader"], "human")]
    clicked = wait_until(lambda: rows_of(api.get_report_clicked, campaign_id=cid), what="the reader's click")
    assert [(r["email"], r["url"], r["classification"]) for r in clicked] == [(people["reader"], LINK, "human")]
    assert rows_of(api.get_report_urls, campaign_id=cid) == [
        {"url": LINK, "clicks": 1, "unique_clicks": 1, "human_clicks": 1, "unique_human_clicks": 1}
    ]
    left = rows_of(api.get_report_unsubscribed, campaign_id=cid)
    assert sorted((r["email"], r["method"]) for r in left) == [
        (people["leaver"], "mailto"),
        (people["reader"], "one-click"),
    ]
    bounces = rows_of(api.get_report_bounces, campaign_id=cid)
    assert [(r["email"], r["type"], r["code"]) for r in bounces] == [(people["bouncer"], "hard", "5.1.1")]
    complaints = rows_of(api.get_report_complaints, campaign_id=cid)
    assert [r["email"] for r in complaints] == [people["complainer"]]
    # The hard bounce is on the user's list (transactional mail skips it); the complaint only on marketing's.
    assert api.get_user_suppression(email=people["bouncer"])["reason"] == "bounce"
    try:
        api.get_user_suppression(email=people["complainer"])
        raise AssertionError("a marketing complaint must not block transactional mail")
    except LuxSciError as exc:
        assert exc.status == 404
    # Webhooks for the campaign's events.
    # Each event is its own delivery (the worker may post them in any order): wait for all four.
    wanted = {
        ("unsubscribed", people["reader"]),
        ("unsubscribed", people["leaver"]),
        ("bounced", people["bouncer"]),
        ("complained", people["complainer"]),
    }
    events = wait_until(
        lambda: (
            (e := verified_webhooks(world)) and wanted <= {(x["type"], x["data"].get("recipient")) for x in e} and e
        ),
        what="webhooks",
    )
    by_type = {(e["type"], e["data"].get("recipient")) for e in events}
    assert wanted <= by_type
    # v2: an account campaign to a list holding the hard-bounced address skips it (it read only marketing
    # suppressions before; now user, account and marketing lists alike), in a list group made by name.
    v2_list = account.add_marketing_list(name=f"V2 {tag}", from_address=api.user, group=f"Group {tag}")
    groups = account.get_marketing_list_groups()
    group = next(g for g in groups if g["name"] == f"Group {tag}")
    assert group["lists"] == [v2_list["list_id"]] and v2_list["group_id"] == group["group_id"]
    fresh = f"fresh-{tag}@example.org"
    for address in (people["bouncer"], fresh):
        account.add_marketing_contact(list_id=v2_list["list_id"], email=address)
    before = len([m for m in world.sink.messages if people["bouncer"] in m.rcpt_tos])
    v2 = account.add_marketing_campaign(
        name=f"V2 campaign {tag}", lists=[v2_list["list_id"]], subject="V2", html=campaign_html()
    )
    account.schedule_marketing_campaign(campaign_id=v2["campaign_id"])
    v2_copy = email.message_from_bytes(delivered(world, fresh)[0].data)
    assert v2_copy["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" and "/unsubscribe/" in html_of(v2_copy)
    v2_pixel = next(u for u in our_urls(world, html_of(v2_copy)) if "/t/o/" in u)
    async with httpx.AsyncClient(timeout=10) as http:
        assert (await http.get(v2_pixel, headers={"User-Agent": GMAIL_PROXY})).status_code == 200
        await asyncio.sleep(SCANNER_SECONDS + 0.2)
        assert (await http.get(v2_pixel, headers={"User-Agent": BROWSER})).status_code == 200
    summary = wait_until(
        lambda: (
            (s := account.get_marketing_campaign_statistics_summary(campaign_id=v2["campaign_id"]))
            and s[0]["suppressed"] == 1
            and s[0]["opens"] == 2
            and s
        ),
        what="v2 summary",
    )
    assert (
        summary[0]["sent"],
        summary[0]["opened"],
        summary[0]["opens"],
        summary[0]["human_opened"],
        summary[0]["human_opens"],
    ) == (1, 1, 2, 1, 1)
    v2_opened = rows_of(account.get_marketing_campaign_opened_statistics, campaign_id=v2["campaign_id"])
    assert sorted(r["classification"] for r in v2_opened) == ["automated", "human"]
    assert len([m for m in world.sink.messages if people["bouncer"] in m.rcpt_tos]) == before
    account.delete_marketing_list_group(group_id=group["group_id"])
    assert all(g["group_id"] != group["group_id"] for g in account.get_marketing_list_groups())


def test_webhook_cli_lists_tests_and_shows_history(world: World) -> None:
    listed = json.loads(world.cli("webhook", "list", "--json").stdout)
    [endpoint] = [e for e in listed if e["url"] == world.receiver.url]
    # Events of earlier tests may still be arriving from the worker: count the test events only.
    before = [e for e in verified_webhooks(world) if e["type"] == "test"]
    tested = world.cli("webhook", "test", str(endpoint["id"]))
    assert tested.returncode == 0, tested.stderr
    assert len([e for e in verified_webhooks(world) if e["type"] == "test"]) == len(before) + 1
    # History lists what the worker delivered: this test's own mail raises a `delivered` event for it.
    known = {h["id"] for h in json.loads(world.cli("webhook", "history", str(endpoint["id"]), "--json").stdout)}
    reader = f"history-{uuid.uuid4().hex[:8]}@example.org"
    world.user_api().send_email(messages=[{"to": [reader], "subject": "History", "text": "Hello"}])
    delivered(world, reader)
    wait_until(
        lambda: any(
            h["id"] not in known and h["event"] == "delivered" and h["state"] == "delivered" and h["last_status"] == 204
            for h in json.loads(world.cli("webhook", "history", str(endpoint["id"]), "--json").stdout)
        ),
        what="this test's delivered event, delivered, in the endpoint's history",
    )
    # Destinations follow the report-destination rules: https only, no private/loopback targets unless allowed.
    for url in ("http://127.0.0.1:1/x", "https://10.0.0.1/x", "https://localhost/x"):
        refused = world.cli("webhook", "add", url)
        assert refused.returncode != 0 and "url" in refused.stderr.lower(), url


def test_unsubscribe_scope_all_leaves_every_list_of_the_owner(world: World) -> None:
    api = world.user_api()
    tag = uuid.uuid4().hex[:8]
    reader = f"everywhere-{tag}@example.org"
    first = api.add_list(name=f"First {tag}", from_address=api.user)
    second = api.add_list(name=f"Second {tag}", from_address=api.user)
    ids = [api.add_contact(list_id=made["list_id"], email=reader)["contact_id"] for made in (first, second)]
    assert world.cli("unsubscribe", "scope", "all").stdout.strip() == "all"
    try:
        api.add_campaign(name=f"Scope {tag}", lists=[first["list_id"]], subject="S", text="Hi", send_at="now")
        message = email.message_from_bytes(delivered(world, reader)[0].data)
        link = re.findall(r"<(https?://[^>]+)>", message["List-Unsubscribe"])[0]
        with httpx.Client(timeout=10) as http:
            assert http.post(link, data={"confirm": "1"}).status_code == 200  # the page's button
        assert [api.get_contact(contact_id=i)["status"] for i in ids] == ["unsubscribed", "unsubscribed"]
    finally:
        assert world.cli("unsubscribe", "scope", "list").stdout.strip() == "list"
