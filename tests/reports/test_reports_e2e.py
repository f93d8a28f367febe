"""Reports end to end: mail sent through the API and SMTP read back through the SDK on a real server."""

from __future__ import annotations

import csv
import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from openlux.client._core import LuxSciError
from tests.reports.conftest import World, wait_until

SENT = "getEmailSMTPSentReportUser"
DELIVERY = "getEmailSMTPDeliveryStatusReportUser"


def keywords(data: dict[str, Any]) -> list[str]:
    return [h["keyword"] for h in data["header"]]


def test_sent_report_lists_api_and_smtp_messages_in_send_order(world: World) -> None:
    with world.user_client() as api:
        data = api.call(SENT)
    assert keywords(data)[:4] == ["date", "queue_id", "message_id", "user"]
    assert all(set(h) == {"keyword", "type", "description"} for h in data["header"])
    rows = data["rows"]
    assert data["total_matches"] == len(rows) == 7 and data["first_row"] == 0 and data["matches"] == 50000
    assert [r["channel"] for r in rows] == ["api"] * 6 + ["smtp"]
    assert [r["queue_id"] for r in rows[:6]] == world.api_ids
    assert [r["status"] for r in rows] == ["Delivered"] * 5 + ["Partial", "Delivered"]
    assert [r["recipients"] for r in rows] == [2] * 5 + [1, 1]
    assert all(r["user"] == world.server.credentials["user"] for r in rows)


def test_paging_count_only_and_filters(world: World) -> None:
    with world.user_client() as api:
        everything = api.call(SENT)["rows"]
        page = api.call(SENT, first_row="2", matches="2")
        assert page["rows"] == everything[2:4] and page["total_matches"] == 7 and page["first_row"] == 2
        counted = api.call(SENT, matches=0)
        assert counted["rows"] == [] and counted["total_matches"] == 7
        assert api.call(SENT, start_row=5)["rows"] == everything[5:]  # spec 30 §A.6 alias
        assert api.call(SENT, channel="smtp")["total_matches"] == 1
        assert api.call(SENT, queue_id=world.api_ids[0])["rows"] == everything[:1]
        first = everything[0]["date"]
        assert api.call(SENT, through_date=first)["total_matches"] >= 1
        assert api.call(SENT, after_date="2999-01-01 00:00:00")["total_matches"] == 0
        assert api.call(SENT, from_date="2000-01-01")["total_matches"] == 7
        with pytest.raises(LuxSciError) as err:
            api.call(SENT, matches=50001)
        assert err.value.status == 400 and "matches" in str(err.value)
        with pytest.raises(LuxSciError) as err:
            api.call(SENT, before_date="yesterday")
        assert err.value.status == 400 and "before_date" in str(err.value)


def test_delivery_report_has_one_row_per_recipient_with_tls_facts(world: World) -> None:
    with world.user_client() as api:
        data = api.call(DELIVERY)
        rows = data["rows"]
        # 5 messages x 2 recipients, 1 delivered + 1 suppressed, 1 SMTP recipient
        assert data["total_matches"] == len(rows) == 13
        assert api.call(DELIVERY, status="delivered", matches=0)["total_matches"] == 12
        first = [r for r in rows if r["queue_id"] == world.api_ids[0]]
        assert [(r["recipient"], r["recipient_type"]) for r in first] == [
            ("r0@example.org", "to"),
            ("copy@example.org", "cc"),
        ]
        [blocked] = [r for r in rows if r["recipient"] == "blocked@example.org"]
        assert blocked["status"] == "Suppressed" and blocked["attempts"] == 0 and blocked["tls"] is None
        assert "Suppressed" in blocked["reply"] and blocked["encryption"] == "" and blocked["last_attempt"] == ""
        for row in (r for r in rows if r is not blocked):
            assert row["status"] == "Delivered" and row["attempts"] == 1 and row["code"] == 250
            assert row["tls"] == 1 and row["tls_version"].startswith("TLS") and row["encryption"] == "TLS"
            assert row["server"] and row["last_attempt"] and row["updated"]
        only = api.call(DELIVERY, recipient="R3@example.org")
        assert [r["recipient"] for r in only["rows"]] == ["r3@example.org"]
        assert api.call(DELIVERY, status="failed")["total_matches"] == 0
        with pytest.raises(LuxSciError):
            api.call(DELIVERY, status="lost")


