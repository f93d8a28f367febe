"""POST/DELETE /auth and signed calls over real HTTP, signed by hand like LuxSci's clients."""

from __future__ import annotations

import json
import time
import uuid

import httpx
import pytest

from tests.support import handsigned
from tests.support.cli import create_integration, run_cli
from tests.support.dbquery import fetch_until

PROFILE = "/perl/api/v2/user/{user}/profile"


def _user_auth(server, **kw) -> str:
    c = server.credentials
    resp = handsigned.authenticate(
        server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"], **kw
    )
    assert resp.status_code == 201, resp.text
    return resp.json()["auth"]


def _account_auth(server, token=None, secret=None) -> str:
    c = server.credentials
    resp = handsigned.authenticate(server.base_url, token or c["account_token"], secret or c["account_secret"])
    assert resp.status_code == 201, resp.text
    return resp.json()["auth"]


def test_authentication_returns_201_with_auth_and_no_data(server) -> None:
    c = server.credentials
    resp = handsigned.authenticate(server.base_url, c["account_token"], c["account_secret"])
    assert resp.status_code == 201
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert body["success"] == 1 and "data" not in body
    session_id, issued, random_part = body["auth"].split("-")
    assert session_id.isdigit() and abs(int(issued) - time.time()) < 60 and len(random_part) == 64


def test_csharp_style_auth_with_string_date_uppercase_hex_and_null_keys(server) -> None:
    auth = _user_auth(server, date=str(int(time.time())), upper=True, extra={"secret": None, "debug": None})
    resp = handsigned.signed(
        server.base_url,
        server.credentials["user_secret"],
        auth,
        "GET",
        PROFILE.format(user=server.credentials["user"]),
        upper=True,
        headers={"X-Version": "1", "Accept": "application/json"},
    )
    assert resp.status_code == 200 and resp.json()["data"]["user"] == server.credentials["user"]


def test_php_style_query_with_literal_percent24_is_signed_as_received(server) -> None:
    auth = _account_auth(server)
    query = "status=enabled&domain=example.com&note=" + handsigned.php_url_encode("2021-01-01 00:00:00")
    assert "%24" in query
    path = f"/perl/api/v2/account/{server.credentials['account']}/users"
    resp = handsigned.signed(server.base_url, server.credentials["account_secret"], auth, "GET", path, query)
    assert resp.status_code == 200, resp.text
    users = [u["user"] for u in resp.json()["data"]]
    assert server.credentials["user"] in users and all(u.endswith("@example.com") for u in users)


def test_python_helper_style_get_with_json_content_type_and_empty_body(server) -> None:
    auth = _user_auth(server)
    resp = handsigned.signed(
        server.base_url,
        server.credentials["user_secret"],
        auth,
        "GET",
        PROFILE.format(user=server.credentials["user"]),
        headers={"Content-Type": "application/json"},
    )
    assert resp.status_code == 200


def test_put_body_hash_covers_raw_trimmed_bytes_and_tolerates_nulls_and_unknown_keys(server) -> None:
    auth = _user_auth(server)
    raw = b'  {"city":"Springfield","contact":null,"unknown_key":{"x":1},"zip":12345}\n'
    resp = handsigned.signed(
        server.base_url,
        server.credentials["user_secret"],
        auth,
        "PUT",
        PROFILE.format(user=server.credentials["user"]),
        body=raw,
    )
    assert resp.status_code == 200, resp.text
    data = resp.json()["data"]
    assert data["city"] == "Springfield" and data["zip"] == "12345"
    assert data["contact"] == "Administrator"  # null means "not given", the old value stays


def test_empty_put_parameter_set_from_php_is_accepted(server) -> None:
    auth = _user_auth(server)
    resp = handsigned.signed(
        server.base_url,
        server.credentials["user_secret"],
        auth,
        "PUT",
        PROFILE.format(user=server.credentials["user"]),
        body=b"[]",
    )
    assert resp.status_code == 200, resp.text


