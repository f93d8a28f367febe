"""Per-user WebAide permissions, with a second user of the same account signing in on its own."""

from __future__ import annotations

from openlux.client import Client
from tests.support.failures import assert_fails
from tests.webaides.conftest import new_webaide, unique


def _shared(owner: Client, other: Client, kind: str, permissions: list[str]) -> dict:
    return {
        "webaide_type": kind,
        "webaide_id": owner.new_web_aide(
            webaide_type=kind,
            name=unique(),
            shares=[{"audience": "user", "target": other.user, "permissions": permissions}],
        )["webaide_id"],
    }


def test_unshared_webaide_is_invisible_to_another_user(user_api: Client, second_api: Client) -> None:
    where = new_webaide(user_api, "notes")
    eid = user_api.new_web_aide_entry(**where, Title="private")["Unique ID"]
    assert_fails(404, second_api.get_web_aide, **where)
    assert_fails(404, second_api.get_web_aide_entry, **where, entry_id=eid)
    assert_fails(404, second_api.get_web_aide_changes, **where)
    assert where["webaide_id"] not in [w["webaide_id"] for w in second_api.get_web_aides(webaide_type="notes")]


def test_read_only_share(user_api: Client, second_api: Client) -> None:
    where = _shared(user_api, second_api, "notes", ["read"])
    eid = user_api.new_web_aide_entry(**where, Title="hello")["Unique ID"]
    seen = second_api.get_web_aide(**where)
    assert seen["permissions"] == ["read"] and seen["is_owner"] == 0 and "shares" not in seen
    assert seen["owner"] == user_api.user
    assert second_api.get_web_aide_entry(**where, entry_id=eid)["Title"] == "hello"
    for call, params in (
        (second_api.new_web_aide_entry, {"Title": "x"}),
        (second_api.update_web_aide_entry, {"entry_id": eid, "Title": "x"}),
        (second_api.delete_web_aide_entry, {"entry_id": eid}),
        (second_api.delete_web_aide_entries, {"entry_ids": str(eid)}),
        (second_api.add_update_web_aide_entries, {"entries": [{"Title": "x"}]}),
        (second_api.delete_web_aide, {}),
    ):
        assert_fails(403, call, **where, **params), call
    assert user_api.get_web_aide_entry(**where, entry_id=eid)["Title"] == "hello"


def test_self_rights_cover_only_own_entries(user_api: Client, second_api: Client) -> None:
    where = _shared(user_api, second_api, "tasks", ["read", "create", "edit_self", "delete_self"])
    owners = user_api.new_web_aide_entry(**where, Title="owner's")["Unique ID"]
    mine = second_api.new_web_aide_entry(**where, Title="second's")
    assert mine["Created By"] == second_api.user
    done = second_api.update_web_aide_entry(**where, entry_id=mine["Unique ID"], Status="Completed")
    assert done["Status"] == "Completed"
    assert_fails(403, second_api.update_web_aide_entry, **where, entry_id=owners, Title="x")
    assert_fails(403, second_api.delete_web_aide_entry, **where, entry_id=owners)
    assert_fails(403, second_api.delete_web_aide_entries, **where, entry_ids=f"{mine['Unique ID']},{owners}")
    assert second_api.delete_web_aide_entry(**where, entry_id=mine["Unique ID"])["deleted"] == 1
    # the owner holds admin: edits and deletes anything
    assert user_api.update_web_aide_entry(**where, entry_id=owners, Title="renamed")["Title"] == "renamed"


def test_all_rights_and_create_without_read(user_api: Client, second_api: Client) -> None:
    where = _shared(user_api, second_api, "links", ["edit_all", "delete_all"])
    eid = user_api.new_web_aide_entry(**where, Title="a", URL="https://example.com/")["Unique ID"]
    assert second_api.get_web_aide(**where)["permissions"] == ["edit_self", "edit_all", "delete_self", "delete_all"]
    assert_fails(403, second_api.get_web_aide_entry, **where, entry_id=eid)
    assert_fails(403, second_api.new_web_aide_entry, **where, Title="b", URL="https://example.org/")
    assert second_api.update_web_aide_entry(**where, entry_id=eid, Title="b")["Title"] == "b"
    assert second_api.delete_web_aide_entry(**where, entry_id=eid)["deleted"] == 1