@pytest.mark.parametrize("report", ["getEmailSMTPDeliveryStatusReportAccount", DELIVERY])
def test_status_totals_match_the_rows_the_worker_recorded(world: World, report: str) -> None:
    """Account and user totals come from the per-day counters (reports/state_counts.py) that the
    database's triggers kept while the API, SMTP submission and the delivery worker wrote the rows."""
    with world.account_client() if report.endswith("Account") else world.user_client() as api:
        rows = api.call(report, matches=1000)["rows"]
        statuses = {r["status"] for r in rows}
        assert {"Delivered", "Suppressed"} <= statuses
        for word in ("Delivered", "Suppressed", "Queued", "Failed", "Deferred", ""):
            expected = sum(r["status"] == word or not word for r in rows)
            for window in ({}, {"from_date": "2000-01-01 00:00:00"}, {"through_date": "2999-12-31 23:59:59"}):
                asked = {"status": word} if word else {}
                total = api.call(report, matches=0, **asked, **window)
                assert total["total_matches"] == expected, (word, window)


def test_login_failures_and_rejections_are_reported(world: World) -> None:
    with world.user_client() as api:
        rows = api.call("getEmailSMTPLoginFailureReportUser")["rows"]
    types = [r["type"] for r in rows]
    assert "login_failure" in types and "rejected_send" in types
    failure = next(r for r in rows if r["type"] == "login_failure")
    assert failure["login"] == world.server.credentials["user"] and failure["client_ip"] == "127.0.0.1"
    assert "Nobody@Example.com" not in [r["login"] for r in rows]
    rejected = next(r for r in rows if r["type"] == "rejected_send")
    assert rejected["channel"] == "api" and rejected["recipients"] == "bad"
    with world.account_client() as account:
        data = account.call("getSMTPLoginFailureReportAccount", type="login_failure")
    # The account also sees guesses at logins in its domains that are no user.
    guesses = [r for r in data["rows"] if r["login"] == "Nobody@Example.com"]
    assert guesses and data["total_matches"] == types.count("login_failure") + len(guesses)


def test_user_scope_sees_only_its_own_mail(world: World) -> None:
    with world.user_client() as api:
        mine = api.call(DELIVERY)["rows"]
    assert "other-rcpt@example.org" not in {r["recipient"] for r in mine}
    with world.account_client() as account:
        everyone = account.call("getEmailSMTPDeliveryStatusReportAccount")
        assert everyone["total_matches"] == len(mine) + 1
        assert account.call("getEmailSMTPSentReportAccount", user=world.other_user)["total_matches"] == 1
    with world.account_client(user=world.other_user) as other:
        theirs = other.call("getEmailSMTPDeliveryStatusReportUser", username=world.other_user)["rows"]
    assert [r["recipient"] for r in theirs] == ["other-rcpt@example.org"]


def test_reports_without_data_yet_answer_empty_with_their_header(world: World) -> None:
    with world.user_client() as api:
        for name, first in (
            ("getEmailSMTPOpenReportUser", "date"),
            ("getEmailWebMailClickReportUser", "date"),
            ("getEmailFeedBackLoopsReportUser", "date"),
            ("getEmailWebMailSentReportUser", "date"),
            ("getEmailSMTPTempFailReportUser", "date"),
        ):
            data = api.call(name)
            assert keywords(data)[0] == first and data["rows"] == [] and data["total_matches"] == 0, name
        opens = api.call("getEmailSMTPOpenSummaryReportUser")
        assert keywords(opens) == ["category", "value", "count"]
        assert {(r["value"], r["count"]) for r in opens["rows"]} >= {("total", 0), ("human", 0)}


def test_delivery_summary_counts_statuses_and_encryption(world: World) -> None:
    with world.user_client() as api:
        rows = api.call("getEmailSMTPDeliveryStatusSummaryReportUser")["rows"]
    counts = {(r["category"], r["value"]): r["count"] for r in rows}
    assert counts[("messages", "total")] == 7 and counts[("recipients", "total")] == 13
    assert counts[("delivery_status", "Delivered")] == 12 and counts[("encryption", "TLS")] == 12
    assert counts[("opens", "not_opened")] == 12 and counts[("suppression", "suppressed")] == 1


