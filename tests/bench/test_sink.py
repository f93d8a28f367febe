"""bench.common.Sink reads smtp-sink's dump by its exact name, never a transaction's temporary file."""

from __future__ import annotations

import shutil
import smtplib
import tempfile
import time
from pathlib import Path

import pytest
from bench.common import Sink


def in_progress_transaction(sink: Sink) -> None:
    """What smtp-sink leaves beside its dump while a transaction runs: `dump<hex>`, deleted once appended.
    A dangling symlink is that file listed and then gone before it could be opened."""
    (sink.tmp / "dump0346fc95").symlink_to(sink.tmp / "deleted-already")


def test_a_transaction_file_is_not_taken_for_the_dump(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENLUX_BENCH_SINK", "python")
    sink = Sink(tmp_path)
    try:
        in_progress_transaction(sink)
        assert sink.dump_file() is None
        sink.dump.write_bytes(b"Message-ID: <1@example.com>\n")
        assert sink.dump_file() == sink.dump
    finally:
        sink.stop()


@pytest.mark.skipif(
    shutil.which("smtp-sink") is None and not Path("/usr/sbin/smtp-sink").exists(),
    reason="Postfix's smtp-sink is not installed",
)
def test_counting_while_smtp_sink_has_a_transaction_open() -> None:
    # Not pytest's tmp_path: smtp-sink runs as nobody, who cannot reach into /tmp/pytest-of-root.
    tmp = Path(tempfile.mkdtemp(prefix="openlux-test-sink-"))
    sink = Sink(tmp)
    try:
        assert sink.kind.startswith("Postfix")
        in_progress_transaction(sink)
        assert sink.count() == 0  # before the fix: FileNotFoundError on the vanished transaction file
        with smtplib.SMTP("127.0.0.1", sink.port) as smtp:
            smtp.sendmail("a@example.com", ["b@example.org"], b"Message-ID: <m1@example.com>\r\n\r\nhello\r\n")
        deadline = time.monotonic() + 10
        while sink.count() < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sink.message_ids() == ["<m1@example.com>"]
    finally:
        sink.stop()
        shutil.rmtree(tmp, ignore_errors=True)
