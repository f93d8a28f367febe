"""The web console over real HTTP: landing page, offline docs, sign-in rules, tenant isolation, headers,
and dashboard numbers equal to the report endpoints.
"""

from __future__ import annotations

import email
import hashlib
import re
import uuid
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy import select, update

from openlux.accounts import bootstrap
from openlux.accounts.models import Account, User
from openlux.client import Client
from openlux.console import dashboard, totp
from openlux.console.models import ConsoleSession
from openlux.console.service import COOKIE, LOGIN_CSRF_COOKIE
from openlux.core import time as clock
from openlux.inbound.models import ComplaintEvent
from openlux.mail.models import CapturedMessage, OutboundMessage, OutboundRecipient
from openlux.mail.outbox import get_captured
from openlux.tracking.models import TrackingEvent
from tests.console.helpers import PASSWORD, foreign_assets, new_tenant
from tests.support.console import csrf_of, form_post, password_browser, sso_browser
from tests.support.databases import database_url
from tests.support.dbquery import on_server_db
from tests.support.polling import wait_until
from tests.support.server import RunningServer, start_server

LOCK_AFTER = 3  # OPENLUX_LOGIN_LOCK_AFTER of the proxied server below
HTML_PAGES = (
    "/console",
    "/console/messages",
    "/console/queue",
    "/console/suppressions",
    "/console/settings",
    "/console/admin/users",
    "/console/admin/domains",
    "/console/admin/integrations",
    "/console/admin/keys",
)


def send(
    server: RunningServer,
    subject: str,
    *,
    token: str | None = None,
    secret: str | None = None,
    login: str | None = None,
    password: str | None = None,
    html: str = "<p>Hello <b>console</b></p>",
    track: bool = False,
) -> int:
    creds = server.credentials
    login = login or creds["user"]
    with Client(
        server.base_url,
        token or creds["user_token"],
        secret or creds["user_secret"],
        user=login,
        password=password or creds["password"],
    ) as api:
        [reply] = api.send_email(
            messages=[
                {
                    "from_address": login,
                    "to": ["reader@example.org"],
                    "subject": subject,
                    "body": html,
                    "body_type": "html",
                    **({"track_opens": 1, "track_clicks": 1} if track else {}),
                }
            ]
        )
    return int(reply["id"])


def wait_captured(server: RunningServer, queue_id: int) -> None:
    """Until the worker has captured the message and settled its queue row (so tests may change it)."""

    async def settled(session, ctx) -> bool:
        captured = await session.scalar(
            select(CapturedMessage.id).where(CapturedMessage.outbound_message_id == queue_id)
        )
        message = await session.get(OutboundMessage, queue_id)
        return bool(captured) and message is not None and message.state != "queued" and message.claimed_by is None

    wait_until(lambda: on_server_db(server, settled), timeout=20, what="the message captured and settled")


