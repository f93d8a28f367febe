"""Every bench/ script runs to completion at tiny sizes and prints its table (so none rots).

Not a measurement and never a timed assertion: the figures of these runs are thrown away. The
scripts run side by side (each starts its own servers on free ports) to keep this under a minute.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from bench.common import RESULTS_ENV, ROOT
from bench.run_all import BENCHMARKS, page

pytestmark = pytest.mark.bench_smoke


def test_every_benchmark_runs_and_prints_its_table(tmp_path: Path) -> None:
    results = tmp_path / "results"
    env = dict(os.environ, **{RESULTS_ENV: str(results)})
    running = {
        name: subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / f"{name}.py"), *quick],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, (_full, quick) in BENCHMARKS.items()
    }
    outputs = {name: proc.communicate(timeout=240) for name, proc in running.items()}
    failed = {name: err[-3000:] for name, (out, err) in outputs.items() if running[name].returncode}
    assert not failed, failed
    for name, (out, _err) in outputs.items():
        assert "| figure | median (min–max) | baseline |" in out, (name, out)
        data = json.loads((results / f"{name}.json").read_text())
        assert data["rows"] and all(row["values"] for row in data["rows"]), data
        assert data["command"].startswith(f".venv/bin/python bench/{name}.py")
    written = page(
        results,
        {name: (True, "", 1.0) for name in BENCHMARKS},
        {"cores": "2", "load average (1, 5, 15 min) at start": "0.0"},
        datetime.now(UTC),
    )
    for name in BENCHMARKS:
        assert json.loads((results / f"{name}.json").read_text())["title"] in written
    assert "Reproduce: `.venv/bin/python bench/scale.py" in written
