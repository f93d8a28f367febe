"""SecureLine end to end: a real `openlux serve` (mx delivery into the loopback mail world), driven by the SDK.

sendEmail with TLS required to a server without STARTTLS → escrow → the notice reaches the sink →
the pickup page, over HTTP, mails a one-time code (read from the sink) → the message is shown.
"""

from __future__ import annotations

import email
import hashlib
import re
from collections.abc import Iterator
from email.policy import default as default_policy
from pathlib import Path

import httpx
import pytest

from openlux.client import Client
from openlux.client._core import LuxSciError
from tests.secureline.conftest import MailWorld
from tests.secureline.material import PGPY_WARNINGS, pgp_decrypt, pgp_pair, smime_pair
from tests.support.cli import run_cli
from tests.support.databases import BACKENDS
from tests.support.polling import wait_until
from tests.support.server import RunningServer, served
from tests.support.smtp_sinks import Received, Sink

pytestmark = pytest.mark.filterwarnings(PGPY_WARNINGS)
LINK = re.compile(r"http://127\.0\.0\.1:\d+/securesend/pickup/[A-Za-z0-9_-]+")


@pytest.fixture(scope="module", params=BACKENDS)
def sl_server(request: pytest.FixtureRequest, mail_world: MailWorld) -> Iterator[RunningServer]:
    """A server that delivers straight to the mail world's MX hosts."""
    env = {
        **mail_world.env(),
        "OPENLUX_DELIVERY_MODE": "mx",
        "OPENLUX_DELIVERY_POLL_SECONDS": "0.1",
        "OPENLUX_DELIVERY_RETRY_BASE_SECONDS": "1",
    }
    with served(request.param, extra_env=env) as world:
        world.server.extra["backend"] = request.param
        yield world.server


@pytest.fixture
def api(sl_server: RunningServer) -> Iterator[Client]:
    with sl_server.user_api() as client:
        yield client


def _address(server: RunningServer, local: str, domain: str) -> str:
    return f"{local}-{server.extra['backend']}@{domain}"


def _add_key(server: RunningServer, tmp_path: Path, kind: str, material: bytes) -> None:
    path = tmp_path / f"key.{kind}"
    path.write_bytes(material)
    run_cli(server, "secureline", "key", "add", str(path), "--kind", kind)


def _mail_for(sink: Sink, address: str, subject: str, count: int = 1) -> list[Received]:
    """Wait until `count` messages with `subject` reached `address`."""

    def arrived() -> list[Received] | None:
        found = [m for m in sink.messages if address in m.rcpt_tos and subject.encode() in m.data]
        return found if len(found) >= count else None

    return wait_until(arrived, what=f"{count} mail {subject!r} for {address}")


def test_tls_capability_endpoint(api: Client) -> None:
    good = api.get_domain_smtp_tls_capability(domain="tls.test")
    assert (good["tls_capable"], good["has_mx"], good["mx"][0]["certificate_verified"]) == (1, 1, 1)
    assert good["mx"][0]["tls_version"].startswith("TLSv1.")
    for domain in ("refuse.test", "plain.test", "down.test", "nomx.test", "nosuch.test", "localhost"):
        verdict = api.get_domain_smtp_tls_capability(domain=domain)
        assert verdict["tls_capable"] == 0 and verdict["reason"], domain
    assert api.get_domain_smtp_tls_capability(domain="localhost")["valid_domain"] == 0


