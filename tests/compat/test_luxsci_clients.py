"""What LuxSci's own clients send and read, end to end through signed HTTP (issue: drop-in for LuxSci clients).

- PHP's json_encode writes an empty map as `[]`: accepted wherever an object is expected.
- The C#/VB samples hash attachments read as text (BOM dropped): accepted, stored byte for byte.
- The C# sample's UserProfile model (Json.NET) needs real dates and integers.
- sendEmail's single-message form; subject required; from_name defaults to the from address.
- getUserSummaryReport honours the report date bounds; getUser.disk_usage is measured.
"""

from __future__ import annotations

import codecs
import hashlib
import json
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.utils import parseaddr
from typing import Any

import httpx
import pytest
from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr, field_validator

from openlux.client import Client, LuxSciError
from tests.support.dbquery import on_server_db
from tests.support.polling import wait_until
from tests.support.server import RunningServer


class DotNetUserProfile(BaseModel):
    """The field types of LuxSci's C# sample `UserProfile` as Json.NET reads them (strict: no coercion)."""

    model_config = ConfigDict(extra="allow", strict=True)

    user: StrictStr
    uid: StrictStr
    disk_quota: StrictInt
    over_quota: StrictInt
    created: datetime
    modified: datetime
    last_access_date: datetime

    @field_validator("created", "modified", "last_access_date", mode="before")
    @classmethod
    def _json_net_datetime(cls, value: Any) -> datetime:
        # Json.NET's DateTime converter: "" or any non-date text is an error, as here.
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")


def _new_user(account_api: Client, server: RunningServer, login: str) -> Client:
    account_api.create_user(user=login, password="Never-Logged-In-9x")
    c = server.credentials
    return Client(server.base_url, c["user_token"], c["user_secret"], user=login, password="Never-Logged-In-9x")


def _captured(server: RunningServer, queue_id: int, timeout: float = 20.0) -> Any:
    """The captured MIME of a queued message (capture mode), read from the server's outbox."""
    from openlux.mail import outbox

    async def find(session: Any, ctx: Any) -> bytes | None:
        for row in await outbox.list_captured(session=session, limit=200):
            if row["queue_id"] == queue_id:
                found = await outbox.get_captured(session=session, ctx=ctx, captured_id=row["id"])
                return found[1] if found else None
        return None

    mime = wait_until(lambda: on_server_db(server, find), timeout=timeout, what=f"queue message {queue_id} captured")
    return message_from_bytes(mime)


def test_get_user_deserialises_into_the_csharp_model_before_any_login(
    account_api: Client, server: RunningServer
) -> None:
    login = f"never-{datetime.now().timestamp():.0f}@example.com"
    account_api.create_user(user=login, password="Never-Logged-In-9x")
    profile = account_api.get_user(username=login)
    parsed = DotNetUserProfile.model_validate(profile)
    assert profile["last_access_date"] == "1970-01-01 00:00:00"  # the documented "never"
    assert parsed.disk_quota == profile["disk_quota"] and isinstance(profile["disk_quota"], int)
    for row in account_api.get_user_report():
        DotNetUserProfile.model_validate(row)


@pytest.mark.parametrize("call", ["send_email", "retrieve"])
def test_php_empty_map_is_an_empty_object_on_send_endpoints(user_api: Client, server: RunningServer, call: str) -> None:
    user = server.credentials["user"]
    message = {
        "from_address": user,
        "to": ["pat@example.org"],
        "subject": "PHP",
        "body": "hi",
        "body_type": "text",
        "headers": [],
        "attachments": [],
        "cc": [],
        "bcc": [],
    }
    if call == "send_email":
        assert user_api.send_email(messages=[message])[0]["status"] == "queued"
        assert user_api.send_secure_email_or_secure_text(**message)
    else:
        assert user_api.retrieve_secure_line_recipient_list_encryption_data(**message) is not None


def test_php_empty_map_on_domain_and_contact_endpoints(account_api: Client, user_api: Client) -> None:
    name = f"php{datetime.now().timestamp():.0f}.example"
    assert account_api.create_domain(domain=name, settings=[])
    assert account_api.update_domain(domain=name, settings=[]) is not None
    list_id = user_api.add_list(name=f"php list {name}")["list_id"]
    assert user_api.add_contacts(list_id=list_id, contacts=[{"email": f"c@{name}", "fields": []}]) is not None
    assert user_api.add_contact(list_id=list_id, email=f"d@{name}", fields=[])["status"] == "subscribed"


def test_single_message_form_subject_and_from_name(user_api: Client, server: RunningServer) -> None:
    user = server.credentials["user"]
    one = {
        "from_address": user,
        "to": ["single@example.org"],
        "subject": "single form",
        "body": "hi",
        "body_type": "text",
    }
    data = user_api.send_email(**one)
    assert isinstance(data, list) and data[0]["status"] == "queued"
    parsed = _captured(server, data[0]["id"])
    assert parseaddr(parsed["From"]) == (user, user)  # from_name defaults to the from address
    with pytest.raises(LuxSciError) as err:
        user_api.send_email(messages=[{**one, "subject": None}])
    assert err.value.status == 400 or "subject" in str(err.value)
    refused = user_api.send_email(messages=[{**one, "subject": ""}, one])
    assert refused[0]["status"] == "rejected" and "'subject'" in refused[0]["reason"]


