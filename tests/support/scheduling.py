"""How `--dist loadscope` hands the suite to the pytest-xdist workers (`make test`): backend by backend.

xdist's loadscope keeps each module in one worker, and inside a module pytest runs the SQLite tests,
then the PostgreSQL ones. A worker going from module to module therefore switches the session-scoped
`backend` parameter twice per module, and pytest tears down and starts again every session fixture
that depends on it (`server`, and each folder's relay/DNS/sink worlds) at each switch: hundreds of
server starts per run instead of a few.

BackendPhasedScheduling makes the unit of work one module on one backend ("tests/x.py [sqlite]") and
hands out first the units without a backend, then every SQLite unit, then every PostgreSQL unit,
each group in xdist's own order (most tests first). A worker thus changes backend about once and its
session fixtures start about once per backend; the two halves of a module may run in different
workers (module-scoped fixtures then start in each, as they already did once per backend).
"""

from __future__ import annotations

from collections import OrderedDict

from xdist.scheduler import LoadScopeScheduling
from xdist.workermanage import WorkerController

from tests.support.databases import BACKENDS


def backend_of(nodeid: str) -> str | None:
    """The backend a test runs on, read from its parameter id (`test_x[sqlite]`, `test_y[postgresql-3]`)."""
    if not nodeid.endswith("]") or "[" not in nodeid:
        return None
    ids = nodeid[nodeid.index("[") + 1 : -1].split("-")
    return next((backend for backend in BACKENDS if backend in ids), None)


class BackendPhasedScheduling(LoadScopeScheduling):
    """loadscope with one work unit per module and backend, handed out backend by backend."""

    ordered = False

    def _split_scope(self, nodeid: str) -> str:
        scope = super()._split_scope(nodeid)
        backend = backend_of(nodeid)
        return f"{scope} [{backend}]" if backend else scope

    def _assign_work_unit(self, node: WorkerController) -> None:
        # The first call comes once schedule() has queued every unit and before any is sent.
        if not self.ordered:
            self.ordered = True
            phase = {None: 0, **{backend: n + 1 for n, backend in enumerate(BACKENDS)}}
            units = list(self.workqueue.items())  # already most-tests-first (xdist's loadscope reorder)
            units.sort(key=lambda unit: phase[backend_of(next(iter(unit[1])))])  # stable: keeps that order
            self.workqueue = OrderedDict(units)
        super()._assign_work_unit(node)
