"""The parent of `openlux api --workers N` and `openlux worker --processes N` once its children run.

The command initialises the installation and starts the children with all of OpenLux imported
(about 100 MB resident); then it replaces itself with this module (`hand_over`: exec, same pid, same
children), which imports nothing but the standard library and only waits. Without the exec the
parent kept those 100 MB for as long as the children ran, doing nothing with them: a third of the
memory of a 2-process worker.

Rules, as before the exec: SIGTERM or SIGINT stops every child; a child that dies on its own with a
non-zero status stops the others and the parent exits 1; otherwise the parent exits 0 once every
child has stopped (0 or SIGTERM).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def hand_over(children: Sequence[int], label: str, ready: str) -> NoReturn:
    """Replace this process with the supervisor of `children` (pids); never returns.

    The stop signals are blocked across the exec (the mask survives it) and unblocked once the
    supervisor handles them, so a SIGTERM arriving in between is delivered late, never lost.
    """
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(sys.executable, [sys.executable, "-m", "openlux.supervisor", label, ready, *map(str, children)])


def supervise(children: Sequence[int], label: str, ready: str) -> int:
    """Wait for every child; the exit status (see the module's rules)."""
    alive = set(children)
    stopping = False
    failed = False
    statuses: dict[int, int] = {}

    def stop_all(_signum: int = signal.SIGTERM, _frame: object = None) -> None:
        nonlocal stopping
        stopping = True
        for pid in alive:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop_all)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    print(ready, flush=True)
    while alive:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:  # none left that we know of
            break
        if pid not in alive:
            continue
        alive.discard(pid)
        code = os.waitstatus_to_exitcode(status)
        statuses[pid] = code
        if code != 0 and not stopping:
            print(f"{label} {pid} exited with {code}; stopping.", file=sys.stderr, flush=True)
            failed = True
            stop_all()
    clean = all(code in (0, -signal.SIGTERM) for code in statuses.values())
    return 1 if failed or not clean else 0


def main(argv: Sequence[str]) -> int:
    label, ready, *pids = argv
    return supervise([int(pid) for pid in pids], label, ready)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
