"""Issue 9 item 17 on both backends: changes of users, passwords, the administrator flag, SecureLine
keys, suppressions, the queue, branding, domains and account settings are in the audit log, made for
real (signed API calls, console forms over HTTP, the `openlux` CLI) and read back with
`openlux audit list`: who, when, which target, how it ended."""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import update
from typer.testing import CliRunner

from openlux.cli import app
from openlux.client import Client
from openlux.core import time as clock
from openlux.mail.models import OutboundMessage, OutboundRecipient
from tests.console.helpers import PASSWORD, new_tenant
from tests.console.test_console_http import send, wait_captured
from tests.secureline.material import pgp_pair, smime_pair
from tests.support.console import admin_browser, form_post, password_browser
from tests.support.dbquery import fetch_all, on_server_db
from tests.support.dns_server import DnsServer
from tests.support.polling import wait_until
from tests.support.server import RunningServer


def _tag() -> str:
    return "c" + uuid.uuid4().hex[:10]


def cli(server: RunningServer, *args: str, env: dict[str, str] | None = None) -> Any:
    """`openlux ARGS` against the server's data directory and database (typer's CliRunner)."""
    return CliRunner().invoke(app, list(args), env=env or server.env)


def events(server: RunningServer, action: str, target: str | None = None) -> list[dict[str, Any]]:
    """The first account's events of one action (optionally of one target), oldest first, as
    `openlux audit list --json` prints them."""
    listed = cli(server, "audit", "list", "--json", "--action", action, "--limit", "10000")
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.output.splitlines() if line.strip()]
    return [row for row in reversed(rows) if target is None or row["target"] == target]


def since(started: datetime, row: dict[str, Any]) -> bool:
    """The event happened during the test (its time is UTC, a second of slack)."""
    at = datetime.fromisoformat(row["at"])
    at = at if at.tzinfo else at.replace(tzinfo=UTC)
    return started - timedelta(seconds=1) <= at <= clock.utcnow() + timedelta(seconds=1)


def by_integration(row: dict[str, Any], token: str, on_behalf_of: str | None = None) -> bool:
    return (
        row["actor_kind"] == "integration"
        and row["actor"].endswith(f"({token})")
        and row["on_behalf_of"] == on_behalf_of
        and row["client_ip"] == "127.0.0.1"
        and row["outcome"] == "success"
    )


def by_console_user(row: dict[str, Any], login: str) -> bool:
    return (
        row["actor_kind"] == "user"
        and row["actor"] == login
        and row["client_ip"] == "127.0.0.1"
        and row["outcome"] == "success"
    )


def by_operator(row: dict[str, Any]) -> bool:
    return row["actor_kind"] == "operator" and row["actor"] == "cli" and row["outcome"] == "success"


def user_id(server: RunningServer, login: str) -> int:
    [row] = fetch_all(server.database_url, "SELECT id FROM app_user WHERE login = :l", l=login)
    return int(row["id"])


# ---- users, passwords and the administrator flag through the API ----------------------------------------


