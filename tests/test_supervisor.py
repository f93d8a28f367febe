"""The parent of `api --workers N` and `worker --processes N` becomes openlux.supervisor once its children run.

Real processes: the parent's memory after the hand-over, SIGTERM to the parent alone reaching every
child, a child dying on its own stopping the others (exit 1), and a stop signal that arrives during
the exec itself not being lost.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx

from tests.support.server import free_port, openlux_bin, start_logged, start_worker_process, wait_for_start_line

# The parent held 100-110 MB (all of OpenLux imported, the first start's migrations) before the hand-over;
# the supervisor, a bare interpreter with the standard library, holds about 10.
SUPERVISOR_RSS_LIMIT = 40 * 1024 * 1024


def rss_bytes(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) * 1024


def children_of(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def gone(pid: int) -> bool:
    """Ended (no such process, or a zombie its parent has not reaped yet)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def kill_group(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def test_api_workers_parent_is_the_small_supervisor_and_sigterm_to_it_stops_every_child(
    tmp_path: Path, db_url: str
) -> None:
    port = free_port()
    env = dict(
        os.environ, OPENLUX_DATA_DIR=str(tmp_path / "data"), OPENLUX_DATABASE_URL=db_url, OPENLUX_HTTP_PORT=str(port)
    )
    log = tmp_path / "api.log"
    process = start_logged([openlux_bin(), "api", "--workers", "2"], env, log)
    try:
        wait_for_start_line(log, process, 180)
        assert httpx.get(f"http://127.0.0.1:{port}/static/logo.svg", timeout=30).status_code == 200
        children = children_of(process.pid)
        assert len(children) == 2
        assert rss_bytes(process.pid) < SUPERVISOR_RSS_LIMIT, f"parent holds {rss_bytes(process.pid) / 1e6:.0f} MB"
        assert "openlux.supervisor" in Path(f"/proc/{process.pid}/cmdline").read_text()
        process.send_signal(signal.SIGTERM)  # the parent only: it must pass the stop on
        assert process.wait(timeout=30) == 0, log.read_text()[-3000:]
        assert all(gone(child) for child in children)
    finally:
        kill_group(process)


def test_a_worker_process_dying_on_its_own_stops_the_other_and_the_parent_exits_1(tmp_path: Path, db_url: str) -> None:
    env = dict(os.environ, OPENLUX_DATA_DIR=str(tmp_path / "data"), OPENLUX_DATABASE_URL=db_url)
    log = tmp_path / "worker.log"
    process = start_worker_process(env, log, "--processes", "2")
    try:
        wait_for_start_line(log, process, 180)
        first, second = children_of(process.pid)
        os.kill(first, signal.SIGKILL)
        assert process.wait(timeout=30) == 1
        assert gone(second)
        assert f"Worker process {first} exited with -9; stopping." in log.read_text()
    finally:
        kill_group(process)


def test_a_stop_signal_arriving_during_the_hand_over_is_delivered_to_the_supervisor(tmp_path: Path) -> None:
    # The signal is raised after the mask is set and before the exec: the exec'd supervisor must still
    # receive it and stop the child, not run until someone notices.
    script = textwrap.dedent(
        """
        import os, signal, subprocess, sys
        from openlux import supervisor
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
        signal.pthread_sigmask(signal.SIG_BLOCK, supervisor.STOP_SIGNALS)
        os.kill(os.getpid(), signal.SIGTERM)  # pending until the supervisor unblocks it
        supervisor.hand_over([child.pid], "Test child", "handed over")
        """
    )
    log = tmp_path / "out.log"
    process = start_logged([sys.executable, "-c", script], dict(os.environ), log)
    try:
        started = time.monotonic()
        assert process.wait(timeout=30) == 0, log.read_text()
        assert time.monotonic() - started < 20
        assert "handed over" in log.read_text()
    finally:
        kill_group(process)
