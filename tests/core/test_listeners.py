"""Listening sockets (openlux.core.listeners.bind_tcp) on asyncio's own event loop.

uvloop turns Nagle's algorithm off on every TCP connection; asyncio's loop does so only when the
socket's protocol is IPPROTO_TCP, and accepted sockets inherit the listener's. A listener made with
protocol 0 (what socket.create_server does) left Nagle on: every response written as headers then
body waited for the client's delayed ACK, 40 ms per request on Linux, wherever uvloop is not used.
"""

from __future__ import annotations

import asyncio
import socket

import pytest

from openlux.core.listeners import RoleCannotContinue, bind_tcp


async def _nodelay_of_accepted_connection(host: str) -> int:
    accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    class Record(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    listener = bind_tcp("a test listener", host, 0, "OPENLUX_TEST_PORT")
    assert listener.proto == socket.IPPROTO_TCP
    server = await asyncio.get_running_loop().create_server(Record, sock=listener)
    port = listener.getsockname()[1]
    try:
        _reader, writer = await asyncio.open_connection(host, port)
        try:
            return await asyncio.wait_for(accepted, 10)
        finally:
            writer.close()
    finally:
        server.close()
        await server.wait_closed()


def test_connections_accepted_on_asyncios_loop_have_nagle_off() -> None:
    # asyncio.run: the stock loop whatever the suite's loop is, since uvloop would hide the bug.
    assert asyncio.run(_nodelay_of_accepted_connection("127.0.0.1")) != 0


def test_ipv6_listeners_too() -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    try:
        nodelay = asyncio.run(_nodelay_of_accepted_connection("::1"))
    except (RoleCannotContinue, OSError) as exc:
        pytest.skip(f"no IPv6 loopback here: {exc}")
    assert nodelay != 0


def test_a_taken_port_names_the_port_and_the_setting() -> None:
    taken = bind_tcp("the first listener", "127.0.0.1", 0, "OPENLUX_TEST_PORT")
    port = taken.getsockname()[1]
    try:
        with pytest.raises(RoleCannotContinue) as failure:
            bind_tcp("the HTTP API", "127.0.0.1", port, "OPENLUX_HTTP_PORT")
        assert failure.value.message == (
            f"cannot listen on 127.0.0.1:{port} for the HTTP API (address already in use); "
            "set OPENLUX_HTTP_PORT to a free port"
        )
    finally:
        taken.close()
