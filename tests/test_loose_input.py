"""Loose LuxSci input typed once (openlux.core.types): one answer in every area, over signed HTTP.

A malformed id is 400 naming the field wherever it appears (path or query); every flag spelling
LuxSci clients send is accepted; the SDK's methods carry signatures built from the same models.
"""

from __future__ import annotations

import inspect
import uuid
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from openlux.client import AsyncClient, Client
from openlux.core.types import Count, Email, LuxDate, Name, OptionalId, Text, parse_flag, parse_id
from tests.support.failures import assert_fails

# Not ids: letters, a sign, a decimal point, Unicode digits (superscript two, Arabic-Indic one),
# 19 digits (would overflow a 64-bit column), blank.
NOT_IDS = ["abc", "-1", "1.0", "²", "١", "1²", "1234567890123456789", " "]
TRUE_SPELLINGS = [1, "1", True, "true", "TRUE", "yes", "Yes", "on", "ON"]
FALSE_SPELLINGS = [0, "0", False, "false", "False", "no", "NO", "off", "Off", ""]


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_the_rules_themselves() -> None:
    assert parse_id("12") == 12 and parse_id(" 7 ") == 7 and parse_id(0) == 0
    assert parse_id("9" * 18) == 10**18 - 1
    for value in [*NOT_IDS, True, 1.5, None, -3, ""]:
        with pytest.raises(ValueError):
            parse_id(value)
    assert all(parse_flag(v) is True for v in TRUE_SPELLINGS)
    assert all(parse_flag(v) is False for v in FALSE_SPELLINGS)
    for value in ["maybe", 2, "2", "y", None, 1.0]:
        with pytest.raises(ValueError):
            parse_flag(value)


@pytest.mark.parametrize(
    ("kind", "good", "bad"),
    [
        (Count, {"0": 0, " 25 ": 25, 7: 7, "": None}, ["-1", "2.5", "²", "1e3"]),
        (OptionalId, {"": None, "0": 0, "12": 12}, ["x", "-4", "1" * 19]),
        (
            LuxDate,
            {
                "2026-03-02 09:00:00": "2026-03-02 09:00:00+00:00",
                "2026-03-02$09:00:00": "2026-03-02 09:00:00+00:00",
                "2026-03-02": "2026-03-02 00:00:00+00:00",
                "": None,
            },
            ["tomorrow", "2026-13-01", 5],
        ),
        (Email, {" <Jane@Example.ORG> ": "jane@example.org"}, ["jane", "a@b", "x@@example.org", 3]),
        (Name, {"  Weekly news ": "Weekly news", 42: "42"}, ["two\nlines", "nul\x00", "n" * 201, ["list"]]),
        (Text, {"line one\nline two": "line one\nline two"}, ["nul\x00", "t" * 500_001, {"a": 1}]),
    ],
    ids=["Count", "OptionalId", "LuxDate", "Email", "Name", "Text"],
)
def test_the_other_types(kind: Any, good: dict[Any, Any], bad: list[Any]) -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(kind)
    for given, expected in good.items():
        value = adapter.validate_python(given)
        assert (str(value) if value is not None and kind is LuxDate else value) == expected, given
    for given in bad:
        with pytest.raises(ValidationError):
            adapter.validate_python(given)


# (area, client fixture, method name, path/query arguments besides the bad id, the id's field)
MALFORMED_ID_CASES = [
    ("content", "user_api", "get_email_template", {}, "template_id"),
    ("content", "user_api", "delete_email_content_tag", {}, "tag_id"),
    ("marketing", "user_api", "get_list", {}, "list_id"),
    ("marketing v2", "account_api", "get_marketing_contact_by_id", {}, "contact_id"),
    ("secureforms", "account_api", "get_secure_form", {}, "form_id"),
    ("webaides", "user_api", "get_web_aide", {"webaide_type": "links"}, "webaide_id"),
    ("reports", "user_api", "get_user_job", {}, "job_id"),
    ("accounts", "user_api", "delete_app_specific_password", {}, "app_password_id"),
    ("inbound", "user_api", "delete_email_auto_responder", {}, "autoresponder_id"),
]


