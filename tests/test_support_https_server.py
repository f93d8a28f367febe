"""The suite's loopback HTTPS server stops even while a client that never finished its handshake is connected."""

from __future__ import annotations

import http.server
import socket
import ssl
import threading
import time
from pathlib import Path

from tests.support import pki
from tests.support.https_server import TlsThreadingHTTPServer


def test_shutdown_returns_while_a_silent_client_is_connected(tmp_path: Path) -> None:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*pki.issue(tmp_path, ["localhost"]))
    server = TlsThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler, context)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    silent = socket.create_connection(server.server_address)  # connects, never sends a ClientHello
    try:
        # Give the serving thread time to accept it (serve_forever checks for shutdown before accepting).
        time.sleep(0.5)
        stopping = threading.Thread(target=server.shutdown, daemon=True)
        stopping.start()
        stopping.join(timeout=5)
        # With the listening socket wrapped, accept() sat in this client's handshake on the serving
        # thread and shutdown() never returned.
        assert not stopping.is_alive()
    finally:
        silent.close()
        server.server_close()