def test_api_profile_settings_password_and_administrator_flag_changes_are_audited(
    server: RunningServer, account_api: Client
) -> None:
    started, account_token = clock.utcnow(), server.credentials["account_token"]
    tenant = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    with Client(server.base_url, tenant.token, tenant.secret, user=tenant.login, password=PASSWORD) as own:
        own.update_user(phone1="555-0101")
        own.change_user_password(password="Changed-Pass-4321", old_password=PASSWORD)
    [profile] = events(server, "user.change", tenant.login)
    assert by_integration(profile, tenant.token, tenant.login) and since(started, profile)
    assert profile["details"] == {"fields": ["phone1"]}
    [own_password] = events(server, "password.change", tenant.login)
    assert by_integration(own_password, tenant.token, tenant.login) and since(started, own_password)
    assert "Changed-Pass-4321" not in json.dumps(own_password)

    # An administrator's integration changes settings and the password: two events, no flag change.
    account_api.update_user_settings(username=tenant.login, timezone="Europe/Berlin", password="Reset-By-Admin-987")
    settings = events(server, "user.change", tenant.login)[-1]
    assert by_integration(settings, account_token) and settings["details"] == {"fields": ["timezone"]}
    reset = events(server, "password.change", tenant.login)
    assert len(reset) == 2 and by_integration(reset[-1], account_token) and "Reset-By-Admin" not in json.dumps(reset)
    assert not events(server, "admin_flag.change", tenant.login)

    # The administrator flag set, set again (no change: not a flag event) and cleared.
    account_api.update_user_settings(username=tenant.login, flags=["admin"])
    account_api.update_user_settings(username=tenant.login, flags=["admin"])
    account_api.update_user_settings(username=tenant.login, flags=[])
    flags = events(server, "admin_flag.change", tenant.login)
    assert [row["details"] for row in flags] == [{"admin": True}, {"admin": False}]
    assert all(by_integration(row, account_token) and since(started, row) for row in flags)

    # createUser with the flag, renameUser, deleteUser.
    first, second = f"{_tag()}@example.com", f"{_tag()}@example.com"
    account_api.create_user(user=first, password="Created-Pass-2468", flags=["admin"])
    [created] = events(server, "user.create", first)
    assert by_integration(created, account_token) and created["details"] == {"admin": True}
    [granted] = events(server, "admin_flag.change", first)
    assert by_integration(granted, account_token) and granted["details"] == {"admin": True, "new_user": True}
    account_api.rename_user(username=first, new_user=second)
    [renamed] = events(server, "user.rename", first)
    assert by_integration(renamed, account_token) and renamed["details"] == {"new_login": second}
    account_api.delete_user(username=second)
    [deleted] = events(server, "user.delete", second)
    assert by_integration(deleted, account_token) and since(started, deleted)


# ---- the console: own settings and password, users, suppressions, queue, branding, keys -----------------


def test_console_settings_password_and_user_administration_are_audited(server: RunningServer) -> None:
    started, admin_login = clock.utcnow(), server.credentials["user"]
    tenant = new_tenant(server, f"{_tag()}@example.com", own_account=False)
    browser, reply = password_browser(server, tenant.login, PASSWORD)
    assert reply.status_code == 303
    saved = form_post(browser, "/console/settings", "/console/settings", {"contact": "Dr. Audit", "timezone": "UTC"})
    assert saved.status_code == 303
    [changed] = events(server, "user.change", tenant.login)
    assert by_console_user(changed, tenant.login) and since(started, changed)
    assert {"contact", "timezone"} <= set(changed["details"]["fields"])
    new_password = "Console-Changed-Pass-7"
    moved = form_post(
        browser, "/console/settings", "/console/settings/password", {"old_password": PASSWORD, "password": new_password}
    )
    assert moved.status_code == 303
    [password] = events(server, "password.change", tenant.login)
    assert by_console_user(password, tenant.login) and new_password not in json.dumps(password)

    admin = admin_browser(server)
    made = f"{_tag()}@example.com"
    created = form_post(
        admin, "/console/admin/users", "/console/admin/users", {"login": made, "password": "Made-In-Console-55"}
    )
    assert created.status_code == 303
    [made_event] = events(server, "user.create", made)
    assert by_console_user(made_event, admin_login) and made_event["details"] == {"admin": False}
    boss = f"{_tag()}@example.com"
    form_post(
        admin,
        "/console/admin/users",
        "/console/admin/users",
        {"login": boss, "password": "Made-In-Console-55", "admin": "1"},
    )
    [boss_flag] = events(server, "admin_flag.change", boss)
    assert by_console_user(boss_flag, admin_login) and boss_flag["details"] == {"admin": True, "new_user": True}
    for action in ("disable", "enable"):
        reply = form_post(
            admin, "/console/admin/users", f"/console/admin/users/{user_id(server, made)}", {"action": action}
        )
        assert reply.status_code == 303
    statuses = events(server, "user.change", made)
    assert [row["details"] for row in statuses] == [
        {"fields": ["status"], "status": "disabled"},
        {"fields": ["status"], "status": "enabled"},
    ]
    assert all(by_console_user(row, admin_login) and since(started, row) for row in statuses)


