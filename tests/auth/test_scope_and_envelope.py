"""Scope rules and the failure envelope for unknown paths, wrong methods and bad input."""

from __future__ import annotations

import httpx
import pytest

from openlux.client import Client, LuxSciError
from tests.support import handsigned


def _second_user(account_api: Client, login: str) -> str:
    try:
        account_api.create_user(user=login, password="Second-User-Pass-1")
    except LuxSciError as exc:
        assert exc.status == 409
    return login


def test_user_scope_code_cannot_act_for_another_user(user_api: Client, account_api: Client) -> None:
    other = _second_user(account_api, "scope-other@example.com")
    with pytest.raises(LuxSciError) as err:
        user_api.get_user(username=other)
    assert err.value.status == 403 and "only act for the user who authenticated" in err.value.message


def test_user_scope_code_cannot_call_account_functions(user_api: Client, server) -> None:
    with pytest.raises(LuxSciError) as err:
        user_api.get_domains_report(account=server.credentials["account"])
    assert err.value.status == 403


def test_account_scope_reaches_users_of_its_account(account_api: Client) -> None:
    other = _second_user(account_api, "scope-reach@example.com")
    assert account_api.get_user(username=other)["user"] == other


def test_account_scope_cannot_reach_another_account(account_api: Client) -> None:
    with pytest.raises(LuxSciError) as err:
        account_api.get_domains_report(account="999999")
    assert err.value.status == 403 and "not 999999" in err.value.message


def test_account_scope_on_unknown_user_is_404(account_api: Client) -> None:
    with pytest.raises(LuxSciError) as err:
        account_api.get_user(username="nobody@example.com")
    assert err.value.status == 404


def test_username_in_path_is_case_insensitive_and_accepts_percent40(server) -> None:
    c = server.credentials
    auth = handsigned.authenticate(
        server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"]
    ).json()["auth"]
    path = "/perl/api/v2/user/" + c["user"].upper().replace("@", "%40") + "/profile"
    resp = handsigned.signed(server.base_url, c["user_secret"], auth, "GET", path)
    assert resp.status_code == 200 and resp.json()["data"]["user"] == c["user"]


def test_unknown_path_is_404_envelope(server) -> None:
    resp = httpx.get(server.base_url + "/perl/api/v2/nothing/here")
    assert resp.status_code == 404
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.json()["success"] == 0 and resp.json()["error"]


def test_wrong_method_is_405_envelope(server) -> None:
    resp = httpx.patch(server.base_url + "/perl/api/v2/auth")
    assert resp.status_code == 405
    assert resp.json() == {
        "success": 0,
        "error": "This endpoint does not accept the PATCH method.",
        "error_message": "This endpoint does not accept the PATCH method.",
    }


def test_query_validation_error_names_the_field(account_api: Client) -> None:
    with pytest.raises(LuxSciError) as err:
        account_api.get_user_report(younger_than="abc")
    assert err.value.status == 400 and "younger_than" in err.value.message


def test_invalid_json_body_is_400(server) -> None:
    c = server.credentials
    auth = handsigned.authenticate(
        server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"]
    ).json()["auth"]
    resp = handsigned.signed(
        server.base_url, c["user_secret"], auth, "PUT", f"/perl/api/v2/user/{c['user']}/profile", body=b"{not json"
    )
    assert resp.status_code == 400 and resp.json()["error"] == "The request body is not valid JSON."


def test_body_field_too_long_is_400_naming_field(user_api: Client) -> None:
    with pytest.raises(LuxSciError) as err:
        user_api.update_user(zip="1" * 100)
    assert err.value.status == 400 and "zip" in err.value.message


def test_openapi_lists_operation_ids_and_docs_page_is_served(server) -> None:
    spec = httpx.get(server.base_url + "/perl/api/v2/openapi.json", timeout=30).json()
    ops = {op["operationId"] for path in spec["paths"].values() for op in path.values()}
    assert {"authentication", "revokeAuthentication", "getUser", "createDomain"} <= ops
    assert httpx.get(server.base_url + "/docs").status_code == 200
