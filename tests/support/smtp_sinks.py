"""Real SMTP servers on loopback for delivery tests (aiosmtpd Controllers, each in its own thread).

    with smtp_sink("plain") as sink: ...          # records every message
    with smtp_sink("starttls", tmp_path) as sink  # offers STARTTLS (self-signed certificate)
    with smtp_sink("refuse_starttls") as sink     # advertises STARTTLS, answers 454 to it
    with smtp_sink("tempfail", failures=2)        # 451 for the first 2 DATA attempts, then accepts
    with smtp_sink("reject")                      # 550 for every recipient
    with smtp_sink("plain", delay=5)              # answers DATA only after 5 s
    with smtp_sink("auth")                        # STARTTLS, then AUTH as AUTH_LOGIN/AUTH_PASSWORD required
    with smtp_sink("implicit_tls")                # TLS from the first byte (port 465 style)
    closed_port()                                  # a port where nothing listens

`host` may be any 127.0.0.0/8 address, so several sinks can share one port (MX tests give each
sink its own address and point OPENLUX_MX_PORT at that port).
"""

from __future__ import annotations

import asyncio
import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from openlux.mail.certs import server_context
from tests.support import pki
from tests.support.polling import wait_until

KINDS = ("plain", "starttls", "refuse_starttls", "tempfail", "reject", "auth", "implicit_tls")
AUTH_LOGIN, AUTH_PASSWORD = "relayuser", "relay-secret"  # what the `auth` sink accepts


@dataclass
class Received:
    """One message as the sink saw it."""

    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    tls_version: str | None
    cipher: str | None
    peer: Any
    at: float = field(default_factory=time.time)


class RecordingHandler:
    """Accepts (or refuses, by kind) and records messages."""

    def __init__(self, kind: str, failures: int, delay: float = 0.0) -> None:
        self.kind = kind
        self.delay = delay
        self.failures_left = failures
        self.messages: list[Received] = []
        self.attempts = 0
        self.lock = threading.Lock()

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if self.kind == "reject":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        with self.lock:
            self.attempts += 1
        if self.delay:
            await asyncio.sleep(self.delay)  # a slow server: lets a test kill the client mid-DATA
        with self.lock:
            if self.failures_left > 0:
                self.failures_left -= 1
                return "451 4.3.0 Temporary failure, try again later"
        version = cipher = None
        transport = getattr(server, "transport", None)
        ssl_obj = transport.get_extra_info("ssl_object") if transport is not None else None
        if ssl_obj is not None:
            version, cipher = ssl_obj.version(), ssl_obj.cipher()[0]
        data = envelope.original_content or envelope.content or b""
        if isinstance(data, str):
            data = data.encode()
        with self.lock:
            self.messages.append(
                Received(envelope.mail_from or "", list(envelope.rcpt_tos), bytes(data), version, cipher, session.peer)
            )
        return "250 2.0.0 OK queued"


class _RefuseStartTLS(SMTP):
    """Advertises STARTTLS (it has a TLS context) but answers 454, like a broken MTA."""

    async def smtp_STARTTLS(self, arg: str) -> None:
        await self.push("454 4.7.0 TLS not available due to temporary reason")


class _Controller(Controller):
    def __init__(self, handler: Any, smtp_class: type[SMTP], **kwargs: Any) -> None:
        self._smtp_class = smtp_class
        self._smtp_kwargs = {
            k: kwargs.pop(k)
            for k in ("tls_context", "require_starttls", "authenticator", "auth_required")
            if k in kwargs
        }
        super().__init__(handler, **kwargs)

    def factory(self) -> SMTP:
        return self._smtp_class(
            self.handler,
            hostname="sink.test",
            data_size_limit=None,
            enable_SMTPUTF8=True,
            decode_data=False,
            **self._smtp_kwargs,
        )