def test_account_and_admin_shares(user_api: Client, second_api: Client) -> None:
    where = {
        "webaide_type": "calendars",
        "webaide_id": user_api.new_web_aide(
            webaide_type="calendars", name=unique(), shares=[{"audience": "account", "permissions": "read,create"}]
        )["webaide_id"],
    }
    assert second_api.get_web_aide(**where)["permissions"] == ["read", "create"]
    assert where["webaide_id"] in [w["webaide_id"] for w in second_api.get_web_aides(webaide_type="calendars")]
    assert where["webaide_id"] not in [
        w["webaide_id"] for w in second_api.get_web_aides(webaide_type="calendars", owned_only=1)
    ]
    domain = second_api.user.split("@", 1)[1]
    by_domain = {
        "webaide_type": "links",
        "webaide_id": user_api.new_web_aide(
            webaide_type="links",
            name=unique(),
            shares=[{"audience": "domain", "target": domain.upper(), "permissions": ["read", "add_self"]}],
        )["webaide_id"],
    }
    assert second_api.get_web_aide(**by_domain)["permissions"] == ["read", "add_self"]
    admin = _shared(user_api, second_api, "notes", ["admin"])
    seen = second_api.get_web_aide(**admin)
    assert seen["shares"] == [{"audience": "user", "target": second_api.user, "permissions": ["admin"]}]
    assert second_api.delete_web_aide(**admin)["deleted"] == 1
    assert_fails(404, user_api.get_web_aide, **admin)


def test_account_scope_reaches_a_users_webaides(account_api: Client, user_api: Client) -> None:
    wid = user_api.new_web_aide(webaide_type="notes", name=unique())["webaide_id"]
    assert account_api.get_web_aide(username=user_api.user, webaide_type="notes", webaide_id=wid)["is_owner"] == 1
    assert_fails(403, user_api.get_web_aides, username="someone-else@example.com", webaide_type="notes")


def test_user_without_the_webaides_service_is_refused(account_api: Client, server) -> None:
    login = f"{unique('nowa')}@{server.credentials['user'].split('@', 1)[1]}"
    account_api.create_user(user=login, password="No-WebAides-Pass-1", services=["email", "api"])
    creds = server.credentials
    with Client(
        server.base_url, creds["user_token"], creds["user_secret"], user=login, password="No-WebAides-Pass-1"
    ) as api:
        err = assert_fails(None, api.get_web_aides, webaide_type="notes")
        assert err.status == 403 and "webaides" in err.message
        assert_fails(403, api.new_web_aide, webaide_type="notes", name="x")


def test_integration_access_is_per_webaide_type(server) -> None:
    """LuxSci limits an integration per WebAide type (read-only included); `webaides` covers the rest."""
    from tests.support.cli import create_integration

    issued = create_integration(
        server,
        "calendar-reader",
        "--scope",
        "user",
        "--access",
        "webaides_calendars=read,webaides_notes=none,webaides=write",
    )
    creds = server.credentials
    with Client(
        server.base_url, issued["token"], issued["secret"], user=creds["user"], password=creds["password"]
    ) as api:
        assert isinstance(api.get_web_aides(webaide_type="calendars"), list)
        assert_fails(403, api.new_web_aide, webaide_type="calendars", name=unique(), message_has="webaides_calendars")
        assert_fails(403, api.get_web_aides, webaide_type="notes")
        made = api.new_web_aide(webaide_type="tasks", name=unique())  # falls back to the `webaides` grant
        assert made["webaide_id"]
