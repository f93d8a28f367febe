"""The audit log and issue 9 item 9 over signed HTTP on both backends: read-only integrations cannot
mint portal access, portal users see only later mail, events are recorded and cannot be changed,
administrators read them (CLI and console)."""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from openlux.cli import app
from openlux.client import Client, LuxSciError
from openlux.contract import endpoints
from openlux.db import make_engine
from openlux.securesend.models import SecureSendUser
from tests.audit.helpers import account_integration, audit_rows, audit_rows_until, escrow_message
from tests.console.helpers import new_tenant
from tests.support.console import admin_browser, form_post, password_browser, sso_browser
from tests.support.dbquery import fetch_all, fetch_until, select_rows
from tests.support.server import RunningServer


def _tag() -> str:
    return "a" + uuid.uuid4().hex[:10]


def _status(call, *args, **kwargs) -> int:
    with pytest.raises(LuxSciError) as err:
        call(*args, **kwargs)
    return err.value.status


def _account_client(server: RunningServer, token: str, secret: str) -> Client:
    return Client(
        server.base_url, token, secret, account=server.credentials["account"], user=server.credentials["user"]
    )


def test_read_only_integration_cannot_mint_portal_users_or_sign_on_links(
    server: RunningServer, account_api: Client
) -> None:
    space, email = f"ns-{_tag()}", f"{_tag()}@patients.example"
    account_api.create_or_update_secure_send_user(namespace_id=space, ss_user=email, password="Portal-Pass-123")
    before = fetch_all(server.database_url, "SELECT count(*) AS n FROM securesend_sso_token")[0]["n"]
    token, secret = account_integration(server, f"reader {_tag()}", default_access="read")
    with _account_client(server, token, secret) as reader:
        assert reader.get_secure_send_user_list(namespace_id=space)  # reading is allowed
        assert _status(reader.get_secure_send_user_single_sign_on_link, namespace_id=space, ss_user=email) == 403
        assert (
            _status(reader.create_or_update_secure_send_user, namespace_id=space, ss_user=f"new.{email}", name="X")
            == 403
        )
        tenant = new_tenant(server, f"{_tag()}@example.com", own_account=False)
        sso_before = fetch_all(server.database_url, "SELECT count(*) AS n FROM sso_token")[0]["n"]
        assert _status(reader.get_user_single_sign_on_login_url, username=tenant.login) == 403
    assert fetch_all(server.database_url, "SELECT count(*) AS n FROM securesend_sso_token")[0]["n"] == before
    assert fetch_all(server.database_url, "SELECT count(*) AS n FROM sso_token")[0]["n"] == sso_before
    assert not select_rows(server, select(SecureSendUser.id).where(SecureSendUser.email_index == f"new.{email}"))
    assert not audit_rows(server, "portal_sso_link.create", target=f"{email.lower()} (namespace {space})")
    # A writing account integration may mint links, but never for an account administrator.
    assert _status(account_api.get_user_single_sign_on_login_url, username=server.credentials["user"]) == 403
    assert account_api.get_user_single_sign_on_login_url(username=tenant.login)["url"]


def test_portal_user_sees_only_mail_escrowed_after_its_creation_unless_the_account_opts_in(
    server: RunningServer, account_api: Client
) -> None:
    recipient = f"{_tag()}@patients.example"
    earlier_id, earlier_token = escrow_message(server, recipient, "Earlier results")
    account_api.create_or_update_secure_send_user(namespace_id="clinic", ss_user=recipient)
    later_id, _ = escrow_message(server, recipient, "Later results")
    link = account_api.get_secure_send_user_single_sign_on_link(namespace_id="clinic", ss_user=recipient)
    with httpx.Client(timeout=30, follow_redirects=True) as browser:
        portal = browser.get(link["url"])
        ids = {int(i) for i in re.findall(r'/securesend/portal/message/(\d+)"', portal.text)}
        assert portal.status_code == 200 and ids == {later_id}
        assert browser.get(f"{server.base_url}/securesend/portal/message/{earlier_id}").status_code == 404
        # The portal session does not open the earlier message's pickup link without a code either.
        pickup = browser.get(f"{server.base_url}/securesend/pickup/{earlier_token}/message")
        assert pickup.status_code == 401 and "Earlier results" not in pickup.text
        runner = CliRunner()
        assert runner.invoke(app, ["audit", "portal-earlier-mail", "on"], env=server.env).exit_code == 0
        try:
            opened = browser.get(f"{server.base_url}/securesend/portal/message/{earlier_id}")
            assert opened.status_code == 200 and "Earlier results" in opened.text
        finally:
            assert runner.invoke(app, ["audit", "portal-earlier-mail", "off"], env=server.env).exit_code == 0
        assert browser.get(f"{server.base_url}/securesend/portal/message/{earlier_id}").status_code == 404