@dataclass
class Sink:
    """A running sink: where it listens and what it got."""

    kind: str
    host: str
    port: int
    handler: RecordingHandler
    controller: _Controller

    @property
    def messages(self) -> list[Received]:
        return self.handler.messages

    @property
    def address(self) -> str:
        """host:port (the OPENLUX_RELAYS form)."""
        return f"{self.host}:{self.port}"

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        """Block until `count` messages arrived (or raise with what did)."""
        wait_until(
            lambda: len(self.messages) >= count,
            timeout=timeout,
            what=f"{count} messages at the {self.kind} sink (got {len(self.messages)})",
        )
        return self.messages

    def stop(self) -> None:
        self.controller.stop()


def _ports_of_this_worker() -> Iterator[int]:
    """Ports below the kernel's ephemeral range, in a block of their own per pytest-xdist worker.

    A port the kernel hands out for bind(0) comes from the ephemeral range, as do the source ports
    of outgoing connections: between free_port() returning it and a server binding it, another
    worker's free_port() or any client's connect() could take it ("address already in use" at start).
    Nothing else allocates below that range, and the workers' blocks do not overlap.
    """
    try:
        ephemeral_low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        ephemeral_low = 32768
    first, workers = 10000, 8
    block = max(100, (ephemeral_low - first) // workers)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    start = first + (int(worker) % workers if worker.isdigit() else 0) * block
    while True:
        yield from range(start, start + block)


_PORTS = _ports_of_this_worker()
_PORTS_LOCK = threading.Lock()


def free_port(host: str = "127.0.0.1") -> int:
    """An unused TCP port on `host`, from this worker's own block (_ports_of_this_worker)."""
    with _PORTS_LOCK:
        for port in _PORTS:
            with socket.socket() as sock:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as every listener binds it
                try:
                    sock.bind((host, port))
                except OSError:
                    continue  # something listens there (or a connection still holds it): the next one
                return port
    raise AssertionError("unreachable: the port cycle never ends")


def closed_port() -> int:
    """A loopback port where nothing listens (connections are refused)."""
    return free_port()


def tls_files(directory: Path | None = None, hostname: str = "sink.test") -> tuple[Path, Path]:
    """A certificate for `hostname` and every 127.0.0.x, issued by the test CA (tests/support/pki.py);
    the file holds the chain, so it also works as a CA bundle for clients."""
    directory = Path(directory or tempfile.mkdtemp(prefix="openlux-tls-"))
    cert, key = directory / f"{hostname}.crt", directory / f"{hostname}.key"
    if not cert.exists():
        cert, key = pki.issue(directory, [hostname])
    return cert, key


def start_sink(
    kind: str = "plain",
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    failures: int = 1,
    tls_dir: Path | None = None,
    delay: float = 0.0,
    cert: tuple[Path, Path] | None = None,
) -> Sink:
    """Start a sink of `kind` (see KINDS); `failures` is for `tempfail`; `delay` seconds before each DATA reply;
    `cert` (certificate file, key file) replaces the test-CA certificate of TLS kinds."""
    assert kind in KINDS, kind
    handler = RecordingHandler(kind, failures if kind == "tempfail" else 0, delay)
    kwargs: dict[str, Any] = {}
    smtp_class: type[SMTP] = SMTP
    if kind == "auth":
        kwargs.update(authenticator=_check_login, auth_required=True)
    if kind == "implicit_tls":
        kwargs["ssl_context"] = server_context(*(cert or tls_files(tls_dir)))
    if kind in ("starttls", "refuse_starttls", "auth"):
        kwargs["tls_context"] = server_context(*(cert or tls_files(tls_dir)))
        kwargs["require_starttls"] = False
        if kind == "refuse_starttls":
            smtp_class = _RefuseStartTLS
    controller = _Controller(handler, smtp_class, hostname=host, port=port or free_port(host), **kwargs)
    controller.start()
    return Sink(kind, host, controller.port, handler, controller)


def _check_login(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == AUTH_LOGIN.encode()
        and auth_data.password == AUTH_PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd sends the 235/535 itself


@contextmanager
def smtp_sink(kind: str = "plain", **kwargs: Any) -> Iterator[Sink]:
    """A sink for the duration of a `with` block."""
    sink = start_sink(kind, **kwargs)
    try:
        yield sink
    finally:
        sink.stop()
