"""Outgoing SMTP connections share their TLS context (one per rule and CA file) instead of loading the
CA store on every connection, over real STARTTLS sockets; a CA file replaced in place still counts
from the next connection, as it did when every connection read it."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest

from openlux.mail.smtp_client import MUST, Destination, TlsUnavailable, client_tls_context, open_connection
from tests.support import pki
from tests.support.smtp_sinks import smtp_sink


def _destination(port: int) -> Destination:
    return Destination("127.0.0.1", port, starttls=MUST, name="sink.test", verify=True)


async def test_connections_with_one_rule_share_one_context(tmp_path: Path) -> None:
    cafile = tmp_path / "ca.pem"
    shutil.copyfile(pki.ca_file(), cafile)
    assert await client_tls_context(True, str(cafile)) is await client_tls_context(True, str(cafile))
    assert await client_tls_context(False, None) is await client_tls_context(False, None)
    assert await client_tls_context(True, None) is not await client_tls_context(False, None)
    with smtp_sink("starttls") as sink:
        for _ in range(2):
            conn = await open_connection(
                _destination(sink.port), local_hostname="client.test", timeout=5, verify=True, cafile=str(cafile)
            )
            assert conn.tls_version is not None
            assert conn.smtp.get_transport_info("sslcontext") is await client_tls_context(True, str(cafile))
            await conn.close()


async def test_connections_opened_at_once_build_one_context(tmp_path: Path) -> None:
    # A CA file no connection used yet: every one of them misses the cache at the same moment.
    cafile = tmp_path / "ca.pem"
    shutil.copyfile(pki.ca_file(), cafile)
    with smtp_sink("starttls") as sink:
        conns = await asyncio.gather(
            *(
                open_connection(
                    _destination(sink.port), local_hostname="client.test", timeout=5, verify=True, cafile=str(cafile)
                )
                for _ in range(8)
            )
        )
        try:
            contexts = {id(conn.smtp.get_transport_info("sslcontext")) for conn in conns}
            assert contexts == {id(await client_tls_context(True, str(cafile)))}
        finally:
            await asyncio.gather(*(conn.close() for conn in conns))


async def test_a_ca_file_replaced_in_place_counts_from_the_next_connection(tmp_path: Path) -> None:
    cafile = tmp_path / "ca.pem"
    shutil.copyfile(pki.ca_file(), cafile)
    with smtp_sink("starttls") as sink:
        conn = await open_connection(
            _destination(sink.port), local_hostname="client.test", timeout=5, verify=True, cafile=str(cafile)
        )
        await conn.close()
        # Another CA (one that never signed the sink's certificate) in the same file, one second later.
        other, _key = pki.self_signed(tmp_path / "other", ["other-ca.test"])
        shutil.copyfile(other, cafile)
        stat = cafile.stat()
        os.utime(cafile, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        with pytest.raises(TlsUnavailable, match=r"TLS negotiation with sink\.test"):
            await open_connection(
                _destination(sink.port), local_hostname="client.test", timeout=5, verify=True, cafile=str(cafile)
            )
