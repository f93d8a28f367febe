"""Account-scope user and domain administration, end to end through the SDK."""

from __future__ import annotations

import uuid

import pytest

from openlux.client import Client, LuxSciError
from tests.support.failures import assert_fails


def _domain(account_api: Client) -> str:
    name = f"d{uuid.uuid4().hex[:8]}.example"
    account_api.create_domain(domain=name)
    return name


def test_create_user_and_find_it_in_reports(account_api: Client) -> None:
    domain = _domain(account_api)
    created = account_api.create_user(
        user=f"Ann@{domain.upper()}", password="Zebra-Secret-Pass1", contact="Ann", timezone="Europe/Berlin"
    )
    assert created["user"] == f"ann@{domain}" and created["contact"] == "Ann"
    report = account_api.get_user_report(domain=domain)
    assert [u["user"] for u in report] == [f"ann@{domain}"]
    assert account_api.get_user_report(domain=domain, status="disabled") == []
    assert account_api.get_user_report(domain=domain, younger_than=1)[0]["user"] == f"ann@{domain}"
    assert account_api.get_user_report(domain=domain, older_than=1) == []
    assert account_api.get_user(username=f"ann@{domain}")["user"] == f"ann@{domain}"


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"password": "Whatever-Pass-1"}, 400, "'user'"),
        ({"user": "not-an-address", "password": "Whatever-Pass-1"}, 400, "'user'"),
        ({"user": "x@unknown-domain.example", "password": "Whatever-Pass-1"}, 400, "not a domain of this account"),
        ({"user": "weak@example.com", "password": "short"}, 400, "at least 8"),
        ({"user": "nameinpw@example.com", "password": "NameInPw-123456"}, 400, "user name"),
        ({"user": "svc@example.com", "password": "Whatever-Pass-1", "services": ["fax"]}, 400, "fax"),
        ({"user": "tz@example.com", "password": "Whatever-Pass-1", "timezone": "Mars/Olympus"}, 400, "timezone"),
    ],
)
def test_create_user_rejects_bad_input(account_api: Client, body: dict, status: int, fragment: str) -> None:
    assert_fails(status, account_api.create_user, **body, message_has=fragment)


def test_create_existing_user_is_409(account_api: Client, server) -> None:
    assert_fails(
        409,
        account_api.create_user,
        user=server.credentials["user"],
        password="Whatever-Pass-1",
        message_has="already exists",
    )


def test_user_report2_pages_with_header(account_api: Client) -> None:
    domain = _domain(account_api)
    for name in ("a", "b", "c"):
        account_api.create_user(user=f"{name}@{domain}", password="Paged-User-Pass1")
    page = account_api.get_user_report2(domain=domain, first_row=1, matches=1)
    assert page["total_matches"] == 3 and page["first_row"] == 1 and page["matches"] == 1
    assert [r["user"] for r in page["rows"]] == [f"b@{domain}"]
    assert page["header"][0] == {"keyword": "uid", "type": "Integer", "description": "User id"}
    assert set(page["rows"][0]) == {h["keyword"] for h in page["header"]}
    count_only = account_api.get_user_report2(domain=domain, matches=0)
    assert count_only["rows"] == [] and count_only["total_matches"] == 3
    assert_fails(400, account_api.get_user_report2, matches=50001, message_has="'matches'")


def test_user_summary_counts(account_api: Client) -> None:
    domain = _domain(account_api)
    account_api.create_user(user=f"s1@{domain}", password="Summary-Pass-1", status="disabled")
    summary = account_api.get_user_summary_report()
    assert summary["by_domain"][domain] == 1 and summary["by_status"]["disabled"] >= 1
    assert summary["total_users"] == sum(summary["by_status"].values())


