"""Issue 9 item 17, the rest of the trail on both backends: suppressions, aliases, forwarding and the
sending rate through the API; reads of reports that name messages and of Secure Form posts; the
captured-mail listing (/web/outbox.json, `openlux outbox list`) and old /web/outbox message links;
sign-outs; the operator's `secureform`, `unsubscribe scope` and `retention purge --now` commands.

Each action is performed for real (signed SDK calls over HTTP, console forms over HTTP, the CLI through
typer's CliRunner) and read back with `openlux audit list --json`: actor, target, outcome, client address.
"""

from __future__ import annotations

import base64
import json
import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import update

from openlux.client import Client
from openlux.core import time as clock
from openlux.mail.models import CapturedMessage
from tests.audit.test_audit_changes import by_console_user, by_integration, by_operator, cli, events, since
from tests.console.helpers import PASSWORD, new_tenant
from tests.console.test_console_http import send, wait_captured
from tests.support.console import admin_browser, form_post
from tests.support.dbquery import fetch_all, on_server_db
from tests.support.polling import wait_until
from tests.support.server import RunningServer


def _tag() -> str:
    return "v" + uuid.uuid4().hex[:10]


def captured_id_of(server: RunningServer, queue_id: int) -> int:
    [row] = fetch_all(server.database_url, "SELECT id FROM captured_message WHERE outbound_message_id = :q", q=queue_id)
    return int(row["id"])


# ---- suppressions, aliases, forwarding, the sending rate, sign-outs (API) ---------------------------------


def test_api_suppressions_of_every_list_are_audited_one_event_per_address(
    server: RunningServer, account_api: Client, user_api: Client
) -> None:
    started, account_token, admin = clock.utcnow(), server.credentials["account_token"], server.credentials["user"]
    first, second, third = (f"{_tag()}@blocked.example" for _ in range(3))
    bulk = account_api.create_account_suppression(emails=[first, second.upper(), "not an address"])
    assert (bulk["created"], bulk["invalid"]) == (2, 1)
    assert account_api.create_account_suppression(email=first)["exists"] == 1  # no change: no event
    account_api.delete_account_suppression(email=second)
    for address in (first, second):
        [added] = events(server, "suppression.add", address)
        assert by_integration(added, account_token) and since(started, added)
        assert added["details"] == {"level": "account"}
    [removed] = events(server, "suppression.remove", second)
    assert by_integration(removed, account_token) and removed["details"] == {"level": "account"}
    assert not events(server, "suppression.remove", first)

    # A user's own list through a user-scope integration: on behalf of that user.
    user_api.create_user_suppression(email=third)
    user_api.delete_user_suppression(email=third)
    [own_add] = events(server, "suppression.add", third)
    [own_remove] = events(server, "suppression.remove", third)
    for row in (own_add, own_remove):
        assert by_integration(row, server.credentials["user_token"], admin) and row["details"] == {"level": "user"}

    # The marketing-only list (v2 API).
    marketing = f"{_tag()}@blocked.example"
    account_api.add_new_marketing_suppression(emails=[marketing])
    account_api.delete_marketing_suppression(email=marketing)
    [m_add] = events(server, "suppression.add", marketing)
    [m_remove] = events(server, "suppression.remove", marketing)
    for row in (m_add, m_remove):
        assert by_integration(row, account_token) and row["details"] == {"level": "marketing"} and since(started, row)


