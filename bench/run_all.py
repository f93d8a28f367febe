#!/usr/bin/env python3
"""`make bench`: run every benchmark at a size that finishes in a few minutes, then write docs/performance.md.

    .venv/bin/python bench/run_all.py [--quick] [--only api_rps,scale] [--output docs/performance.md]

Each benchmark runs as its own process (exactly the command the page prints, so any figure can be
reproduced alone) and leaves its table as JSON in a temporary directory; the page is written from
those tables and the machine's description. A benchmark that fails is named on the page with its
error instead of figures. --quick runs the tiny sizes of the smoke test (a check that the scripts
work, not a measurement).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RESULTS_ENV, ROOT, log, machine

# name -> arguments at `make bench` size (a few minutes in all), and at smoke-test size (no warm-up
# load, and wrk threads stop after 20 answers: its figures are thrown away, and each second of full
# wrk load keeps a server busy beside the suite).
BENCHMARKS: dict[str, tuple[list[str], list[str]]] = {
    "api_rps": (["--rounds", "3", "--seconds", "2"],
                ["--rounds", "1", "--seconds", "1", "--warm-up", "0", "--requests", "20"]),
    "tracking": (["--rounds", "3", "--seconds", "2"],
                 ["--rounds", "1", "--seconds", "1", "--warm-up", "0", "--requests", "20"]),
    "send_throughput": (["--messages", "400", "--rounds", "3"],
                        ["--messages", "20", "--rounds", "1", "--backends", "sqlite"]),
    "add_contacts": (["--contacts", "5000", "--rounds", "3"],
                     ["--contacts", "50", "--rounds", "1", "--backends", "sqlite"]),
    "report_first_page": (["--rows", "100000", "--rounds", "5"],
                          ["--rows", "200", "--rounds", "1", "--backends", "sqlite"]),
    "scale": (["--rounds", "3", "--seconds", "2", "--messages", "500"],
              ["--rounds", "1", "--seconds", "1", "--messages", "20", "--warm-up", "0", "--requests", "20"]),
    "merge_render": (["--recipients", "5000", "--rounds", "5"], ["--recipients", "50", "--rounds", "1"]),
    "campaign": (["--contacts", "5000", "--rounds", "2"], ["--contacts", "50", "--rounds", "1", "--backends", "sqlite"]),
}


def run(name: str, args: list[str], results: Path) -> tuple[bool, str, float]:
    """(succeeded, last lines of its output, seconds) of one benchmark."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(ROOT / "bench" / f"{name}.py"), *args], cwd=ROOT,
                          env=dict(os.environ, **{RESULTS_ENV: str(results)}), capture_output=True, text=True)
    took = time.monotonic() - started
    sys.stdout.write(done.stdout)
    tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-6:])
    return done.returncode == 0, tail, took


def page(results: Path, ran: dict[str, tuple[bool, str, float]], facts: dict[str, str], started: datetime) -> str:
    """docs/performance.md."""
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (bench/run_all.py); do not edit by hand — run it again. Every figure is",
        "measured beside its baseline in the same run: the commands alternate, the order rotating each",
        "round, so machine load falls on both alike; each cell is the median of the rounds with its",
        "min–max. Every OpenLux figure goes through a public path (signed HTTP, SMTP) against processes",
        "started with the `openlux` command; each section ends with the command that reproduces it alone.",
        "",
        f"> Measured {started:%Y-%m-%d %H:%M} UTC on a shared machine that other jobs were loading at the",
        f"> same time (load average at start: {facts['load average (1, 5, 15 min) at start']} on "
        f"{facts['cores']} cores).",
        "> Absolute numbers are therefore low and noisy; the ratios to each same-round baseline are the",
        "> figures to compare. Sizes are `make bench`'s (a few minutes in all); the scripts' defaults are larger.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {key} | {value} |" for key, value in facts.items()]
    lines += ["", f"Total time: {sum(t for _, _, t in ran.values()) / 60:.1f} min.", ""]
    for name, (ok, tail, took) in ran.items():
        found = results / f"{name}.json"
        if not ok or not found.exists():
            lines += [f"## {name}", "", f"Did not finish ({took:.0f} s):", "", "```", tail, "```", ""]
            continue
        data = json.loads(found.read_text())
        lines += [f"## {data['title']}", "",
                  "| figure | median (min–max) | baseline | median (min–max) | figure / baseline | goal |",
                  "|---|---|---|---|---|---|"]
        for row in data["rows"]:
            lines.append(f"| {row['figure']} | {row['figure_text']} {row['unit']} | {row['baseline']} | "
                         f"{row['baseline_text']} {row['unit']} | {row['ratio_text']} | {row['goal']} |")
        lines += ["", f"{data['rounds']} rounds, {took:.0f} s. Reproduce: `{data['command']}`", ""]
        lines += [f"- {note}" for note in data["notes"]]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smoke-test sizes")
    parser.add_argument("--only", default="", help="comma-separated benchmark names")
    parser.add_argument("--output", default=str(ROOT / "docs" / "performance.md"))
    args = parser.parse_args()
    names = [n for n in BENCHMARKS if not args.only or n in args.only.split(",")]
    started = datetime.now(UTC)
    facts = machine()
    ran: dict[str, tuple[bool, str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="openlux-bench-results-") as tmp:
        for name in names:
            log(f"== {name}")
            ran[name] = run(name, BENCHMARKS[name][1 if args.quick else 0], Path(tmp))
            if not ran[name][0]:
                log(f"   FAILED:\n{ran[name][1]}")
        Path(args.output).write_text(page(Path(tmp), ran, facts, started))
    log(f"wrote {args.output}")
    if not all(ok for ok, _, _ in ran.values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