def test_recorded_events_appear_with_who_what_target_address_and_outcome(
    server: RunningServer, account_api: Client, user_api: Client
) -> None:
    space, email = f"ns-{_tag()}", f"{_tag()}@patients.example"
    target = f"{email.lower()} (namespace {space})"
    account_api.create_or_update_secure_send_user(namespace_id=space, ss_user=email)
    [created] = audit_rows(server, "portal_user.create", target=target)
    assert created["actor_kind"] == "integration" and server.credentials["account_token"] in created["actor"]
    assert created["client_ip"] == "127.0.0.1" and created["outcome"] == "success"
    assert created["account_id"] == int(server.credentials["account"])
    message_id, _ = escrow_message(server, email.lower(), "Audited results")
    link = account_api.get_secure_send_user_single_sign_on_link(namespace_id=space, ss_user=email)
    assert len(audit_rows(server, "portal_sso_link.create", target=target)) == 1
    with httpx.Client(timeout=30, follow_redirects=True) as browser:
        assert browser.get(link["url"]).status_code == 200
        assert browser.get(f"{server.base_url}/securesend/portal/message/{message_id}").status_code == 200
        assert browser.get(link["url"]).status_code == 403  # used: a failed redemption
    [redeemed] = audit_rows(server, "sso.redeem", actor=email.lower())
    assert redeemed["actor_kind"] == "portal_user" and redeemed["outcome"] == "success"
    [read] = audit_rows(server, "message.read", target=f"escrow {message_id}")
    assert read["actor"] == email.lower() and _details(read) == {"channel": "portal", "part": "message"}
    assert audit_rows(server, "sso.redeem", outcome="failure")

    # API logins: a failure (counted for the user's account) and a success. A tenant fails, so the
    # shared administrator's throttle counters stay clean for the other tests of the session.
    login, creds = server.credentials["user"], server.credentials
    tenant = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    with Client(server.base_url, tenant.token, tenant.secret, user=tenant.login, password="Wrong-Pass-1") as bad:
        assert _status(bad.get_time_zones_list) == 401
    failed = audit_rows_until(server, "login", bool, actor=tenant.login, outcome="failure")
    assert failed and failed[-1]["account_id"] == int(creds["account"]) and _details(failed[-1])["channel"] == "api"
    user_api.get_time_zones_list()
    assert audit_rows(server, "login", actor=login, outcome="success")

    # Keys and domains through the API.
    domain = f"{_tag()}.example.org"
    account_api.create_domain(domain=domain)
    assert audit_rows(server, "domain.create", target=domain)
    account_api.create_dkim(domain=domain)
    assert audit_rows(server, "dkim_key.create", target=domain)
    label = f"phone {_tag()}"
    user_api.create_app_specific_password(label=label)
    [app_password] = [
        r for r in audit_rows(server, "app_password.create", target=login) if _details(r)["label"] == label
    ]
    assert app_password["on_behalf_of"] == login  # a user-scope integration acts for its user

    # A console sign-in through a link, a failed console password.
    sso_browser(server, token=tenant.token, secret=tenant.secret, login=tenant.login, password=tenant.password)
    assert audit_rows(server, "sso_link.create", target=tenant.login)
    assert [r for r in audit_rows(server, "sso.redeem", actor=tenant.login) if not _details(r)["portal"]]
    _browser, reply = password_browser(server, tenant.login, "Wrong-Console-Pass")
    assert reply.status_code == 401
    console_failures = [
        r
        for r in audit_rows(server, "login", actor=tenant.login, outcome="failure")
        if _details(r)["channel"] == "console"
    ]
    assert console_failures


