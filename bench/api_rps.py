#!/usr/bin/env python3
"""Signed getUser requests/s on `openlux api` beside a bare Starlette "hello", same load generator.

    .venv/bin/python bench/api_rps.py [--rounds 5] [--seconds 5] [--warm-up 1] [--connections 16] [--workers 1]
                                      [--backend sqlite|postgresql]

- OpenLux runs as `openlux api --workers N` (the HTTP role alone, as deployed behind a load
  balancer), after `openlux init`, on a fresh SQLite (default) or PostgreSQL database;
- two integrations are measured: one WITH rate limits (`openlux integration create --per-minute
  100000000 --per-day 1000000000`: limit counting is on the path, limits never reached) and one
  without (0 = unlimited, as `openlux init` makes them);
- the call is a real signed LuxSci getUser (`signature=<auth>:<hmac>` cookie), replayed by wrk;
- every server stays up and wrk drives the three commands alternately, the order rotating each
  round, so load on the machine falls on all alike; only 2xx answers count;
- each figure is the median of the rounds with its min–max, beside the bare endpoint of the same round.
Goal (issue 11): signed getUser ≥ 50% of the bare endpoint.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (
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
    signed_get,
)

GET_USER = "/perl/api/v2/user/{user}/profile"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    add_wrk_arguments(parser, connections=16)
    parser.add_argument("--workers", type=int, default=1, help="openlux api --workers")
    parser.add_argument("--backend", default="sqlite", choices=("sqlite", "postgresql"))
    args = parser.parse_args()
    tmp = scratch("api")
    with database(args.backend, tmp) as url, bare_server() as bare_port:
        olx = OpenLux.init(tmp / "data", url)
        try:
            limited = olx.integration("bench-limited", per_minute=100_000_000, per_day=1_000_000_000)
            _proc, port = olx.start("api", "--workers", str(args.workers))
            c = olx.credentials
            unlimited_path, unlimited_cookie = signed_get(port, c["user_token"], c["user_secret"], c, GET_USER)
            limited_path, limited_cookie = signed_get(port, limited["token"], limited["secret"], c, GET_USER)
            base = f"http://127.0.0.1:{port}"

            load = round_load(args)

            def bare() -> float:
                return load(f"http://127.0.0.1:{bare_port}/hello")

            def signed_limited() -> float:
                return load(base + limited_path, {"Cookie": limited_cookie})

            def signed_unlimited() -> float:
                return load(base + unlimited_path, {"Cookie": unlimited_cookie})

            if args.warm_up:  # imports and first-call costs out of the rounds
                run_wrk(f"http://127.0.0.1:{bare_port}/hello", args.warm_up, 2)
                run_wrk(base + limited_path, args.warm_up, 2, {"Cookie": limited_cookie})
            got = alternate(args.rounds, {"bare": bare, "signed, rate-limited": signed_limited,
                                          "signed, unlimited": signed_unlimited})
        finally:
            olx.stop_all()
    where = f"`openlux api --workers {args.workers}`, {args.backend}"
    rows = [
        Row(f"signed getUser, rate-limited integration ({where})", got["signed, rate-limited"], "req/s",
            'bare Starlette "hello" (uvicorn, 1 process)', got["bare"], goal="≥ 50%"),
        Row(f"signed getUser, unlimited integration ({where})", got["signed, unlimited"], "req/s",
            'bare Starlette "hello" (uvicorn, 1 process)', got["bare"], goal="≥ 50%"),
    ]
    report("api_rps", "Signed calls: getUser vs bare Starlette", rows, rounds=args.rounds,
           notes=[f"wrk, {args.connections} connections, {args.seconds:g} s per command per round"])


if __name__ == "__main__":
    main()
