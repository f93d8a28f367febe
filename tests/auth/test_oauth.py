"""OAuth 2.0 client-credentials grant (RFC 6749 §4.4) at /perl/api/v2/oauth/token, driven by authlib.

The token is an auth code presented as a bearer token: scope, access controls, limits, expiry and
revocation are those of every auth code.
"""

from __future__ import annotations

import httpx
from authlib.integrations.httpx_client import OAuth2Client

from tests.support.cli import create_integration, run_cli
from tests.support.server import RunningServer

TOKEN_PATH = "/perl/api/v2/oauth/token"


def _oauth(server: RunningServer, client_id: str, secret: str) -> OAuth2Client:
    client = OAuth2Client(client_id, secret, token_endpoint_auth_method="client_secret_basic")
    client.fetch_token(f"{server.base_url}{TOKEN_PATH}", grant_type="client_credentials")
    return client


def test_client_credentials_token_calls_the_api(server: RunningServer) -> None:
    creds = server.credentials
    oauth = _oauth(server, creds["account_token"], creds["account_secret"])
    assert oauth.token["token_type"] == "Bearer" and oauth.token["expires_in"] > 0
    answer = oauth.get(f"{server.base_url}/perl/api/v2/account/{creds['account']}/users")
    assert answer.status_code == 200 and answer.json()["success"] == 1
    assert any(u["user"] == creds["user"] for u in answer.json()["data"])
    # the client_secret_post form works too
    body = OAuth2Client(
        creds["account_token"], creds["account_secret"], token_endpoint_auth_method="client_secret_post"
    )
    assert body.fetch_token(f"{server.base_url}{TOKEN_PATH}", grant_type="client_credentials")["access_token"]


def test_wrong_secret_user_scope_and_grant_are_refused(server: RunningServer) -> None:
    creds = server.credentials
    bad = httpx.post(
        f"{server.base_url}{TOKEN_PATH}",
        data={"grant_type": "client_credentials"},
        auth=(creds["account_token"], "wrong"),
    )
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_client"
    user_scope = httpx.post(
        f"{server.base_url}{TOKEN_PATH}",
        data={"grant_type": "client_credentials"},
        auth=(creds["user_token"], creds["user_secret"]),
    )
    assert user_scope.status_code == 400 and user_scope.json()["error"] == "unauthorized_client"
    grant = httpx.post(
        f"{server.base_url}{TOKEN_PATH}",
        data={"grant_type": "password"},
        auth=(creds["account_token"], creds["account_secret"]),
    )
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
    forged = httpx.get(
        f"{server.base_url}/perl/api/v2/account/{creds['account']}/users",
        headers={"Authorization": "Bearer 1-1-deadbeef"},
    )
    assert forged.status_code == 401


def test_bearer_tokens_honour_access_limits_and_revocation(server: RunningServer) -> None:
    limited = create_integration(
        server, "oauth-limited", "--scope", "account", "--access", "users_admin=none", "--per-minute", "3"
    )
    oauth = _oauth(server, limited["token"], limited["secret"])
    account = server.credentials["account"]
    refused = oauth.get(f"{server.base_url}/perl/api/v2/account/{account}/users")
    assert refused.status_code == 403 and "users_admin" in refused.json()["error"]
    statuses = [oauth.get(f"{server.base_url}/perl/api/v2/account/{account}/domains").status_code for _ in range(5)]
    assert statuses.count(429) >= 1  # the integration's per-minute limit applies to bearer calls
    # revocation: DELETE /auth with the bearer token ends it
    revoke = httpx.delete(
        f"{server.base_url}/perl/api/v2/auth", headers={"Authorization": f"Bearer {oauth.token['access_token']}"}
    )
    assert revoke.status_code in (200, 429)
    other = _oauth(server, server.credentials["account_token"], server.credentials["account_secret"])
    token = other.token["access_token"]
    ok = httpx.get(
        f"{server.base_url}/perl/api/v2/account/{account}/users", headers={"Authorization": f"Bearer {token}"}
    )
    assert ok.status_code == 200
    assert (
        httpx.delete(f"{server.base_url}/perl/api/v2/auth", headers={"Authorization": f"Bearer {token}"}).status_code
        == 200
    )
    gone = httpx.get(
        f"{server.base_url}/perl/api/v2/account/{account}/users", headers={"Authorization": f"Bearer {token}"}
    )
    assert gone.status_code == 401
    # a disabled integration's tokens stop working at once
    fresh = _oauth(server, limited["token"], limited["secret"]).token["access_token"]
    run_cli(server, "integration", "disable", limited["token"])
    disabled = httpx.get(
        f"{server.base_url}/perl/api/v2/account/{account}/domains", headers={"Authorization": f"Bearer {fresh}"}
    )
    assert disabled.status_code == 403
