"""A long-running command ends after its loop stops, even when a thread would keep the process alive.

An `openlux worker` once outlived its SIGTERM for 20 minutes: a non-daemon database-driver thread whose
connection was cancelled mid-shutdown never ended, and the interpreter waits for such threads at exit.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

STUCK_THREAD = textwrap.dedent(
    """
    import threading
    from openlux.cli import end_long_running

    forever = threading.Event()
    threading.Thread(target=forever.wait, name="stuck-driver-thread").start()  # non-daemon, never ends
    end_long_running({code})
    """
)


@pytest.mark.parametrize("code", [0, 3])
def test_a_thread_that_never_ends_does_not_keep_the_process_alive(code: int) -> None:
    done = subprocess.run(
        [sys.executable, "-c", STUCK_THREAD.format(code=code)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == code
    assert "stuck-driver-thread" in done.stderr


def test_without_leftover_threads_the_command_ends_normally() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from openlux.cli import end_long_running; end_long_running(0); print('after')"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and done.stdout.strip() == "after" and done.stderr == ""