def test_console_suppression_queue_and_branding_actions_are_audited(server: RunningServer) -> None:
    started, admin_login = clock.utcnow(), server.credentials["user"]
    admin = admin_browser(server)
    email = f"{_tag()}@blocked.example"
    added = form_post(admin, "/console/suppressions", "/console/suppressions", {"email": email, "level": "account"})
    assert added.status_code == 303
    removed = form_post(
        admin,
        "/console/suppressions?level=account",
        "/console/suppressions/remove",
        {"email": email, "level": "account"},
    )
    assert removed.status_code == 303
    [add] = events(server, "suppression.add", email)
    [remove] = events(server, "suppression.remove", email)
    for row in (add, remove):
        assert by_console_user(row, admin_login) and since(started, row) and row["details"] == {"level": "account"}

    queued = []
    for subject in ("Retried by hand", "Purged by hand"):
        queue_id = send(server, subject)
        wait_captured(server, queue_id)
        queued.append(queue_id)

    async def requeue(session: Any, ctx: Any) -> None:
        await session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.id.in_(queued))
            .values(state="queued", next_attempt_at=clock.utcnow() + timedelta(hours=1))
        )
        await session.execute(  # deferred: what "retry" makes due now
            update(OutboundRecipient).where(OutboundRecipient.message_id.in_(queued)).values(state="deferred")
        )

    on_server_db(server, requeue)
    retry_id, purge_id = queued
    retried = form_post(admin, "/console/queue", f"/console/queue/{retry_id}/retry", {})
    assert retried.status_code == 303 and retried.headers["location"].endswith("done=retried")
    purged = form_post(admin, "/console/queue", f"/console/queue/{purge_id}/purge", {})
    assert purged.status_code == 303 and purged.headers["location"].endswith("done=purged")
    [retry] = events(server, "queue.retry", f"message {retry_id}")
    [purge] = events(server, "queue.purge", f"message {purge_id}")
    for row in (retry, purge):
        assert by_console_user(row, admin_login) and since(started, row) and row["details"] == {"applied": True}

    account = server.credentials["account"]
    try:
        saved = form_post(admin, "/console/admin/branding", "/console/admin/branding", {"brand_name": "Audited Care"})
        assert saved.status_code == 303
    finally:  # an empty value restores the default (other tests read the first account's branding)
        form_post(admin, "/console/admin/branding", "/console/admin/branding", {"brand_name": ""})
    branding = events(server, "branding.change", f"account {account}")
    assert branding and by_console_user(branding[-1], admin_login) and since(started, branding[-1])
    assert branding[-1]["details"] == {"keys": ["brand_name"]}


def test_secureline_key_changes_in_the_console_and_the_cli_are_audited(server: RunningServer, tmp_path: Path) -> None:
    started, admin_login = clock.utcnow(), server.credentials["user"]
    admin = admin_browser(server)
    address = f"{_tag()}@patients.example"
    pgp = pgp_pair(address)
    added = form_post(admin, "/console/admin/keys", "/console/admin/keys", {"kind": "pgp", "key": pgp.public_armored})
    assert added.status_code == 303
    [add] = events(server, "secureline_key.add", address)
    assert by_console_user(add, admin_login) and since(started, add) and add["details"]["kind"] == "pgp"
    key_id = add["details"]["key_id"]
    removed = form_post(admin, "/console/admin/keys", f"/console/admin/keys/{key_id}/remove", {})
    assert removed.status_code == 303
    [remove] = events(server, "secureline_key.remove", address)
    assert by_console_user(remove, admin_login) and remove["details"] == add["details"]

    # The operator replaces a certificate: the old one removed, the new one added, both recorded.
    cert_address = f"{_tag()}@patients.example"
    files = []
    for n in range(2):
        path = tmp_path / f"cert{n}.pem"
        path.write_bytes(smime_pair(cert_address).cert_pem)
        files.append(path)
    assert cli(server, "secureline", "key", "add", str(files[0]), "--kind", "smime").exit_code == 0
    [old] = events(server, "secureline_key.add", cert_address)
    assert cli(server, "secureline", "key", "remove", str(old["details"]["key_id"])).exit_code == 0
    assert cli(server, "secureline", "key", "add", str(files[1]), "--kind", "smime").exit_code == 0
    adds = events(server, "secureline_key.add", cert_address)
    [gone] = events(server, "secureline_key.remove", cert_address)
    assert len(adds) == 2 and adds[0]["details"]["fingerprint"] != adds[1]["details"]["fingerprint"]
    assert gone["details"] == old["details"]
    assert all(by_operator(row) and since(started, row) for row in (*adds, gone))
    assert all(row["account_id"] == int(server.credentials["account"]) for row in (*adds, gone))