def test_audit_rows_cannot_be_changed(server: RunningServer, account_api: Client) -> None:
    account_api.create_or_update_secure_send_user(namespace_id=f"ns-{_tag()}", ss_user=f"{_tag()}@patients.example")
    assert not [e for e in endpoints().values() if "audit" in e.name.lower() or "audit" in e.path]
    [newest] = fetch_all(server.database_url, "SELECT id, actor FROM audit_event ORDER BY id DESC LIMIT 1")

    async def rewrite() -> None:
        engine = make_engine(server.database_url, pool_size=0)
        try:
            async with engine.begin() as conn:
                await conn.execute(text("UPDATE audit_event SET actor = 'nobody' WHERE id = :i"), {"i": newest["id"]})
        finally:
            await engine.dispose()

    with pytest.raises(DBAPIError, match="append-only"):
        asyncio.run(rewrite())
    assert (
        fetch_all(server.database_url, "SELECT actor FROM audit_event WHERE id = :i", i=newest["id"])[0]["actor"]
        == newest["actor"]
    )
    # The console page is read-only: no method changes it.
    browser = admin_browser(server)
    for method in ("POST", "PUT", "DELETE"):
        assert browser.request(method, "/console/admin/audit").status_code in (403, 405)


def test_cli_lists_events_as_json_and_table_with_filters(server: RunningServer, account_api: Client) -> None:
    email = f"{_tag()}@patients.example"
    account_api.create_or_update_secure_send_user(namespace_id="clinic", ss_user=email)
    runner = CliRunner()
    listed = runner.invoke(
        app, ["audit", "list", "--json", "--action", "portal_user.create", "--since", "2000-01-01"], env=server.env
    )
    assert listed.exit_code == 0, listed.output
    events = [json.loads(line) for line in listed.output.splitlines() if line.strip()]
    assert events and {e["action"] for e in events} == {"portal_user.create"}
    assert any(e["target"].startswith(email.lower()) for e in events)
    by_token = runner.invoke(
        app, ["audit", "list", "--json", "--user", server.credentials["account_token"]], env=server.env
    )
    mine = [json.loads(line) for line in by_token.output.splitlines() if line.strip()]
    assert mine and all(server.credentials["account_token"] in e["actor"] for e in mine)
    table = runner.invoke(app, ["audit", "list", "--action", "portal_user.create"], env=server.env)
    assert table.exit_code == 0 and "portal_user.create" in table.output
    future = runner.invoke(app, ["audit", "list", "--json", "--since", "2999-01-01"], env=server.env)
    assert future.exit_code == 0 and future.output.strip() == ""
    bad = runner.invoke(app, ["audit", "list", "--action", "no.such"], env=server.env)
    assert bad.exit_code != 0
    kept = runner.invoke(app, ["audit", "retention"], env=server.env)
    assert kept.exit_code == 0 and "2196 days" in kept.output
    # The operator's own changes are recorded too.
    name = f"operator {_tag()}"
    made = runner.invoke(app, ["integration", "create", name, "--per-minute", "0", "--per-day", "0"], env=server.env)
    assert made.exit_code == 0, made.output
    token = json.loads(made.output)["token"]
    assert runner.invoke(app, ["integration", "disable", token], env=server.env).exit_code == 0
    admin_login = f"{_tag()}@example.com"
    assert runner.invoke(app, ["user", "create", admin_login, "--admin"], env=server.env).exit_code == 0
    target = f"{name} ({token})"
    assert [r["actor_kind"] for r in audit_rows(server, "integration.create", target=target)] == ["operator"]
    assert [_details(r) for r in audit_rows(server, "integration.change", target=target)] == [{"action": "disable"}]
    assert [r["actor"] for r in audit_rows(server, "admin_flag.change", target=admin_login)] == ["cli"]


def test_console_audit_page_is_for_administrators_only(server: RunningServer, account_api: Client) -> None:
    tenant = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    browser, reply = password_browser(server, tenant.login, tenant.password)
    assert reply.status_code == 303
    refused = browser.get("/console/admin/audit")
    assert refused.status_code == 403 and "audit_event" not in refused.text and "portal_user" not in refused.text
    email = f"{_tag()}@patients.example"
    account_api.create_or_update_secure_send_user(namespace_id="clinic", ss_user=email)
    admin = admin_browser(server)
    page = admin.get("/console/admin/audit", params={"action": "portal_user.create"})
    assert page.status_code == 200 and email.lower() in page.text and "Audit log" in page.text
    # The non-administrator's own sign-in is listed for the administrator.
    mine = admin.get("/console/admin/audit", params={"who": tenant.login, "action": "login"})
    assert mine.status_code == 200 and "console" in mine.text
    assert admin.get("/console/admin/audit", params={"since": "not a date"}).status_code == 400


def _details(row: dict) -> dict:
    value = row["details"]
    return json.loads(value) if isinstance(value, str) else value