def test_encryption_data_per_recipient_and_policy(api: Client, sl_server: RunningServer, tmp_path: Path) -> None:
    pat, sam = _address(sl_server, "pat", "plain.test"), _address(sl_server, "sam", "refuse.test")
    _add_key(sl_server, tmp_path, "pgp", pgp_pair(pat).public_armored.encode())
    _add_key(sl_server, tmp_path, "smime", smime_pair(sam).cert_pem)
    to = ["a@tls.test", f"Pat <{pat.upper()}>", sam]
    data = api.retrieve_secure_line_recipient_list_encryption_data(
        to=to, cc=["lee@down.test"], bcc=None, tls_policy="required"
    )
    methods = {r["address"]: (r["type"], r["method"]) for r in data["recipients"]}
    assert data["tls_policy"] == "required"
    assert methods == {
        "a@tls.test": ("to", "tls"),
        pat: ("to", "pgp"),
        sam: ("to", "smime"),
        "lee@down.test": ("cc", "escrow"),
    }
    loose = api.retrieve_secure_line_recipient_list_encryption_data(recipients=["a@tls.test", "b@plain.test"])
    assert [(r["method"], r["tls"]) for r in loose["recipients"]] == [("tls", 1), ("none", 0)]  # user default
    strict = api.retrieve_secure_line_recipient_list_encryption_data(to=["a@tls.test", pat], no_tls=1)
    assert strict["tls_policy"] == "secureline"
    assert [(r["method"], r["tls"]) for r in strict["recipients"]] == [("escrow", -1), ("pgp", -1)]
    with pytest.raises(LuxSciError) as bad:
        api.retrieve_secure_line_recipient_list_encryption_data(to=["not an address"])
    assert bad.value.status == 400 and "to[0]" in str(bad.value)


def test_pgp_recipient_gets_pgp_mime_over_the_plain_server(
    api: Client, sl_server: RunningServer, mail_world: MailWorld, tmp_path: Path
) -> None:
    ann = _address(sl_server, "ann", "plain.test")
    pair = pgp_pair(ann)
    _add_key(sl_server, tmp_path, "pgp", pair.public_armored.encode())
    api.send_email(
        messages=[{"to": [ann], "subject": "PGP results", "text": "Encrypted for Ann only.", "tls_policy": "required"}]
    )
    [got] = _mail_for(mail_world.sinks["plain"], ann, "PGP results")
    outer = email.message_from_bytes(got.data, policy=default_policy)
    assert outer.get_content_type() == "multipart/encrypted" and b"Encrypted for Ann" not in got.data
    inner = pgp_decrypt(pair, outer.get_payload()[1].get_payload())
    assert b"Encrypted for Ann only." in inner


def test_smime_recipient_behind_a_refusing_server_gets_smime(
    api: Client, sl_server: RunningServer, mail_world: MailWorld, tmp_path: Path
) -> None:
    from cryptography.hazmat.primitives.serialization import pkcs7

    eve = _address(sl_server, "eve", "refuse.test")
    pair = smime_pair(eve)
    _add_key(sl_server, tmp_path, "smime", pair.cert_pem)
    api.send_email(
        messages=[
            {"to": [eve], "subject": "SMIME results", "text": "Enveloped for Eve only.", "tls_policy": "required"}
        ]
    )
    [got] = _mail_for(mail_world.sinks["refuse"], eve, "SMIME results")
    assert b"application/pkcs7-mime" in got.data and b"Enveloped for Eve" not in got.data
    assert b"Enveloped for Eve only." in pkcs7.pkcs7_decrypt_smime(got.data, pair.cert, pair.key, [])


