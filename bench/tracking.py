#!/usr/bin/env python3
"""Open pixel and click redirect requests/s against bare Starlette endpoints answering the same bytes.

    .venv/bin/python bench/tracking.py [--seconds 10] [--connections 32]

A tracked message is queued through sendEmail on `openlux serve` (SQLite, capture mode), then the
HTTP process alone is measured as `openlux api` runs it; the pixel and click tokens are made with
the server's key for that message's real queue and recipient ids, so every request verifies a token, classifies the agent and records an
event that the flusher writes (one INSERT per batch). The baseline is one uvicorn process with two
bare Starlette routes: the same GIF, and a 302 to the same URL. Both are driven by wrk with the
same connection count and duration. Target (issue 10): ≥ 50% of bare. The last lines print each
figure with its baseline side by side.
"""

from __future__ import annotations

import argparse
import base64
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.api_rps import _wait_http, ensure_wrk, run_wrk  # noqa: E402
from openlux.client import Client  # noqa: E402
from openlux.core.crypto import derive_key  # noqa: E402
from openlux.tracking.tokens import LinkToken, TokenKind, make_link  # noqa: E402
from tests.support.dbquery import fetch_all  # noqa: E402
from tests.support.server import free_port, openlux_bin, start_server  # noqa: E402

TARGET = "https://example.org/landing?campaign=bench"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
BARE_APP = textwrap.dedent(f"""
    import base64
    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
    NO_STORE = {{"Cache-Control": "no-store, no-cache, must-revalidate, private", "Pragma": "no-cache"}}

    async def pixel(request):
        return Response(GIF, media_type="image/gif", headers=NO_STORE)

    async def click(request):
        return Response(status_code=302, headers={{"Location": "{TARGET}", **NO_STORE}})

    app = Starlette(routes=[Route("/o/{{token}}", pixel), Route("/c/{{token}}", click)])
""")


def bench_bare(wrk: str, seconds: int, connections: int) -> tuple[float, float]:
    """(pixel, redirect) requests/s of the bare endpoints."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-bare-tracking-"))
    (tmp / "bare_app.py").write_text(BARE_APP)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "bare_app:app", "--port", str(port),
                             "--log-level", "warning", "--no-access-log"], cwd=tmp)
    try:
        _wait_http(port, "/o/x")
        base = f"http://127.0.0.1:{port}"
        headers = {"User-Agent": BROWSER}
        return (run_wrk(wrk, f"{base}/o/token", seconds, connections, headers),
                run_wrk(wrk, f"{base}/c/token", seconds, connections, headers))
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def bench_openlux(wrk: str, seconds: int, connections: int) -> tuple[float, float, int]:
    """(pixel, redirect) requests/s of OpenLux, and how many events it had written shortly after."""
    tmp = Path(tempfile.mkdtemp(prefix="bench-openlux-tracking-"))
    url = f"sqlite+aiosqlite:///{tmp}/openlux.db"
    server = start_server(tmp / "data", url, extra_env={"OPENLUX_TRACKING_SCANNER_SECONDS": "0"})
    try:
        c = server.credentials
        with Client(server.base_url, c["user_token"], c["user_secret"], user=c["user"],
                    password=c["password"]) as api:
            [sent] = api.send_email(messages=[{"to": ["reader@example.org"], "subject": "Bench",
                                               "html": f'<a href="{TARGET}">x</a>', "track_opens": 1,
                                               "track_clicks": 1}])
        [row] = fetch_all(url, f"select id from outbound_recipient where message_id = {sent['id']}")
        key = derive_key(base64.b64decode((tmp / "data" / "master.key").read_text().strip()),
                         b"openlux tracking links v1")
        now = int(time.time())
        pixel = make_link(key, LinkToken(TokenKind.OPEN, sent["id"], row["id"], 0, now))
        click = make_link(key, LinkToken(TokenKind.CLICK, sent["id"], row["id"], 1, now, TARGET))
        server.stop()
        # The HTTP process alone, as `openlux api` runs it behind a load balancer (the background roles
        # of `serve` would share its core with the requests being measured).
        api = subprocess.Popen([openlux_bin(), "api"], env=server.env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.STDOUT, start_new_session=True)
        try:
            _wait_http(server.port, f"/t/o/{pixel}")
            headers = {"User-Agent": BROWSER}
            pixel_rps = run_wrk(wrk, f"{server.base_url}/t/o/{pixel}", seconds, connections, headers)
            click_rps = run_wrk(wrk, f"{server.base_url}/t/c/{click}", seconds, connections, headers)
            time.sleep(2)
        finally:
            api.terminate()
            api.wait()
        [count] = fetch_all(url, "select count(*) as n from tracking_event")
        return pixel_rps, click_rps, int(count["n"])
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    wrk = ensure_wrk()
    bare_pixel, bare_click = bench_bare(wrk, args.seconds, args.connections)
    pixel, click, recorded = bench_openlux(wrk, args.seconds, args.connections)
    print(json.dumps({"bare_pixel_rps": round(bare_pixel, 1), "pixel_rps": round(pixel, 1),
                      "bare_redirect_rps": round(bare_click, 1), "redirect_rps": round(click, 1),
                      "events_recorded": recorded}))
    for name, figure, bare in (("open pixel", pixel, bare_pixel), ("click redirect", click, bare_click)):
        ratio = figure / bare if bare else 0.0
        print(f"{name}: {figure:.0f} req/s | bare Starlette baseline: {bare:.0f} req/s | ratio {ratio:.0%} "
              f"({'meets' if ratio >= 0.5 else 'below'} the 50% target)")


if __name__ == "__main__":
    main()
