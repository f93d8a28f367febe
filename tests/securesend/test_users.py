"""SecureSend namespaces and portal users end to end through the SDK, on both backends."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import select

from openlux.client import Client, LuxSciError
from openlux.securesend.models import SecureSendUser
from tests.support.dbquery import select_rows
from tests.support.server import RunningServer


def _tag() -> str:
    """A unique name part: the session server is shared by every test."""
    return "t" + uuid.uuid4().hex[:10]


def _status(call, *args, **kwargs) -> tuple[int, str]:
    with pytest.raises(LuxSciError) as err:
        call(*args, **kwargs)
    return err.value.status, err.value.message


def test_upsert_creates_then_updates_and_lists(account_api: Client, server: RunningServer) -> None:
    space, email = f"ns-{_tag()}", f"{_tag()}@Patients.example"
    created = account_api.create_or_update_secure_send_user(
        namespace_id=space, ss_user=email, name="Pat Doe", password="Portal-Pass-123"
    )
    assert created["status"] == "created" and created["email"] == email.lower()
    assert (created["name"], created["namespace"], created["enabled"], created["has_password"]) == (
        "Pat Doe",
        space,
        1,
        1,
    )
    assert created["created"] and created["last_login"] == ""
    updated = account_api.create_or_update_secure_send_user(
        namespace_id=space.upper(), ss_user=email.lower(), enabled="0"
    )
    assert updated["status"] == "updated" and updated["name"] == "Pat Doe" and updated["enabled"] == 0
    other = account_api.create_or_update_secure_send_user(
        namespace_id=str(created["namespace_id"]), ss_user=f"a.{email}"
    )
    assert other["has_password"] == 0 and other["namespace"] == space
    listed = account_api.get_secure_send_user_list(namespace_id=space)
    assert [u["email"] for u in listed] == sorted([email.lower(), f"a.{email}".lower()])
    stored = select_rows(server, select(SecureSendUser.password_hash).where(SecureSendUser.email_index == email))
    assert stored[0]["password_hash"].startswith("$argon2id$") and "Portal-Pass-123" not in stored[0]["password_hash"]


def test_password_change_and_failures(account_api: Client) -> None:
    space, email = f"ns-{_tag()}", f"{_tag()}@patients.example"
    account_api.create_or_update_secure_send_user(namespace_id=space, ss_user=email)
    changed = account_api.change_secure_send_user_password(namespace_id=space, ss_user=email, password="New-Pass-456")
    assert changed["has_password"] == 1 and changed["modified"]
    assert (
        _status(account_api.change_secure_send_user_password, namespace_id=space, ss_user=email, password="short")[0]
        == 400
    )
    status, message = _status(account_api.change_secure_send_user_password, namespace_id=space, ss_user=email)
    assert status == 400 and "'password'" in message
    status, message = _status(
        account_api.create_or_update_secure_send_user, namespace_id=space, ss_user="not-an-address"
    )
    assert status == 400 and "ss_user" in message
    status, message = _status(account_api.get_secure_send_user_list, namespace_id="-bad name")
    assert status == 400 and "namespace_id" in message
    status, message = _status(
        account_api.create_or_update_secure_send_user, namespace_id=space, ss_user=email, enabled="maybe"
    )
    assert status == 400 and "'enabled'" in message
    assert _status(account_api.get_secure_send_user_list, namespace_id=f"ns-{_tag()}")[0] == 404
    assert _status(account_api.get_secure_send_user_list, namespace_id="999999999")[0] == 404
    assert (
        _status(
            account_api.change_secure_send_user_password,
            namespace_id=space,
            ss_user=f"x{email}",
            password="Another-Pass-1",
        )[0]
        == 404
    )
    account_api.create_or_update_secure_send_user(namespace_id=space, ss_user=email, enabled="no")
    assert _status(account_api.get_secure_send_user_single_sign_on_link, namespace_id=space, ss_user=email)[0] == 409


def test_user_scope_is_refused(user_api: Client, server: RunningServer) -> None:
    status, _ = _status(
        user_api.get_secure_send_user_list, account=server.credentials["account"], namespace_id="anything"
    )
    assert status == 403


def test_sso_link_logs_into_the_portal_once(account_api: Client) -> None:
    space, email = f"ns-{_tag()}", f"{_tag()}@patients.example"
    account_api.create_or_update_secure_send_user(namespace_id=space, ss_user=email, name="Sam")
    link = account_api.get_secure_send_user_single_sign_on_link(namespace_id=space, ss_user=email)
    assert link["expires"] and link["email"] == email and "/securesend/portal/sso/" in link["url"]
    with httpx.Client(follow_redirects=True, timeout=30) as browser:
        page = browser.get(link["url"])
        assert page.status_code == 200 and email in page.text and "no secure messages" in page.text
        assert "Content-Security-Policy" in page.headers
    again = httpx.get(link["url"], timeout=30)
    assert again.status_code == 403 and "already used" in again.text
    assert httpx.get(link["url"].rsplit("/sso/", 1)[0], timeout=30).status_code == 401
