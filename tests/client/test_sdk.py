"""The Python SDK: one method per endpoint, typed errors, transparent re-authentication, async twin."""

from __future__ import annotations

import asyncio
import importlib.util
import inspect
import time
from importlib.machinery import SourceFileLoader
from pathlib import Path

import pytest

from openlux.client import AsyncClient, Client, LuxSciError
from openlux.contract import endpoints
from tests.support.dbquery import fetch_all
from tests.support.https_server import TlsThreadingHTTPServer


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
    # A raw UPDATE bumps the auth generation (openlux.auth.invalidation's contract for Core writers);
    # every process drops its cached sessions within its poll interval (0.25 s by default).
    deadline = time.monotonic() + 5
    while user_api.auth_code == old_code and time.monotonic() < deadline:
        assert user_api.get_user()["user"] == server.credentials["user"]
        time.sleep(0.1)
    assert user_api.auth_code != old_code


def _age_session(url: str, session_id: int) -> None:
    import asyncio as _asyncio
    from datetime import UTC, datetime

    from sqlalchemy import text

    from openlux.auth.invalidation import bump_generation_statement
    from openlux.db import make_engine

    old = datetime(2001, 1, 1, tzinfo=UTC)
    if url.startswith("sqlite"):
        old = old.replace(tzinfo=None)  # SQLite stores UTC as naive text (openlux.db.UtcDateTime)

    async def run() -> None:
        engine = make_engine(url, pool_size=0)
        async with engine.begin() as conn:
            await conn.execute(
                text("UPDATE auth_session SET last_used_at = :t, issued_at = :t WHERE id = :i"),
                {"t": old, "i": session_id},
            )
            await conn.execute(bump_generation_statement())
        await engine.dispose()

    _asyncio.run(run())
    assert fetch_all(url, "SELECT id FROM auth_session WHERE id = :i", i=session_id)


def test_base_url_may_include_the_api_prefix(server) -> None:
    c = server.credentials
    with Client(
        c["api_url"].replace("8025", str(server.port)), c["account_token"], c["account_secret"], account=c["account"]
    ) as client:
        assert any(d["domain"] == "example.com" for d in client.get_domains_report())


def test_multipart_call_signs_the_json_part(user_api: Client) -> None:
    data = user_api.update_user(company="Files Ltd", files=[("note.txt", b"\x00\x01binary")])
    assert data["company"] == "Files Ltd"


def test_async_client(server) -> None:
    c = server.credentials

    async def run() -> tuple[str, str]:
        async with AsyncClient(
            server.base_url, c["user_token"], c["user_secret"], user=c["user"], password=c["password"]
        ) as client:
            profile = await client.get_user()
            updated = await client.update_user(state="MA")
            await client.revoke()
            return profile["user"], updated["state"]

    assert asyncio.run(run()) == (c["user"], "MA")


def test_missing_path_parameter_is_a_type_error(account_api: Client) -> None:
    with pytest.raises(TypeError, match="domain"):
        account_api.get_domain_details()


def test_generated_methods_are_current() -> None:
    """_methods.py is what scripts/gen-client-methods makes from the route table and request models."""
    root = Path(__file__).resolve().parents[2]
    loader = SourceFileLoader("gen_client_methods", str(root / "scripts" / "gen-client-methods"))
    spec = importlib.util.spec_from_loader("gen_client_methods", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    current = (root / "src" / "openlux" / "client" / "_methods.py").read_text(encoding="utf-8")
    assert current == module.render(), "src/openlux/client/_methods.py is stale: run scripts/gen-client-methods"


def test_clients_share_one_tls_context_and_still_verify(tmp_path: Path) -> None:
    """Clients share the context httpx would build for each (openlux.client._tls): made once, it
    must still refuse a certificate outside the trust store, and verify=False must still accept it."""
    import http.server
    import ssl
    import threading

    import httpx

    from tests.support import pki

    cert, key = pki.issue(tmp_path, ["localhost"])  # the suite's own CA: not in certifi's bundle
    served = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    served.load_cert_chain(cert, key)
    httpd = TlsThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler, served)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"https://127.0.0.1:{httpd.server_address[1]}"
    try:
        first, second = Client(url, "t", "s"), Client(url, "t", "s")
        insecure = Client(url, "t", "s", verify=False)
        try:
            assert first._http._transport._pool._ssl_context is second._http._transport._pool._ssl_context
            for client in (first, second):
                with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                    client.authenticate()
            with pytest.raises(LuxSciError):  # TLS accepted; the bare handler answers 501, not JSON
                insecure.authenticate()
        finally:
            for client in (first, second, insecure):
                client.close()
    finally:
        httpd.shutdown()
