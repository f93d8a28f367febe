"""Temporary failures and WebMail mail in the reports: a server relaying to a sink that answers 451 once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openlux.client import Client
from tests.support.polling import wait_until
from tests.support.server import served


@pytest.fixture(scope="module")
def api(backend: str) -> Iterator[Client]:
    """User client on a server whose relay defers the first message, then accepts."""
    with served(backend, sink="tempfail", sink_options={"failures": 1}) as world, world.user_api() as client:
        yield client


def test_a_deferred_attempt_is_reported_then_delivered(api: Client) -> None:
    [queued] = api.send_email(messages=[{"to": ["later@example.org"], "subject": "s", "text": "t"}])
    delivered = wait_until(lambda: api.call("getEmailSMTPDeliveryStatusReportUser", status="Delivered")["rows"])
    assert delivered[0]["attempts"] == 2 and delivered[0]["code"] == 250
    [row] = api.call("getEmailSMTPTempFailReportUser")["rows"]
    assert row["queue_id"] == queued["id"] and row["recipient"] == "later@example.org" and row["code"] == 451
    assert row["status"] == "Delivered" and row["next_attempt"] == "" and row["server"]


def test_webmail_sends_appear_only_in_webmail_reports(api: Client) -> None:
    data = api.send_secure_email_or_secure_text(to=["web@example.org"], subject="Lab", body="Ready.", body_type="text")
    # The sink offers no STARTTLS, so the SecureLine policy decides the outcome; any final status will do.
    rows = wait_until(
        lambda: [
            r
            for r in api.call("getEmailWebMailDeliveryStatusReportUser")["rows"]
            if r["status"] not in ("Queued", "Deferred")
        ]
    )
    assert [(r["queue_id"], r["channel"], r["recipient"]) for r in rows] == [(data["id"], "webmail", "web@example.org")]
    [sent] = api.call("getEmailWebMailSentReportUser")["rows"]
    assert sent["queue_id"] == data["id"] and sent["tls_policy"] == "required"
    assert data["id"] not in [r["queue_id"] for r in api.call("getEmailSMTPSentReportUser")["rows"]]
