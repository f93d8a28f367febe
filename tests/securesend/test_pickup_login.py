"""The pickup page accepts a SecureSend login instead of a one-time code; failures are recorded."""

from __future__ import annotations

import asyncio
import re
import uuid

import httpx
from sqlalchemy import select

from openlux.auth.models import AuthFailure
from openlux.client import Client
from openlux.config import Settings
from openlux.core.context import AppContext
from openlux.secureline import escrow
from tests.support.dbquery import select_rows
from tests.support.polling import wait_until
from tests.support.server import RunningServer

MIME = (
    b"From: doctor@clinic.example\r\nTo: {to}\r\nSubject: Lab results\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=us-ascii\r\n\r\nAll values normal.\r\n"
)


def _escrow(server: RunningServer, recipient: str) -> str:
    """Store an escrowed message in the server's database (sealed with its master key); the link token."""

    async def run() -> str:
        ctx = AppContext.build(Settings.load(data_dir=server.data_dir, database_url=server.database_url))
        try:
            async with ctx.db.transaction() as session:
                account_id = int(server.credentials["account"])
                user_id = (await session.execute(escrow_user_query(), {"a": account_id})).scalar_one()
                _row, token = await escrow.store(
                    ctx=ctx,
                    session=session,
                    account_id=account_id,
                    user_id=user_id,
                    sender="doctor@clinic.example",
                    recipient=recipient,
                    mime=MIME.replace(b"{to}", recipient.encode()),
                )
                return token
        finally:
            await ctx.close()

    return asyncio.run(run())


def escrow_user_query():
    """The account's first user (the sender of the escrowed message)."""
    from sqlalchemy import text

    return text("SELECT id FROM app_user WHERE account_id = :a ORDER BY id LIMIT 1")


def test_login_form_opens_the_message_and_bad_passwords_are_recorded(
    account_api: Client, server: RunningServer
) -> None:
    recipient = f"r{uuid.uuid4().hex[:10]}@patients.example"
    token = _escrow(server, recipient)
    base = f"{server.base_url}{escrow.PICKUP_PATH}/{token}"
    with httpx.Client(timeout=30) as browser:
        start = browser.get(base)
        assert start.status_code == 200 and "/code" in start.text and "/login" not in start.text
        account_api.create_or_update_secure_send_user(
            namespace_id="clinic", ss_user=recipient, password="Portal-Pass-123"
        )
        start = browser.get(base)
        assert 'action="/securesend/pickup/' in start.text and "/login" in start.text and "/code" in start.text
        wrong = browser.post(f"{base}/login", data={"email": recipient, "password": "Wrong-Pass-000"})
        assert wrong.status_code == 401 and "do not match" in wrong.text
        other = browser.post(f"{base}/login", data={"email": "someone@else.example", "password": "Portal-Pass-123"})
        assert other.status_code == 401
        assert browser.get(f"{base}/message").status_code == 401
        good = browser.post(f"{base}/login", data={"email": recipient.upper(), "password": "Portal-Pass-123"})
        assert good.status_code == 303 and good.headers["location"].endswith("/message")
        shown = browser.get(f"{base}/message")
        assert shown.status_code == 200 and "All values normal." in shown.text
    tried = [recipient, "someone@else.example"]
    query = select(AuthFailure.username, AuthFailure.status).where(  # usernames are sealed: matched by index
        AuthFailure.channel == "securesend", AuthFailure.username_index.in_(tried)
    )

    def both_recorded() -> list[dict] | None:  # auth failures are written in batches
        rows = select_rows(server, query)
        return rows if len(rows) >= 2 else None

    failures = wait_until(both_recorded, what="both portal failures")
    assert sorted(f["username"] for f in failures) == sorted([recipient, "someone@else.example"])
    assert {f["status"] for f in failures} == {401}
    listed = account_api.get_secure_send_user_list(namespace_id="clinic")
    assert next(u["last_login"] for u in listed if u["email"] == recipient) != ""


def test_sso_portal_lists_and_opens_the_recipients_messages(account_api: Client, server: RunningServer) -> None:
    recipient = f"r{uuid.uuid4().hex[:10]}@patients.example"
    # The portal user first: a portal user sees only mail escrowed after its creation.
    account_api.create_or_update_secure_send_user(namespace_id="clinic", ss_user=recipient)
    token = _escrow(server, recipient)
    _escrow(server, f"x{recipient}")  # another recipient's message never shows up
    link = account_api.get_secure_send_user_single_sign_on_link(namespace_id="clinic", ss_user=recipient)
    with httpx.Client(timeout=30, follow_redirects=True) as browser:
        portal = browser.get(link["url"])
        ids = re.findall(r'/securesend/portal/message/(\d+)"', portal.text)
        assert portal.status_code == 200 and len(ids) == 1
        opened = browser.get(f"{server.base_url}/securesend/portal/message/{ids[0]}")
        assert opened.status_code == 200 and "All values normal." in opened.text
        assert browser.get(f"{server.base_url}/securesend/portal/message/{int(ids[0]) + 1}").status_code == 404
        # The portal login also opens the pickup link of the same recipient without a code.
        assert browser.get(f"{server.base_url}{escrow.PICKUP_PATH}/{token}/message").status_code == 200