def test_landing_page_and_api_paths_keep_json_404(server: RunningServer) -> None:
    page = httpx.get(server.base_url + "/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for link in ("/console/login", "/docs", "/perl/api/v2/openapi.json", "/compat"):
        assert f'href="{link}"' in page.text
    assert "0.1" in page.text or "OpenLux" in page.text
    missing = httpx.get(server.base_url + "/perl/api/v2/no/such/thing")
    assert missing.status_code == 404 and missing.json()["success"] == 0


def test_docs_work_offline_and_describe_each_operation(server: RunningServer) -> None:
    page = httpx.get(server.base_url + "/docs")
    assert page.status_code == 200 and not foreign_assets(page.text, server.base_url)
    nonce = re.search(r"'nonce-([^']+)'", page.headers["content-security-policy"]).group(1)
    assert f'<script nonce="{nonce}">' in page.text and '"validatorUrl": null' in page.text
    for src in re.findall(r'(?:src|href)="(/docs/assets/[^"]+)"', page.text):
        asset = httpx.get(server.base_url + src)
        assert asset.status_code == 200 and len(asset.content) > 1000, src
    again = httpx.get(server.base_url + "/docs")
    assert re.search(r"'nonce-([^']+)'", again.headers["content-security-policy"]).group(1) != nonce
    document = httpx.get(server.base_url + "/perl/api/v2/openapi.json", timeout=30).json()
    operation = document["paths"]["/perl/api/v2/user/{username}/profile"]["get"]
    assert operation["x-luxsci-operation"] == "getUser" and operation["x-luxsci-scope"] == "user"
    assert "`getUser`" in operation["description"] and "api.get_user(" in operation["description"]
    assert "Cookie: signature=<auth>:<hmac>" in operation["description"]


def test_captured_mail_needs_a_session_and_shows_only_the_viewers(server: RunningServer) -> None:
    """Hardening issue item 10, as an attacker over HTTP: no cookie, a forged cookie, another tenant."""
    subject_a = f"Tenant A secret {uuid.uuid4().hex[:8]}"
    queue_a = send(server, subject_a)
    wait_captured(server, queue_a)
    for cookies in ({}, {COOKIE: "forged-value"}, {"openlux_web": "x"}):
        for path in (
            "/web/outbox.json",
            "/web/outbox",
            f"/console/messages/{queue_a}",
            f"/console/messages/{queue_a}/html",
            f"/console/messages/{queue_a}/raw",
        ):
            reply = httpx.get(server.base_url + path, cookies=cookies)
            assert reply.status_code == 303 and reply.headers["location"].startswith("/console/login"), path
            assert subject_a not in reply.text

    other = new_tenant(server, f"b-{uuid.uuid4().hex[:6]}@b-{uuid.uuid4().hex[:6]}.example", own_account=True)
    browser_b, reply = password_browser(server, other.login, PASSWORD)
    assert reply.status_code == 303 and reply.headers["location"] == "/console"
    assert subject_a not in browser_b.get("/console").text
    assert subject_a not in browser_b.get("/console/messages", params={"q": "Tenant A"}).text
    assert all(m["subject"] != subject_a for m in browser_b.get("/web/outbox.json").json()["data"])
    for path in (
        f"/console/messages/{queue_a}",
        f"/console/messages/{queue_a}/html",
        f"/console/messages/{queue_a}/raw",
        f"/console/messages/{queue_a}/parts/0",
    ):
        reply = browser_b.get(path)
        assert reply.status_code == 404 and subject_a not in reply.text, path
    assert browser_b.get("/console/admin/users").status_code == 403
    retry = form_post(browser_b, "/console/queue", f"/console/queue/{queue_a}/retry", {})
    assert retry.status_code == 403

    colleague = new_tenant(server, f"c-{uuid.uuid4().hex[:6]}@example.com", own_account=False)
    subject_c = f"Colleague note {uuid.uuid4().hex[:8]}"
    queue_c = send(
        server,
        subject_c,
        token=colleague.token,
        secret=colleague.secret,
        login=colleague.login,
        password=colleague.password,
    )
    wait_captured(server, queue_c)
    browser_c = sso_browser(
        server, token=colleague.token, secret=colleague.secret, login=colleague.login, password=colleague.password
    )
    listing = browser_c.get("/web/outbox.json").json()["data"]
    assert [m["subject"] for m in listing] == [subject_c]  # a user sees their own mail only
    assert browser_c.get(f"/console/messages/{queue_a}").status_code == 404
    admin_listing = sso_browser(server).get("/web/outbox.json").json()["data"]
    assert {subject_a, subject_c} <= {m["subject"] for m in admin_listing}  # the administrator: the account's


def test_every_page_has_security_headers_and_no_foreign_asset(server: RunningServer) -> None:
    queue_id = send(server, "Headers check", html='<p>x<img src="https://tracker.example/p.gif"></p>')
    wait_captured(server, queue_id)
    browser = sso_browser(server)
    anonymous = httpx.Client(base_url=server.base_url)
    for path in (*HTML_PAGES, f"/console/messages/{queue_id}", "/", "/docs", "/console/login"):
        reply = (anonymous if path == "/console/login" else browser).get(path)
        assert reply.status_code == 200, path
        assert not foreign_assets(reply.text, server.base_url), path
        csp = reply.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp, path
        assert reply.headers["x-frame-options"] == "DENY" and reply.headers["x-content-type-options"] == "nosniff"
        assert reply.headers["referrer-policy"]
    frame = browser.get(f"/console/messages/{queue_id}/html")
    csp = frame.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in csp and "script-src" not in csp and "default-src 'none'" in csp
    assert "https:" not in csp.split("img-src", 1)[1].split(";", 1)[0]  # remote images blocked ...
    shown = browser.get(f"/console/messages/{queue_id}/html", params={"images": 1})
    assert (
        "https:" in shown.headers["content-security-policy"].split("img-src", 1)[1].split(";", 1)[0]
    )  # ... until asked
    assert frame.headers["x-frame-options"] == "SAMEORIGIN"


def test_session_cookie_flags_and_trusted_proxy_https(server: RunningServer, tmp_path) -> None:
    _browser, reply = password_browser(server, "nobody@example.com", "wrong-password-1")
    assert reply.status_code == 401
    tenant = new_tenant(server, f"flags-{uuid.uuid4().hex[:6]}@example.com", own_account=False)
    _browser, reply = password_browser(server, tenant.login, PASSWORD)
    cookie = next(v for k, v in reply.headers.multi_items() if k == "set-cookie" and v.startswith(COOKIE))
    lowered = cookie.lower()
    assert "httponly" in lowered and "samesite=lax" in lowered and "secure" not in lowered  # plain HTTP here
    # A client that is not a trusted proxy cannot claim HTTPS (no proxies are trusted by default).
    spoofed = httpx.get(server.base_url + "/console/login", headers={"X-Forwarded-Proto": "https"})
    assert "strict-transport-security" not in spoofed.headers
    assert all("secure" not in v.lower() for k, v in spoofed.headers.multi_items() if k == "set-cookie")


def test_trusted_proxy_decides_secure_cookies_and_client_address(tmp_path) -> None:
    proxied = start_server(
        tmp_path / "data",
        database_url("sqlite", str(tmp_path)),
        # The console shares the API's login throttle: lock a (login, address) pair after 3 failures.
        extra_env={"OPENLUX_TRUSTED_PROXIES": "127.0.0.1/32", "OPENLUX_LOGIN_LOCK_AFTER": str(LOCK_AFTER)},
    )
    try:
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
        form = httpx.get(proxied.base_url + "/console/login", headers=headers)
        assert form.headers["strict-transport-security"]
        cookies = [v for k, v in form.headers.multi_items() if k == "set-cookie"]
        assert cookies and all("secure" in v.lower() for v in cookies)
        # Throttling sees the forwarded address: locking 203.0.113.9 leaves 198.51.100.7 free.
        creds = proxied.credentials

        def attempt(forwarded: dict[str, str], password: str) -> httpx.Response:
            page = httpx.get(proxied.base_url + "/console/login", headers=forwarded)
            token = page.cookies[LOGIN_CSRF_COOKIE]  # a Secure cookie: sent by hand over this plain socket
            return httpx.post(
                proxied.base_url + "/console/login",
                headers={**forwarded, "Cookie": f"{LOGIN_CSRF_COOKIE}={token}"},
                data={"csrf": csrf_of(page.text), "login": creds["user"], "password": password},
            )

        for _ in range(LOCK_AFTER):
            assert attempt(headers, "wrong-guess-9").status_code == 401
        locked = attempt(headers, creds["password"])
        assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
        fine = attempt({**headers, "X-Forwarded-For": "198.51.100.7"}, creds["password"])
        assert fine.status_code == 303
    finally:
        proxied.stop()


def test_forms_need_the_sessions_csrf_token(server: RunningServer) -> None:
    browser = sso_browser(server)
    email = f"csrf-{uuid.uuid4().hex[:6]}@example.org"
    forged = browser.post("/console/suppressions", data={"email": email, "csrf": "not-the-token"})
    assert forged.status_code == 403
    assert email not in browser.get("/console/suppressions").text
    login_without_token = httpx.post(
        server.base_url + "/console/login",
        data={"login": server.credentials["user"], "password": server.credentials["password"]},
    )
    assert login_without_token.status_code == 403 and COOKIE not in login_without_token.cookies


def test_administrator_needs_second_factor_and_recovery_codes_work_once(server: RunningServer) -> None:
    admin = new_tenant(server, f"boss-{uuid.uuid4().hex[:6]}@example.com", own_account=False, admin=True)
    browser, reply = password_browser(server, admin.login, PASSWORD)
    assert reply.status_code == 303 and "/console/login/second-factor" in reply.headers["location"]
    assert browser.get("/console").headers["location"] == "/console/login/second-factor"  # nothing before the code
    page = browser.get("/console/login/second-factor")
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.text).group(1)
    codes = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", page.text)
    assert len(codes) == 10
    wrong = browser.post("/console/login/second-factor", data={"csrf": csrf_of(page.text), "code": "000000"})
    assert wrong.status_code == 401
    good = totp.code_at(secret, totp.current_step())
    done = browser.post("/console/login/second-factor", data={"csrf": csrf_of(page.text), "code": good})
    assert done.status_code == 303 and browser.get("/console").status_code == 200

    def second_sign_in(code: str) -> int:
        again, reply = password_browser(server, admin.login, PASSWORD)
        page = again.get(reply.headers["location"])
        assert "totp-secret" not in page.text  # enrolled: the key is never shown again
        return again.post("/console/login/second-factor", data={"csrf": csrf_of(page.text), "code": code}).status_code

    assert second_sign_in(good) == 401  # a TOTP step is accepted once
    assert second_sign_in(codes[0].upper()) == 303  # a recovery code (any case) …
    assert second_sign_in(codes[0]) == 401  # … once