# ---- the operator's CLI: domains, branding, account settings, users ----------------------------------------


RECORD = re.compile(r'record: (\S+) TXT "([^"]+)"')


def test_cli_domain_verification_release_branding_and_settings_are_audited(
    server: RunningServer, account_api: Client
) -> None:
    started = clock.utcnow()
    checked, marked, released = (f"{_tag()}.example.org" for _ in range(3))
    for name in (checked, marked, released):
        account_api.create_domain(domain=name)
    with DnsServer() as dns:
        env = {**server.env, "OPENLUX_DNS_SERVERS": dns.address}
        missing = cli(server, "domain", "verify", checked, env=env)
        assert missing.exit_code == 1, missing.output
        found = RECORD.search(missing.output)
        assert found, missing.output
        dns.add_txt(found.group(1), found.group(2))
        verified = cli(server, "domain", "verify", checked, env=env)
        assert verified.exit_code == 0, verified.output
    [failed, passed] = events(server, "domain.verify", checked)
    assert failed["actor_kind"] == "operator" and failed["outcome"] == "failure"
    assert failed["details"] == {"method": "dns", "verified": False}
    assert by_operator(passed) and passed["details"] == {"method": "dns", "verified": True}
    assert cli(server, "domain", "verify", marked, "--mark").exit_code == 0
    [by_mark] = events(server, "domain.verify", marked)
    assert by_operator(by_mark) and by_mark["details"] == {"method": "operator", "verified": True}
    assert cli(server, "domain", "release", released).exit_code == 0
    [release] = events(server, "domain.delete", released)
    assert by_operator(release) and release["details"] == {"released": True}

    account = server.credentials["account"]
    try:
        assert cli(server, "branding", "set", "brand_name=Operator Brand").exit_code == 0
    finally:
        assert cli(server, "branding", "set", "brand_name=").exit_code == 0
    brandings = [row for row in events(server, "branding.change", f"account {account}") if by_operator(row)]
    assert len(brandings) >= 2 and brandings[-1]["details"] == {"keys": ["brand_name"]}
    assert cli(server, "audit", "retention", "2196").exit_code == 0
    assert cli(server, "audit", "portal-earlier-mail", "off").exit_code == 0
    settings = [row for row in events(server, "account_setting.change", f"account {account}") if since(started, row)]
    assert {(row["details"]["setting"], row["details"]["value"]) for row in settings} >= {
        ("audit_retention_days", 2196),
        ("securesend_portal_shows_earlier_mail", False),
    }
    assert all(by_operator(row) for row in settings)
    login = f"{_tag()}@example.com"
    assert cli(server, "user", "create", login).exit_code == 0
    [made] = events(server, "user.create", login)
    assert by_operator(made) and made["details"] == {"admin": False} and since(started, made)
    assert all(since(started, row) for row in (failed, passed, by_mark, release, brandings[-1]))


# ---- the rest of item 17's areas: bounce domains, the API's queue emptying, operator reads ---------------


def test_bounce_domains_queue_emptying_and_operator_reads_are_audited(
    server: RunningServer, account_api: Client
) -> None:
    started, account_token = clock.utcnow(), server.credentials["account_token"]
    parent = f"{_tag()}.example.org"
    account_api.create_domain(domain=parent)
    account_api.create_dkim(domain=parent)
    account_api.create_custom_bounce_domain(domain=f"bounce.{parent}")
    [bounce] = events(server, "bounce_domain.create", f"bounce.{parent}")
    assert by_integration(bounce, account_token) and bounce["details"] == {"parent_domain": parent}

    [node] = wait_until(lambda: [s for s in account_api.get_servers() if s["status"] == "up"][:1])
    emptied = account_api.server_empty_email_queues(server_id=node["server_id"])
    [purge] = [row for row in events(server, "queue.purge", f"server {node['server_id']}") if since(started, row)]
    assert by_integration(purge, account_token) and purge["details"] == {"everything": False, **emptied}

    queue_id = send(server, "Read by the operator")
    wait_captured(server, queue_id)
    [captured] = fetch_all(
        server.database_url, "SELECT id FROM captured_message WHERE outbound_message_id = :q", q=queue_id
    )
    shown = cli(server, "outbox", "show", str(captured["id"]))
    assert shown.exit_code == 0 and "Read by the operator" in shown.output
    [read] = events(server, "message.read", f"message {queue_id}")
    assert by_operator(read) and since(started, read)
    assert read["details"] == {"channel": "cli", "part": "raw", "captured_id": captured["id"]}


