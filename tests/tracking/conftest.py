"""Engagement fixtures: a relay-mode server per backend with a sink, a DKIM key, and an HTTPS webhook receiver."""

from __future__ import annotations

import json
import ssl
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from openlux.client import Client
from tests.support import pki
from tests.support.cli import run_cli
from tests.support.https_server import TlsThreadingHTTPServer
from tests.support.server import RunningServer, served
from tests.support.smtp_sinks import Sink

# The webhook receiver listens on 127.0.0.2, the one loopback address the server's outbound guard is
# told to allow (OPENLUX_OUTBOUND_ALLOWED_NETWORKS): localhost, 127.0.0.1 and 127.1 stay refused.
HOOK_ADDRESS = "127.0.0.2"
SCANNER_SECONDS = 1.0  # events sooner than this after delivery are automated (OPENLUX_TRACKING_SCANNER_SECONDS)


@dataclass
class Receiver:
    """A loopback HTTPS server that records every POST (headers, body)."""

    server: ThreadingHTTPServer
    posts: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"https://{HOOK_ADDRESS}:{self.server.server_address[1]}/hooks/openlux"


def start_receiver(cert: Path, key: Path, *, redirect_to: str | None = None) -> Receiver:
    """Records POSTs and answers 204, or 302 to `redirect_to` when given (a receiver trying to bounce us on)."""
    holder: list[Receiver] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            holder[0].posts.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(302 if redirect_to else 204)
            if redirect_to:
                self.send_header("Location", redirect_to)
                self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = TlsThreadingHTTPServer((HOOK_ADDRESS, 0), Handler, context)
    receiver = Receiver(server)
    holder.append(receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver


@dataclass
class World:
    server: RunningServer
    sink: Sink
    receiver: Receiver
    webhook_secret: str

    @property
    def inbound_port(self) -> int:
        return int(self.server.env["OPENLUX_INBOUND_PORT"])

    def user_api(self) -> Client:
        c = self.server.credentials
        return Client(self.server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"])

    def account_api(self) -> Client:
        c = self.server.credentials
        return Client(
            self.server.base_url, c["account_token"], c["account_secret"], account=c["account"], user=c["user"]
        )

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return run_cli(self.server, *args, check=False)


@pytest.fixture(scope="session")
def world(backend: str) -> Iterator[World]:
    with tempfile.TemporaryDirectory(prefix="openlux-hook-") as hook_dir:
        # names every 127.0.0.x; the chain doubles as CA bundle
        cert, key = pki.issue(Path(hook_dir), ["hooks.test"])
        receiver = start_receiver(cert, key)
        env = {
            "OPENLUX_HOSTNAME": "mx.openlux.test",
            "OPENLUX_TRACKING_SCANNER_SECONDS": str(SCANNER_SECONDS),
            "OPENLUX_OUTBOUND_ALLOWED_NETWORKS": f"{HOOK_ADDRESS}/32",
            "OPENLUX_WEBHOOK_CA_FILE": str(cert),
        }
        try:
            with served(backend, sink="plain", extra_env=env) as served_world:
                server, sink = served_world.server, served_world.sink
                assert sink is not None
                with server.account_api() as api:
                    api.create_dkim(domain=server.credentials["user"].rsplit("@", 1)[1], key_size="1024")
                added = run_cli(server, "webhook", "add", receiver.url, "--json")
                yield World(server, sink, receiver, json.loads(added.stdout)["secret"])
        finally:
            receiver.server.shutdown()