@pytest.mark.parametrize(
    ("area", "client", "method", "args", "field"),
    MALFORMED_ID_CASES,
    ids=[c[0] + ":" + c[4] for c in MALFORMED_ID_CASES],
)
def test_malformed_id_is_400_naming_the_field_in_every_area(
    user_api: Client, account_api: Client, area: str, client: str, method: str, args: dict[str, Any], field: str
) -> None:
    api = user_api if client == "user_api" else account_api
    for bad in ("abc", "²", "1234567890123456789"):
        error = assert_fails(None, getattr(api, method), **args, **{field: bad})
        assert error.status == 400, (area, bad, error.message)
        assert f"'{field}'" in error.message, (area, bad, error.message)


def test_malformed_ids_in_query_strings_and_bodies(user_api: Client, account_api: Client) -> None:
    error = assert_fails(None, account_api.get_secure_form_database_posts, form_id=1, after_row="1²")
    assert error.status in (400, 404)  # form 1 may not exist: the id check is the route's, the 404 the service's
    for call, kwargs, field in [
        (user_api.get_email_template_list, {"group_id": "x"}, "group_id"),
        (user_api.get_contacts, {"list_id": "²"}, "list_id"),
        (user_api.get_lists, {"matches": "-1"}, "matches"),
        (user_api.create_email_template, {"name": _unique("t"), "group_id": "12a"}, "group_id"),
        (user_api.add_campaign, {"name": _unique("c"), "template_id": "1.5"}, "template_id"),
        (account_api.set_server_sendng_rate, {"server_id": "x", "rate": "1²"}, "rate"),
    ]:
        error = assert_fails(None, call, **kwargs)
        assert error.status == 400 and f"'{field}'" in error.message, (field, error.message)


@pytest.mark.parametrize("spelling", TRUE_SPELLINGS + FALSE_SPELLINGS, ids=repr)
def test_every_flag_spelling_in_bodies_and_query_strings(user_api: Client, spelling: Any) -> None:
    expected = parse_flag(spelling)
    made = user_api.create_email_template(name=_unique("flag"), text="x", shared=spelling)
    assert made["shared"] == int(expected)
    tag = user_api.create_email_content_tag(name=_unique("flagtag"), text="x")
    user_api.delete_email_content_tag(tag_id=tag["tag_id"], force=spelling)  # unused: any force deletes it
    listed = user_api.get_email_template_list(owned_only=spelling)
    assert made["template_id"] in {t["template_id"] for t in listed}
    responder = user_api.new_email_auto_responder(subject="away", body="back soon", enabled=spelling)
    assert responder["enabled"] == int(expected)
    user_api.delete_email_auto_responder(autoresponder_id=responder["autoresponder_id"])


def test_a_word_that_is_not_a_flag_is_400_naming_the_field(user_api: Client, account_api: Client) -> None:
    for call, kwargs, field in [
        (user_api.create_email_template, {"name": _unique("t"), "shared": "maybe"}, "shared"),
        (user_api.get_email_template_list, {"owned_only": "2"}, "owned_only"),
        (user_api.new_email_auto_responder, {"subject": "s", "body": "b", "enabled": "y"}, "enabled"),
        (account_api.get_dkim_report, {"check_dns": "sometimes"}, "check_dns"),
    ]:
        error = assert_fails(None, call, **kwargs)
        assert error.status == 400 and f"'{field}'" in error.message, (field, error.message)


def test_sdk_methods_have_signatures_from_the_request_models() -> None:
    for cls in (Client, AsyncClient):
        create = inspect.signature(cls.create_email_template)
        assert {"name", "subject", "html", "text", "group_id", "shared", "extra"} <= set(create.parameters)
        assert create.parameters["shared"].annotation == "bool | int | str | None"
        assert create.parameters["extra"].kind is inspect.Parameter.VAR_KEYWORD
        get = inspect.signature(cls.get_email_template)
        assert get.parameters["template_id"].default is inspect.Parameter.empty  # a path id is required
        assert get.parameters["username"].default is None  # filled in from the signed-in user
        rows = inspect.signature(cls.get_secure_form_database_rows)
        assert {"form_id", "after_row", "first_row", "matches", "from_date"} <= set(rows.parameters)
    doc = Client.create_email_template.__doc__ or ""
    assert "createEmailTemplate" in doc and "shared: (body) a flag: 1/0, true/false, yes/no, on/off" in doc
    assert "no_tls" in inspect.signature(Client.send_email).parameters


def test_unknown_keys_still_pass_through_and_unset_arguments_are_not_sent(user_api: Client) -> None:
    made = user_api.create_email_template(name=_unique("extra"), text="x", not_a_field="ignored", description=None)
    assert made["description"] == ""  # None means "not given": nothing was sent for it
