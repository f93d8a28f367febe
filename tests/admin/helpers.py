"""Small helpers shared by the admin tests."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from openlux.client import Client, LuxSciError


def new_domain(api: Client) -> str:
    """A fresh domain in the account."""
    name = f"a{uuid.uuid4().hex[:8]}.example"
    api.create_domain(domain=name)
    return name


def fails(status: int, fragment: str, call: Any, /, **kwargs: Any) -> LuxSciError:
    """Assert that the call fails with `status` and a message containing `fragment`."""
    with pytest.raises(LuxSciError) as err:
        call(**kwargs)
    assert err.value.status == status, err.value.message
    assert fragment in err.value.message, err.value.message
    return err.value


def user_client(server: Any) -> Client:
    """A user-scope client (account endpoints must refuse it)."""
    c = server.credentials
    return Client(server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"],
                  account=c["account"])