def test_sessions_end_when_idle_or_when_the_password_changes(server: RunningServer) -> None:
    tenant = new_tenant(server, f"idle-{uuid.uuid4().hex[:6]}@example.com", own_account=False)
    browser, _reply = password_browser(server, tenant.login, PASSWORD)
    other, _reply = password_browser(server, tenant.login, PASSWORD)
    assert browser.get("/console/settings").status_code == 200
    changed = form_post(
        browser,
        "/console/settings",
        "/console/settings/password",
        {"old_password": PASSWORD, "password": "Another-Pass-2025"},
    )
    assert changed.status_code == 303
    assert browser.get("/console/settings").status_code == 200  # this browser got a new session
    assert other.get("/console/settings").status_code == 303  # every other session ended

    async def age(session, ctx) -> None:
        user_id = await session.scalar(select(User.id).where(User.login == tenant.login))
        await session.execute(
            update(ConsoleSession)
            .where(ConsoleSession.user_id == user_id)
            .values(last_seen_at=clock.utcnow() - timedelta(hours=2))
        )

    on_server_db(server, age)
    assert browser.get("/console/settings").status_code == 303  # idle longer than the setting


def test_settings_errors_are_shown_next_to_the_field(server: RunningServer) -> None:
    tenant = new_tenant(server, f"set-{uuid.uuid4().hex[:6]}@example.com", own_account=False)
    browser, _reply = password_browser(server, tenant.login, PASSWORD)
    bad = form_post(
        browser,
        "/console/settings",
        "/console/settings",
        {"contact": "Pat", "timezone": "Mars/Olympus", "tls_policy": "opportunistic"},
    )
    assert bad.status_code == 400
    assert 'id="e-timezone"' in bad.text and "Mars/Olympus" in bad.text and 'aria-invalid="true"' in bad.text
    good = form_post(
        browser,
        "/console/settings",
        "/console/settings",
        {"contact": "Pat Doe", "timezone": "Europe/Berlin", "tls_policy": "required"},
    )
    assert good.status_code == 303
    page = browser.get("/console/settings").text
    assert 'value="Pat Doe"' in page and 'value="Europe/Berlin"' in page