@pytest.mark.parametrize("bom", [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
def test_attachment_hashed_as_text_by_the_dotnet_samples(user_api: Client, server: RunningServer, bom: bytes) -> None:
    codec = {codecs.BOM_UTF8: "utf-8", codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}[bom]
    text = "Patient: Jürgen\nLab result 4.2\n"
    raw = bom + text.encode(codec)
    dotnet_digest = hashlib.sha256(text.encode("utf-8")).hexdigest()  # StreamReader → string → UTF-8 bytes
    without_bom = hashlib.sha256(raw[len(bom) :]).hexdigest()
    user = server.credentials["user"]
    for digest in (dotnet_digest, without_bom, hashlib.sha256(raw).hexdigest()):
        data = user_api.send_email(
            files=[("note.txt", raw)],
            messages=[
                {
                    "from_address": user,
                    "to": ["bom@example.org"],
                    "subject": "BOM",
                    "text": "see attached",
                    "attachments": [{"name": "note.txt", "hash": digest}],
                }
            ],
        )
        assert data[0]["status"] == "queued", data
    parsed = _captured(server, data[0]["id"])
    part = next(p for p in parsed.walk() if p.get_filename() == "note.txt")
    assert part.get_payload(decode=True) == raw  # the original bytes, BOM included


def test_user_summary_report_honours_its_date_range(account_api: Client) -> None:
    today = datetime.now(UTC)
    assert account_api.get_user_summary_report(after_date="2001-01-01", before_date="2001-12-31")["total_users"] == 0
    everyone = account_api.get_user_summary_report()
    ranged = account_api.get_user_summary_report(
        from_date="2001-01-01", through_date=(today + timedelta(days=1)).strftime("%Y-%m-%d")
    )
    assert ranged["total_users"] == everyone["total_users"] >= 1
    assert ranged["total_domains"] == everyone["total_domains"]
    with pytest.raises(LuxSciError) as err:
        account_api.get_user_summary_report(after_date="yesterday")
    assert err.value.status == 400 and "after_date" in str(err.value)


def test_disk_usage_counts_stored_library_bytes(account_api: Client, server: RunningServer) -> None:
    login = f"disk-{datetime.now().timestamp():.0f}@example.com"
    api = _new_user(account_api, server, login)
    api.create_content_library_directory(directory="/big")
    api.upload_content_library_file(file_path="big/blob.bin", files=[("blob.bin", b"\x01" * (3 * 1024 * 1024))])
    assert float(api.get_user()["disk_usage"]) >= 3.0


def test_capture_mode_accepts_the_php_readme_demo_sender(user_api: Client, server: RunningServer) -> None:
    """The PHP client's README sends from a domain the account does not own; capture mode keeps it."""
    demo = {
        "from_address": "from_email@test.info",
        "to": ["to@example.org"],
        "subject": "demo",
        "body": "hi",
        "body_type": "text",
        "from_name": None,
        "reply_address": None,
        "attachments": [],
        "cc": [],
        "bcc": [],
    }
    data = user_api.send_secure_email_or_secure_text(**demo)
    assert data
    assert user_api.send_email(messages=[demo])[0]["status"] == "queued"


def test_integrations_made_after_init_get_luxsci_default_limits(server: RunningServer) -> None:
    from tests.support.cli import run_cli

    made = json.loads(run_cli(server, "integration", "create", "defaults").stdout)
    listing = run_cli(server, "integration", "list").stdout
    row = next(line for line in listing.splitlines() if made["token"] in line)
    assert "60/min 6000/day" in row
    first = next(line for line in listing.splitlines() if server.credentials["user_token"] in line)
    assert "0/min 0/day" in first  # the two integrations `openlux init` made stay unlimited


def test_cli_urls_follow_the_data_directory_not_the_shell(server: RunningServer) -> None:
    """`openlux secureform create` from a shell without the server's settings prints the served URL."""
    import os
    import subprocess

    from tests.support.server import openlux_bin

    env = {k: v for k, v in server.env.items() if k not in ("OPENLUX_HTTP_PORT", "OPENLUX_HTTP_HOST")}
    out = subprocess.run(
        [openlux_bin(), "secureform", "create", "contact-us", "--data-dir", str(server.data_dir)],
        env={**env, "PATH": os.environ.get("PATH", "")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["post_url"].startswith(f"{server.base_url}/")


def test_branding_is_set_per_account_and_its_links_are_real(user_api: Client, server: RunningServer) -> None:
    from tests.support.cli import run_cli

    run_cli(
        server,
        "branding",
        "set",
        "brand_name=Acme Health",
        "primary_color=#0a7d52",
        "support_url=https://help.acme.example/",
    )
    try:
        shown = user_api.get_user_branding_information()
        assert shown["brand_name"] == "Acme Health" and shown["primary_color"] == "#0a7d52"
        assert shown["support_url"] == "https://help.acme.example/"
        for key in ("logo_url", "favicon_url", "webmail_url", "login_url"):
            answer = httpx.get(shown[key], follow_redirects=True)
            assert answer.status_code == 200, (key, shown[key], answer.status_code)
        bad = run_cli(server, "branding", "set", "primary_color=green", check=False)
        assert bad.returncode == 1 and "#rrggbb" in bad.stderr
    finally:
        run_cli(server, "branding", "set", "brand_name=", "primary_color=", "support_url=")
    assert user_api.get_user_branding_information()["brand_name"] == "OpenLux"
