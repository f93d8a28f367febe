"""Issue 9 item 4: hostile inputs end in a 4xx envelope, never a 500, and CRLF never reaches a header."""

from __future__ import annotations

import hashlib
import re
import time
from email import message_from_bytes

import httpx
import pytest

from openlux.client import Client, LuxSciError
from openlux.mail.compose import Attachment, Draft, compose
from tests.support import handsigned
from tests.support.server import RunningServer
from tests.webaides.conftest import new_webaide


def envelope(response: httpx.Response) -> dict:
    body = response.json()
    assert body["success"] == 0 and body["error"]
    return body


DEEP = 30_000  # 60 KB: under the unauthenticated body limit, far over Python's recursion limit


@pytest.mark.parametrize(
    "nested",
    [
        "[" * DEEP + "]" * DEEP,
        '{"a":' * (DEEP // 3) + "1" + "}" * (DEEP // 3),
        '{"token": "x", "date": 1, "signature": "y", "user": ' + "[" * 70 + "]" * 70 + "}",
    ],
)
def test_deeply_nested_json_on_auth_is_400(server: RunningServer, nested: str) -> None:
    response = httpx.post(
        f"{server.base_url}/perl/api/v2/auth", content=nested, headers={"Content-Type": "application/json"}, timeout=30
    )
    assert response.status_code == 400, response.text
    assert "nested deeper than" in envelope(response)["error"]


def test_json_100000_deep_is_413_on_auth_and_400_on_a_signed_call(server: RunningServer, user_api: Client) -> None:
    nested = ("[" * 100_000 + "]" * 100_000).encode()
    response = httpx.post(
        f"{server.base_url}/perl/api/v2/auth", content=nested, headers={"Content-Type": "application/json"}, timeout=30
    )
    assert response.status_code == 413 and envelope(response)
    user_api.authenticate()
    path = f"/perl/api/v2/user/{server.credentials['user']}/email/send"
    response = handsigned.signed(
        server.base_url,
        server.credentials["user_secret"],
        user_api.auth_code,
        "POST",
        path,
        body=b'{"messages": ' + nested + b"}",
    )
    assert response.status_code == 400, response.text
    assert "nested deeper than" in envelope(response)["error"]


@pytest.mark.parametrize("session_id", ["9" * 40, "99999999999999999999", "²³", "١٢٣", "9" * 5000])
def test_huge_or_unicode_session_id_in_the_cookie_is_an_unknown_code(server: RunningServer, session_id: str) -> None:
    response = httpx.get(
        f"{server.base_url}/perl/api/v2/user/{server.credentials['user']}/profile",
        headers={"Cookie": f"signature={session_id}-1-abcd:ef01".encode()},
        timeout=30,
    )
    assert response.status_code == 401, response.text
    assert envelope(response)["error"] == "Unknown authentication code."


@pytest.mark.parametrize("field", ["younger_than", "older_than"])
@pytest.mark.parametrize("days", [10**12, -1, 2**63])
def test_age_filter_overflow_is_400(account_api: Client, field: str, days: int) -> None:
    with pytest.raises(LuxSciError) as err:
        account_api.call("getUserReport", **{field: days})
    assert err.value.status == 400 and field in str(err.value)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("getEmailTemplate", {"template_id": "²"}),
        ("getEmailTemplate", {"template_id": "9" * 30}),
        ("getSecureForm", {"form_id": "³"}),
        ("getWebAideEntries", {"webaide_type": "calendars", "webaide_id": "¹"}),
        ("deleteAppSpecificPassword", {"app_password_id": "²"}),
    ],
)
def test_unicode_digits_and_huge_numbers_are_not_ids(
    user_api: Client, account_api: Client, name: str, params: dict
) -> None:
    api = account_api if name == "getSecureForm" else user_api
    with pytest.raises(LuxSciError) as err:
        api.call(name, **params)
    assert err.value.status in (400, 404), err.value


@pytest.mark.parametrize(
    "content_type",
    ["text/plain\r\nX-Injected: yes", "text/plain\nBcc: x@example.org", 'text/plain; name="a"\r\n\r\nbody'],
)
def test_crlf_in_attachment_content_type_is_400(user_api: Client, content_type: str) -> None:
    data = b"hello"
    with pytest.raises(LuxSciError) as err:
        user_api.send_email(
            files=[("a.txt", data)],
            messages=[
                {
                    "to": ["crlf@example.org"],
                    "subject": "s",
                    "text": "t",
                    "attachments": [
                        {"name": "a.txt", "hash": hashlib.sha256(data).hexdigest(), "content_type": content_type}
                    ],
                }
            ],
        )
    assert err.value.status == 400 and "content_type" in str(err.value)


def test_crlf_never_reaches_a_generated_header() -> None:
    draft = Draft(
        mail_from="a@example.com",
        from_name="Ann\r\nBcc: evil@example.org",
        to=["b@example.org"],
        reply_to="r@example.com\r\nX-Evil: 1",
        subject="Hi\r\nX-Evil: 2",
        attachments=[Attachment("x\r\nX-Evil: 3.txt", b"data", "text/plain\r\nX-Evil: 4")],
    )
    raw = compose(draft, message_id="1@example.com")
    assert b"\nX-Evil" not in raw and b"\nBcc" not in raw
    parsed = message_from_bytes(raw)
    attachment = next(p for p in parsed.walk() if p.get_filename())
    assert attachment.get_content_type() == "application/octet-stream"
    # folding (CRLF + space) is how long headers continue; any other line break would start a new header
    unfolded = [re.sub(r"\r?\n[ \t]", " ", value) for part in parsed.walk() for value in part.values()]
    assert all("\n" not in value and "\r" not in value for value in unfolded)


def test_16_mb_icalendar_import_is_refused_before_parsing(user_api: Client) -> None:
    where = new_webaide(user_api, "calendars")
    event = "BEGIN:VEVENT\r\nSUMMARY:x\r\nDTSTART:20260101T100000Z\r\nEND:VEVENT\r\n"
    ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + event * (16 * 1024 * 1024 // len(event)) + "END:VCALENDAR\r\n"
    started = time.monotonic()
    with pytest.raises(LuxSciError) as err:
        user_api.add_update_web_aide_entries(**where, ics=ics)
    assert err.value.status == 413 and "ics" in str(err.value)
    assert time.monotonic() - started < 15  # today: 30 s of CPU inside the parser
    too_many = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + event * 1001 + "END:VCALENDAR\r\n"
    with pytest.raises(LuxSciError) as err:
        user_api.add_update_web_aide_entries(**where, ics=too_many)
    assert err.value.status == 400 and "1000 entries" in str(err.value)
