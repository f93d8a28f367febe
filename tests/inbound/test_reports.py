"""DSN (RFC 3464) and ARF (RFC 5965) reports sent over SMTP become bounce/complaint rows and suppressions."""

from __future__ import annotations

import asyncio
import email
import uuid
from typing import Any

from sqlalchemy import select

from openlux.client import Client, LuxSciError
from openlux.inbound.models import BounceEvent, ComplaintEvent, MailboxMessage, UnmatchedReport
from tests.inbound.conftest import World, smtp_send, wait_sink
from tests.support.dbquery import select_rows


async def rows_of(world: World, statement: Any) -> list[dict[str, Any]]:
    """Event rows through the server's key (addresses are sealed; raw SQL cannot match them)."""
    return await asyncio.to_thread(select_rows, world.server, statement)


def dsn(*, to: str, message_id: str, rows: list[tuple[str, str, str, str]]) -> str:
    """A multipart/report DSN as Postfix writes it; rows are (recipient, action, status, diagnostic)."""
    recipients = "".join(
        f"\r\nFinal-Recipient: rfc822; {r}\r\nOriginal-Recipient: rfc822;{r}\r\nAction: {a}\r\n"
        f"Status: {s}\r\nRemote-MTA: dns; mx.remote.test\r\nDiagnostic-Code: smtp; {d}\r\n"
        for r, a, s, d in rows
    )
    return (
        f"From: MAILER-DAEMON@mx.remote.test (Mail Delivery System)\r\nTo: {to}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\nAuto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\r\n\r\n'
        "--B1\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nI'm sorry to have to inform you...\r\n\r\n"
        "--B1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.remote.test\r\n"
        f"Arrival-Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n{recipients}\r\n"
        f"--B1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: {to}\r\nMessage-ID: <{message_id}>\r\n"
        "Subject: Results\r\n\r\n--B1--\r\n"
    )


def arf(*, to: str, message_id: str, complainer: str, ref: str = "") -> str:
    """A feedback report as a mailbox provider's loop sends it (RFC 5965 §3)."""
    return (
        f"From: fbl@provider.test\r\nTo: {to}\r\nSubject: FW: Results\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=feedback-report; boundary="F1"\r\n\r\n'
        "--F1\r\nContent-Type: text/plain\r\n\r\nThis is an email abuse report.\r\n\r\n"
        "--F1\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: FBL/1.0\r\n"
        f"Version: 1\r\nOriginal-Mail-From: <{to}>\r\nOriginal-Rcpt-To: <{complainer}>\r\n"
        "Arrival-Date: Fri, 27 Nov 2026 09:00:00 +0000\r\nReporting-MTA: dns; mail.provider.test\r\n\r\n"
        f"--F1\r\nContent-Type: message/rfc822\r\n\r\n{'X-OpenLux-Ref: ' + ref + chr(13) + chr(10) if ref else ''}"
        f"From: {to}\r\nTo: {complainer}\r\n"
        f"Message-ID: <{message_id}>\r\nSubject: Results\r\n\r\nHello\r\n\r\n--F1--\r\n"
    )


def suppression(api: Client, address: str) -> dict | None:
    try:
        return api.get_user_suppression(email=address)
    except LuxSciError as exc:
        assert exc.status == 404
        return None


