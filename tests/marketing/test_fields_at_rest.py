"""Issue 9 item 11: contacts' custom field values are sealed at rest.

Written through addContact, addContacts (the bulk statement that bypasses the column types) and
updateContact over signed HTTP on both backends; raw SQL finds none of the values, while getContact,
getContacts, the bulk upsert's merge and a campaign's merge rendering still see them.
"""

from __future__ import annotations

import uuid

from openlux.client import Client
from tests.marketing.conftest import captured_for_campaign, list_with_fields, unique, wait_status
from tests.support.dbquery import fetch_all
from tests.support.server import RunningServer


def test_custom_field_values_are_sealed_and_read_back(server: RunningServer, user_api: Client) -> None:
    tag = uuid.uuid4().hex[:10]
    made, names = list_with_fields(user_api)
    list_id, first, age, born = made["list_id"], names["first"], names["age"], names["born"]
    ann, bob, cy = (f"{who}-{uuid.uuid4().hex[:8]}@example.org" for who in ("ann", "bob", "cy"))
    one = user_api.add_contact(list_id=list_id, email=ann, fields={first: f"Ann{tag}", born: "1970-01-01"})
    bulk = user_api.add_contacts(
        list_id=list_id,
        contacts=[
            {"email": bob, "fields": {first: f"Bob{tag}", age: 61}},
            {"email": cy, "fields": {first: f"Cy{tag}"}},
        ],
    )
    assert (bulk["created"], bulk["updated"]) == (2, 0), bulk
    # the bulk upsert merges into the stored (sealed) values: age kept, first replaced
    again = user_api.add_contacts(list_id=list_id, contacts=[{"email": bob, "fields": {first: f"Robert{tag}"}}])
    assert (again["created"], again["updated"]) == (0, 1), again
    changed = user_api.update_contact(contact_id=one["contact_id"], fields={age: "54"})
    assert changed["fields"] == {first: f"Ann{tag}", age: 54, born: "1970-01-01"}

    raw = fetch_all(server.database_url, "SELECT * FROM marketing_contact WHERE list_id = :l", l=list_id)
    assert len(raw) == 3 and tag not in repr(raw) and "1970-01-01" not in repr(raw)
    assert all(str(row["fields"]).startswith("ol1:") for row in raw)

    assert user_api.get_contact(contact_id=one["contact_id"])["fields"] == changed["fields"]
    rows = {r["email"]: r["fields"] for r in user_api.get_contacts(list_id=list_id)["rows"]}
    assert rows == {
        ann: {first: f"Ann{tag}", age: 54, born: "1970-01-01"},
        bob: {first: f"Robert{tag}", age: 61},
        cy: {first: f"Cy{tag}"},
    }

    # a campaign renders each contact's opened values
    campaign = user_api.add_campaign(
        name=unique("SealedFields"), lists=[list_id], subject="Hi", text="Dear {{ " + first + " }}.", send_at="now"
    )
    wait_status(user_api, campaign["campaign_id"], "sent")
    mail = captured_for_campaign(server, campaign["campaign_id"], 3)
    assert f"Dear Robert{tag}.".encode() in mail[bob] and f"Dear Cy{tag}.".encode() in mail[cy]
