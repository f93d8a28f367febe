"""Small helpers shared by the admin tests."""

from __future__ import annotations

import uuid
from typing import Any

from openlux.client import Client


def new_domain(api: Client) -> str:
    """A fresh domain in the account."""
    name = f"a{uuid.uuid4().hex[:8]}.example"
    api.create_domain(domain=name)
    return name


def user_client(server: Any) -> Client:
    """A user-scope client (account endpoints must refuse it)."""
    c = server.credentials
    return Client(
        server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"], account=c["account"]
    )
