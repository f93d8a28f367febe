"""v3 lists and list groups end to end through the SDK, on both backends."""

from __future__ import annotations

from openlux.client import Client
from tests.marketing.conftest import list_with_fields, unique
from tests.support.cli import create_integration
from tests.support.failures import assert_fails
from tests.support.server import RunningServer


def test_list_group_lifecycle(user_api: Client) -> None:
    name = unique("Group")
    group = user_api.add_list_group(name=name, description="Newsletters")
    assert group["name"] == name and group["lists"] == [] and group["created"]
    made = user_api.add_list(name=unique("News"), group_id=group["group_id"])
    assert made["group_id"] == group["group_id"]
    listed = {g["group_id"]: g for g in user_api.get_list_groups()}
    assert listed[group["group_id"]]["lists"] == [made["list_id"]]
    renamed = user_api.update_list_group(group_id=group["group_id"], name=name + "x")
    assert renamed["name"] == name + "x" and renamed["lists"] == [made["list_id"]]
    assert_fails(409, user_api.add_list_group, name=name + "x")
    assert user_api.delete_list_group(group_id=group["group_id"]) == {"group_id": group["group_id"], "deleted": 1}
    assert user_api.get_list(list_id=made["list_id"])["group_id"] is None  # kept, ungrouped
    assert_fails(404, user_api.delete_list_group, group_id=group["group_id"])
    error = assert_fails(None, user_api.add_list_group, description="no name")
    assert error.status == 400 and "'name'" in error.message


def test_list_lifecycle_and_report(user_api: Client) -> None:
    made, names = list_with_fields(user_api)
    assert made["from_name"] == "Clinic" and made["from_address"] == user_api.user
    assert made["fields"] == list(names.values()) and made["contacts"] == 0 and made["subscribed"] == 0
    got = user_api.get_list(list_id=made["list_id"])
    assert got == made
    changed = user_api.update_list(list_id=made["list_id"], description="Monthly", reply_to="Help@Example.com")
    assert changed["description"] == "Monthly" and changed["reply_to"] == "help@example.com"
    assert changed["name"] == made["name"] and changed["fields"] == made["fields"]
    report = user_api.get_lists(name=made["name"])
    assert report["total_matches"] == 1 and report["rows"][0]["list_id"] == made["list_id"]
    assert [h["keyword"] for h in report["header"]][:2] == ["list_id", "name"]
    assert user_api.get_lists(matches=0)["rows"] == []
    deleted = user_api.delete_list(list_id=made["list_id"])
    assert deleted == {"list_id": made["list_id"], "deleted": 1, "contacts_deleted": 0}
    assert_fails(404, user_api.get_list, list_id=made["list_id"])


def test_list_failures_name_the_field(user_api: Client) -> None:
    name = unique("Dup")
    user_api.add_list(name=name)
    assert_fails(409, user_api.add_list, name=name.upper())
    for body, field in (
        ({}, "'name'"),
        ({"name": "x", "from_address": "not-an-address"}, "'from_address'"),
        ({"name": "y", "fields": ["no_such_field"]}, "'fields'"),
        ({"name": "z", "group_id": "abc"}, "'group_id'"),
    ):
        error = assert_fails(None, user_api.add_list, **body)
        assert error.status == 400 and field in error.message, (body, error.message)
    assert_fails(404, user_api.add_list, name=unique("G"), group_id=999999999)
    assert_fails(404, user_api.update_list, list_id=999999999, name="x")
    assert_fails(400, user_api.get_list, list_id="nope", message_has="list_id")
    assert_fails(400, user_api.get_lists, matches=-1)


def test_lists_are_private_to_their_owner(user_api: Client, account_api: Client, server: RunningServer) -> None:
    made = user_api.add_list(name=unique("Private"))
    other = f"{unique('colleague')}@{server.credentials['user'].split('@', 1)[1]}"
    account_api.create_user(user=other, password="Another-Horse-2024")
    assert_fails(404, account_api.get_list, username=other, list_id=made["list_id"])
    # An account-scope integration with user functions acts for the account's users.
    assert account_api.get_list(username=server.credentials["user"], list_id=made["list_id"])["name"] == made["name"]


def test_access_control_and_scope(server: RunningServer) -> None:
    issued = create_integration(
        server,
        unique("mkt-read"),
        "--scope",
        "user",
        "--access",
        "mkt3_lists=read,mkt3_contacts=none,mkt3_campaigns=read,mkt3_reports=none",
    )
    creds = server.credentials
    with Client(
        server.base_url, issued["token"], issued["secret"], user=creds["user"], password=creds["password"]
    ) as api:
        assert "rows" in api.get_lists()
        error = assert_fails(None, api.add_list, name=unique("Denied"))
        assert error.status == 403 and "mkt3_lists" in error.message
        assert_fails(403, api.get_contacts)
        assert "rows" in api.get_campaigns()
        assert_fails(403, api.add_campaign, name=unique("Denied"))
        assert_fails(403, api.get_report_logs)
        # A user-scope code may only act for its own user.
        assert_fails(403, api.get_lists, username="someone-else@example.com")


def test_v2_access_controls(server: RunningServer) -> None:
    issued = create_integration(
        server,
        unique("mkt2-limited"),
        "--scope",
        "account",
        "--access",
        "mkt2_lists=read,mkt2_contacts=none,mkt2_campaigns=none,mkt2_suppressions=read,mkt2_reports=none",
    )
    creds = server.credentials
    with Client(server.base_url, issued["token"], issued["secret"], account=creds["account"]) as api:
        assert isinstance(api.get_marketing_lists(), list)
        assert_fails(403, api.add_marketing_list, name=unique("Denied"))
        assert_fails(403, api.get_marketing_contacts)
        assert_fails(403, api.get_marketing_campaigns)
        assert isinstance(api.get_marketing_suppressions(), list)
        assert_fails(403, api.add_new_marketing_suppression, email="x@example.org")
        assert_fails(403, api.get_marketing_campaign_statistics_summary)