def test_api_aliases_forwarding_sending_rate_and_sign_out_are_audited(
    server: RunningServer, account_api: Client
) -> None:
    started, account_token = clock.utcnow(), server.credentials["account_token"]
    domain = f"{_tag()}.example.org"
    account_api.create_domain(domain=domain)
    alias = f"sales@{domain}"
    account_api.create_alias(user="Sales", domain=domain, action="email", dest="bob@outside.example")
    account_api.update_alias(alias=alias, dest=["a@outside.example", "b@outside.example"])
    account_api.create_alias(aliases=[{"user": "desk", "domain": domain, "action": "bounce"}])
    account_api.delete_alias(alias=alias)
    [made] = events(server, "alias.create", alias)
    assert by_integration(made, account_token) and since(started, made)
    assert made["details"] == {"action": "email", "destinations": ["bob@outside.example"], "status": "enabled"}
    [changed] = events(server, "alias.change", alias)
    assert by_integration(changed, account_token)
    assert changed["details"]["fields"] == ["dest"]
    assert changed["details"]["destinations"] == ["a@outside.example", "b@outside.example"]
    [from_list] = events(server, "alias.create", f"desk@{domain}")
    assert by_integration(from_list, account_token) and from_list["details"]["action"] == "bounce"
    [deleted] = events(server, "alias.delete", alias)
    assert by_integration(deleted, account_token) and since(started, deleted)

    tenant = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    with Client(server.base_url, tenant.token, tenant.secret, user=tenant.login, password=PASSWORD) as own:
        own.update_email_forwarding(action="forward", destinations="Elsewhere@Outside.example")
        own.revoke()
    [forwarding] = events(server, "forwarding.change", tenant.login)
    assert by_integration(forwarding, tenant.token, tenant.login) and since(started, forwarding)
    assert forwarding["details"] == {"action": "forward", "destinations": ["elsewhere@outside.example"]}
    signed_out = [
        row for row in events(server, "logout") if row["actor"].endswith(f"({tenant.token})") and since(started, row)
    ]
    assert len(signed_out) == 1 and signed_out[0]["client_ip"] == "127.0.0.1" and signed_out[0]["outcome"] == "success"
    assert signed_out[0]["details"] == {"channel": "api"} and signed_out[0]["target"].startswith("auth session ")

    [node] = wait_until(lambda: [s for s in account_api.get_servers() if s["status"] == "up"][:1])
    try:
        account_api.set_server_sendng_rate(server_id=node["server_id"], rate=250000)
    finally:  # 0 removes the limit again (other tests send on this account)
        account_api.set_server_sendng_rate(server_id=node["server_id"], rate=0)
    rates = [row for row in events(server, "sending_rate.change", f"server {node['server_id']}") if since(started, row)]
    assert [row["details"] for row in rates] == [{"rate": 250000}, {"rate": 0}]
    assert all(by_integration(row, account_token) for row in rates)


# ---- reads: reports naming messages, Secure Form posts ------------------------------------------------------


def test_report_reads_that_name_messages_or_addresses_are_audited(
    server: RunningServer, account_api: Client, user_api: Client
) -> None:
    started, admin = clock.utcnow(), server.credentials["user"]
    queue_id = send(server, "Reported")
    wait_captured(server, queue_id)
    report = account_api.get_email_smtp_sent_report_account(matches=5)
    endpoint = "getEmailSMTPSentReportAccount"
    read = [row for row in events(server, "report.read", endpoint) if since(started, row)]
    assert len(read) == 1 and by_integration(read[0], server.credentials["account_token"])
    assert read[0]["details"] == {"rows": len(report["rows"]), "query": {"matches": "5"}}
    user_api.get_email_smtp_delivery_status_report_user(recipient="nobody@example.org")
    [own] = [
        row for row in events(server, "report.read", "getEmailSMTPDeliveryStatusReportUser") if since(started, row)
    ]
    assert by_integration(own, server.credentials["user_token"], admin)
    assert own["details"] == {"rows": 0, "query": {"recipient": "nobody@example.org"}}
    # A summary holds counts only: not a read of anybody's mail.
    account_api.get_email_smtp_delivery_status_summary_report_account()
    assert not [row for row in events(server, "report.read") if "Summary" in row["target"]]


