"""The Python SDK: one method per endpoint, typed errors, transparent re-authentication, async twin."""

from __future__ import annotations

import asyncio
import inspect

import pytest

from openlux.client import AsyncClient, Client, LuxSciError
from openlux.contract import endpoints
from tests.support.dbquery import fetch_all


def test_every_endpoint_has_a_snake_case_method_on_both_clients() -> None:
    for ep in endpoints().values():
        if ep.name in ("authentication", "revokeAuthentication"):
            continue
        sync_method = getattr(Client, ep.python_name)
        async_method = getattr(AsyncClient, ep.python_name)
        assert ep.name in sync_method.__doc__ and inspect.iscoroutinefunction(async_method)
    assert Client.get_user_report2.__name__ == "get_user_report2"


def test_error_carries_status_message_and_body(user_api: Client) -> None:
    with pytest.raises(LuxSciError) as err:
        user_api.get_user(username="someone-else@example.com")
    assert err.value.status == 403
    assert err.value.body["success"] == 0 and err.value.message == err.value.body["error"]


def test_expired_code_is_renewed_transparently(user_api: Client, server) -> None:
    user_api.get_user()
    old_code = user_api.auth_code
    session_id = int(old_code.split("-")[0])
    _age_session(server.database_url, session_id)
    assert user_api.get_user()["user"] == server.credentials["user"]
    assert user_api.auth_code != old_code


def _age_session(url: str, session_id: int) -> None:
    import asyncio as _asyncio
    from datetime import UTC, datetime

    from sqlalchemy import text

    from openlux.db import make_engine

    old = datetime(2001, 1, 1, tzinfo=UTC)
    if url.startswith("sqlite"):
        old = old.replace(tzinfo=None)  # SQLite stores UTC as naive text (openlux.db.UtcDateTime)

    async def run() -> None:
        engine = make_engine(url, pool_size=0)
        async with engine.begin() as conn:
            await conn.execute(text("UPDATE auth_session SET last_used_at = :t, issued_at = :t WHERE id = :i"),
                               {"t": old, "i": session_id})
        await engine.dispose()

    _asyncio.run(run())
    assert fetch_all(url, "SELECT id FROM auth_session WHERE id = :i", i=session_id)


def test_base_url_may_include_the_api_prefix(server) -> None:
    c = server.credentials
    with Client(c["api_url"].replace("8025", str(server.port)), c["account_token"], c["account_secret"],
                account=c["account"]) as client:
        assert any(d["domain"] == "example.com" for d in client.get_domains_report())


def test_multipart_call_signs_the_json_part(user_api: Client) -> None:
    data = user_api.update_user(company="Files Ltd", files=[("note.txt", b"\x00\x01binary")])
    assert data["company"] == "Files Ltd"


def test_async_client(server) -> None:
    c = server.credentials

    async def run() -> tuple[str, str]:
        async with AsyncClient(server.base_url, c["user_token"], c["user_secret"], user=c["user"],
                               password=c["password"]) as client:
            profile = await client.get_user()
            updated = await client.update_user(state="MA")
            await client.revoke()
            return profile["user"], updated["state"]

    assert asyncio.run(run()) == (c["user"], "MA")


def test_missing_path_parameter_is_a_type_error(account_api: Client) -> None:
    with pytest.raises(TypeError, match="domain"):
        account_api.get_domain_details()
