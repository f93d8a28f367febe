"""Fixtures of the content tests: a second user of the same account, and raw signed requests."""

from __future__ import annotations

import http.client
import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from openlux.client import Client, _core
from tests.support.server import RunningServer

PASSWORD = "Another-Horse-2024"


def unique(prefix: str) -> str:
    """A name no other test of the session uses (the server is shared)."""
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def other_api(server: RunningServer, account_api: Client) -> Iterator[Client]:
    """SDK client signed in as a second user of the same account."""
    domain = server.credentials["user"].split("@", 1)[1]
    login = f"{unique('colleague')}@{domain}"
    account_api.create_user(user=login, password=PASSWORD)
    creds = server.credentials
    with Client(server.base_url, creds["user_token"], creds["user_secret"], user=login, password=PASSWORD) as client:
        yield client


def raw_call(
    client: Client,
    method: str,
    path: str,
    *,
    query: str = "",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    signed_body: bytes | None = None,
) -> tuple[int, dict[str, Any]]:
    """Send a signed request with the path exactly as given (no client-side normalisation of `..`)."""
    request = _core.PreparedRequest(method, path, query, body, dict(headers or {}), signed_body=signed_body)
    _core.sign(request, client.auth_code or client.authenticate(), client.secret)
    host = client.base_url.split("://", 1)[1]
    conn = http.client.HTTPConnection(host, timeout=30)
    try:
        conn.request(method, request.target, body=body, headers=request.headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"{}")
    finally:
        conn.close()


def user_path(client: Client, rest: str) -> str:
    """`/perl/api/v2/user/<login>/<rest>`."""
    return f"/perl/api/v2/user/{client.user}/{rest}"
