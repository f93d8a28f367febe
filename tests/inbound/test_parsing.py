"""Report parsing and RFC 3834 reply rules without a server."""

from __future__ import annotations

import pytest

from openlux.inbound.dsn import parse
from openlux.inbound.replies import may_answer
from tests.inbound.test_reports import arf, dsn


def test_dsn_keeps_failures_and_delays_only() -> None:
    report = parse(
        dsn(
            to="me@example.com",
            message_id="m1@example.com",
            rows=[
                ("a@x.test", "failed", "5.1.1", "550  5.1.1\r\n  unknown"),
                ("b@x.test", "delayed", "4.4.1", "timeout"),
                ("c@x.test", "delivered", "2.0.0", "ok"),
                ("d@x.test", "failed", "4.4.7", "expired"),
            ],
        ).encode()
    )
    assert report is not None and report.message_id == "m1@example.com"
    assert [(b.recipient, b.hard, b.status) for b in report.bounces] == [
        ("a@x.test", True, "5.1.1"),
        ("b@x.test", False, "4.4.1"),
        ("d@x.test", False, "4.4.7"),
    ]
    assert report.bounces[0].diagnostic == "smtp; 550 5.1.1 unknown"


def test_arf_fields() -> None:
    report = parse(arf(to="me@example.com", message_id="m2@example.com", complainer="Them@Provider.test").encode())
    assert report is not None and report.complaint is not None and report.message_id == "m2@example.com"
    c = report.complaint
    assert (c.recipient, c.sender, c.provider, c.feedback_type) == (
        "them@provider.test",
        "me@example.com",
        "mail.provider.test",
        "abuse",
    )
    assert c.sent_at is not None and c.sent_at.hour == 9


@pytest.mark.parametrize(
    "data",
    [
        b"Subject: hi\r\n\r\nplain mail\r\n",
        b"Content-Type: multipart/report; report-type=disposition-notification; boundary=x\r\n\r\n--x--\r\n",
        b"Content-Type: multipart/report; report-type=delivery-status\r\n\r\nno boundary at all\r\n",
        b"Content-Type: multipart/report; report-type=feedback-report; boundary=q\r\n\r\n--q\r\n\r\n--q--\r\n",
    ],
)
def test_other_or_broken_messages_give_no_events(data: bytes) -> None:
    report = parse(data)
    assert report is None or (not report.bounces and report.complaint is None)


@pytest.mark.parametrize(
    ("sender", "headers", "expected"),
    [
        ("pat@remote.test", {}, True),
        ("pat@remote.test", {"auto-submitted": "no"}, True),
        ("", {}, False),
        ("MAILER-DAEMON@remote.test", {}, False),
        ("owner-list@remote.test", {}, False),
        ("list-request@remote.test", {}, False),
        ("noreply@remote.test", {}, False),
        ("pat@remote.test", {"auto-submitted": "auto-generated"}, False),
        ("pat@remote.test", {"precedence": "bulk"}, False),
        ("pat@remote.test", {"list-unsubscribe": "<mailto:x@y>"}, False),
        ("pat@remote.test", {"content-type": "multipart/report; report-type=delivery-status"}, False),
    ],
)
def test_may_answer(sender: str, headers: dict, expected: bool) -> None:
    assert may_answer(sender, headers) is expected
