"""Auto-responder and forwarding endpoints end to end through the SDK, on both backends."""

from __future__ import annotations

import uuid

import pytest

from openlux.client import Client, LuxSciError
from openlux.inbound.service import MAX_DESTINATIONS
from tests.support.failures import assert_fails


def test_autoresponder_create_list_delete(user_api: Client) -> None:
    subject = "Away " + uuid.uuid4().hex[:8]
    created = user_api.new_email_auto_responder(
        subject=subject,
        body="Back Monday.",
        body_html="<p>Back</p>",
        from_name="Front Desk",
        start_date="2026-01-01",
        end_date="2026-01-10 12:00:00",
        interval="3",
        enabled=1,
    )
    rid = created["autoresponder_id"]
    assert created["subject"] == subject and created["interval"] == 3 and created["enabled"] == 1
    assert created["start_date"] == "2026-01-01 00:00:00" and created["end_date"] == "2026-01-10 12:00:00"
    second = user_api.new_email_auto_responder(subject=subject + " 2", body="x", enabled="0")
    assert second["enabled"] == 0 and second["interval"] == 1 and second["start_date"] == ""
    listed = {r["autoresponder_id"]: r for r in user_api.get_email_auto_responders()}
    assert listed[rid] == created and rid in listed and second["autoresponder_id"] in listed
    assert user_api.delete_email_auto_responder(autoresponder_id=rid) == {"autoresponder_id": rid, "deleted": 1}
    assert rid not in {r["autoresponder_id"] for r in user_api.get_email_auto_responders()}
    assert_fails(404, user_api.delete_email_auto_responder, autoresponder_id=rid)
    assert_fails(400, user_api.delete_email_auto_responder, autoresponder_id="nope", message_has="'autoresponder_id'")
    user_api.delete_email_auto_responder(autoresponder_id=second["autoresponder_id"])


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"body": "x"}, "subject"),
        ({"subject": "a\r\nBcc: x@y.z", "body": "x"}, "subject"),
        ({"subject": "s"}, "body"),
        ({"subject": "s", "body": "x", "interval": "often"}, "interval"),
        ({"subject": "s", "body": "x", "interval": "400"}, "interval"),
        ({"subject": "s", "body": "x", "start_date": "soon"}, "start_date"),
        ({"subject": "s", "body": "x", "start_date": "2026-02-01", "end_date": "2026-01-01"}, "end_date"),
        ({"subject": "s", "body": "x", "enabled": "maybe"}, "enabled"),
        ({"subject": "s", "body": "x", "from_name": "a\nb"}, "from_name"),
    ],
)
def test_autoresponder_bad_fields_are_named(user_api: Client, fields: dict, named: str) -> None:
    assert_fails(400, user_api.new_email_auto_responder, **fields, message_has=named)


def test_forwarding_update_and_settings(user_api: Client) -> None:
    tag = uuid.uuid4().hex[:8]
    data = user_api.update_email_forwarding(
        action="forward_and_keep", destinations=[f"A{tag}@Example.com", f"b{tag}@example.org"]
    )
    assert data == {
        "action": "forward_and_keep",
        "destinations": [f"a{tag}@example.com", f"b{tag}@example.org"],
        "bounce_message": "",
    }
    assert user_api.get_user_settings()["email_forwarding"] == data
    denied = user_api.update_email_forwarding(action="deny", bounce_message="Gone  away.", destinations="x@y.z")
    assert denied == {"action": "deny", "destinations": [], "bounce_message": "Gone away."}
    assert user_api.update_email_forwarding(action="deny")["bounce_message"]
    assert user_api.update_email_forwarding(action="deliver")["action"] == "deliver"
    assert user_api.get_user_settings()["email_forwarding"]["action"] == "deliver"


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({}, "action"),
        ({"action": "teleport"}, "action"),
        ({"action": "forward"}, "destinations"),
        ({"action": "forward", "destinations": ["ok@example.com", "not-an-address"]}, "destinations[1]"),
        (
            {"action": "forward", "destinations": [f"d{i}@example.com" for i in range(MAX_DESTINATIONS + 1)]},
            "destinations",
        ),
        ({"action": "deny", "bounce_message": "x" * 501}, "bounce_message"),
    ],
)
def test_forwarding_bad_fields_are_named(user_api: Client, fields: dict, named: str) -> None:
    assert_fails(400, user_api.update_email_forwarding, **fields, message_has=named)


def test_scope_and_ownership(user_api: Client, account_api: Client) -> None:
    other = "inbound-other@example.com"
    try:
        account_api.create_user(user=other, password="Second-User-Pass-1")
    except LuxSciError as exc:
        assert exc.status == 409
    theirs = account_api.new_email_auto_responder(username=other, subject="Theirs", body="x")
    rid = theirs["autoresponder_id"]
    assert rid in {r["autoresponder_id"] for r in account_api.get_email_auto_responders(username=other)}
    assert rid not in {r["autoresponder_id"] for r in user_api.get_email_auto_responders()}
    assert_fails(404, user_api.delete_email_auto_responder, autoresponder_id=rid)
    assert_fails(403, user_api.get_email_auto_responders, username=other)
    assert_fails(403, user_api.update_email_forwarding, username=other, action="delete")
    account_api.delete_email_auto_responder(username=other, autoresponder_id=rid)