def test_csharp_multipart_over_http10_signs_the_json_part(server) -> None:
    c = server.credentials
    auth = _user_auth(server, date=str(int(time.time())), upper=True)
    path = PROFILE.format(user=c["user"])
    json_part = b'{"company":"Multipart Inc"}'
    body_hash = handsigned.hashlib.sha256(json_part).hexdigest()
    mac = handsigned.hmac_hex(c["user_secret"], f"{auth}\nPUT\n{path}\n\n{body_hash}\n", upper=True)
    boundary = str(uuid.uuid4())
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="json"; filename="json.js"\r\n'
            f"Content-Type: application/json\r\n\r\n"
        ).encode()
        + json_part
        + f"\r\n--{boundary}--\r\n".encode()
    )
    raw = (
        f"PUT {path} HTTP/1.0\r\nHost: 127.0.0.1:{server.port}\r\nAccept: multipart/form-data\r\n"
        f"Cookie: signature={auth}:{mac}\r\nX-Version: 1\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    status, headers, reply = handsigned.http10_request(server.port, raw)
    assert status == 200, reply
    assert headers["content-type"].startswith("application/json")
    assert json.loads(reply)["data"]["company"] == "Multipart Inc"


def test_bad_signature_is_401_and_recorded(server) -> None:
    auth = _user_auth(server)
    path = PROFILE.format(user=server.credentials["user"])
    resp = httpx.get(server.base_url + path, headers={"Cookie": f"signature={auth}:{'0' * 64}"})
    assert resp.status_code == 401
    assert resp.json() == {
        "success": 0,
        "error": "Invalid request signature.",
        "error_message": "Invalid request signature.",
    }
    expected = {"reason": "Invalid request signature.", "status": 401, "path": path}
    rows = fetch_until(
        server.database_url,
        "SELECT reason, status, path FROM auth_failure WHERE path = :p",
        lambda rows: expected in rows,
        p=path,
    )
    assert expected in rows


@pytest.mark.parametrize(
    ("case", "expected_status", "fragment"),
    [
        ("unknown_token", 401, "Unknown API token"),
        ("bad_signature", 401, "Invalid authentication signature"),
        ("old_date", 401, "seconds away from the server's clock"),
        ("wrong_password", 401, "Invalid username or password"),
        ("missing_date", 400, "'date'"),
    ],
)
def test_authentication_failures(server, case: str, expected_status: int, fragment: str) -> None:
    c = server.credentials
    kwargs = dict(user=c["user"], password=c["password"])
    token, secret = c["user_token"], c["user_secret"]
    if case == "unknown_token":
        token = "0" * 32
    elif case == "bad_signature":
        secret = "not-the-secret"
    elif case == "old_date":
        kwargs["date"] = int(time.time()) - 3600
    elif case == "wrong_password":
        kwargs["password"] = "wrong-password-123"
    if case == "missing_date":
        resp = httpx.post(f"{server.base_url}/perl/api/v2/auth", json={"token": token, "signature": "00"})
    else:
        resp = handsigned.authenticate(server.base_url, token, secret, **kwargs)
    assert resp.status_code == expected_status, resp.text
    assert resp.json()["success"] == 0 and fragment in resp.json()["error"]
    recorded = fetch_until(
        server.database_url,
        "SELECT reason FROM auth_failure WHERE method = 'POST'",
        lambda rows: any(fragment.strip("'") in r["reason"] for r in rows),
    )
    assert any(fragment.strip("'") in r["reason"] for r in recorded)


def test_revoked_code_is_refused(server) -> None:
    c = server.credentials
    auth = _user_auth(server)
    resp = handsigned.signed(server.base_url, c["user_secret"], auth, "DELETE", "/perl/api/v2/auth")
    assert resp.status_code == 200
    assert resp.json() == {"success": 1, "comment": "Authentication session revoked."}
    again = handsigned.signed(server.base_url, c["user_secret"], auth, "GET", PROFILE.format(user=c["user"]))
    assert again.status_code == 401 and "revoked" in again.json()["error"]


def test_missing_cookie_is_401(server) -> None:
    resp = httpx.get(server.base_url + PROFILE.format(user=server.credentials["user"]))
    assert resp.status_code == 401 and resp.json()["success"] == 0


def test_disabled_integration_is_refused_with_403(server) -> None:
    issued = create_integration(server, "to-disable", "--scope", "account")
    auth = _account_auth(server, issued["token"], issued["secret"])
    run_cli(server, "integration", "disable", issued["token"])
    path = f"/perl/api/v2/account/{server.credentials['account']}/domains"
    resp = handsigned.signed(server.base_url, issued["secret"], auth, "GET", path)
    assert resp.status_code == 403 and "disabled" in resp.json()["error"]
    again = handsigned.authenticate(server.base_url, issued["token"], issued["secret"])
    assert again.status_code == 403


def test_client_ip_outside_allow_list_is_refused(server) -> None:
    issued = create_integration(server, "ip-locked", "--scope", "account", "--allowed-ip", "10.9.8.0/24")
    resp = handsigned.authenticate(server.base_url, issued["token"], issued["secret"])
    assert resp.status_code == 403 and "127.0.0.1" in resp.json()["error"]
    open_issued = create_integration(server, "ip-ok", "--scope", "account", "--allowed-ip", "127.0.0.0/8")
    assert handsigned.authenticate(server.base_url, open_issued["token"], open_issued["secret"]).status_code == 201


def test_rate_limit_answers_429_with_retry_after(server) -> None:
    issued = create_integration(server, "limited", "--scope", "account", "--per-minute", "3")
    auth = _account_auth(server, issued["token"], issued["secret"])
    path = f"/perl/api/v2/account/{server.credentials['account']}/domains"
    # Seven calls span at most two minute windows, so one window sees at least four: one must be refused.
    statuses = []
    for _ in range(7):
        resp = handsigned.signed(server.base_url, issued["secret"], auth, "GET", path)
        statuses.append(resp.status_code)
        if resp.status_code == 429:
            break
    assert statuses[-1] == 429 and statuses.count(200) >= 3, statuses
    assert 1 <= int(resp.headers["retry-after"]) <= 60
    assert "3 requests per minute" in resp.json()["error"]


def test_read_only_access_control_refuses_writes(server) -> None:
    issued = create_integration(server, "read-only-domains", "--scope", "account", "--access", "domains=read")
    auth = _account_auth(server, issued["token"], issued["secret"])
    base = f"/perl/api/v2/account/{server.credentials['account']}/domains"
    assert handsigned.signed(server.base_url, issued["secret"], auth, "GET", base).status_code == 200
    resp = handsigned.signed(server.base_url, issued["secret"], auth, "POST", base, body=b'{"domain":"ro.example"}')
    assert resp.status_code == 403 and "no write access to 'domains'" in resp.json()["error"]


def test_access_none_hides_an_area(server) -> None:
    issued = create_integration(server, "no-users", "--scope", "account", "--access", "users_admin=none")
    auth = _account_auth(server, issued["token"], issued["secret"])
    resp = handsigned.signed(
        server.base_url, issued["secret"], auth, "GET", f"/perl/api/v2/account/{server.credentials['account']}/users"
    )
    assert resp.status_code == 403


def test_x_api_key_header_authenticates_when_enabled(server) -> None:
    c = server.credentials
    path = f"/perl/api/v2/account/{c['account']}/domains"
    enabled = create_integration(server, "with-key", "--scope", "account", "--api-key")
    ok = httpx.get(server.base_url + path, headers={"X-API-Key": f"{enabled['token']}:{enabled['secret']}"})
    assert ok.status_code == 200 and ok.json()["success"] == 1
    bad = httpx.get(server.base_url + path, headers={"X-API-Key": f"{enabled['token']}:wrong"})
    assert bad.status_code == 401
    not_enabled = create_integration(server, "no-key", "--scope", "account")
    refused = httpx.get(
        server.base_url + path, headers={"X-API-Key": f"{not_enabled['token']}:{not_enabled['secret']}"}
    )
    assert refused.status_code == 403
