"""Listening sockets and the failures that stop a process: bound before "ready", one clear line when not.

A role that cannot go on raises RoleCannotContinue; the role runner (openlux.runner) stops the
process with exit status 1 and prints the message, which names what failed and the setting to
change. Any other exception in a role is logged and the role restarted after a back-off.
"""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Callable
from typing import Any

from openlux.core.context import AppContext


class RoleCannotContinue(Exception):
    """A role failed in a way retrying cannot fix (port taken, no permission); the process must exit."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def bind_failure(what: str, host: str, port: int, setting: str, exc: OSError) -> RoleCannotContinue:
    """The one-line error for a listener that could not bind."""
    reason = os.strerror(exc.errno) if exc.errno else str(exc) or type(exc).__name__
    return RoleCannotContinue(
        f"cannot listen on {host}:{port} for {what} ({reason.lower()}); set {setting} to a free port"
    )


def bind_tcp(what: str, host: str, port: int, setting: str) -> socket.socket:
    """A listening TCP socket on host:port, or RoleCannotContinue naming the port and the setting."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not socket.create_server's protocol 0: accepted sockets inherit the listener's
    # protocol, and asyncio turns Nagle off (TCP_NODELAY) only on sockets whose protocol says TCP.
    # With Nagle on, a response written as headers then body waits for the client's delayed ACK
    # (40 ms on Linux) on every request served by asyncio's own loop (uvloop sets it regardless).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        if os.name == "posix":  # rebinding a port left in TIME_WAIT, as create_server does
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise bind_failure(what, host, port, setting, exc) from None
    return sock


async def listen(
    ctx: AppContext, *, name: str, what: str, factory: Callable[[], Any], host: str, port: int, setting: str
) -> asyncio.Server:
    """Serve `factory` on host:port and mark listener `name` as bound (the runner waits for it)."""
    sock = bind_tcp(what, host, port, setting)
    server = await asyncio.get_running_loop().create_server(factory, sock=sock)
    ctx.bound_listeners.add(name)
    return server
