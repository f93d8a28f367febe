"""User-scope endpoints of the foundation, end to end through the SDK."""

from __future__ import annotations

import re

import httpx
import pytest

from openlux.client import Client, LuxSciError

USER_FIELDS = {
    "user",
    "uid",
    "domainname",
    "contact",
    "company",
    "email1",
    "email2",
    "phone1",
    "phone2",
    "fax",
    "sms",
    "street1",
    "street2",
    "city",
    "state",
    "zip",
    "country",
    "custom1",
    "custom2",
    "custom3",
    "status",
    "services",
    "flags",
    "disk_quota",
    "disk_usage",
    "over_quota",
    "created",
    "modified",
    "last_access_date",
}
DATETIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")


def _fresh_user(account_api: Client, server, login: str, password: str = "Fresh-User-Pass-9") -> Client:
    try:
        account_api.create_user(user=login, password=password)
    except LuxSciError as exc:
        assert exc.status == 409
        account_api.update_user_settings(username=login, password=password)
    c = server.credentials
    return Client(server.base_url, c["user_token"], c["user_secret"], user=login, password=password)


def test_get_user_returns_the_client_backed_record(user_api: Client, server) -> None:
    profile = user_api.get_user()
    assert set(profile) == USER_FIELDS
    assert profile["user"] == server.credentials["user"] and profile["uid"].isdigit()
    assert profile["domainname"] == "example.com" and profile["status"] == "enabled"
    assert DATETIME.match(profile["created"]) and isinstance(profile["services"], list)


def test_update_user_changes_only_given_fields(user_api: Client) -> None:
    before = user_api.get_user()
    after = user_api.update_user(phone1="555-0100", custom2="blue")
    assert after["phone1"] == "555-0100" and after["custom2"] == "blue"
    assert after["contact"] == before["contact"]
    assert user_api.get_user()["phone1"] == "555-0100"


def test_get_user_settings_has_every_documented_key(user_api: Client) -> None:
    settings = user_api.get_user_settings()
    assert settings["timezone"] == "UTC" and settings["tls_policy"] in ("opportunistic", "required", "no_tls")
    assert {"language", "date_format", "time_format", "hourly_send_limit", "escrow_expiration"} <= set(settings)


def test_time_zone_list_is_iana_with_offsets(user_api: Client) -> None:
    zones = {z["name"]: z["offset"] for z in user_api.get_time_zones_list()}
    assert zones["UTC"] == "+00:00" and "America/New_York" in zones and "Asia/Kolkata" in zones
    assert zones["Asia/Kolkata"] == "+05:30"


def test_branding_information(user_api: Client, server) -> None:
    brand = user_api.get_user_branding_information()
    assert brand["brand_name"] == "OpenLux" and brand["logo_url"].startswith(server.base_url)
    assert httpx.get(brand["logo_url"]).status_code == 200


def test_single_sign_on_url_logs_in_once(account_api: Client, server) -> None:
    with _fresh_user(account_api, server, "sso-once@example.com") as client:
        data = client.get_user_single_sign_on_login_url()
    assert data["url"].startswith(server.base_url + "/sso/login?token=") and DATETIME.match(data["expires"])
    with httpx.Client(follow_redirects=True) as browser:
        page = browser.get(data["url"])
        assert page.status_code == 200 and "sso-once@example.com" in page.text
    reused = httpx.get(data["url"])
    assert reused.status_code == 403 and "already used" in reused.text


def test_single_sign_on_url_bound_to_another_ip_is_refused(account_api: Client, server) -> None:
    with _fresh_user(account_api, server, "sso-ip@example.com") as client:
        data = client.get_user_single_sign_on_login_url(ip="192.0.2.1")
    assert httpx.get(data["url"]).status_code == 403


def test_single_sign_on_profile_escapes_html(account_api: Client, server) -> None:
    client = _fresh_user(account_api, server, "sso-xss@example.com")
    with client:
        client.update_user(contact="<script>alert(1)</script>")
        url = client.get_user_single_sign_on_login_url()["url"]
    page = httpx.Client(follow_redirects=True).get(url)
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text


def test_change_password_as_user_needs_the_old_one(account_api: Client, server) -> None:
    client = _fresh_user(account_api, server, "pw-change@example.com")
    with client:
        with pytest.raises(LuxSciError) as err:
            client.change_user_password(password="Brand-New-Pass-1")
        assert err.value.status == 400 and "old_password" in err.value.message
        with pytest.raises(LuxSciError) as weak:
            client.change_user_password(password="short", old_password="Fresh-User-Pass-9")
        assert weak.value.status == 400 and "at least 8" in weak.value.message
        assert (
            client.change_user_password(password="Brand-New-Pass-1", old_password="Fresh-User-Pass-9")["changed"] == 1
        )
    c = server.credentials
    with Client(
        server.base_url, c["user_token"], c["user_secret"], user="pw-change@example.com", password="Brand-New-Pass-1"
    ) as again:
        assert again.get_user()["user"] == "pw-change@example.com"
    with pytest.raises(LuxSciError):
        Client(
            server.base_url,
            c["user_token"],
            c["user_secret"],
            user="pw-change@example.com",
            password="Fresh-User-Pass-9",
        ).authenticate()


def test_app_passwords_lifecycle(account_api: Client, server) -> None:
    client = _fresh_user(account_api, server, "apps@example.com")
    with client:
        created = client.create_app_specific_password(label="Phone", services=["smtp", "imap", "api"])
        assert re.match(r"^[a-z0-9]{5}(-[a-z0-9]{5}){3}$", created["password"])
        listed = client.list_app_specific_passwords()
        assert [p["label"] for p in listed] == ["Phone"] and "password" not in listed[0]
        assert client.list_all_app_specific_password()[0]["id"] == created["id"]
        c = server.credentials
        # An app password with the "api" service opens a user-scope API session.
        with Client(
            server.base_url, c["user_token"], c["user_secret"], user="apps@example.com", password=created["password"]
        ) as via_app:
            assert via_app.get_user()["user"] == "apps@example.com"
        assert client.delete_app_specific_password(app_password_id=created["id"])["deleted"] == 1
        assert client.list_app_specific_passwords() == []
        with pytest.raises(LuxSciError) as err:
            client.delete_app_specific_password(app_password_id=created["id"])
        assert err.value.status == 404


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({}, "'label'"),
        ({"label": "x", "services": ["telnet"]}, "telnet"),
        ({"label": "x", "expires": "2001-01-01 00:00:00"}, "future"),
        ({"label": "x", "expires": "soon"}, "'expires'"),
    ],
)
def test_app_password_bad_input_names_the_field(user_api: Client, body: dict, fragment: str) -> None:
    with pytest.raises(LuxSciError) as err:
        user_api.create_app_specific_password(**body)
    assert err.value.status == 400 and fragment in err.value.message


def test_app_password_without_api_service_cannot_open_api_session(account_api: Client, server) -> None:
    client = _fresh_user(account_api, server, "apps-smtp-only@example.com")
    with client:
        created = client.create_app_specific_password(label="Mail client", services=["smtp"])
    c = server.credentials
    with pytest.raises(LuxSciError) as err:
        Client(
            server.base_url,
            c["user_token"],
            c["user_secret"],
            user="apps-smtp-only@example.com",
            password=created["password"],
        ).authenticate()
    assert err.value.status == 401