def test_secure_form_configuration_post_reads_and_deletions_are_audited(
    server: RunningServer, account_api: Client
) -> None:
    started, account_token = clock.utcnow(), server.credentials["account_token"]
    name = f"Intake {_tag()}"
    made = cli(server, "secureform", "create", name, "--allow-files", "--email-to", "owner@clinic.example")
    assert made.exit_code == 0, made.output
    form = json.loads(made.output.strip().splitlines()[-1])
    form_target = f"secure form {form['form_id']}"
    [created] = events(server, "secureform.create", form_target)
    assert by_operator(created) and created["client_ip"] is None and since(started, created)
    assert created["details"] == {"name": name, "email_to": ["owner@clinic.example"], "allow_files": True}
    for command in ("disable", "enable"):
        assert cli(server, "secureform", command, str(form["form_id"])).exit_code == 0
    changes = events(server, "secureform.change", form_target)
    assert [row["details"] for row in changes] == [{"enabled": False}, {"enabled": True}]
    assert all(by_operator(row) for row in changes)

    posted = httpx.post(
        form["post_url"],
        data={"patient": "Ann Lee", "note": "private"},
        files=[("scan", ("scan.txt", b"scan body", "text/plain"))],
        timeout=30,
    )
    assert posted.status_code == 200, posted.text[:300]
    posts = account_api.get_secure_form_database_posts(form_id=form["form_id"])
    row_id = posts["rows"][-1]["row_id"]
    rows = account_api.get_secure_form_database_rows(form_id=form["form_id"])
    one = account_api.get_secure_form_database_row(form_id=form["form_id"], row_id=row_id)
    file_id = one["files"][0]["file_id"]
    got = account_api.get_secure_form_database_file(form_id=form["form_id"], row_id=row_id, file_id=file_id)
    assert base64.b64decode(got["content"]) == b"scan body"
    row_target = f"{form_target} row {row_id}"
    listed = events(server, "secureform_post.read", form_target)
    assert [row["details"] for row in listed] == [
        {"part": "posts", "rows": 1},
        {"part": "rows", "rows": len(rows["rows"]), "row_ids": [row_id]},
    ]
    reads = events(server, "secureform_post.read", row_target)
    assert [row["details"] for row in reads] == [{"part": "row"}, {"part": "file", "file_id": file_id}]
    assert all(by_integration(row, account_token) and since(started, row) for row in (*listed, *reads))
    assert "private" not in json.dumps([*listed, *reads]) and "scan body" not in json.dumps(reads)

    account_api.delete_secure_form_database_file(form_id=form["form_id"], row_id=row_id, file_id=file_id)
    account_api.delete_secure_form_database_row(form_id=form["form_id"], row_id=row_id)
    deletions = events(server, "secureform_post.delete", row_target)
    assert [row["details"] for row in deletions] == [
        {"part": "file", "file_id": file_id},
        {"part": "row", "files_deleted": 0},
    ]
    assert all(by_integration(row, account_token) for row in deletions)


# ---- captured mail: /web/outbox.json, old /web/outbox links, `openlux outbox list`; console sign-out -------


def test_captured_mail_listings_old_outbox_links_and_console_sign_out_are_audited(server: RunningServer) -> None:
    started, admin_login, account = clock.utcnow(), server.credentials["user"], int(server.credentials["account"])
    queue_id = send(server, "Listed in the outbox")
    wait_captured(server, queue_id)
    captured = captured_id_of(server, queue_id)
    browser = admin_browser(server)
    listing = browser.get("/web/outbox.json")
    assert listing.status_code == 200
    shown = [m["id"] for m in listing.json()["data"]]
    assert captured in shown
    [listed] = [row for row in events(server, "message.list", "captured mail") if row["actor_kind"] == "user"][-1:]
    assert by_console_user(listed, admin_login) and since(started, listed) and listed["account_id"] == account
    assert listed["details"] == {"channel": "console", "count": len(shown), "captured_ids": shown}
    assert "Listed in the outbox" not in json.dumps(listed)

    # The console's message lists show subjects too: the dashboard (where admin_browser landed) and a search.
    [dashboard] = [row for row in events(server, "message.list", "messages") if row["details"]["page"] == "dashboard"][
        -1:
    ]
    assert by_console_user(dashboard, admin_login) and since(started, dashboard)
    assert queue_id in dashboard["details"]["message_ids"] and dashboard["details"]["channel"] == "console"
    found = browser.get("/console/messages")
    assert found.status_code == 200 and "Listed in the outbox" in found.text
    [shown] = [row for row in events(server, "message.list", "messages") if row["details"]["page"] == "messages"][-1:]
    assert by_console_user(shown, admin_login) and since(started, shown)
    assert queue_id in shown["details"]["message_ids"] and shown["details"]["count"] == len(
        shown["details"]["message_ids"]
    )
    assert (shown["details"]["q"], shown["details"]["page_number"]) == ("", 1)
    browser.get("/console/messages", params={"q": f"nobody-{_tag()}@example.org"})
    [missed] = [row for row in events(server, "message.list", "messages") if row["details"]["page"] == "messages"][-1:]
    assert missed["details"]["count"] == 0 and missed["details"]["q"].startswith("nobody-")

    # An old /web/outbox/<captured id> link leads to the console's message page, whose reading is recorded.
    followed = browser.get(f"/web/outbox/{captured}", follow_redirects=True)
    assert followed.status_code == 200 and "Listed in the outbox" in followed.text
    [read] = events(server, "message.read", f"message {queue_id}")
    assert by_console_user(read, admin_login) and read["details"] == {"channel": "console", "part": "page"}

    # The operator's listing: one event per account whose mail was on screen.
    printed = cli(server, "outbox", "list", "--limit", "5")
    assert printed.exit_code == 0, printed.output
    [by_cli] = [row for row in events(server, "message.list", "captured mail") if by_operator(row)][-1:]
    assert by_cli["client_ip"] is None and since(started, by_cli) and by_cli["details"]["channel"] == "cli"
    assert captured in by_cli["details"]["captured_ids"] and by_cli["details"]["count"] <= 5

    signed_out = form_post(browser, "/console", "/console/logout", {})
    assert signed_out.status_code == 303
    [logout] = [row for row in events(server, "logout", admin_login) if since(started, row)]
    assert by_console_user(logout, admin_login) and logout["details"] == {"channel": "console"}