def test_update_user_settings_and_disabled_user_cannot_sign_in(account_api: Client, server) -> None:
    domain = _domain(account_api)
    login = f"upd@{domain}"
    account_api.create_user(user=login, password="Zebra-Change-Pass1")
    updated = account_api.update_user_settings(
        username=login,
        timezone="Asia/Tokyo",
        hourly_send_limit="250",
        services=["email", "smtp"],
        disk_quota=2048,
        custom1="x",
    )
    assert updated["settings"]["timezone"] == "Asia/Tokyo" and updated["settings"]["hourly_send_limit"] == 250
    assert updated["services"] == ["email", "smtp"] and updated["disk_quota"] == 2048.0 and updated["custom1"] == "x"
    account_api.update_user_settings(username=login, status="disabled")
    c = server.credentials
    with pytest.raises(LuxSciError) as err:
        Client(
            server.base_url, c["user_token"], c["user_secret"], user=login, password="Zebra-Change-Pass1"
        ).authenticate()
    assert err.value.status == 403
    assert_fails(400, account_api.update_user_settings, username=login, status="sleeping", message_has="'status'")
    assert_fails(400, account_api.update_user_settings, username=login, tls_policy="maybe", message_has="'tls_policy'")
    assert_fails(
        404, account_api.update_user_settings, username=f"ghost@{domain}", timezone="UTC", message_has="No user"
    )


def test_rename_user(account_api: Client) -> None:
    domain = _domain(account_api)
    account_api.create_user(user=f"old@{domain}", password="Rename-Me-Pass1")
    account_api.create_user(user=f"taken@{domain}", password="Rename-Me-Pass1")
    assert_fails(
        409, account_api.rename_user, username=f"old@{domain}", new_user=f"taken@{domain}", message_has="already exists"
    )
    assert_fails(
        400, account_api.rename_user, username=f"old@{domain}", new_user="x@elsewhere.example", message_has="new_user"
    )
    renamed = account_api.rename_user(username=f"old@{domain}", new_user=f"new@{domain}")
    assert renamed["user"] == f"new@{domain}"
    assert_fails(404, account_api.get_user, username=f"old@{domain}", message_has="No user")


def test_delete_user(account_api: Client) -> None:
    domain = _domain(account_api)
    account_api.create_user(user=f"gone@{domain}", password="Delete-Me-Pass1")
    assert account_api.delete_user(username=f"gone@{domain}") == {"user": f"gone@{domain}", "deleted": 1}
    assert_fails(404, account_api.delete_user, username=f"gone@{domain}", message_has="No user")


def test_domain_lifecycle(account_api: Client) -> None:
    name = f"life{uuid.uuid4().hex[:6]}.example"
    created = account_api.create_domain(domain=name.upper() + ".", is_hipaa=1)
    assert created["domain"] == name and created["is_hipaa"] == 1 and created["users"] == 0
    assert created["id"] == int(created["gid"])
    assert_fails(409, account_api.create_domain, domain=name, message_has="already exists")
    assert name in [d["domain"] for d in account_api.get_domains_report()]
    details = account_api.get_domain_details(domain=name)
    assert details["settings"]["tls_policy"] == "opportunistic"
    # is_verified is read-only over the API (mail-trust issue): only DNS proof or the operator verify.
    assert_fails(400, account_api.update_domain, domain=name, is_verified=1, message_has="is_verified")
    updated = account_api.update_domain(domain=name, settings={"tls_policy": "required"})
    assert updated["is_verified"] == 0 and updated["settings"]["tls_policy"] == "required"
    assert updated["verification"]["record_name"] == f"_openlux-verify.{name}"
    assert_fails(400, account_api.update_domain, domain=name, settings={"colour": "red"}, message_has="unknown key")
    account_api.create_user(user=f"member@{name}", password="Zebra-Pass-12345")
    assert_fails(409, account_api.delete_domain, domain=name, message_has="still has 1 user")
    account_api.delete_user(username=f"member@{name}")
    assert account_api.delete_domain(domain=name) == {"domain": name, "deleted": 1}
    assert_fails(404, account_api.get_domain_details, domain=name, message_has="No domain")


@pytest.mark.parametrize("bad", ["", "nodot", "-bad-.example", "a..b.example", "x" * 64 + ".example"])
def test_create_domain_rejects_invalid_names(account_api: Client, bad: str) -> None:
    assert_fails(400, account_api.create_domain, domain=bad, message_has="domain")
