#!/usr/bin/env python3
"""Signed getUser requests/s on `openlux api` beside a bare Starlette "hello", same load generator.

    .venv/bin/python bench/api_rps.py [--rounds 5] [--seconds 5] [--connections 16] [--workers 1]
                                      [--database-url postgresql+asyncpg://…]

What is measured, and why it is honest (issue 11 item 8):
- OpenLux runs as `openlux api` (the HTTP role alone, as deployed behind a load balancer), on SQLite
  by default, started after `openlux init` like an operator would;
- the call is a real signed LuxSci getUser (`signature=<auth>:<hmac>` cookie) on a user-scope
  integration WITH rate limits, so limit counting is on the measured path;
- both servers stay up, and wrk (Debian package `wrk`) drives them alternately, round after round
  (A B, B A, …), so machine load hits both alike; each run counts only 2xx responses;
- the result is the median of the rounds with its spread (min–max), figure and baseline side by side.
Target (issue 11): signed getUser ≥ 50% of the bare endpoint.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openlux.auth import signing  # noqa: E402
from openlux.client import Client  # noqa: E402
from tests.support.server import free_port, openlux_bin  # noqa: E402

HELLO_APP = textwrap.dedent("""
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def hello(request):
        return JSONResponse({"success": 1, "data": {"hello": "world"}})

    app = Starlette(routes=[Route("/hello", hello)])
""")


def ensure_wrk() -> str:
    """Path of wrk, installing Debian's package when possible."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is needed: apt-get install wrk")
    return found


def run_wrk(wrk: str, url: str, seconds: int, connections: int, headers: dict[str, str]) -> float:
    """2xx responses per second that wrk measured (one thread per core)."""
    args = [wrk, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    for key, value in headers.items():
        args += ["-H", f"{key}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    found = re.search(r"(\d+) requests in ([\d.]+)(m?s)", out)
    if not found:
        sys.exit(f"wrk said nothing usable:\n{out}")
    total, duration = int(found.group(1)), float(found.group(2)) / (1000 if found.group(3) == "ms" else 1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    bad = int(non2xx.group(1)) if non2xx else 0
    if bad:
        print(f"  warning: {bad} of {total} responses from {url} were not 2xx (not counted)", file=sys.stderr)
    return (total - bad) / duration


def wait_http(port: int, path: str, proc: subprocess.Popen) -> None:
    import http.client

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"the server on port {port} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing answered on port {port}")


def start_bare(tmp: Path) -> tuple[subprocess.Popen, int]:
    (tmp / "hello_app.py").write_text(HELLO_APP)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "hello_app:app", "--port", str(port),
                             "--log-level", "warning", "--no-access-log"], cwd=tmp)
    wait_http(port, "/hello", proc)
    return proc, port


def start_openlux_api(tmp: Path, database_url: str, workers: int) -> tuple[subprocess.Popen, int, dict]:
    """`openlux init`, a rate-limited user-scope integration, then `openlux api`."""
    port = free_port()
    env = dict(os.environ, OPENLUX_DATA_DIR=str(tmp / "data"), OPENLUX_DATABASE_URL=database_url,
               OPENLUX_HTTP_HOST="127.0.0.1", OPENLUX_HTTP_PORT=str(port))
    init = subprocess.run([openlux_bin(), "init", "--json", "--password", "Correct-Horse-2024"], env=env,
                          capture_output=True, text=True, check=True)
    creds = json.loads(init.stdout.strip().splitlines()[-1])
    made = subprocess.run([openlux_bin(), "integration", "create", "bench-limited", "--scope", "user",
                           "--per-minute", "100000000", "--per-day", "1000000000"], env=env,
                          capture_output=True, text=True, check=True).stdout
    limited = json.loads(made[made.index("{"):])
    proc = subprocess.Popen([openlux_bin(), "api", "--workers", str(workers)], env=env,
                            stdout=subprocess.DEVNULL, start_new_session=True)
    wait_http(port, "/perl/api/v2/openapi.json", proc)
    return proc, port, {"user": creds["user"], "password": creds["password"], "token": limited["token"],
                        "secret": limited["secret"]}


def signed_cookie(port: int, creds: dict) -> tuple[str, str]:
    """(path, cookie) of a signed getUser; one signature serves the whole run (GET, no body)."""
    with Client(f"http://127.0.0.1:{port}", creds["token"], creds["secret"], user=creds["user"],
                password=creds["password"]) as client:
        code = client.authenticate()
        client.get_user()  # proves the signature works
    path = f"/perl/api/v2/user/{creds['user']}/profile"
    mac = signing.sign_request(creds["secret"], code, "GET", path, "", b"")
    return path, f"signature={code}:{mac}"


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} req/s (min {min(values):,.0f}, max {max(values):,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="openlux api --workers")
    parser.add_argument("--database-url", default=None, help="default: SQLite in a temporary directory")
    args = parser.parse_args()
    wrk = ensure_wrk()
    tmp = Path(tempfile.mkdtemp(prefix="bench-api-"))
    procs: list[subprocess.Popen] = []
    try:
        bare_proc, bare_port = start_bare(tmp)
        procs.append(bare_proc)
        url = args.database_url or f"sqlite+aiosqlite:///{tmp}/openlux.db"
        api_proc, api_port, creds = start_openlux_api(tmp, url, args.workers)
        procs.append(api_proc)
        path, cookie = signed_cookie(api_port, creds)
        bare_url, signed_url = f"http://127.0.0.1:{bare_port}/hello", f"http://127.0.0.1:{api_port}{path}"
        run_wrk(wrk, bare_url, 1, args.connections, {})  # warm both up
        run_wrk(wrk, signed_url, 1, args.connections, {"Cookie": cookie})
        bare, signed, ratios = [], [], []
        for round_no in range(args.rounds):
            order = ("bare", "signed") if round_no % 2 == 0 else ("signed", "bare")
            got = {}
            for which in order:
                got[which] = (run_wrk(wrk, bare_url, args.seconds, args.connections, {}) if which == "bare" else
                              run_wrk(wrk, signed_url, args.seconds, args.connections, {"Cookie": cookie}))
            bare.append(got["bare"])
            signed.append(got["signed"])
            ratios.append(got["signed"] / got["bare"])
            print(f"  round {round_no + 1}: signed getUser {got['signed']:,.0f} | bare {got['bare']:,.0f} | "
                  f"ratio {ratios[-1]:.0%}", file=sys.stderr)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)
    ratio = statistics.median(ratios)
    verdict = "meets" if ratio >= 0.5 else "below"
    print(json.dumps({"bare_rps_median": round(statistics.median(bare), 1),
                      "signed_get_user_rps_median": round(statistics.median(signed), 1),
                      "ratio_median": round(ratio, 3), "ratio_min": round(min(ratios), 3),
                      "ratio_max": round(max(ratios), 3), "rounds": args.rounds, "workers": args.workers}))
    print(f"signed getUser (openlux api, rate-limited integration): {spread(signed)} | "
          f"bare Starlette baseline: {spread(bare)} | ratio median {ratio:.0%} "
          f"(min {min(ratios):.0%}, max {max(ratios):.0%}; {verdict} the 50% target)")


if __name__ == "__main__":
    main()
