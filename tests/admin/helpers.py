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
    return Client(
        server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"], account=c["account"]
    )


def on_server_db(server: Any, work: Any) -> Any:
    """Run `work(session, ctx)` in a transaction on a running server's database (set-up and inspection)."""
    import asyncio

    from openlux.config import Settings
    from openlux.core.context import AppContext

    async def run() -> Any:
        ctx = AppContext.build(Settings.load(data_dir=server.data_dir, database_url=server.database_url), pool_size=0)
        try:
            async with ctx.db.transaction() as session:
                return await work(session, ctx)
        finally:
            await ctx.close()

    return asyncio.run(run())


def eventually(check: Any, timeout: float = 15.0) -> Any:
    """Poll `check()` until it returns something truthy; that value."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            assert value, "condition not met in time"
            return value
        time.sleep(0.1)
