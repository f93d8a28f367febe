"""v3 contacts end to end through the SDK: typed custom fields, bulk upsert, unsubscribes suppress."""

from __future__ import annotations

from openlux.client import Client
from tests.marketing.conftest import list_with_fields, unique
from tests.support.failures import assert_fails


def test_contact_lifecycle_with_typed_fields(user_api: Client) -> None:
    made, names = list_with_fields(user_api)
    email = f"{unique('ann')}@Example.org"
    contact = user_api.add_contact(
        list_id=made["list_id"],
        email=email,
        fields={names["first"]: "Ann", names["age"]: "42", names["born"]: "1980-02-29"},
    )
    assert contact["email"] == email.lower() and contact["status"] == "subscribed"
    assert contact["fields"] == {names["first"]: "Ann", names["age"]: 42, names["born"]: "1980-02-29"}
    assert user_api.get_contact(contact_id=contact["contact_id"]) == contact
    changed = user_api.update_contact(contact_id=contact["contact_id"], fields={names["age"]: "43", names["first"]: ""})
    assert changed["fields"] == {names["age"]: 43, names["born"]: "1980-02-29"}
    assert user_api.get_list(list_id=made["list_id"])["subscribed"] == 1
    report = user_api.get_contacts(list_id=made["list_id"])
    assert report["total_matches"] == 1 and report["rows"][0]["contact_id"] == contact["contact_id"]
    assert user_api.get_contacts(list_id=made["list_id"], email="nobody@example.org")["total_matches"] == 0
    assert user_api.get_contacts(list_id=made["list_id"], email=email.upper())["total_matches"] == 1  # whole address
    assert_fails(400, user_api.get_contacts, list_id=made["list_id"], email="ann")  # no substring search: sealed
    gone = user_api.delete_contact(list_id=made["list_id"], contact_id=contact["contact_id"])
    assert gone == {"contact_id": contact["contact_id"], "list_id": made["list_id"], "deleted": 1}
    assert_fails(404, user_api.get_contact, contact_id=contact["contact_id"])


def test_contact_failures(user_api: Client) -> None:
    made, names = list_with_fields(user_api)
    list_id = made["list_id"]
    email = f"{unique('bob')}@example.org"
    user_api.add_contact(list_id=list_id, email=email)
    assert_fails(409, user_api.add_contact, list_id=list_id, email=email.upper())
    for body, field in (
        ({"email": "nope"}, "'email'"),
        ({"email": "a@example.org", "status": "maybe"}, "'status'"),
        ({"email": "a@example.org", "fields": {names["age"]: "old"}}, f"'fields.{names['age']}'"),
        ({"email": "a@example.org", "fields": {"unknown": 1}}, "'fields.unknown'"),
    ):
        error = assert_fails(None, user_api.add_contact, list_id=list_id, **body)
        assert error.status == 400 and field in error.message, (body, error.message)
    assert_fails(404, user_api.add_contact, list_id=999999999, email="a@example.org")
    other = user_api.add_list(name=unique("Other"))
    contact_id = user_api.get_contacts(list_id=list_id)["rows"][0]["contact_id"]
    assert_fails(404, user_api.delete_contact, list_id=other["list_id"], contact_id=contact_id)
    second = user_api.add_contact(list_id=list_id, email=f"{unique('cy')}@example.org")
    assert_fails(409, user_api.update_contact, contact_id=second["contact_id"], email=email)
    assert_fails(404, user_api.get_contacts, list_id=999999999)


def test_bulk_add_creates_updates_and_reports_each_item(user_api: Client) -> None:
    made, names = list_with_fields(user_api)
    list_id = made["list_id"]
    tag = unique("bulk")
    first = user_api.add_contacts(
        list_id=list_id,
        contacts=[
            {"email": f"{tag}-1@example.org", "fields": {names["first"]: "One"}},
            f"{tag}-2@example.org",
            {"email": "broken"},
            {"email": f"{tag}-3@example.org", "fields": {names["age"]: "x"}},
            {"email": f"{tag}-1@example.org", "fields": {names["age"]: 7}},
        ],
    )
    assert (first["created"], first["updated"], first["invalid"]) == (2, 1, 2)
    statuses = [r["status"] for r in first["results"]]
    assert statuses == ["created", "created", "invalid", "invalid", "updated"]
    assert "contacts[3].fields" in first["results"][3]["error"]
    one = user_api.get_contact(contact_id=first["results"][0]["contact_id"])
    assert one["fields"] == {names["first"]: "One", names["age"]: 7}
    user_api.update_contact(contact_id=one["contact_id"], status="unsubscribed")
    again = user_api.add_contacts(
        list_id=list_id, contacts=[{"email": f"{tag}-1@example.org", "fields": {names["first"]: "Uno"}}]
    )
    assert again["updated"] == 1 and again["results"][0]["contact_id"] == one["contact_id"]
    after = user_api.get_contact(contact_id=one["contact_id"])
    assert after["status"] == "unsubscribed" and after["fields"][names["first"]] == "Uno"  # not resubscribed
    assert_fails(400, user_api.add_contacts, list_id=list_id, contacts=[])
    assert_fails(400, user_api.add_contacts, list_id=list_id, contacts=["a@example.org"] * 10_001)


def test_unsubscribing_feeds_the_user_suppression_list(user_api: Client) -> None:
    made, _names = list_with_fields(user_api)
    email = f"{unique('leaver')}@example.org"
    contact = user_api.add_contact(list_id=made["list_id"], email=email)
    left = user_api.update_contact(contact_id=contact["contact_id"], status="unsubscribed")
    assert left["status"] == "unsubscribed" and left["unsubscribed"]
    entry = user_api.get_user_suppression(email=email)
    assert entry["reason"] == "unsubscribe" and entry["source"] == f"marketing list {made['list_id']}"
    bulk_email = f"{unique('complainer')}@example.org"
    user_api.add_contacts(list_id=made["list_id"], contacts=[{"email": bulk_email, "status": "complained"}])
    assert user_api.get_user_suppression(email=bulk_email)["reason"] == "complaint"
    back = user_api.update_contact(contact_id=contact["contact_id"], status="subscribed")
    assert back["unsubscribed"] == "" and user_api.get_user_suppression(email=email)  # lifting is explicit
    counts = user_api.get_list(list_id=made["list_id"])
    assert (counts["subscribed"], counts["complained"], counts["contacts"]) == (1, 1, 2)
    assert user_api.delete_list(list_id=made["list_id"])["contacts_deleted"] == 2
