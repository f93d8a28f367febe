"""Issue 9 item 11: contact and campaign-message addresses are sealed at rest; dedupe, lookups, the
`email` filter and campaign sending match them through blind indexes; listing order is unchanged.

Through the SDK against the session server (capture mode) on both backends; raw SQL sees no address.
"""

from __future__ import annotations

import uuid

from openlux.client import Client
from tests.marketing.conftest import captured_for_campaign, unique, wait_status
from tests.support.dbquery import fetch_all
from tests.support.failures import assert_fails
from tests.support.server import RunningServer


def test_contact_addresses_are_sealed_and_matched_by_index(server: RunningServer, user_api: Client) -> None:
    tag = uuid.uuid4().hex[:10]
    people = [f"{tag}-{name}@example.org" for name in ("ann", "bob", "cy")]
    first = user_api.add_list(name=unique("Sealed"), from_name="Clinic", from_address=user_api.user)
    second = user_api.add_list(name=unique("Sealed2"), from_name="Clinic", from_address=user_api.user)
    added = user_api.add_contacts(list_id=first["list_id"], contacts=[p.upper() for p in people] + [people[0]])
    # the repeat (same address, other case) is one contact: the bulk upsert matched its index
    assert (added["created"], added["updated"]) == (3, 1), added
    again = user_api.add_contacts(list_id=first["list_id"], contacts=[people[1]])
    assert (again["created"], again["updated"]) == (0, 1)
    assert_fails(409, user_api.add_contact, list_id=first["list_id"], email=people[2].upper())
    user_api.add_contact(list_id=second["list_id"], email=people[0])  # the same address on a second list

    listed = user_api.get_contacts(list_id=first["list_id"])["rows"]
    assert [r["email"] for r in listed] == people  # oldest first, as before
    [bob] = user_api.get_contacts(list_id=first["list_id"], email=people[1].upper())["rows"]
    assert bob["email"] == people[1]
    assert_fails(400, user_api.get_contacts, list_id=first["list_id"], email=f"{tag}-bob")

    # Sending dedupes the address that is on both lists, through its index.
    campaign = user_api.add_campaign(
        name=unique("SealedCampaign"),
        lists=[first["list_id"], second["list_id"]],
        subject="News",
        text="Hi {{ email }}",
        send_at="now",
    )
    done = wait_status(user_api, campaign["campaign_id"], "sent")
    assert (done["queued"], done["recipients"]) == (3, 3)
    mail = captured_for_campaign(server, campaign["campaign_id"], 3)
    assert set(mail) == set(people)

    for table, column in (("marketing_contact", "email"), ("marketing_campaign_message", "email")):
        rows = fetch_all(server.database_url, f"SELECT * FROM {table}")
        assert tag not in repr(rows), table
        assert all(r[column].startswith("ol1:") and len(r["email_index"]) == 64 for r in rows), table


def test_v2_contacts_are_matched_by_index(account_api: Client) -> None:
    tag = uuid.uuid4().hex[:10]
    address = f"{tag}-v2@example.org"
    made = account_api.add_marketing_list(name=unique("V2Sealed"))
    other = account_api.add_marketing_list(name=unique("V2Sealed2"))
    one = account_api.add_marketing_contact(list_id=made["list_id"], email=address.upper())
    account_api.add_marketing_contact(list_id=other["list_id"], email=address)
    changed = account_api.update_marketing_contact_by_email(email=address.upper(), status="bounced")
    assert changed[0]["contact_id"] == one["contact_id"] and len(changed) == 2
    assert all(c["status"] == "bounced" and c["email"] == address for c in changed)