def test_suppression_reports(world: World) -> None:
    with world.user_client() as api:
        [row] = api.call("getUserSuppressionReport")["rows"]
        assert row["email"] == "blocked@example.org" and row["reason"] == "manual" and row["created"]
        summary = api.call("getUserSuppressionSummaryReport")["rows"]
    assert [(r["category"], r["value"], r["count"]) for r in summary] == [
        ("suppressions", "total", 1),
        ("reason", "manual", 1),
        ("reason", "bounce", 0),
        ("reason", "complaint", 0),
        ("reason", "unsubscribe", 0),
    ]
    with world.account_client() as account:
        assert account.call("getAccountSuppressionReport")["total_matches"] == 0  # account-level list is empty


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def as_csv_cells(data: dict[str, Any]) -> list[list[str]]:
    keys = keywords(data)
    return [keys] + [["" if r[k] is None else str(r[k]) for k in keys] for r in data["rows"]]


def finished(client: Any, name: str, job_id: int, **params: Any) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        job = client.call(name, job_id=job_id, **params)
        return job if job["status"] in ("complete", "failed") else None

    return wait_until(done)


def test_job_with_local_destination_matches_the_synchronous_report(world: World) -> None:
    with world.user_client() as api:
        sync = api.call(DELIVERY, first_row=1, matches=7)
        job = api.call(DELIVERY, first_row=1, matches=7, destination="local")
        assert job["status"] == "submitted" and job["uid"] > 0 and job["max_jobs"] == 3 and job["current_jobs"] >= 1
        assert job["filename"].startswith("smtp_delivery-") and job["filename"].endswith(".csv")
        done = finished(api, "getUserJob", job["job_id"])
        assert done["status"] == "complete", done["status_detail"]
        done = api.call("getUserJob", job_id=job["job_id"], download=1)
        assert done["expected_rows"] == done["completed_rows"] == 7 and done["completed"]
        assert csv_rows(done["file"]) == as_csv_cells(sync)
        listed = api.call("getUserJobs")
        assert job["job_id"] in [j["job_id"] for j in listed]
    with world.account_client() as account:
        assert job["job_id"] in [j["job_id"] for j in account.call("getAccountJobs")]
    with world.account_client(user=world.other_user) as other:
        assert job["job_id"] not in [j["job_id"] for j in other.call("getUserJobs", username=world.other_user)]
        with pytest.raises(LuxSciError) as err:
            other.call("getUserJob", username=world.other_user, job_id=job["job_id"])
        assert err.value.status == 404


class _Upload(BaseHTTPRequestHandler):
    received: ClassVar[list[tuple[str, str, bytes]]] = []

    def do_PUT(self) -> None:  # http.server's naming
        length = self.headers.get("Content-Length")
        if length is not None:
            body = self.rfile.read(int(length))
        else:  # chunked transfer
            body = b""
            while size := int(self.rfile.readline().strip(), 16):
                body += self.rfile.read(size)
                self.rfile.readline()
            self.rfile.readline()
        self.received.append((self.path, self.headers.get("Authorization", ""), body))
        self.send_response(201)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_job_uploads_csv_to_an_http_destination(world: World) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Upload)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        with world.account_client() as account:
            sync = account.call("getEmailSMTPSentReportAccount")
            job = account.call(
                "getEmailSMTPSentReportAccount",
                destination="http",
                destination_hostname="127.0.0.1",
                destination_port=httpd.server_address[1],
                destination_path="in/reports",
                destination_username="up",
                destination_password="pw",
            )
            assert job["uid"] == 0 and job["destination_hostname"] == "127.0.0.1"
            done = finished(account, "getAccountJob", job["job_id"])
            assert done["status"] == "complete", done["status_detail"]
            with pytest.raises(LuxSciError):
                account.call("getAccountJob", job_id=job["job_id"], download=1)  # not kept locally
    finally:
        httpd.shutdown()
    [(path, auth, body)] = [r for r in _Upload.received if job["filename"] in r[0]]
    assert path == f"/in/reports/{job['filename']}" and auth.startswith("Basic ")
    assert csv_rows(body.decode()) == as_csv_cells(sync)


def test_bad_destinations_are_refused(world: World) -> None:
    with world.user_client() as api:
        for params in (
            {"destination": "ftp", "destination_hostname": "h"},
            {"destination_hostname": "h"},
            {"destination": "http", "destination_hostname": "h", "destination_path": "../x"},
        ):
            with pytest.raises(LuxSciError) as err:
                api.call(SENT, **params)
            assert err.value.status == 400
