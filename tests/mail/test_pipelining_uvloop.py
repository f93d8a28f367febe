"""SMTP PIPELINING on the event loop `openlux worker` really runs (uvloop, openlux.cli.run_loop).

The suite's tests run on asyncio's own loop. uvloop's transports implement asyncio's Transport
interface without subclassing it, and an isinstance check once turned pipelining off in every
`openlux` process while the tests on asyncio's loop stayed green. These tests open the connection
on the production loop, over plain SMTP and over implicit TLS (the benchmark's relay), against the
scripted server of test_pipelining, and check what went over the wire.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from openlux.cli import run_loop
from openlux.mail.certs import server_context
from openlux.mail.smtp_client import NEVER, Destination, Pool, transact
from tests.mail.test_pipelining import BODY, Script, _serve
from tests.support.smtp_sinks import tls_files

uvloop = pytest.importorskip("uvloop")


@contextlib.asynccontextmanager
async def scripted_server(script: Script, *, tls_dir: Path | None) -> AsyncIterator[Destination]:
    """The scripted PIPELINING server, with implicit TLS when `tls_dir` is given."""
    context = server_context(*tls_files(tls_dir)) if tls_dir is not None else None
    server = await asyncio.start_server(lambda r, w: _serve(script, r, w), "127.0.0.1", 0, ssl=context)
    port = server.sockets[0].getsockname()[1]
    try:
        yield Destination("127.0.0.1", port, NEVER, implicit_tls=tls_dir is not None)
    finally:
        server.close()


async def three_messages(script: Script, tls_dir: Path | None) -> tuple[str, bool, list[int]]:
    """Send three messages over one pooled connection; (loop class, pipelined, reply codes)."""
    codes = []
    pipelined = True
    async with scripted_server(script, tls_dir=tls_dir) as dest:
        pool = Pool(
            per_destination=1, per_connection=100, rate=0, local_hostname="client.test", timeout=5, verify=False
        )
        for i in range(3):
            async with pool.connection(dest) as conn:
                pipelined &= conn.pipe is not None
                replies = await transact(conn, f"s{i}@example.com", ["a@example.org"], BODY)
                codes += [r.code or 0 for r in replies]
        await pool.close()
    return type(asyncio.get_running_loop()).__module__, pipelined, codes


@pytest.mark.parametrize("tls", [False, True], ids=["plain", "implicit-tls"])
def test_the_production_loop_pipelines(tls: bool, tmp_path: Path) -> None:
    script = Script()
    loop_module, pipelined, codes = run_loop(three_messages(script, tmp_path if tls else None))
    assert loop_module.startswith("uvloop")  # the loop `openlux worker` runs on
    assert pipelined and codes == [250, 250, 250]
    envelopes = [c for c in script.chunks if c.startswith(b"MAIL FROM:")]
    assert len(envelopes) == 3 and all(c.endswith(b"DATA\r\n") and b"RCPT TO:" in c for c in envelopes)
    assert [m[0] for m in script.messages] == ["s0@example.com", "s1@example.com", "s2@example.com"]
    assert all(m[2] == BODY for m in script.messages)
    assert script.connections == 1
