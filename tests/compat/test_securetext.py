"""SecureText: sendEmail / sendSecureEmailOrSecureText with `securetext: 1` and `sms_to` phone numbers.

The content is escrowed; an SMS carries only the sender and a pickup link; the pickup code also goes
by SMS. Transports: capture (the default; texts are kept, nothing leaves) and a JSON HTTP gateway,
tested against a loopback HTTP server that records what it receives.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest
from sqlalchemy import select

from openlux.client import Client
from tests.support.dbquery import on_server_db
from tests.support.polling import wait_until
from tests.support.server import RunningServer, served

PHONE = "+1 (555) 010-4477"
E164 = "+15550104477"


class Gateway(BaseHTTPRequestHandler):
    """A loopback SMS gateway: answers 200 with an id, after one 503 for numbers ending in 9."""

    received: ClassVar[list[dict[str, Any]]] = []
    refused_once: ClassVar[set[str]] = set()

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if body["to"].endswith("9") and body["to"] not in Gateway.refused_once:
            Gateway.refused_once.add(body["to"])
            self.send_response(503)
            self.end_headers()
            return
        Gateway.received.append({**body, "authorization": self.headers.get("Authorization")})
        payload = json.dumps({"id": f"gw-{len(Gateway.received)}"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


def texts(server: RunningServer, number: str, count: int, timeout: float = 20.0) -> list[tuple[str, str, str]]:
    """(kind, state, clear text) of the SMS rows to `number`, waiting until `count` are handled."""
    from openlux.securetext.models import SmsMessage
    from openlux.securetext.service import text_of

    async def read(session: Any, ctx: Any) -> list[tuple[str, str, str]]:
        rows = await session.scalars(select(SmsMessage).where(SmsMessage.to_number == number).order_by(SmsMessage.id))
        return [(r.kind, r.state, text_of(ctx, r)) for r in rows]

    return wait_until(
        lambda: (
            (found := on_server_db(server, read)) and len([f for f in found if f[1] != "queued"]) >= count and found
        ),
        timeout=timeout,
        interval=0.2,
        what=f"{count} texts to {number} settled",
    )


def _enable_securetext(server: RunningServer) -> Client:
    c = server.credentials
    account = Client(server.base_url, c["account_token"], c["account_secret"], account=c["account"])
    services = account.get_user(username=c["user"])["services"]
    if "securetext" not in services:
        account.update_user_settings(username=c["user"], services=[*services, "securetext"])
    return Client(server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"])


def test_securetext_in_capture_mode_end_to_end(server: RunningServer) -> None:
    api = _enable_securetext(server)
    user = server.credentials["user"]
    data = api.send_email(
        messages=[
            {"from_address": user, "subject": "Lab results", "text": "HbA1c 5.4%", "securetext": 1, "sms_to": [PHONE]}
        ]
    )
    assert data[0]["status"] == "queued" and data[0]["securetext"][0]["sms"] == E164
    [(kind, state, notice)] = texts(server, E164, 1)
    assert (kind, state) == ("notice", "captured") and "HbA1c" not in notice  # no content by SMS
    link = re.search(r"https?://\S+", notice).group(0)
    page = httpx.get(link)
    assert page.status_code == 200 and "+1" in page.text and "0104477" not in page.text  # masked number
    httpx.post(f"{link}/code")
    found = texts(server, E164, 2)
    code = re.search(r"\b(\d{8})\b", found[1][2]).group(1)
    assert found[1][0] == "code"
    with httpx.Client() as browser:
        opened = browser.post(f"{link}/verify", data={"code": code}, follow_redirects=True)
        assert opened.status_code == 200 and "HbA1c 5.4%" in opened.text


def test_securetext_refusals(server: RunningServer) -> None:
    api = _enable_securetext(server)
    user = server.credentials["user"]
    bad = api.send_email(
        messages=[
            {"from_address": user, "subject": "s", "text": "t", "securetext": 1, "sms_to": ["555-0100"]},
            {"from_address": user, "subject": "s", "text": "t", "securetext": 1},
            {"from_address": user, "subject": "s", "text": "t", "sms_to": [PHONE]},
            {"from_address": user, "to": ["ok@example.org"], "subject": "s", "text": "t"},
        ]
    )
    assert [d["status"] for d in bad] == ["rejected", "rejected", "rejected", "queued"]
    assert "sms_to[0]" in bad[0]["reason"] and "sms_to" in bad[1]["reason"] and "securetext" in bad[2]["reason"]


@pytest.fixture(scope="module")
def gateway_server(backend: str) -> Iterator[tuple[RunningServer, list[dict[str, Any]]]]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    env = {
        "OPENLUX_SMS_TRANSPORT": "http",
        "OPENLUX_SMS_GATEWAY_TOKEN": "gw-secret",
        "OPENLUX_SMS_RETRY_BASE_SECONDS": "0.2",
        "OPENLUX_SMS_GATEWAY_URL": f"http://127.0.0.1:{httpd.server_address[1]}/messages",
    }
    try:
        with served(backend, extra_env=env) as world:
            yield world.server, Gateway.received
    finally:
        httpd.shutdown()


def test_securetext_through_an_http_gateway_with_retry(gateway_server: tuple[RunningServer, list]) -> None:
    server, received = gateway_server
    api = _enable_securetext(server)
    user = server.credentials["user"]
    number = f"+1555{int(time.time()) % 1000000:06d}9"  # ends in 9: the gateway refuses it once (503)
    legacy = api.send_secure_email_or_secure_text(
        from_address=user, subject="Secure", body="Dosage 10 mg", body_type="text", securetext=1, sms_to=[number]
    )
    assert legacy["status"] == "queued"
    from openlux.securetext.models import SmsMessage

    async def rows(session: Any, _ctx: Any) -> list[tuple[str, int, str]]:
        found = await session.scalars(select(SmsMessage).where(SmsMessage.to_number == number))
        return [(r.state, r.attempts, r.provider_id) for r in found]

    wait_until(lambda: [r[0] for r in on_server_db(server, rows)] == ["sent"], timeout=90, interval=0.5, what="sent")
    [(state, attempts, provider_id)] = on_server_db(server, rows)
    assert state == "sent" and attempts == 2 and provider_id.startswith("gw-")
    [got] = [r for r in received if r["to"] == number]
    assert got["authorization"] == "Bearer gw-secret" and "Dosage" not in got["text"] and "http" in got["text"]
