"""Blocking client (httpx.Client)."""

from __future__ import annotations

from typing import Any

import httpx

from openlux.client import _core
from openlux.client._methods import SyncEndpoints
from openlux.client._tls import tls_context


class Client(SyncEndpoints):
    """A signed LuxSci API v2 session; see the package docstring."""

    def __init__(
        self,
        base_url: str,
        token: str,
        secret: str,
        *,
        user: str | None = None,
        password: str | None = None,
        account: str | int | None = None,
        timeout: float = 30.0,
        verify: bool = True,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = _core.split_base_url(base_url)
        self.token, self.secret = token, secret
        self.user, self.password = user, password
        self.account = str(account) if account is not None else None
        self.auth_code: str | None = None
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=timeout,
            verify=tls_context(verify),
            transport=transport,
            headers={"User-Agent": "OpenLux Python client", "Accept": "application/json"},
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self._http.close()

    def _send(self, request: _core.PreparedRequest) -> dict[str, Any]:
        response = self._http.request(request.method, request.target, content=request.content, headers=request.headers)
        return _core.parse_response(response.status_code, response.text)

    def authenticate(self) -> str:
        """POST /auth; keeps and returns the auth code."""
        body = self._send(_core.auth_request(self.token, self.secret, self.user, self.password))
        self.auth_code = body["auth"]
        return self.auth_code

    def revoke(self) -> dict[str, Any]:
        """DELETE /auth: end the session."""
        request = _core.PreparedRequest("DELETE", _core.AUTH_PATH, "", None)
        _core.sign(request, self.auth_code or self.authenticate(), self.secret)
        body = self._send(request)
        self.auth_code = None
        return body

    def call(self, name: str, /, *, files: list[tuple[str, bytes]] | None = None, **params: Any) -> Any:
        """Call an endpoint by LuxSci name; returns `data` (or the envelope without data)."""
        ep = _core.endpoint_for(name)
        defaults = _core.path_defaults(ep, user=self.user, account=self.account)
        for attempt in (1, 2):
            request = _core.build_call(ep, params, defaults, files)
            _core.sign(request, self.auth_code or self.authenticate(), self.secret)
            try:
                body = self._send(request)
            except _core.LuxSciError as exc:
                if attempt == 1 and _core.is_stale_code(exc):
                    self.auth_code = None
                    continue
                raise
            return body.get("data", body)
        raise AssertionError("unreachable")
