"""Issue 9 item 11: captured mail (capture mode) and refused sends keep their addresses sealed at rest.

Mail is sent through sendEmail (signed HTTP) and SMTP submission into the session server's capture mode,
on both backends. Raw SQL finds no address; the console's outbox listing shows them; `openlux outbox
list --address` finds captured mail from or to a whole address (blind indexes, any case) and refuses a
part of one. Refused sends (API and SMTP) keep sender, recipients and reason sealed, and the
login-failure report still shows them.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import aiosmtplib

from openlux.client import Client
from tests.support.cli import invoke
from tests.support.console import sso_browser
from tests.support.dbquery import fetch_all, fetch_until
from tests.support.failures import assert_fails
from tests.support.polling import wait_until
from tests.support.server import RunningServer


def _smtp(server: RunningServer, sender: str, recipients: list[str], data: bytes) -> Any:
    return asyncio.run(
        aiosmtplib.send(
            data,
            sender=sender,
            recipients=recipients,
            hostname="127.0.0.1",
            port=server.submission_port,
            start_tls=True,
            validate_certs=False,
            username=server.credentials["user"],
            password=server.credentials["password"],
            timeout=20,
        )
    )


def _outbox_list(server: RunningServer, *args: str) -> Any:
    return invoke("outbox", "list", "--limit", "500", *args, env={**server.env, "COLUMNS": "250"})


def test_captured_addresses_are_sealed_and_matched_by_whole_address(server: RunningServer, user_api: Client) -> None:
    tag = uuid.uuid4().hex[:10]
    sender = server.credentials["user"]
    to, cc, by_smtp = f"pat.{tag}@example.org", f"lee.{tag}@example.org", f"kim.{tag}@example.org"
    [sent] = user_api.send_email(messages=[{"to": [to], "cc": [cc], "subject": f"API {tag}", "text": "Hello"}])
    data = f"From: {sender}\r\nTo: {by_smtp}\r\nSubject: SMTP {tag}\r\n\r\nHello over submission.\r\n".encode()
    _errors, reply = _smtp(server, sender, [by_smtp], data)
    queue_ids = {sent["id"], int(reply.rsplit(" ", 1)[1])}

    query = "SELECT * FROM captured_message WHERE outbound_message_id IN (:a, :b)"
    ids = sorted(queue_ids)
    raw = fetch_until(server.database_url, query, lambda rows: len(rows) == 2, timeout=30, a=ids[0], b=ids[1])
    assert len(raw) == 2
    assert tag not in repr([{k: v for k, v in row.items() if k != "subject"} for row in raw])  # subjects: sealed
    for row in raw:
        assert str(row["mail_from"]).startswith("ol1:") and str(row["recipients"]).startswith("ol1:")
        assert len(row["mail_from_index"]) == 64 and row["recipients_index"]

    # the console's outbox listing shows the opened addresses (the envelope sender is the VERP address)
    browser = sso_browser(server)
    listed = wait_until(
        lambda: [m for m in browser.get("/web/outbox.json").json()["data"] if m["queue_id"] in queue_ids] or None,
        timeout=20,
    )
    shown = {m["subject"]: m["recipients"] for m in listed}
    assert shown == {f"API {tag}": [to, cc], f"SMTP {tag}": [by_smtp]}
    envelope = {m["subject"]: m["mail_from"] for m in listed}[f"API {tag}"]
    assert "@" in envelope and envelope not in repr(raw)

    # `openlux outbox list --address`: a whole address, any case, as sender or any recipient
    by_cc = _outbox_list(server, "--address", cc.upper())
    assert by_cc.returncode == 0 and f"API {tag}" in by_cc.stdout and f"SMTP {tag}" not in by_cc.stdout
    by_rcpt = _outbox_list(server, "--address", by_smtp)
    assert f"SMTP {tag}" in by_rcpt.stdout and f"API {tag}" not in by_rcpt.stdout
    by_sender = _outbox_list(server, "--address", envelope.upper())
    assert f"API {tag}" in by_sender.stdout and f"SMTP {tag}" not in by_sender.stdout  # VERP: one per message
    nobody = _outbox_list(server, "--address", f"nobody.{tag}@example.org")
    assert nobody.returncode == 0 and tag not in nobody.stdout
    part = _outbox_list(server, "--address", f"pat.{tag}")
    assert part.returncode != 0 and "whole address" in part.stderr + part.stdout


def test_refused_send_addresses_and_reasons_are_sealed(server: RunningServer, user_api: Client) -> None:
    tag = uuid.uuid4().hex[:10]
    foreign, rcpt = f"ceo.{tag}@bank.example", f"pat.{tag}@example.org"  # capture mode takes any sender
    user_api.create_user_suppression(email=rcpt, reason="manual")  # its only recipient: the send is refused
    try:
        assert_fails(
            400, user_api.send_email, messages=[{"from_address": foreign, "to": [rcpt], "subject": "s", "text": "t"}]
        )
        data = f"From: {foreign}\r\nTo: {rcpt}\r\nSubject: s\r\n\r\nt\r\n".encode()
        try:
            _smtp(server, foreign, [rcpt], data)
        except aiosmtplib.SMTPDataError as refused:
            assert refused.code == 550
        else:
            raise AssertionError("a message to a suppressed address was accepted over SMTP")
    finally:
        user_api.delete_user_suppression(email=rcpt)

    def refusals() -> list[dict[str, Any]]:
        rows = user_api.call("getEmailSMTPLoginFailureReportUser", type="rejected_send")["rows"]
        return [r for r in rows if r["sender"] == foreign]

    reported = wait_until(lambda: refusals() if len(refusals()) == 2 else None, timeout=20)
    assert sorted(r["channel"] for r in reported) == ["api", "smtp"]
    assert all(r["recipients"] == rcpt and r["reason"] and not r["reason"].startswith("ol1:") for r in reported)

    raw = fetch_all(server.database_url, "SELECT * FROM rejected_send")
    assert tag not in repr(raw)
    assert all(str(row[column]).startswith("ol1:") for row in raw for column in ("mail_from", "recipients", "reason"))