def test_required_tls_to_plain_server_escrows_and_the_pickup_page_shows_it(
    api: Client, sl_server: RunningServer, mail_world: MailWorld
) -> None:
    lee, sink = _address(sl_server, "lee", "plain.test"), mail_world.sinks["plain"]
    report = b"%PDF-1.4 lab report"
    html = '<p>Hello <b>Lee</b><script>alert("x")</script><img src="http://tracker.example/p.gif"></p>'
    api.send_email(
        messages=[
            {
                "to": [lee],
                "subject": "Lab results",
                "text": "Your results are normal.",
                "html": html,
                "tls_policy": "required",
                "attachments": [{"name": "report.pdf", "hash": hashlib.sha256(report).hexdigest()}],
            }
        ],
        files=[("report.pdf", report)],
    )
    [notice] = _mail_for(sink, lee, "Secure message from")
    assert b"Your results are normal" not in notice.data and b"Lab results" not in notice.data
    link = LINK.search(notice.data.decode()).group(0)
    assert link.startswith(sl_server.base_url)
    with httpx.Client(timeout=10) as browser:
        landing = browser.get(link)
        assert landing.status_code == 200 and "l***@plain.test" in landing.text
        assert "script-src" not in landing.headers["content-security-policy"]  # default-src 'none' covers it
        assert browser.get(f"{link}/message").status_code == 401  # no code yet
        assert "We sent a code" in browser.post(f"{link}/code").text
        [code_mail] = _mail_for(sink, lee, "Your code to open a secure message")
        code = re.search(rb"\b(\d{8})\b", code_mail.data).group(1).decode()
        wrong = browser.post(f"{link}/verify", data={"code": "00000000" if code != "00000000" else "11111111"})
        assert wrong.status_code == 400 and "not correct" in wrong.text
        opened = browser.post(f"{link}/verify", data={"code": code})
        assert opened.status_code == 303 and opened.headers["location"].endswith("/message")
        page = browser.get(f"{link}/message")
        assert page.status_code == 200 and "Lab results" in page.text and "Your results are normal." in page.text
        assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text and 'sandbox=""' in page.text
        download = browser.get(f"{link}/attachment/0")
        assert download.content == report and download.headers["content-type"] == "application/octet-stream"
        assert download.headers["content-disposition"].startswith('attachment; filename="report.pdf"')
        assert browser.post(f"{link}/verify", data={"code": code}).status_code == 400  # single use
    with httpx.Client(timeout=10) as stranger:
        assert stranger.get(f"{link}/message").status_code == 401
        assert stranger.get(f"{link}x").status_code == 404
    assert not [m for m in sink.messages if lee in m.rcpt_tos and b"Your results are normal" in m.data]


def test_deprecated_endpoint_escrows_and_account_scope_can_ask(
    api: Client, sl_server: RunningServer, mail_world: MailWorld
) -> None:
    kit = _address(sl_server, "kit", "plain.test")
    api.send_secure_email_or_secure_text(
        to=[kit],
        cc=[],
        bcc=None,
        subject="Legacy secure",
        body="<p>Hi</p>",
        body_type="html",
        reply_address=None,
        no_tls_only=0,
        attachments=None,
    )
    [notice] = _mail_for(mail_world.sinks["plain"], kit, "Secure message from")
    assert LINK.search(notice.data.decode()) and b"Legacy secure" not in notice.data
    creds = sl_server.credentials
    with Client(
        sl_server.base_url,
        creds["account_token"],
        creds["account_secret"],
        account=creds["account"],
        user=creds["user"],
    ) as admin:
        assert admin.get_domain_smtp_tls_capability(domain="tls.test")["tls_capable"] == 1
        data = admin.retrieve_secure_line_recipient_list_encryption_data(to=[kit], no_tls_only=1)
        assert [r["method"] for r in data["recipients"]] == ["escrow"]


def test_prediction_matches_delivery_for_a_domain_whose_first_mx_lacks_tls(
    api: Client, sl_server: RunningServer, mail_world: MailWorld
) -> None:
    max_ = _address(sl_server, "max", "mixed.test")
    [row] = api.retrieve_secure_line_recipient_list_encryption_data(to=[max_], tls_policy="required")["recipients"]
    assert row["method"] == "tls"
    api.send_email(messages=[{"to": [max_], "subject": "Mixed MX", "text": "Over TLS only.", "tls_policy": "required"}])
    [got] = _mail_for(mail_world.sinks["tls"], max_, "Mixed MX")
    assert got.tls_version in ("TLSv1.2", "TLSv1.3") and b"Over TLS only." in got.data
    assert not [m for m in mail_world.sinks["plain"].messages if max_ in m.rcpt_tos]
