"""A report job's CSV kept for download (destination "local") is sealed at rest: the file under
report-jobs/ holds no row of the report, getUserJob(download=1) gives the CSV, and `openlux key
rotate` walks the kept files (and nothing else under report-jobs/)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from openlux.client import Client
from openlux.core.crypto import SecretBox
from openlux.keyrotation import FILE_STORES, _sealed_files
from openlux.reports import destinations
from tests.support.polling import wait_until
from tests.support.server import RunningServer


def test_a_kept_report_csv_is_sealed_and_downloads_clear(server: RunningServer, user_api: Client) -> None:
    recipient = f"kept.{uuid.uuid4().hex[:10]}@example.net"
    user_api.send_email(messages=[{"to": [recipient], "subject": "kept report", "text": "hello"}])
    job = user_api.call("getEmailSMTPSentReportUser", destination="local", matches=1000)

    def finished() -> dict | None:
        state = user_api.call("getUserJob", job_id=job["job_id"])
        return state if state["status"] in ("complete", "failed") else None

    assert wait_until(finished, timeout=60)["status"] == "complete"
    root = server.data_dir / destinations.KEPT_DIRECTORY
    kept = [p for p in root.rglob("*") if p.is_file() and p.name.startswith(job["filename"])]
    assert [p.name for p in kept] == [job["filename"] + ".sealed"]
    raw = kept[0].read_bytes()
    sender = server.credentials["user"]
    assert sender.encode() not in raw and b"queue_id" not in raw  # neither rows nor the header in clear
    assert oct(kept[0].stat().st_mode & 0o777) == "0o600"
    downloaded = user_api.call("getUserJob", job_id=job["job_id"], download=1)["file"]
    assert "queue_id" in downloaded.splitlines()[0] and sender in downloaded


def test_key_rotation_walks_kept_csvs_only(tmp_path: Path) -> None:
    [store] = [s for s in FILE_STORES if s.directory == destinations.KEPT_DIRECTORY]
    box = SecretBox(os.urandom(32))
    account_dir = tmp_path / destinations.KEPT_DIRECTORY / "7"
    account_dir.mkdir(parents=True)
    (tmp_path / destinations.KEPT_DIRECTORY / "tmp").mkdir()
    (tmp_path / destinations.KEPT_DIRECTORY / "tmp" / "3-worker.csv").write_text("being written\r\n")
    (account_dir / "old-1-20260101000000.csv").write_text("clear, from an older release\r\n")
    source = tmp_path / "report.csv"
    source.write_text("a,b\r\n1,2\r\n")
    target = destinations.local_path(tmp_path, 7, "smtp_sent-2-20261128000000.csv")
    destinations.keep_sealed(source, target, box)
    walked = _sealed_files(tmp_path / store.directory, store.pattern)
    assert walked == [target]
    assert box.open(target.read_bytes(), context=store.context(target)) == b"a,b\r\n1,2\r\n"
    assert destinations.read_kept(tmp_path, 7, "old-1-20260101000000.csv", box) == b"clear, from an older release\r\n"
