"""Secure Forms end to end: CLI-made forms, real HTTP posts with files, read back through the SDK."""

from __future__ import annotations

import base64
import os
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from openlux.client import Client, LuxSciError
from openlux.mail.models import OutboundMessage
from tests.secureforms.conftest import make_form
from tests.support.cli import run_cli
from tests.support.dbquery import fetch_all, select_rows
from tests.support.server import RunningServer


def _status(call, *args, **kwargs) -> tuple[int, str]:
    with pytest.raises(LuxSciError) as err:
        call(*args, **kwargs)
    return err.value.status, err.value.message


def _post(
    form: dict[str, Any],
    data: dict[str, Any],
    files: list[tuple[str, tuple[str, bytes, str]]] | None = None,
    **kwargs: Any,
) -> httpx.Response:
    return httpx.post(form["post_url"], data=data, files=files, timeout=30, **kwargs)


def _declared_too_big(url: str) -> int:
    """Status of a post that declares a body over the limit (and sends none of it)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        conn.putrequest("POST", parts.path)
        conn.putheader("Content-Type", "application/x-www-form-urlencoded")
        conn.putheader("Content-Length", str(64 * 1024 * 1024))
        conn.endheaders()
        return conn.getresponse().status
    finally:
        conn.close()


def test_form_list_and_get(
    account_api: Client, user_api: Client, server: RunningServer, intake: dict[str, Any]
) -> None:
    listed = account_api.get_secure_form_list()
    assert intake["form_id"] in [f["form_id"] for f in listed]
    got = account_api.get_secure_form(form_id=intake["form_id"])
    assert got == intake
    assert (got["name"], got["enabled"], got["allow_files"], got["save_to_database"]) == ("Patient <Intake>", 1, 1, 1)
    assert got["email_to"] == ["owner@clinic.example"]
    assert got["post_url"].endswith(f"/perl/post/{server.credentials['account']}-{got['form_id']}-{got['code']}")
    status, message = _status(account_api.get_secure_form, form_id="abc")
    assert status == 400 and "form_id" in message
    assert _status(account_api.get_secure_form, form_id="999999999")[0] == 404
    assert _status(account_api.get_secure_form_database_posts, form_id="999999999")[0] == 404
    assert _status(user_api.get_secure_form_list, account=server.credentials["account"])[0] == 403


def test_multipart_post_with_file_is_stored_encrypted_and_read_back(
    account_api: Client, server: RunningServer, intake: dict[str, Any]
) -> None:
    secret = f"Diagnosis-{uuid.uuid4().hex}"
    file_body = f"scan of {secret}".encode() + bytes(range(256))
    page = _post(
        intake,
        {"patient": "Ann <b>Lee</b>", "note": secret, "symptom": ["cough", "fever"]},
        files=[
            ("upload", ("../../../etc/passwd", file_body, "image/png")),
            ("upload", ("..\\..\\windows\\evil.txt", b"second file", "text/plain")),
        ],
    )
    assert page.status_code == 200, page.text
    assert "Ann &lt;b&gt;Lee&lt;/b&gt;" in page.text and "<b>Lee</b>" not in page.text
    assert "Patient &lt;Intake&gt;" in page.text and "default-src 'none'" in page.headers["content-security-policy"]
    posts = account_api.get_secure_form_database_posts(form_id=intake["form_id"])
    assert [h["keyword"] for h in posts["header"]] == ["row_id", "created", "ip", "size", "fields", "files"]
    mine = posts["rows"][-1]
    assert (mine["fields"], mine["files"], mine["ip"]) == (3, 2, "127.0.0.1")
    row = account_api.get_secure_form_database_row(form_id=intake["form_id"], row_id=mine["row_id"])
    assert row["fields"] == {"patient": "Ann <b>Lee</b>", "note": secret, "symptom": ["cough", "fever"]}
    assert [(f["field"], f["name"], f["content_type"]) for f in row["files"]] == [
        ("upload", "passwd", "image/png"),
        ("upload", "evil.txt", "text/plain"),
    ]
    first = row["files"][0]
    got = account_api.get_secure_form_database_file(
        form_id=intake["form_id"], row_id=mine["row_id"], file_id=first["file_id"]
    )
    assert base64.b64decode(got["content"]) == file_body and got["size"] == len(file_body)
    # At rest: neither the row nor the blob holds the plaintext, and blobs stay under <data>/secureforms.
    raw = fetch_all(server.database_url, "SELECT content FROM secure_form_row WHERE id = :i", i=mine["row_id"])
    assert secret.encode() not in bytes(raw[0]["content"]) and b"Lee" not in bytes(raw[0]["content"])
    meta = fetch_all(server.database_url, "SELECT meta FROM secure_form_file WHERE row_id = :i", i=mine["row_id"])
    assert all(b"passwd" not in bytes(m["meta"]) for m in meta)
    blobs = list((server.data_dir / "secureforms").rglob("*.bin"))
    assert blobs and all(secret.encode() not in b.read_bytes() for b in blobs)
    assert not (server.data_dir.parent / "etc").exists() and not list(server.data_dir.rglob("passwd"))
    full = account_api.get_secure_form_database_rows(form_id=intake["form_id"], after_row=mine["row_id"] - 1)
    assert full["total_matches"] == 1 and full["rows"][0] == row
    senders = select_rows(server, select(OutboundMessage.mail_from))  # sealed at rest: read through the key
    assert any(r["mail_from"].startswith("secureform@") for r in senders)


def test_delete_file_and_row(account_api: Client, server: RunningServer, intake: dict[str, Any]) -> None:
    assert (
        _post(
            intake, {"a": "1"}, files=[("f", ("x.txt", b"one", "text/plain")), ("f", ("y.txt", b"two", "text/plain"))]
        ).status_code
        == 200
    )
    row_id = account_api.get_secure_form_database_posts(form_id=intake["form_id"])["rows"][-1]["row_id"]
    files = account_api.get_secure_form_database_row(form_id=intake["form_id"], row_id=row_id)["files"]
    ids = dict(form_id=intake["form_id"], row_id=row_id)
    assert account_api.delete_secure_form_database_file(**ids, file_id=files[0]["file_id"])["deleted"] == 1
    assert _status(account_api.get_secure_form_database_file, **ids, file_id=files[0]["file_id"])[0] == 404
    assert _status(account_api.delete_secure_form_database_file, **ids, file_id=files[0]["file_id"])[0] == 404
    status, message = _status(account_api.get_secure_form_database_file, **ids, file_id="../1")
    assert status in (400, 404)
    status, message = _status(account_api.get_secure_form_database_file, **ids, file_id="x1")
    assert status == 400 and "file_id" in message
    assert account_api.delete_secure_form_database_row(**ids) == {"row_id": row_id, "deleted": 1, "files_deleted": 1}
    assert _status(account_api.get_secure_form_database_row, **ids)[0] == 404
    assert _status(account_api.delete_secure_form_database_row, **ids)[0] == 404
    status, message = _status(account_api.get_secure_form_database_row, form_id=intake["form_id"], row_id="1.5")
    assert status == 400 and "row_id" in message
    left = fetch_all(server.database_url, "SELECT id FROM secure_form_file WHERE row_id = :r", r=row_id)
    assert left == [] and not list((server.data_dir / "secureforms").rglob(f"{files[1]['file_id']}.bin"))


def test_query_parameters_are_checked(account_api: Client, intake: dict[str, Any]) -> None:
    status, message = _status(account_api.get_secure_form_database_posts, form_id=intake["form_id"], matches="x")
    assert status == 400 and "matches" in message
    status, message = _status(
        account_api.get_secure_form_database_rows, form_id=intake["form_id"], after_date="yesterday"
    )
    assert status == 400 and "after_date" in message
    status, message = _status(account_api.get_secure_form_database_rows, form_id=intake["form_id"], matches="5000")
    assert status == 400 and "matches" in message
    count = account_api.get_secure_form_database_posts(form_id=intake["form_id"], matches="0")
    assert count["rows"] == [] and count["total_matches"] >= 0


def test_public_post_refusals(server: RunningServer, intake: dict[str, Any]) -> None:
    wrong = dict(intake, post_url=intake["post_url"][:-2] + "zz")
    assert _post(wrong, {"a": "1"}).status_code == 404
    assert httpx.post(intake["post_url"], json={"a": "1"}, timeout=30).status_code == 400
    assert _declared_too_big(intake["post_url"]) == 413

    def chunks():  # no Content-Length: the cap applies while the body streams in
        for _ in range(34):
            yield b"a" * (1024 * 1024)

    streamed = httpx.post(
        intake["post_url"], content=chunks(), timeout=60, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert streamed.status_code == 413
    assert _post(intake, {}).status_code == 400
    plain = make_form(server, "No files", "--redirect-url", "https://clinic.example/thanks")
    refused = _post(plain, {"a": "1"}, files=[("f", ("x.txt", b"x", "text/plain"))])
    assert refused.status_code == 400 and "file uploads" in refused.text
    moved = _post(plain, {"a": "<i>"})
    assert moved.status_code == 303 and moved.headers["location"] == "https://clinic.example/thanks"


def test_posts_per_address_are_rate_limited(server: RunningServer) -> None:
    from openlux.secureforms.posts import POSTS_PER_MINUTE

    form = make_form(server, "Busy form")
    with httpx.Client(timeout=30) as browser:
        codes = [browser.post(form["post_url"], data={"n": str(i)}).status_code for i in range(POSTS_PER_MINUTE)]
        assert set(codes) == {200}
        refused = browser.post(form["post_url"], data={"n": "one more"})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "60"


def test_disabled_form_refuses_posts_but_keeps_its_rows(account_api: Client, server: RunningServer) -> None:
    form = make_form(server, "Seasonal")
    assert _post(form, {"q": "before"}).status_code == 200
    run_cli(server, "secureform", "disable", str(form["form_id"]))
    refused = _post(form, {"q": "during"})
    assert refused.status_code == 404 and "not accepting posts" in refused.text
    assert account_api.get_secure_form(form_id=form["form_id"])["enabled"] == 0
    assert account_api.get_secure_form_database_posts(form_id=form["form_id"])["total_matches"] == 1
    run_cli(server, "secureform", "enable", str(form["form_id"]))
    assert _post(form, {"q": "after"}).status_code == 200


def test_a_posted_file_over_a_megabyte_never_touches_the_disk_in_clear(
    account_api: Client, intake: dict[str, Any], spilled_to_disk: list[int]
) -> None:
    scan = os.urandom(3 * 1024 * 1024)
    page = _post(intake, {"patient": "Big Scan"}, files=[("upload", ("scan.png", scan, "image/png"))])
    assert page.status_code == 200, page.text[:300]
    assert spilled_to_disk == []  # Starlette alone wrote the upload to a temporary file, in clear
    mine = account_api.get_secure_form_database_posts(form_id=intake["form_id"])["rows"][-1]
    row = account_api.get_secure_form_database_row(form_id=intake["form_id"], row_id=mine["row_id"])
    got = account_api.get_secure_form_database_file(
        form_id=intake["form_id"], row_id=mine["row_id"], file_id=row["files"][0]["file_id"]
    )
    assert base64.b64decode(got["content"]) == scan