def dashboard_numbers(page: str) -> dict[tuple[str, str], int]:
    """(day, metric) → number, from the table under the charts."""
    return {(d, m): int(v) for d, m, v in re.findall(r'<td data-day="([0-9-]+)" data-metric="(\w+)">(\d+)</td>', page)}


def report_numbers(api: Client, day: str) -> dict[str, int]:
    """The seven metrics of one day, read from the account's summary report endpoints."""
    params = dashboard.day_params(date.fromisoformat(day))
    expected = dict.fromkeys(dashboard.METRICS, 0)
    dashboard.numbers_from_rows(api.get_email_smtp_delivery_status_summary_report_account(**params)["rows"], expected)
    dashboard.numbers_from_rows(api.get_email_feed_back_loops_summary_report_account(**params)["rows"], expected)
    return expected


BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


def open_and_click(server: RunningServer, queue_id: int) -> None:
    """Fetch the open pixel and the click URL of the captured (tracked) message, as a mail client would,
    and wait until both events are recorded."""

    async def captured_mime(session, ctx) -> bytes:
        captured_id = await session.scalar(
            select(CapturedMessage.id).where(CapturedMessage.outbound_message_id == queue_id)
        )
        return (await get_captured(session=session, ctx=ctx, captured_id=captured_id))[1]

    message = email.message_from_bytes(on_server_db(server, captured_mime))
    html = next(p for p in message.walk() if p.get_content_type() == "text/html").get_payload(decode=True).decode()
    urls = [
        u.replace("&amp;", "&") for u in re.findall(r'(?:src|href)="([^"]+)"', html) if u.startswith(server.base_url)
    ]
    assert len(urls) == 2, html  # the rewritten link and the pixel
    with httpx.Client(timeout=10, headers={"User-Agent": BROWSER}) as http:
        for url in urls:
            assert http.get(url).status_code in (200, 302)

    async def recorded(session, ctx) -> list[str]:
        return sorted(
            await session.scalars(select(TrackingEvent.kind).where(TrackingEvent.outbound_message_id == queue_id))
        )

    wait_until(lambda: on_server_db(server, recorded) == ["click", "open"], timeout=20, what="the open and the click")


