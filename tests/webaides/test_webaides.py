"""WebAide containers end to end: list, read, create, delete, type and name checks."""

from __future__ import annotations

from openlux.client import Client
from tests.support.failures import assert_fails
from tests.webaides.conftest import unique


def test_create_get_list_delete(user_api: Client, server) -> None:
    name = unique("Team ")
    made = user_api.new_web_aide(webaide_type="calendars", name=name, description="shared team calendar")
    wid = made["webaide_id"]
    assert made["webaide_type"] == "calendars" and made["name"] == name and made["is_owner"] == 1
    assert made["owner"] == server.credentials["user"] and made["permissions"][0] == "admin"
    assert made["entry_count"] == 0 and made["shares"] == [] and made["sync_token"] == "0"
    assert user_api.get_web_aide(webaide_type="calendars", webaide_id=wid)["name"] == name
    listed = user_api.get_web_aides(webaide_type="calendars", name=name.upper())
    assert [w["webaide_id"] for w in listed] == [wid]
    assert all(w["webaide_type"] == "tasks" for w in user_api.get_web_aides(webaide_type="tasks"))
    assert user_api.delete_web_aide(webaide_type="calendars", webaide_id=wid) == {"webaide_id": wid, "deleted": 1}
    assert_fails(404, user_api.get_web_aide, webaide_type="calendars", webaide_id=wid)
    assert_fails(404, user_api.delete_web_aide, webaide_type="calendars", webaide_id=wid)


def test_bad_input_is_400_naming_the_field(user_api: Client) -> None:
    for call, params, field in (
        (user_api.get_web_aides, {"webaide_type": "blogs"}, "webaide_type"),
        (user_api.new_web_aide, {"webaide_type": "photos", "name": "x"}, "webaide_type"),
        (user_api.new_web_aide, {"webaide_type": "notes"}, "name"),
        (
            user_api.new_web_aide,
            {"webaide_type": "notes", "name": "x", "shares": [{"audience": "world"}]},
            "shares[0].audience",
        ),
        (
            user_api.new_web_aide,
            {"webaide_type": "notes", "name": "x", "shares": [{"audience": "account", "permissions": ["fly"]}]},
            "shares[0].permissions",
        ),
        (
            user_api.new_web_aide,
            {
                "webaide_type": "notes",
                "name": "x",
                "shares": [{"audience": "user", "target": "nobody@nowhere.example", "permissions": ["read"]}],
            },
            "shares[0].target",
        ),
        (user_api.get_web_aides, {"webaide_type": "notes", "owned_only": "maybe"}, "owned_only"),
    ):
        err = assert_fails(None, call, **params)
        assert err.status == 400 and field in err.message, (params, err.message)


def test_duplicate_name_is_409_and_wrong_type_is_404(user_api: Client) -> None:
    name = unique("Links ")
    wid = user_api.new_web_aide(webaide_type="links", name=name)["webaide_id"]
    assert_fails(409, user_api.new_web_aide, webaide_type="links", name=name)
    assert user_api.new_web_aide(webaide_type="notes", name=name)["webaide_id"] != wid  # names are per type
    assert_fails(404, user_api.get_web_aide, webaide_type="notes", webaide_id=wid)
    assert_fails(400, user_api.get_web_aide, webaide_type="links", webaide_id="abc", message_has="webaide_id")
