"""Suppression endpoints end to end through the SDK, on both backends."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import update

from openlux.client import Client, LuxSciError
from openlux.core import time as clock
from openlux.core.time import format_datetime
from openlux.suppressions.models import UserSuppression
from openlux.suppressions.service import MAX_PER_CALL
from tests.support.dbquery import on_server_db


def _tag() -> str:
    """A unique local-part prefix, because the session server is shared by every test."""
    return "t" + uuid.uuid4().hex[:10]


def _status(call, *args, **kwargs) -> int:
    with pytest.raises(LuxSciError) as err:
        call(*args, **kwargs)
    return err.value.status


def _second_user(account_api: Client, login: str) -> str:
    try:
        account_api.create_user(user=login, password="Second-User-Pass-1")
    except LuxSciError as exc:
        assert exc.status == 409
    return login


def test_user_suppression_crud(user_api: Client) -> None:
    tag = _tag()
    result = user_api.create_user_suppression(email=f"{tag}@Example.COM", reason="unsubscribe", note="asked")
    assert result == {
        "created": 1,
        "exists": 0,
        "invalid": 0,
        "results": [{"email": f"{tag}@example.com", "status": "created"}],
    }
    entry = user_api.get_user_suppression(email=f"{tag.upper()}@example.com")
    assert entry["email"] == f"{tag}@example.com"
    assert entry["reason"] == "unsubscribe" and entry["source"] == "api" and entry["note"] == "asked"
    assert entry["created"] and entry["expires"] == ""
    again = user_api.create_user_suppression(email=f"{tag}@example.com")
    assert again["created"] == 0 and again["results"][0]["status"] == "exists"
    assert user_api.delete_user_suppression(email=f"{tag}@example.com") == {"email": f"{tag}@example.com", "deleted": 1}
    assert _status(user_api.get_user_suppression, email=f"{tag}@example.com") == 404
    assert _status(user_api.delete_user_suppression, email=f"{tag}@example.com") == 404


def test_account_suppression_crud(account_api: Client) -> None:
    tag = _tag()
    created = account_api.create_account_suppression(email=f"{tag}@example.com", reason="complaint")
    assert created["created"] == 1
    assert account_api.get_account_suppression(email=f"{tag}@EXAMPLE.com")["reason"] == "complaint"
    listed = account_api.get_account_suppression_list(email=f"{tag}@Example.com")  # whole address, any case
    assert listed["total_matches"] == 1 and listed["rows"][0]["email"] == f"{tag}@example.com"
    assert [h["keyword"] for h in listed["header"]] == [
        "email",
        "reason",
        "source",
        "note",
        "source_message_id",
        "created",
        "expires",
    ]
    account_api.delete_account_suppression(email=f"{tag}@example.com")
    assert _status(account_api.get_account_suppression, email=f"{tag}@example.com") == 404


def test_bulk_create_reports_each_address(account_api: Client) -> None:
    tag = _tag()
    account_api.create_account_suppression(email=f"{tag}.old@example.com")
    result = account_api.create_account_suppression(
        emails=[
            f"{tag}.a@example.com",
            f"{tag}.OLD@example.com",
            "not-an-address",
            f"{tag}.A@Example.com",
            f"{tag}.b@example.com",
            42,
        ],
        reason="bounce",
    )
    assert (result["created"], result["exists"], result["invalid"]) == (2, 2, 2)
    assert [(r["email"], r["status"]) for r in result["results"]] == [
        (f"{tag}.a@example.com", "created"),
        (f"{tag}.old@example.com", "exists"),
        ("not-an-address", "invalid"),
        (f"{tag}.a@example.com", "exists"),
        (f"{tag}.b@example.com", "created"),
        ("42", "invalid"),
    ]
    assert "emails[2]" in result["results"][2]["error"]
    for suffix in ("a", "old", "b"):
        assert account_api.get_account_suppression_list(email=f"{tag}.{suffix}@example.com")["total_matches"] == 1
    # a comma-separated string is accepted too
    text = account_api.create_account_suppression(emails=f"{tag}.c@example.com, {tag}.d@example.com")
    assert text["created"] == 2


def test_create_rejects_bad_input_with_400_naming_the_field(account_api: Client) -> None:
    for params, field in (
        ({"email": "nope"}, "email"),
        ({}, "email"),
        ({"email": "a@example.com", "reason": "spite"}, "reason"),
        ({"email": "a@example.com", "expires": "2001-01-01 00:00:00"}, "expires"),
        ({"email": "a@example.com", "expires": "soon"}, "expires"),
    ):
        with pytest.raises(LuxSciError) as err:
            account_api.create_account_suppression(**params)
        assert err.value.status == 400 and field in err.value.message, params
    with pytest.raises(LuxSciError) as err:
        account_api.create_account_suppression(emails=[f"x{i}@example.com" for i in range(MAX_PER_CALL + 1)])
    assert err.value.status == 400 and str(MAX_PER_CALL) in err.value.message


def test_list_paging_and_filters(account_api: Client) -> None:
    tag = _tag()
    login = _second_user(account_api, f"{tag}-lister@example.com")  # a list of its own on the shared server
    account_api.create_user_suppression(
        username=login, emails=[f"{tag}.{i}@example.com" for i in range(5)], reason="bounce"
    )
    account_api.create_user_suppression(username=login, email=f"{tag}.x@example.com", reason="manual")

    def listed(**params) -> dict:
        return account_api.get_user_suppression_list(username=login, **params)

    page = listed(first_row=2, matches=2)
    assert page["total_matches"] == 6 and page["first_row"] == 2 and page["matches"] == 2
    assert [r["email"] for r in page["rows"]] == [f"{tag}.2@example.com", f"{tag}.3@example.com"]
    assert listed(reason="manual")["total_matches"] == 1
    assert listed(matches=0)["rows"] == []
    # Addresses are sealed at rest: `email` matches a whole address (any case), never a substring.
    [row] = listed(email=f"{tag.upper()}.3@EXAMPLE.com")["rows"]
    assert row["email"] == f"{tag}.3@example.com" and row["reason"] == "bounce"
    assert listed(email=f"{tag}.3@example.com", reason="manual")["total_matches"] == 0
    assert _status(account_api.get_user_suppression_list, username=login, email=tag) == 400
    future = format_datetime(clock.utcnow() + timedelta(days=1))
    past = format_datetime(clock.utcnow() - timedelta(days=1))
    assert listed(after_date=future)["total_matches"] == 0
    assert listed(after_date=past, before_date=future)["total_matches"] == 6
    assert _status(account_api.get_user_suppression_list, after_date="yesterday") == 400
    assert _status(account_api.get_user_suppression_list, reason="spite") == 400


def test_expired_suppression_disappears_and_can_be_added_again(user_api: Client, server) -> None:
    tag = _tag()
    address = f"{tag}@example.com"
    expires = format_datetime(clock.utcnow() + timedelta(days=2))
    user_api.create_user_suppression(email=address, expires=expires)
    assert user_api.get_user_suppression(email=address)["expires"] == expires
    _expire(server, address)
    assert _status(user_api.get_user_suppression, email=address) == 404
    assert user_api.get_user_suppression_list(email=address)["total_matches"] == 0
    assert user_api.create_user_suppression(email=address)["created"] == 1
    assert user_api.get_user_suppression(email=address)["expires"] == ""


def _expire(server, address: str) -> None:
    async def work(session, _ctx) -> None:
        # through the server's own context: the index is keyed with its installation's key
        await session.execute(
            update(UserSuppression.__table__)
            .where(UserSuppression.address_index == address)
            .values(expires_at=clock.utcnow() - timedelta(minutes=1))
        )

    on_server_db(server, work)


def test_scope_rules(user_api: Client, account_api: Client, server) -> None:
    account = server.credentials["account"]
    assert _status(user_api.get_account_suppression_list, account=account) == 403
    assert _status(user_api.create_account_suppression, account=account, email="a@example.com") == 403
    assert _status(user_api.delete_account_suppression, account=account, email="a@example.com") == 403
    assert _status(account_api.get_account_suppression_list, account="999999") == 403
    tag = _tag()
    other = _second_user(account_api, "suppr-other@example.com")
    account_api.create_user_suppression(username=other, email=f"{tag}@example.com")
    assert account_api.get_user_suppression(username=other, email=f"{tag}@example.com")["email"]
    assert user_api.get_user_suppression_list(email=f"{tag}@example.com")["total_matches"] == 0
    assert _status(user_api.get_user_suppression, email=f"{tag}@example.com") == 404
    assert _status(user_api.get_user_suppression_list, username=other) == 403
    # the account list is separate from every user list
    assert _status(account_api.get_account_suppression, email=f"{tag}@example.com") == 404


def test_address_with_slash_in_path(user_api: Client) -> None:
    tag = _tag()
    address = f"{tag}/dept@example.com"
    user_api.create_user_suppression(email=address)
    assert user_api.get_user_suppression(email=address)["email"] == address
    user_api.delete_user_suppression(email=address)


def test_percent_encoded_address_in_path(user_api: Client, server) -> None:
    from tests.support import handsigned

    tag = _tag()
    address = f"{tag}/x@example.com"
    user_api.create_user_suppression(email=address)
    c = server.credentials
    auth = handsigned.authenticate(
        server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"]
    ).json()["auth"]
    path = f"/perl/api/v2/user/{c['user']}/email/suppressions/{tag.upper()}%2Fx%40example.com"
    resp = handsigned.signed(server.base_url, c["user_secret"], auth, "GET", path)
    assert resp.status_code == 200 and resp.json()["data"]["email"] == address