def test_dashboard_numbers_equal_the_report_endpoints(server: RunningServer) -> None:
    """A tenant of its own with mail of every kind today and three days ago: every number of every day
    on the dashboard equals what the report endpoints say for that day."""
    tenant = new_tenant(
        server, f"dash-{uuid.uuid4().hex[:6]}@d{uuid.uuid4().hex[:6]}.example", own_account=True, admin=True
    )
    who = {"token": tenant.token, "secret": tenant.secret, "login": tenant.login, "password": tenant.password}
    tracked = send(server, "Counted 0", html='<p>Hello <a href="https://example.org/">offer</a></p>', track=True, **who)
    ids = [tracked] + [send(server, f"Counted {n}", **who) for n in range(1, 4)]
    for queue_id in ids:
        wait_captured(server, queue_id)
    open_and_click(server, tracked)  # the reader opens the first message and follows its link
    earlier = clock.utcnow() - timedelta(days=3)

    async def history(session, ctx) -> dict[str, str]:
        await session.execute(update(OutboundMessage).where(OutboundMessage.id.in_(ids[:2])).values(created_at=earlier))
        await session.execute(
            update(OutboundRecipient).where(OutboundRecipient.message_id == ids[0]).values(completed_at=earlier)
        )
        await session.execute(
            update(OutboundRecipient)
            .where(OutboundRecipient.message_id == ids[1])
            .values(state="deferred", completed_at=None)
        )
        await session.execute(
            update(OutboundRecipient).where(OutboundRecipient.message_id == ids[2]).values(state="failed")
        )
        user = await session.scalar(select(User).where(User.login == tenant.login))
        session.add(
            ComplaintEvent(
                account_id=tenant.account_id,
                user_id=user.id,
                outbound_message_id=ids[0],
                channel="api",
                at=earlier,
                recipient="reader@example.org",
                provider="isp.example",
            )
        )
        issued = await bootstrap.create_integration(
            session,
            ctx,
            await session.get(Account, tenant.account_id),
            name="dashboard check",
            scope="account",
            per_minute=0,
            per_day=0,
        )
        return {"token": issued.token, "secret": issued.secret}

    account_integration = on_server_db(server, history)

    browser = sso_browser(server, **who)  # an administrator: account-wide numbers
    page = browser.get("/console").text
    shown = dashboard_numbers(page)
    days = sorted({d for d, _m in shown})
    today, then = clock.utcnow().date().isoformat(), earlier.date().isoformat()
    assert len(days) == dashboard.DAYS and days[-1] == today
    assert shown[(then, "sent")] == 2 and shown[(then, "delivered")] == 1 and shown[(then, "deferred")] == 1
    assert shown[(then, "opened")] == shown[(then, "clicked")] == shown[(then, "complained")] == 1
    assert shown[(today, "sent")] == 2 and shown[(today, "bounced")] == 1 and shown[(today, "delivered")] == 1
    with Client(
        server.base_url, account_integration["token"], account_integration["secret"], account=str(tenant.account_id)
    ) as api:
        for day in days:
            assert {m: shown[(day, m)] for m in dashboard.METRICS} == report_numbers(api, day), day
    svg = re.search(r'<svg class="chart"[^>]*data-metric="sent"[^>]*>', page).group(0)
    assert 'data-total="4"' in svg


