"""Helpers for the WebAides end-to-end tests: unique names, status of a failing call, a second user."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from openlux.client import Client

SECOND_PASSWORD = "Second-User-Pass-1"


def unique(prefix: str = "w") -> str:
    """A unique name, because the session server is shared by every test."""
    return prefix + uuid.uuid4().hex[:10]


def new_webaide(api: Client, kind: str, **extra) -> dict:
    """Create a WebAide of the kind; returns the path parameters that address it."""
    made = api.new_web_aide(webaide_type=kind, name=unique(f"{kind} "), **extra)
    return {"webaide_type": kind, "webaide_id": made["webaide_id"]}


@pytest.fixture
def second_api(server, account_api: Client) -> Iterator[Client]:
    """A user-scope client signed in as another user of the same account."""
    domain = server.credentials["user"].split("@", 1)[1]
    login = f"{unique('wa')}@{domain}"
    account_api.create_user(user=login, password=SECOND_PASSWORD)
    creds = server.credentials
    with Client(
        server.base_url, creds["user_token"], creds["user_secret"], user=login, password=SECOND_PASSWORD
    ) as client:
        yield client