def test_console_changes_and_reads_are_recorded(server: RunningServer, user_api: Client, account_api: Client) -> None:
    # A session opened by a sign-on link (of a user made administrator after it) changes no
    # administrator flag before the password is entered again.
    promoted = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    sso = sso_browser(
        server, token=promoted.token, secret=promoted.secret, login=promoted.login, password=promoted.password
    )
    account_api.update_user_settings(username=promoted.login, flags=["admin"])
    early = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    [early_user] = fetch_all(server.database_url, "SELECT id FROM app_user WHERE login = :l", l=early.login)
    refused = form_post(
        sso, "/console/admin/users", f"/console/admin/users/{early_user['id']}", {"action": "grant_admin"}
    )
    assert refused.status_code == 303 and refused.headers["location"].startswith("/console/reauth")
    flags = fetch_all(server.database_url, "SELECT flags FROM app_user WHERE id = :i", i=early_user["id"])
    assert "admin" not in str(flags[0]["flags"]) and not audit_rows(server, "admin_flag.change", target=early.login)
    confirmed = form_post(
        sso,
        "/console/reauth",
        "/console/reauth",
        {"password": promoted.password, "next": "/console/admin/users"},
    )
    assert confirmed.status_code == 303
    granted = form_post(
        sso, "/console/admin/users", f"/console/admin/users/{early_user['id']}", {"action": "grant_admin"}
    )
    assert granted.status_code == 303
    assert [r["actor"] for r in audit_rows(server, "admin_flag.change", target=early.login)] == [promoted.login]

    login = server.credentials["user"]
    browser = admin_browser(server)
    name = f"audited {_tag()}"
    made = form_post(
        browser, "/console/admin/integrations", "/console/admin/integrations", {"name": name, "scope": "user"}
    )
    assert made.status_code == 200
    [created] = [r for r in audit_rows(server, "integration.create", actor=login) if r["target"].startswith(name)]
    assert created["actor_kind"] == "user" and _details(created)["scope"] == "user"
    [row] = fetch_all(server.database_url, "SELECT id FROM api_integration WHERE name = :n", n=name)
    assert (
        form_post(
            browser, "/console/admin/integrations", f"/console/admin/integrations/{row['id']}", {"action": "disable"}
        ).status_code
        == 303
    )
    assert [r for r in audit_rows(server, "integration.change") if r["target"].startswith(name)]
    tenant = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    [user] = fetch_all(server.database_url, "SELECT id FROM app_user WHERE login = :l", l=tenant.login)
    for action in ("grant_admin", "revoke_admin"):
        reply = form_post(browser, "/console/admin/users", f"/console/admin/users/{user['id']}", {"action": action})
        assert reply.status_code == 303
    flags = audit_rows(server, "admin_flag.change", target=tenant.login)
    assert [_details(r)["admin"] for r in flags] == [True, False] and {r["actor"] for r in flags} == {login}

    [reply] = user_api.send_email(
        messages=[{"from_address": login, "to": ["reader@example.org"], "subject": "Audited", "body": "Hi"}]
    )
    queue_id = int(reply["id"])
    fetch_until(
        server.database_url,
        "SELECT id FROM captured_message WHERE outbound_message_id = :q",
        lambda rows: bool(rows),
        timeout=20,
        q=queue_id,
    )
    assert browser.get(f"/console/messages/{queue_id}").status_code == 200
    assert browser.get(f"/console/messages/{queue_id}/raw").status_code == 200
    reads = audit_rows(server, "message.read", target=f"message {queue_id}")
    assert [_details(r)["part"] for r in reads] == ["page", "raw"]
    assert {_details(r)["channel"] for r in reads} == {"console"} and {r["actor"] for r in reads} == {login}


def test_report_jobs_and_export_downloads_are_recorded(server: RunningServer, account_api: Client) -> None:
    job = account_api.call("getEmailSMTPSentReportAccount", destination="local")
    target = f"report job {job['job_id']}"
    [submitted] = audit_rows(server, "report_job.create", target=target)
    assert _details(submitted) == {"report": "getEmailSMTPSentReportAccount", "destination": "local"}
    deadline = time.monotonic() + 30
    while account_api.call("getAccountJob", job_id=job["job_id"])["status"] != "complete":
        assert time.monotonic() < deadline, "report job did not finish"
        time.sleep(0.2)
    assert not audit_rows(server, "export.download", target=target)  # looking at a job is not an export
    account_api.call("getAccountJob", job_id=job["job_id"], download=1)
    assert len(audit_rows(server, "export.download", target=target)) == 1