@pytest.mark.parametrize("bad", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_login_never_redirects_off_site(server: RunningServer, bad: str) -> None:
    tenant = new_tenant(server, f"nx-{uuid.uuid4().hex[:6]}@example.com", own_account=False)
    browser = httpx.Client(base_url=server.base_url)
    form = browser.get("/console/login", params={"next": bad})
    reply = browser.post(
        "/console/login", data={"csrf": csrf_of(form.text), "login": tenant.login, "password": PASSWORD, "next": bad}
    )
    assert reply.status_code == 303 and reply.headers["location"] == "/console"


def test_message_lookup_by_queue_id_in_database(server: RunningServer) -> None:
    """The console lists what the outbound queue holds (works the same in relay and mx modes)."""
    queue_id = send(server, "Queue row check")
    wait_captured(server, queue_id)

    async def row(session, ctx):
        return await session.get(OutboundMessage, queue_id)

    assert on_server_db(server, row) is not None
    browser = sso_browser(server)
    page = browser.get(f"/console/messages/{queue_id}")
    assert page.status_code == 200 and "Queue row check" in page.text and "Raw MIME" in page.text


def test_administrator_adds_a_domain_and_sees_the_dns_records_to_publish(server: RunningServer) -> None:
    browser = sso_browser(server)
    name = f"d{uuid.uuid4().hex[:6]}.example.net"
    bad = form_post(browser, "/console/admin/domains", "/console/admin/domains", {"domain": "not a domain!"})
    assert bad.status_code == 400 and 'id="domain-error"' in bad.text and 'aria-invalid="true"' in bad.text
    assert form_post(browser, "/console/admin/domains", "/console/admin/domains", {"domain": name}).status_code == 303
    page = browser.get("/console/admin/domains").text
    assert f"_openlux-verify.{name}" in page and "openlux-verify=" in page  # the record `openlux domain verify` checks
    assert "v=spf1 a:" in page and f"Create a DKIM key for {name}" in page
    made = form_post(browser, "/console/admin/domains", "/console/admin/domains", {"domain": name, "action": "dkim"})
    assert made.status_code == 303
    page = browser.get("/console/admin/domains").text
    assert re.search(rf"_domainkey\.{re.escape(name)}</code></td><td><code class=\"wrap\">v=DKIM1; k=rsa; p=", page)


def test_administrator_sets_the_account_branding(server: RunningServer, user_api: Client) -> None:
    browser = sso_browser(server)
    assert browser.get("/console/admin/branding").status_code == 200
    bad = form_post(browser, "/console/admin/branding", "/console/admin/branding", {"primary_color": "green"})
    assert bad.status_code == 400 and "#rrggbb" in bad.text and 'id="branding-error"' in bad.text
    saved = form_post(
        browser,
        "/console/admin/branding",
        "/console/admin/branding",
        {"brand_name": "Console Clinic", "primary_color": "#123456"},
    )
    assert saved.status_code == 303
    try:
        shown = user_api.get_user_branding_information()
        assert shown["brand_name"] == "Console Clinic" and shown["primary_color"] == "#123456"
    finally:
        form_post(
            browser, "/console/admin/branding", "/console/admin/branding", {"brand_name": "", "primary_color": ""}
        )
    assert user_api.get_user_branding_information()["brand_name"] == "OpenLux"


def test_sso_session_must_confirm_the_password_before_creating_an_integration(server: RunningServer) -> None:
    browser = sso_browser(server)
    refused = form_post(
        browser, "/console/admin/integrations", "/console/admin/integrations", {"name": "via-sso", "scope": "user"}
    )
    assert refused.status_code == 303 and refused.headers["location"].startswith("/console/reauth")
    assert "via-sso" not in browser.get("/console/admin/integrations").text
    wrong = form_post(browser, "/console/reauth", "/console/reauth", {"password": "not-it-at-all"})
    assert wrong.status_code == 401
    confirmed = form_post(
        browser,
        "/console/reauth",
        "/console/reauth",
        {"password": server.credentials["password"], "next": "/console/admin/integrations"},
    )
    assert confirmed.status_code == 303
    made = form_post(
        browser, "/console/admin/integrations", "/console/admin/integrations", {"name": "via-sso", "scope": "user"}
    )
    assert made.status_code == 200 and 'id="issued-secret"' in made.text


def test_message_parts_text_and_attachments_are_shown_safely(server: RunningServer) -> None:
    hostile = b"<html><script>alert(document.cookie)</script></html>"
    creds = server.credentials
    with Client(
        server.base_url, creds["user_token"], creds["user_secret"], user=creds["user"], password=creds["password"]
    ) as api:
        [reply] = api.send_email(
            messages=[
                {
                    "from_address": creds["user"],
                    "to": ["reader@example.org"],
                    "subject": "With parts",
                    "html": "<p>See <i>attached</i></p>",
                    "text": "See attached (plain).",
                    "attachments": [{"name": "report.html", "hash": hashlib.sha256(hostile).hexdigest()}],
                }
            ],
            files=[("report.html", hostile)],
        )
    queue_id = int(reply["id"])
    wait_captured(server, queue_id)
    browser = sso_browser(server)
    page = browser.get(f"/console/messages/{queue_id}").text
    assert "See attached (plain)." in page and "report.html" in page and "Delivery attempts" in page
    link = re.search(rf'href="(/console/messages/{queue_id}/parts/\d+\?download=1)">report.html<', page).group(1)
    download = browser.get(link)
    assert download.content == hostile
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert "sandbox" in download.headers["content-security-policy"]
    raw = browser.get(f"/console/messages/{queue_id}/raw")
    assert raw.headers["content-type"].startswith("text/plain") and "Subject: With parts" in raw.text


def test_administrator_purges_a_queued_message(server: RunningServer) -> None:
    queue_id = send(server, "To be purged")
    wait_captured(server, queue_id)

    async def requeue(session, ctx) -> None:
        await session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.id == queue_id)
            .values(state="queued", next_attempt_at=clock.utcnow() + timedelta(hours=1))
        )

    on_server_db(server, requeue)
    browser = sso_browser(server)
    assert f'data-queue-id="{queue_id}"' in browser.get("/console/queue").text
    purged = form_post(browser, "/console/queue", f"/console/queue/{queue_id}/purge", {})
    assert purged.status_code == 303 and purged.headers["location"].endswith("done=purged")

    async def gone(session, ctx):
        return await session.get(OutboundMessage, queue_id)

    assert on_server_db(server, gone) is None
