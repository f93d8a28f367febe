"""Engagement fixtures: a relay-mode server per backend with a sink, a DKIM key, and an HTTPS webhook receiver."""

from __future__ import annotations

import json
import shutil
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
from tests.support.databases import database_url, drop_postgres_database
from tests.support.server import RunningServer, openlux_bin, start_server
from tests.support.smtp_sinks import Sink, start_sink

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

    server = ThreadingHTTPServer((HOOK_ADDRESS, 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
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
        return subprocess.run([openlux_bin(), *args], env=self.server.env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def world(backend: str) -> Iterator[World]:
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-engagement-{backend}-"))
    url = database_url(backend, str(tmp))
    cert, key = pki.issue(tmp / "hook-tls", ["hooks.test"])  # names every 127.0.0.x; the chain doubles as CA bundle
    receiver = start_receiver(cert, key)
    sink = start_sink("plain")
    server = start_server(
        tmp / "data",
        url,
        extra_env={
            "OPENLUX_DELIVERY_MODE": "relay",
            "OPENLUX_RELAYS": sink.address,
            "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
            "OPENLUX_HOSTNAME": "mx.openlux.test",
            "OPENLUX_TRACKING_SCANNER_SECONDS": str(SCANNER_SECONDS),
            "OPENLUX_OUTBOUND_ALLOWED_NETWORKS": f"{HOOK_ADDRESS}/32",
            "OPENLUX_WEBHOOK_CA_FILE": str(cert),
        },
    )
    try:
        c = server.credentials
        with Client(
            server.base_url, c["account_token"], c["account_secret"], account=c["account"], user=c["user"]
        ) as api:
            api.create_dkim(domain=c["user"].rsplit("@", 1)[1], key_size="1024")
        added = subprocess.run(
            [openlux_bin(), "webhook", "add", receiver.url, "--json"],
            env=server.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert added.returncode == 0, added.stderr
        yield World(server, sink, receiver, json.loads(added.stdout)["secret"])
    finally:
        server.stop()
        sink.stop()
        receiver.server.shutdown()
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)
