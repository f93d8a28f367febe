"""Unmatched DSN/ARF reports are visible to the account (issue 8, item 2): listed, one row per report, by
the feedback-loop report with `status=unmatched`, on the user and account scopes, and nothing else."""

from __future__ import annotations

import pytest

from openlux.client import LuxSciError
from tests.trust.conftest import PASSWORD, Trust, inbound, tag


def forged_dsn(to: str, message_id: str, recipient: str) -> str:
    return (
        f"From: MAILER-DAEMON@mx.remote.test\r\nTo: {to}\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\r\n\r\n'
        "--B1\r\nContent-Type: text/plain\r\n\r\nFailed.\r\n\r\n"
        "--B1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.remote.test\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
        f"--B1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: {to}\r\nMessage-ID: <{message_id}>\r\n\r\n--B1--\r\n"
    )


def forged_arf(to: str, complainer: str) -> str:
    return (
        f"From: fbl@provider.test\r\nTo: {to}\r\nSubject: abuse\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=feedback-report; boundary="F1"\r\n\r\n'
        "--F1\r\nContent-Type: text/plain\r\n\r\nAbuse report.\r\n\r\n"
        "--F1\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nVersion: 1\r\n"
        f"Original-Rcpt-To: <{complainer}>\r\nReporting-MTA: dns; mail.provider.test\r\n\r\n"
        f"--F1\r\nContent-Type: message/rfc822\r\n\r\nFrom: {to}\r\nTo: {complainer}\r\n"
        "Message-ID: <whatever@x>\r\nSubject: hi\r\n\r\nHello\r\n\r\n--F1--\r\n"
    )


async def test_unmatched_reports_are_listed_to_the_account_and_its_user(trust: Trust) -> None:
    t = tag()
    victim = f"listed-victim-{t}@remote.test"
    alias = f"ops-{t}@{trust.domain}"
    with trust.account_api() as acct:
        acct.create_alias(user=f"ops-{t}", domain=trust.domain, action="email", dest=f"ops-{t}@elsewhere.test")
        bystander = f"bystander-{t}@{trust.domain}"
        acct.create_user(user=bystander, password=PASSWORD)
    await inbound(trust, "bounces@mx.remote.test", [trust.login], forged_dsn(trust.login, f"{t}@nowhere.test", victim))
    await inbound(trust, "fbl@provider.test", [trust.login], forged_arf(trust.login, victim))
    await inbound(trust, "", [alias], forged_dsn(alias, f"{t}-2@nowhere.test", victim))

    with trust.user_api() as admin:
        rows = admin.get_email_feed_back_loops_report_user(status="unmatched", recipient=victim)["rows"]
        assert sorted((r["kind"], r["sender"], r["reported_to"]) for r in rows) == [
            ("bounce", "bounces@mx.remote.test", trust.login),
            ("complaint", "fbl@provider.test", trust.login),
        ]
        for row in rows:
            assert row["status"] == "unmatched" and row["recipient"] == victim and row["user"] == trust.login
            assert row["reason"].startswith("not tied to a message") and row["queue_id"] is None
        [bounce] = admin.get_email_feed_back_loops_report_user(status="unmatched", recipient=victim, kind="bounce")[
            "rows"
        ]
        assert bounce["message_id"] == f"{t}@nowhere.test"
        # The default answer still lists matched complaints only: nothing here matched.
        assert admin.get_email_feed_back_loops_report_user(recipient=victim)["rows"] == []
        with pytest.raises(LuxSciError) as err:
            admin.get_email_feed_back_loops_report_user(status="bogus")
        assert err.value.status == 400 and "status" in err.value.message
    with trust.user_api(bystander) as other_user:  # another user of the account sees none of them
        assert other_user.get_email_feed_back_loops_report_user(status="unmatched", recipient=victim)["rows"] == []
    with trust.account_api() as acct:  # the account also sees the one that reached an alias
        rows = acct.get_email_feed_back_loops_report_account(status="unmatched", recipient=victim)["rows"]
        assert sorted((r["kind"], r["reported_to"]) for r in rows) == sorted(
            [("bounce", alias), ("bounce", trust.login), ("complaint", trust.login)]
        )
    with trust.other_account_api() as neighbour:  # and no other account does
        assert neighbour.get_email_feed_back_loops_report_account(status="unmatched", recipient=victim)["rows"] == []
