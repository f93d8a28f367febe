"""Loopback HTTPS servers for tests: TLS per connection, in the connection's own thread.

Wrapping the listening socket instead (`server.socket = context.wrap_socket(...)`) makes accept()
do the TLS handshake on the thread that runs serve_forever. A client that connects and goes silent
(an in-process OpenLux stopped in the middle of a webhook POST) then holds that thread in accept()
forever, serve_forever never sees shutdown(), and the fixture's teardown hung for pytest-timeout's
300 s (tests/tracking/conftest.py in CI).
"""

from __future__ import annotations

import http.server
import socket
import ssl
from typing import Any

HANDSHAKE_SECONDS = 10.0


class TlsThreadingHTTPServer(http.server.ThreadingHTTPServer):
    """ThreadingHTTPServer whose connections are TLS (`context`), each handshaken in its own thread."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: Any, context: ssl.SSLContext) -> None:
        super().__init__(address, handler)
        self.context = context

    def finish_request(self, request: Any, client_address: Any) -> None:
        request.settimeout(HANDSHAKE_SECONDS)
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except OSError:  # a client that refused our certificate, or never finished the handshake
            return
        try:
            super().finish_request(tls, client_address)
        finally:
            tls.close()

    def shutdown_request(self, request: Any) -> None:
        if isinstance(request, socket.socket) and request.fileno() == -1:
            return  # detached by wrap_socket: the TLS socket was closed above
        super().shutdown_request(request)