async def test_dsn_records_bounces_and_suppresses_hard_ones(world: World) -> None:
    api, tag = world.user_api(), uuid.uuid4().hex[:8]
    hard, soft = f"gone-{tag}@remote.test", f"full-{tag}@remote.test"
    [sent] = api.send_email(messages=[{"to": [hard, soft], "subject": "Results", "text": "x"}])
    await wait_sink(world, lambda m: hard in m.rcpt_tos)
    report = dsn(
        to=world.login,
        message_id=sent["message_id"],
        rows=[
            (hard, "failed", "5.1.1", "550 5.1.1 User unknown"),
            (soft, "delayed", "4.2.2", "452 4.2.2 Mailbox full"),
        ],
    )
    await smtp_send(world, "", [world.login], report)
    rows = sorted(
        await rows_of(
            world,
            select(
                BounceEvent.recipient,
                BounceEvent.kind,
                BounceEvent.status_code,
                BounceEvent.diagnostic,
                BounceEvent.outbound_message_id,
                BounceEvent.recipient_id,
            ).where(BounceEvent.recipient_index.in_([hard, soft])),
        ),
        key=lambda r: r["recipient"],
    )
    assert [(r["recipient"], r["kind"], r["status_code"]) for r in rows] == [
        (soft, "soft", "4.2.2"),
        (hard, "hard", "5.1.1"),
    ]
    assert all(r["outbound_message_id"] == sent["id"] and r["recipient_id"] for r in rows)
    assert "User unknown" in rows[1]["diagnostic"]
    entry = suppression(api, hard)
    assert entry and entry["reason"] == "bounce" and entry["source"] == "bounce processing"
    assert entry["source_message_id"] == sent["message_id"]
    assert suppression(api, soft) is None
    # Still an ordinary message for the user: kept in the mailbox.
    kept = await rows_of(world, select(MailboxMessage.mail_from))  # the envelope is sealed at rest
    assert any(row["mail_from"] == "" for row in kept)


async def test_dsn_for_unknown_message_is_recorded_as_unmatched(world: World) -> None:
    api, tag = world.user_api(), uuid.uuid4().hex[:8]
    hard = f"old-{tag}@remote.test"
    await smtp_send(
        world,
        "",
        [world.login],
        dsn(to=world.login, message_id=f"{tag}@elsewhere.test", rows=[(hard, "failed", "5.0.0", "550 no")]),
    )
    assert await rows_of(world, select(BounceEvent.id).where(BounceEvent.recipient_index == hard)) == []
    [row] = await rows_of(
        world,
        select(UnmatchedReport.kind, UnmatchedReport.message_id, UnmatchedReport.rcpt_to).where(
            UnmatchedReport.message_id == f"{tag}@elsewhere.test"
        ),
    )
    assert row["kind"] == "bounce" and row["rcpt_to"] == world.login
    assert suppression(api, hard) is None


async def test_arf_records_complaint_and_suppresses(world: World) -> None:
    api, tag = world.user_api(), uuid.uuid4().hex[:8]
    complainer = f"angry-{tag}@provider.test"
    [sent] = api.send_email(messages=[{"to": [complainer], "subject": "Results", "text": "x"}])
    [delivered] = await wait_sink(world, lambda m: complainer in m.rcpt_tos)
    ref = email.message_from_bytes(delivered.data)["X-OpenLux-Ref"]
    assert ref and ref.startswith(f"{sent['id']}.")
    before = len(world.sink.messages)
    responder = api.new_email_auto_responder(subject="Away", body="x", interval=0)
    try:
        await smtp_send(
            world,
            "fbl@provider.test",
            [world.login],
            arf(to=world.login, message_id=sent["message_id"], complainer=complainer, ref=ref),
        )
    finally:
        api.delete_email_auto_responder(autoresponder_id=responder["autoresponder_id"])
    [row] = await rows_of(
        world,
        select(
            ComplaintEvent.outbound_message_id,
            ComplaintEvent.sender,
            ComplaintEvent.provider,
            ComplaintEvent.feedback_type,
            ComplaintEvent.message_id,
            ComplaintEvent.sent_at,
        ).where(ComplaintEvent.recipient_index == complainer),
    )
    assert row["outbound_message_id"] == sent["id"] and row["sender"] == world.login
    assert row["provider"] == "mail.provider.test" and row["feedback_type"] == "abuse"
    assert row["message_id"] == sent["message_id"] and row["sent_at"]
    entry = suppression(api, complainer)
    assert entry and entry["reason"] == "complaint" and entry["source"] == "feedback loop"
    assert len(world.sink.messages) == before  # the report is never auto-answered (RFC 3834)
