"""Secure Marketing v2 (account scope) end to end: the same engine behind the v2 paths and shapes."""

from __future__ import annotations

from email import message_from_bytes

from openlux.client import Client
from tests.marketing.conftest import captured_for_campaign, unique
from tests.support.failures import assert_fails
from tests.support.polling import wait_until
from tests.support.server import RunningServer


def test_v2_lists_and_contacts(account_api: Client, user_api: Client) -> None:
    made = account_api.add_marketing_list(name=unique("V2List"), from_name="Clinic")
    assert made["name"].startswith("V2List") and made["contacts"] == 0
    assert_fails(404, user_api.get_list, list_id=made["list_id"])  # the account's, not the user's
    assert [r["list_id"] for r in account_api.get_marketing_lists(list_id=made["list_id"])] == [made["list_id"]]
    assert made["list_id"] in [r["list_id"] for r in account_api.get_marketing_lists()]
    assert account_api.update_marketing_list(list_id=made["list_id"], description="v2")["description"] == "v2"
    tag = unique("v2c")
    one = account_api.add_marketing_contact(list_id=made["list_id"], email=f"{tag}-a@example.org")
    error = assert_fails(None, account_api.add_marketing_contact, email=f"{tag}-b@example.org")
    assert error.status == 400 and "'list_id'" in error.message
    bulk = account_api.add_marketing_contacts(list_id=made["list_id"], contacts=[f"{tag}-b@example.org", "bad"])
    assert (bulk["created"], bulk["invalid"]) == (1, 1)
    listed = account_api.get_marketing_contacts(list_id=made["list_id"])
    assert isinstance(listed, list) and len(listed) == 2
    assert account_api.get_marketing_contact_by_id(contact_id=one["contact_id"])["email"] == f"{tag}-a@example.org"
    other = account_api.add_marketing_list(name=unique("V2Other"))
    account_api.add_marketing_contact(list_id=other["list_id"], email=f"{tag}-a@example.org")
    changed = account_api.update_marketing_contact_by_email(email=f"{tag}-a@example.org", status="bounced")
    assert [c["status"] for c in changed] == ["bounced", "bounced"]
    assert_fails(404, account_api.update_marketing_contact_by_email, email=f"{tag}-z@example.org", status="bounced")
    left = account_api.mark_contact_as_unsubscribed(contact_id=one["contact_id"])
    assert left["status"] == "unsubscribed" and left["unsubscribed"]
    again = account_api.mark_contact_as_unsubscribed(contact_id=one["contact_id"])
    assert again["unsubscribed"] == left["unsubscribed"]
    suppressed = account_api.get_marketing_suppressions(email=f"{tag}-a@example.org")
    assert [(s["email"], s["reason"]) for s in suppressed] == [(f"{tag}-a@example.org", "unsubscribe")]
    assert account_api.get_marketing_suppressions(email=f"{tag}-b@example.org") == []
    assert (
        account_api.update_marketing_contact_by_id(contact_id=one["contact_id"], fields={})["contact_id"]
        == one["contact_id"]
    )
    gone = account_api.delete_marketing_contact_by_id(contact_id=one["contact_id"])
    assert gone == {"contact_id": one["contact_id"], "list_id": made["list_id"], "deleted": 1}
    assert_fails(404, account_api.get_marketing_contact_by_id, contact_id=one["contact_id"])
    assert isinstance(account_api.get_marketing_list_groups(), list)
    assert account_api.delete_marketing_list(list_id=other["list_id"])["deleted"] == 1
    assert_fails(404, account_api.delete_marketing_list_group, group_id=999999999)


def test_v2_suppressions(account_api: Client) -> None:
    email = f"{unique('v2s')}@example.org"
    assert account_api.add_new_marketing_suppression(email=email, reason="manual")["created"] == 1
    assert account_api.add_new_marketing_suppression(email=email)["exists"] == 1
    assert account_api.get_marketing_suppressions(email=email)[0]["source"] == "api"
    assert account_api.delete_marketing_suppression(email=email) == {"email": email, "deleted": 1}
    assert_fails(404, account_api.delete_marketing_suppression, email=email)
    assert_fails(400, account_api.add_new_marketing_suppression, email="nope")


def test_v2_campaign_schedule_send_and_statistics(account_api: Client, server: RunningServer) -> None:
    made = account_api.add_marketing_list(name=unique("V2Send"))
    tag = unique("v2m")
    account_api.add_marketing_contacts(list_id=made["list_id"], contacts=[f"{tag}-{n}@example.org" for n in "abc"])
    account_api.add_new_marketing_suppression(email=f"{tag}-c@example.org")
    group = unique("Spring")
    campaign = account_api.add_marketing_campaign(
        name=unique("V2Camp"), lists=[made["list_id"]], group=group, subject="News for {{ email }}", text="Hello"
    )
    assert campaign["status"] == "draft" and campaign["group"] == group
    assert {"name": group, "campaigns": 1} in account_api.get_marketing_campaign_groups()
    later = account_api.schedule_marketing_campaign(campaign_id=campaign["campaign_id"], send_at="2999-01-01 00:00:00")
    assert later == {
        "schedule_id": campaign["campaign_id"],
        "campaign_id": campaign["campaign_id"],
        "name": campaign["name"],
        "send_at": "2999-01-01 00:00:00",
        "status": "scheduled",
    }
    assert later in account_api.get_marketing_scheduled_campaigns()
    account_api.schedule_marketing_campaign(campaign_id=campaign["campaign_id"])  # now
    assert [c["campaign_id"] for c in account_api.get_marketing_campaigns(group=group)] == [campaign["campaign_id"]]
    _wait_sent(account_api, campaign["campaign_id"])
    mail = captured_for_campaign(server, campaign["campaign_id"], 2)
    assert set(mail) == {f"{tag}-a@example.org", f"{tag}-b@example.org"}  # c is on the marketing suppression list
    assert message_from_bytes(mail[f"{tag}-a@example.org"])["Subject"] == f"News for {tag}-a@example.org"
    summary = account_api.get_marketing_campaign_statistics_summary(campaign_id=campaign["campaign_id"])
    assert [(s["sent"], s["suppressed"], s["opened"]) for s in summary] == [(2, 1, 0)]
    for call in (
        account_api.get_marketing_campaign_bounced_statistics,
        account_api.get_marketing_campaign_opened_statistics,
        account_api.get_marketing_campaign_clicked_statistics,
        account_api.get_marketing_campaign_unsubscribed_statistics,
    ):
        page = call(campaign_id=campaign["campaign_id"])
        assert page["total_matches"] == 0 and page["header"]
    assert_fails(409, account_api.update_marketing_campaign, campaign_id=campaign["campaign_id"], name="x")
    assert_fails(409, account_api.schedule_marketing_campaign, campaign_id=campaign["campaign_id"])
    assert account_api.delete_marketing_campaign(campaign_id=campaign["campaign_id"])["deleted"] == 1


def _wait_sent(api: Client, campaign_id: int) -> None:
    wait_until(
        lambda: [c for c in api.get_marketing_campaigns() if c["campaign_id"] == campaign_id and c["status"] == "sent"],
        what="campaign sent",
    )


def test_v2_needs_account_scope(user_api: Client, server: RunningServer) -> None:
    error = assert_fails(None, user_api.call, "getMarketingLists", account=server.credentials["account"])
    assert error.status == 403 and "account" in error.message