# ---- the operator: unsubscribe scope, a purge run by hand ---------------------------------------------------


def test_unsubscribe_scope_mail_sent_by_the_operator_and_a_purge_run_by_hand_are_audited(
    server: RunningServer,
) -> None:
    started, account, admin = clock.utcnow(), int(server.credentials["account"]), server.credentials["user"]
    queued = cli(server, "send", "--to", "pat@example.org", "--subject", "From the operator", "--text", "Hello")
    assert queued.exit_code == 0, queued.output
    [result] = json.loads(queued.output)
    [sent] = events(server, "message.send", f"message {result['id']}")
    assert by_operator(sent) and sent["client_ip"] is None and sent["account_id"] == account
    assert sent["details"] == {"as_user": admin} and since(started, sent)

    before = cli(server, "unsubscribe", "scope")
    assert before.exit_code == 0
    previous = before.output.strip()
    try:
        assert cli(server, "unsubscribe", "scope", "all").exit_code == 0
    finally:
        assert cli(server, "unsubscribe", "scope", previous).exit_code == 0
    scopes = [
        row
        for row in events(server, "account_setting.change", f"account {account}")
        if row["details"].get("setting") == "unsubscribe_scope" and since(started, row)
    ]
    assert [row["details"]["value"] for row in scopes] == ["all", previous]
    assert all(by_operator(row) and row["client_ip"] is None for row in scopes)

    # Captured mail older than the account's lifetime (7 days by default), purged by `retention purge --now`.
    queue_id = send(server, "Kept too long")
    wait_captured(server, queue_id)

    async def back_date(session: Any, ctx: Any) -> None:
        await session.execute(
            update(CapturedMessage)
            .where(CapturedMessage.outbound_message_id == queue_id)
            .values(captured_at=clock.utcnow() - timedelta(days=30))
        )

    on_server_db(server, back_date)
    purged = cli(server, "retention", "purge", "--now", "--json")
    assert purged.exit_code == 0, purged.output
    assert json.loads(purged.output.strip().splitlines()[-1])["purged"]["captured-mail"] >= 1
    [purge] = [row for row in events(server, "retention.purge", "captured-mail") if since(started, row)]
    assert by_operator(purge) and purge["account_id"] == account and purge["client_ip"] is None
    assert purge["details"]["rows"] >= 1 and purge["details"]["data"] == "captured_mail"
    assert purge["details"]["before"] < (clock.utcnow() - timedelta(days=6)).isoformat()
    assert not fetch_all(
        server.database_url, "SELECT id FROM captured_message WHERE outbound_message_id = :q", q=queue_id
    )
