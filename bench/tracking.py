#!/usr/bin/env python3
"""Open pixel and click redirect requests/s on `openlux api` beside bare Starlette endpoints answering the same bytes.

    .venv/bin/python bench/tracking.py [--rounds 5] [--seconds 5] [--warm-up 1] [--connections 32] [--backend sqlite]

A tracked message (track_opens, track_clicks) is sent through sendEmail on `openlux serve` in
capture mode; its pixel and click URLs are read from the delivered MIME (`openlux outbox show`),
exactly as a recipient's mail client sees them. Then the HTTP role alone runs (`openlux api`, as
behind a load balancer) and wrk replays those URLs with a browser User-Agent: every request
verifies the signed token, classifies the agent and records an event (written by the batch
flusher). The baseline is bench/bare_app.py (one uvicorn process): the same GIF, and a 302 to the
same URL. The four commands alternate, the order rotating each round; medians with min–max.
Goal (issue 10): ≥ 50% of bare.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
    BROWSER,
    OpenLux,
    Row,
    add_wrk_arguments,
    alternate,
    bare_server,
    database,
    report,
    round_load,
    run_wrk,
    scratch,
    stop,
)

TARGET = "https://example.org/landing?campaign=bench"


def tracked_urls(olx: OpenLux) -> tuple[str, str]:
    """(pixel path, click path) of a tracked message sent through sendEmail and captured."""
    proc, port = olx.start("serve", tracking_scanner_seconds="0")
    try:
        with olx.client(port) as api:
            [sent] = api.send_email(messages=[{"to": ["reader@example.org"], "subject": "Bench",
                                               "html": f'<p>Hello</p><a href="{TARGET}">read more</a>',
                                               "track_opens": 1, "track_clicks": 1}])
        assert sent["status"] == "queued", sent
        deadline = time.monotonic() + 60
        while True:
            listing = olx.cli("outbox", "list")
            ids = re.findall(r"^\D*(\d+)", listing, re.MULTILINE)
            if ids or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        if not ids:
            raise SystemExit(f"no captured message:\n{listing}")
        mime = olx.cli("outbox", "show", ids[0]).encode()
    finally:
        stop(proc)
        olx.procs.remove(proc)
    message = email.message_from_bytes(mime, policy=email.policy.default)
    html = message.get_body(("html",)).get_content()
    pixel = re.search(r'https?://[^"\'\s>]+(/t/o/[^"\'\s>]+)', html)
    click = re.search(r'https?://[^"\'\s>]+(/t/c/[^"\'\s>]+)', html)
    if not (pixel and click):
        raise SystemExit(f"no tracking URLs in the captured HTML:\n{html[:2000]}")
    return pixel.group(1).replace("&amp;", "&"), click.group(1).replace("&amp;", "&")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    add_wrk_arguments(parser, connections=32)
    parser.add_argument("--backend", default="sqlite", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    tmp = scratch("tracking")
    headers = {"User-Agent": BROWSER}
    with database(args.backend, tmp) as url, bare_server() as bare_port:
        olx = OpenLux.init(tmp / "data", url)
        try:
            pixel_path, click_path = tracked_urls(olx)
            _proc, port = olx.start("api", tracking_scanner_seconds="0")
            ours, bare = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{bare_port}"
            load = round_load(args)
            commands = {
                "bare pixel": lambda: load(f"{bare}/o/token", headers),
                "pixel": lambda: load(ours + pixel_path, headers),
                "bare redirect": lambda: load(f"{bare}/c/token", headers),
                "redirect": lambda: load(ours + click_path, headers),
            }
            if args.warm_up:  # imports and first-call costs out of the rounds
                run_wrk(ours + pixel_path, args.warm_up, 2, headers)
            got = alternate(args.rounds, commands)
        finally:
            olx.stop_all()
    rows = [
        Row(f"open pixel (`openlux api`, {args.backend})", got["pixel"], "req/s",
            "bare Starlette GIF (uvicorn, 1 process)", got["bare pixel"], goal="≥ 50%"),
        Row(f"click redirect (`openlux api`, {args.backend})", got["redirect"], "req/s",
            "bare Starlette 302 (uvicorn, 1 process)", got["bare redirect"], goal="≥ 50%"),
    ]
    report("tracking", "Tracking: open pixel and click redirect vs bare Starlette", rows, rounds=args.rounds,
           notes=[f"wrk, {args.connections} connections, {args.seconds:g} s per command per round, browser "
                  "User-Agent; each OpenLux request verifies the token and records an event"])


if __name__ == "__main__":
    main()
