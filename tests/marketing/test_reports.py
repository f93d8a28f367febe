"""v3 campaign reports end to end: logs from the queue, events from the event tables."""

from __future__ import annotations

from typing import Any

from openlux.client import Client
from tests.marketing.conftest import list_with_fields, unique, wait_status
from tests.support.failures import assert_fails
from tests.support.polling import wait_until


def _sent_campaign(api: Client) -> tuple[dict[str, Any], str, dict[str, int]]:
    """A campaign sent to ann and bob (cy suppressed); the campaign, the tag and contact ids by name."""
    made, _names = list_with_fields(api)
    tag = unique("rep")
    added = api.add_contacts(list_id=made["list_id"], contacts=[f"{tag}-{n}@example.org" for n in ("ann", "bob", "cy")])
    ids = {n: r["contact_id"] for n, r in zip(("ann", "bob", "cy"), added["results"], strict=True)}
    api.create_user_suppression(email=f"{tag}-cy@example.org")
    campaign = api.add_campaign(
        name=unique("Report"), lists=[made["list_id"]], subject="Hi", text="Hello {{ email }}", send_at="now"
    )
    wait_status(api, campaign["campaign_id"], "sent")
    return campaign, tag, ids


def _wait_delivered(api: Client, campaign_id: int, count: int) -> list[dict[str, Any]]:
    def delivered() -> list[dict[str, Any]] | None:
        rows = api.get_report_logs(campaign_id=campaign_id)["rows"]
        return rows if sum(r["status"] == "sent" for r in rows) == count else None

    return wait_until(delivered, what=f"{count} sent rows")


def test_campaign_reports(user_api: Client) -> None:
    campaign, tag, ids = _sent_campaign(user_api)
    cid = campaign["campaign_id"]
    logs = _wait_delivered(user_api, cid, 2)
    by_email = {r["email"]: r for r in logs}
    assert by_email[f"{tag}-cy@example.org"]["status"] == "suppressed"
    assert "suppression" in by_email[f"{tag}-cy@example.org"]["detail"]
    assert by_email[f"{tag}-ann@example.org"]["contact_id"] == ids["ann"] and by_email[f"{tag}-ann@example.org"]["date"]
    # Opens, clicks, bounces, complaints and unsubscribes come from real events: tests/tracking.
    assert user_api.get_report_opened(campaign_id=cid)["total_matches"] == 0
    # An unsubscribe made through the API later is not one this campaign's link caused.
    user_api.update_contact(contact_id=ids["bob"], status="unsubscribed")
    left = user_api.get_report_unsubscribed(campaign_id=cid)
    assert left["total_matches"] == 0
    assert [h["keyword"] for h in left["header"]] == ["date", "campaign_id", "contact_id", "email", "method", "scope"]
    assert user_api.get_report_logs(campaign_id=cid, matches=0) == {
        "header": user_api.get_report_logs(campaign_id=cid)["header"],
        "rows": [],
        "total_matches": 3,
        "first_row": 0,
        "matches": 0,
    }
    assert user_api.get_report_logs(campaign_id=cid, after_date="2999-01-01 00:00:00")["total_matches"] == 0


def test_report_failures(user_api: Client) -> None:
    assert_fails(404, user_api.get_report_logs, campaign_id=999999999)
    error = assert_fails(None, user_api.get_report_logs, campaign_id="x")
    assert error.status == 400 and "'campaign_id'" in error.message
    error = assert_fails(None, user_api.get_report_opened, from_date="yesterday")
    assert error.status == 400 and "'from_date'" in error.message
    assert_fails(400, user_api.get_report_urls, matches=50001)
