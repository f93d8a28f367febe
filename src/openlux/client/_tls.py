"""The TLS context the sync and async clients verify servers with, made once per process.

httpx builds a new SSLContext for every client it makes, loading certifi's bundle (or SSL_CERT_FILE /
SSL_CERT_DIR) again each time: about 20 ms of CPU per Client, most of what making one costs. The
context is only read once made, so every client of the process can share the one httpx would build.
Changes to SSL_CERT_FILE / SSL_CERT_DIR after the first client are not seen (as for any long-lived client).
"""

from __future__ import annotations

import ssl
from functools import cache

import httpx


@cache
def tls_context(verify: bool) -> ssl.SSLContext:
    """httpx's own context for `verify` (True: the trust store httpx would use; False: no verification)."""
    return httpx.create_ssl_context(verify=verify)
