"""v3 campaigns end to end: a real send renders one message per contact, suppressed contacts skipped."""

from __future__ import annotations

from email import message_from_bytes
from email.message import Message

from openlux.client import Client
from tests.marketing.conftest import captured_for_campaign, list_with_fields, unique, wait_status
from tests.support.failures import assert_fails
from tests.support.server import RunningServer


def _part(message: Message, subtype: str) -> str:
    for part in message.walk():
        if part.get_content_type() == f"text/{subtype}":
            return part.get_payload(decode=True).decode()
    raise AssertionError(f"no text/{subtype} part")


def test_campaign_sends_one_rendered_message_per_contact(user_api: Client, server: RunningServer) -> None:
    made, names = list_with_fields(user_api)
    tag = unique("camp")
    first, age = names["first"], names["age"]
    people = {
        f"{tag}-ann@example.org": {first: "Ann", age: 41},
        f"{tag}-bob@example.org": {age: 7},
        f"{tag}-cy@example.org": {first: "Cy"},
        f"{tag}-dee@example.org": {first: "Dee"},
    }
    user_api.add_contacts(list_id=made["list_id"], contacts=[{"email": e, "fields": f} for e, f in people.items()])
    user_api.create_user_suppression(email=f"{tag}-cy@example.org", reason="manual")
    dee = user_api.get_contacts(list_id=made["list_id"], email=f"{tag}-DEE@example.org")["rows"][0]
    user_api.update_contact(contact_id=dee["contact_id"], status="unsubscribed")
    campaign = user_api.add_campaign(
        name=unique("Spring"),
        lists=[made["list_id"]],
        subject="Hello {{ %s }}" % first,
        html="<p>Hi {{ %s }}, you are {{ %s | default('ageless') }} & {{ email }}</p>" % (first, age),
        text="Hi {{ %s }} ({{ %s }})" % (first, age),
    )
    assert campaign["status"] == "draft" and campaign["lists"] == [made["list_id"]]
    assert campaign["send_at"] == "" and campaign["recipients"] == 0
    scheduled = user_api.update_campaign(campaign_id=campaign["campaign_id"], send_at="now")
    assert scheduled["status"] == "scheduled" and scheduled["send_at"]
    done = wait_status(user_api, campaign["campaign_id"], "sent")
    assert (done["queued"], done["suppressed"], done["failed"], done["recipients"]) == (2, 1, 0, 3)
    assert done["started"] and done["finished"]
    mail = {
        email: message_from_bytes(mime)
        for email, mime in captured_for_campaign(server, campaign["campaign_id"], 2).items()
    }
    assert set(mail) == {f"{tag}-ann@example.org", f"{tag}-bob@example.org"}
    ann, bob = mail[f"{tag}-ann@example.org"], mail[f"{tag}-bob@example.org"]
    assert ann["Subject"] == "Hello Ann" and bob["Subject"] == "Hello there"  # the field's default
    assert ann["To"] == f"{tag}-ann@example.org" and ann["From"].endswith(f"<{user_api.user}>")
    assert f"Hi Ann, you are 41 & {tag}-ann@example.org" in _part(ann, "html")
    assert "Hi there (7)" in _part(bob, "plain") and "you are 7" in _part(bob, "html")
    assert ann["X-OpenLux-Campaign"] == str(campaign["campaign_id"])
    assert_fails(409, user_api.update_campaign, campaign_id=campaign["campaign_id"], name="late")


def test_campaign_crud_and_failures(user_api: Client) -> None:
    made = user_api.add_list(name=unique("Camp"))
    campaign = user_api.add_campaign(name=unique("Draft"), subject="S", text="T")
    listed = user_api.get_campaigns(status="draft")
    assert campaign["campaign_id"] in [r["campaign_id"] for r in listed["rows"]]
    assert "html" not in [h["keyword"] for h in listed["header"]]
    got = user_api.get_campaign(campaign_id=campaign["campaign_id"])
    assert got == campaign
    error = assert_fails(None, user_api.update_campaign, campaign_id=campaign["campaign_id"], send_at="now")
    assert error.status == 400 and "'lists'" in error.message
    for body, field in (
        ({}, "'name'"),
        ({"name": "x", "html": "{{ oops"}, "syntax error"),
        ({"name": "x", "send_at": "soon"}, "'send_at'"),
        ({"name": "x", "lists": ["a"]}, "'lists'"),
        (
            {
                "name": "x",
                "lists": [made["list_id"]],
                "subject": "S",
                "text": "T",
                "from_address": "me@elsewhere.example",
                "send_at": "now",
            },
            "'from_address'",
        ),
    ):
        error = assert_fails(None, user_api.add_campaign, **body)
        assert error.status == 400 and field in error.message, (body, error.message)
    assert_fails(404, user_api.add_campaign, name="x", lists=[999999999])
    assert_fails(404, user_api.add_campaign, name="x", template_id=999999999)
    assert_fails(404, user_api.get_campaign, campaign_id=999999999)
    later = user_api.add_campaign(
        name=unique("Later"), lists=[made["list_id"]], subject="S", text="T", send_at="2999-01-01 00:00:00"
    )
    assert later["status"] == "scheduled"
    assert_fails(409, user_api.delete_list, list_id=made["list_id"])
    assert user_api.update_campaign(campaign_id=later["campaign_id"], send_at="")["status"] == "draft"
    assert user_api.delete_list(list_id=made["list_id"])["deleted"] == 1
    cancelled = user_api.update_campaign(campaign_id=campaign["campaign_id"], status="cancelled")
    assert cancelled["status"] == "cancelled"
    assert_fails(409, user_api.update_campaign, campaign_id=campaign["campaign_id"], subject="x")
    assert user_api.delete_campaign(campaign_id=campaign["campaign_id"]) == {
        "campaign_id": campaign["campaign_id"],
        "deleted": 1,
    }
    assert_fails(404, user_api.delete_campaign, campaign_id=campaign["campaign_id"])


def test_campaign_from_a_stored_template(user_api: Client, server: RunningServer) -> None:
    made, names = list_with_fields(user_api)
    email = f"{unique('tpl')}@example.org"
    user_api.add_contact(list_id=made["list_id"], email=email, fields={names["first"]: "Tess"})
    template = user_api.create_email_template(
        name=unique("Tpl"), subject="For {{ %s }}" % names["first"], html="<b>{{ %s }}</b>" % names["first"]
    )
    campaign = user_api.add_campaign(
        name=unique("FromTemplate"),
        lists=[made["list_id"]],
        template_id=template["template_id"],
        send_at="2000-01-01 00:00:00",
    )
    assert campaign["status"] == "scheduled" and campaign["template_id"] == template["template_id"]
    wait_status(user_api, campaign["campaign_id"], "sent")
    mime = captured_for_campaign(server, campaign["campaign_id"], 1)[email]
    message = message_from_bytes(mime)
    assert message["Subject"] == "For Tess" and "<b>Tess</b>" in _part(message, "html")