def test_initialisation_starts_the_trail_with_the_administrator_and_the_integrations(server: RunningServer) -> None:
    admin, creds = server.credentials["user"], server.credentials
    [made] = events(server, "user.create", admin)
    assert by_operator(made) and made["details"] == {"admin": True, "init": True}
    [flag] = events(server, "admin_flag.change", admin)[:1]
    assert by_operator(flag) and flag["details"] == {"admin": True, "new_user": True}
    integrations = {row["target"]: row for row in events(server, "integration.create") if by_operator(row)}
    for token in (creds["account_token"], creds["user_token"]):
        [row] = [row for target, row in integrations.items() if target.endswith(f"({token})")]
        assert row["details"]["init"] is True


def test_cli_sender_grants_webhooks_and_lifetimes_are_audited(server: RunningServer) -> None:
    started, admin, account = clock.utcnow(), server.credentials["user"], server.credentials["account"]
    alias = f"{_tag()}@example.com"
    assert cli(server, "sender", "allow", admin, alias).exit_code == 0
    assert cli(server, "sender", "revoke", admin, alias).exit_code == 0
    [allow] = [row for row in events(server, "sender.allow", admin) if row["details"] == {"address": alias}]
    [revoke] = [row for row in events(server, "sender.revoke", admin) if row["details"] == {"address": alias}]
    assert by_operator(allow) and by_operator(revoke) and since(started, revoke)
    assert cli(server, "sender", "any-address", "--account", account, "--deny").exit_code == 0

    url = f"https://93.184.216.34/hooks/{_tag()}"  # a public address: webhook destinations are checked
    added = cli(server, "webhook", "add", url, "--event", "delivered", "--json")
    assert added.exit_code == 0, added.output
    made = json.loads(added.output)
    assert cli(server, "webhook", "remove", str(made["id"])).exit_code == 0
    [add, remove] = [*events(server, "webhook.add", url), *events(server, "webhook.remove", url)]
    for row in (add, remove):
        assert by_operator(row) and since(started, row)
        assert row["details"] == {"webhook_id": made["id"], "events": ["delivered"]}
    assert made["secret"] not in json.dumps([add, remove])

    assert cli(server, "retention", "set", "tracking_client", "default").exit_code == 0
    settings = [row for row in events(server, "account_setting.change", f"account {account}") if since(started, row)]
    assert {(row["details"]["setting"], row["details"]["value"]) for row in settings} >= {
        ("any_sender", False),
        ("retention.tracking_client", "default"),
    }
    assert all(by_operator(row) for row in settings)


def test_cli_queue_retry_and_purge_of_a_message_are_audited(server: RunningServer) -> None:
    started, account = clock.utcnow(), int(server.credentials["account"])
    queue_id = send(server, "Handled by the operator")
    wait_captured(server, queue_id)

    async def defer(session: Any, ctx: Any) -> None:
        later = clock.utcnow() + timedelta(hours=1)
        await session.execute(
            update(OutboundMessage).where(OutboundMessage.id == queue_id).values(state="queued", next_attempt_at=later)
        )
        await session.execute(
            update(OutboundRecipient).where(OutboundRecipient.message_id == queue_id).values(state="deferred")
        )

    on_server_db(server, defer)
    retried = cli(server, "queue", "retry", str(queue_id))
    assert retried.exit_code == 0 and "requeued 1" in retried.output, retried.output
    wait_captured(server, queue_id)
    purged = cli(server, "queue", "purge", str(queue_id), "--all")
    assert purged.exit_code == 0 and "deleted 1" in purged.output, purged.output
    [retry] = events(server, "queue.retry", f"message {queue_id}")
    [purge] = events(server, "queue.purge", f"message {queue_id}")
    assert retry["details"] == {"applied": 1, "failed_too": False}
    assert purge["details"] == {"applied": 1, "everything": True}
    assert all(by_operator(row) and row["account_id"] == account and since(started, row) for row in (retry, purge))
