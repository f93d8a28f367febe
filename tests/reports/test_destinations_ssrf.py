"""Report uploads cannot reach internal addresses, reveal nothing of their target, and speak SFTP (issue 9 item 13)."""

from __future__ import annotations

import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from openlux.client import Client
from tests.reports.conftest import World
from tests.reports.test_reports_e2e import as_csv_cells, csv_rows, finished
from tests.support.databases import SQLITE_ONLY
from tests.support.server import free_port
from tests.support.sftp_server import SftpServer

# The upload guard runs after the report is built and does not touch the database; test_reports_e2e.py
# builds the same reports and jobs on both backends.
pytestmark = SQLITE_ONLY

REPORT = "getEmailSMTPSentReportAccount"


class _Recorder(BaseHTTPRequestHandler):
    """Counts every request; answers with the status in `reply_status` (and a Location for 3xx)."""

    hits: ClassVar[list[str]] = []
    bodies: ClassVar[list[bytes]] = []
    headers_seen: ClassVar[list[dict[str, str]]] = []
    reply_status = 201

    def do_PUT(self) -> None:
        self.hits.append(self.path)
        self.headers_seen.append(dict(self.headers))
        # Read the whole body before answering, as a real server does (answering first and closing with unread
        # bytes makes the kernel reset the connection under the client, an order-dependent failure).
        self.bodies.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        self.send_response(self.reply_status)
        if 300 <= self.reply_status < 400:
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/redirected")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_PUT

    def log_message(self, *args: Any) -> None:
        pass


class Listener:
    """A loopback HTTP server in a thread, counting requests."""

    def __init__(self, status: int = 201) -> None:
        handler = type("Handler", (_Recorder,), {"hits": [], "bodies": [], "headers_seen": [], "reply_status": status})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.hits: list[str] = handler.hits
        self.bodies: list[bytes] = handler.bodies
        self.headers_seen: list[dict[str, str]] = handler.headers_seen
        self.port = self.httpd.server_address[1]

    def __enter__(self) -> Listener:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def run_job(account: Client, **destination: Any) -> dict[str, Any]:
    job = account.call(REPORT, **destination)
    return finished(account, "getAccountJob", job["job_id"])


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "127.1",
        "2130706433",
        "0x7f000001",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "10.0.0.1",
        "169.254.169.254",
        "0.0.0.0",
    ],
)
def test_internal_destinations_are_refused_and_never_contacted(account_api: Client, host: str) -> None:
    with Listener() as listener:
        done = run_job(
            account_api,
            destination="http",
            destination_hostname=host,
            destination_port=listener.port,
            destination_username="u",
            destination_password="secret",
        )
    assert done["status"] == "failed"
    assert done["status_detail"].startswith("The destination address is not allowed.")
    assert listener.hits == []


def test_sftp_to_an_internal_address_is_refused(account_api: Client) -> None:
    with tempfile.TemporaryDirectory() as root, SftpServer(Path(root), "up", "pw") as sftp:
        done = run_job(
            account_api,
            destination="sftp",
            destination_hostname="127.1",
            destination_port=sftp.port,
            destination_username="up",
            destination_password="pw",
        )
        assert done["status"] == "failed" and "not allowed" in done["status_detail"]
        assert sftp.logins == 0 and not list(Path(root).iterdir())


def test_failures_read_the_same_whatever_the_target_did(world: World) -> None:
    """Closed port, 404, 500 and a redirect: one message, so jobs cannot scan ports or probe services."""
    details = set()
    with world.account_client() as account:
        closed = free_port()
        details.add(
            run_job(account, destination="http", destination_hostname="127.0.0.1", destination_port=closed)[
                "status_detail"
            ]
        )
        for status in (404, 500, 302):
            with Listener(status) as listener:
                done = run_job(
                    account,
                    destination="http",
                    destination_hostname="127.0.0.1",
                    destination_port=listener.port,
                    destination_path="in",
                )
            assert done["status"] == "failed"
            assert all(not hit.startswith("/redirected") for hit in listener.hits)  # redirects are not followed
            details.add(done["status_detail"])
    assert details == {"The upload to 127.0.0.1 failed."}


def test_sftp_destination_receives_the_csv(world: World) -> None:
    with (
        tempfile.TemporaryDirectory() as root,
        SftpServer(Path(root), "up", "pw") as sftp,
        world.account_client() as account,
    ):
        sync = account.call(REPORT)
        done = run_job(
            account,
            destination="sftp",
            destination_hostname="localhost",
            destination_port=sftp.port,
            destination_path="in/reports",
            destination_username="up",
            destination_password="pw",
        )
        assert done["status"] == "complete", done["status_detail"]
        uploaded = Path(root) / "in" / "reports" / done["filename"]
        assert csv_rows(uploaded.read_text()) == as_csv_cells(sync)
        wrong = run_job(
            account,
            destination="sftp",
            destination_hostname="127.0.0.1",
            destination_port=sftp.port,
            destination_username="up",
            destination_password="wrong",
        )
        assert wrong["status"] == "failed" and wrong["status_detail"] == "The upload to 127.0.0.1 failed."


def test_connection_goes_to_the_checked_address_with_the_given_name_as_host(world: World) -> None:
    with Listener() as listener, world.account_client() as account:
        sync = account.call(REPORT)
        done = run_job(
            account,
            destination="http",
            destination_hostname="localhost",
            destination_port=listener.port,
            destination_path="x",
        )
    assert done["status"] == "complete", done["status_detail"]
    assert listener.hits == [f"/x/{done['filename']}"]
    (headers,) = listener.headers_seen
    assert headers["Host"] == f"localhost:{listener.port}"
    # the whole CSV, with a declared length (object stores refuse chunked PUTs)
    assert "Transfer-Encoding" not in headers and int(headers["Content-Length"]) == len(listener.bodies[0])
    assert csv_rows(listener.bodies[0].decode()) == as_csv_cells(sync)
