"""Loopback HTTPS servers for tests: TLS per connection, in the connection's own thread.

Wrapping the listening socket instead (`server.socket = context.wrap_socket(...)`) makes accept()
do the TLS handshake on the thread that runs serve_forever. A client that connects and goes silent
(an in-process OpenLux stopped in the middle of a webhook POST) then holds that thread in accept()
forever, serve_forever never sees shutdown(), and the fixture's teardown hung for pytest-timeout's
300 s (tests/tracking/conftest.py in CI).
"""

from __future__ import annotations

import http.server
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
            # As the base class ends a plain connection (half-close, then close): a bare close() with the
            # client's bytes unread resets the connection, and the client lost the reply it was reading.
            # wrap_socket detached `request`, so the base class's own shutdown_request of it is a no-op.
            self.shutdown_request(tls)
