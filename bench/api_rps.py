#!/usr/bin/env python3
"""Signed getUser requests/s against a bare Starlette "hello" endpoint, same load generator, same machine.

    .venv/bin/python bench/api_rps.py [--seconds 10] [--connections 32]

Both servers run as one uvicorn process each (the same way `openlux api` runs), one at a time, and
are driven by wrk (Debian package `wrk`; installed on demand when running as root) with the same
connection count and duration. The OpenLux request is a real signed LuxSci call (cookie
`signature=<auth>:<hmac>`); a GET has no body, so one signature stays valid for the whole run.
Target (DESIGN.md §5): signed getUser ≥ 50% of the bare endpoint's requests/s. The last line
prints the figure and its baseline side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openlux.auth import signing  # noqa: E402
from openlux.client import Client  # noqa: E402
from tests.support.server import free_port, openlux_bin, start_server  # noqa: E402

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
    """Requests/s that wrk measured (2 threads: one per core)."""
    args = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for key, value in headers.items():
        args += ["-H", f"{key}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non2xx:
        sys.exit(f"{url}: {non2xx.group(1)} failed responses\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def bench_bare(wrk: str, seconds: int, connections: int) -> float:
    """Requests/s of the bare Starlette endpoint."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-hello-"))
    (tmp / "hello_app.py").write_text(HELLO_APP)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "hello_app:app", "--port", str(port),
                             "--log-level", "warning", "--no-access-log"], cwd=tmp)
    try:
        _wait_http(port, "/hello")
        return run_wrk(wrk, f"http://127.0.0.1:{port}/hello", seconds, connections, {})
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def bench_openlux(wrk: str, seconds: int, connections: int) -> float:
    """Requests/s of signed getUser on `openlux api` (SQLite, embedded default)."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-openlux-"))
    server = start_server(tmp / "data", f"sqlite+aiosqlite:///{tmp}/openlux.db", args=[])
    try:
        creds = server.credentials
        client = Client(server.base_url, creds["user_token"], creds["user_secret"], user=creds["user"],
                        password=creds["password"])
        code = client.authenticate()
        path = f"/perl/api/v2/user/{creds['user']}/profile"
        mac = signing.sign_request(creds["user_secret"], code, "GET", path, "", b"")
        client.get_user()  # warm up and prove the signature works
        client.close()
        return run_wrk(wrk, server.base_url + path, seconds, connections, {"Cookie": f"signature={code}:{mac}"})
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def _wait_http(port: int, path: str) -> None:
    import http.client

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"nothing answered on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    wrk = ensure_wrk()
    bare = bench_bare(wrk, args.seconds, args.connections)
    signed = bench_openlux(wrk, args.seconds, args.connections)
    ratio = signed / bare if bare else 0.0
    verdict = "meets" if ratio >= 0.5 else "below"
    print(json.dumps({"bare_rps": round(bare, 1), "signed_get_user_rps": round(signed, 1), "ratio": round(ratio, 3)}))
    print(f"signed getUser: {signed:.0f} req/s | bare Starlette baseline: {bare:.0f} req/s | "
          f"ratio {ratio:.0%} ({verdict} the 50% target)")


if __name__ == "__main__":
    main()
