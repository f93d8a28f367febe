"""Offline API docs: Swagger UI from the `swagger-ui-bundle-v2` package, and an OpenAPI document whose
operations each say their LuxSci name, scope, access area and how a signed call looks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import swagger_ui_bundle
from fastapi import FastAPI

from openlux.contract import endpoints
from openlux.core import openapi

SWAGGER_ASSETS = Path(swagger_ui_bundle.swagger_ui_path)
ASSETS_PATH = "/docs/assets"
OPENAPI_PATH = openapi.PATH


def docs_csp(nonce: str) -> str:
    """/docs runs one inline start-up script (nonce); Swagger UI sets inline style attributes."""
    return (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


def start_up_script() -> str:
    """Swagger UI configuration: this server's document, no validator badge (no call to the internet)."""
    options = {
        "url": OPENAPI_PATH,
        "dom_id": "#swagger-ui",
        "validatorUrl": None,
        "deepLinking": True,
        "docExpansion": "none",
        "filter": True,
        "tryItOutEnabled": False,
    }
    return (
        f"window.addEventListener('load', function () {{ var o = {json.dumps(options)};"
        " o.presets = [SwaggerUIBundle.presets.apis]; o.layout = 'BaseLayout';"
        " window.ui = SwaggerUIBundle(o); });"
    )


def _sdk_arguments(path_params: tuple[str, ...]) -> str:
    return ", ".join(f'{p}="…"' for p in path_params)


def signed_example(
    name: str, method: str, path: str, scope: str, python_name: str, path_params: tuple[str, ...]
) -> str:
    """Markdown: the call through the bundled SDK, and the signature cookie by hand."""
    if scope == "account":
        client = "Client(API_URL, ACCOUNT_TOKEN, ACCOUNT_SECRET, account=ACCOUNT_ID)"
    else:
        client = "Client(API_URL, USER_TOKEN, USER_SECRET, user=LOGIN, password=PASSWORD)"
    body_line = "hex SHA-256 of the trimmed JSON body" if method in ("POST", "PUT") else "(empty)"
    return (
        "Signed example (the SDK authenticates once and signs every call):\n\n"
        f"```python\nfrom openlux.client import Client\n\nwith {client} as api:\n"
        f"    print(api.{python_name}({_sdk_arguments(path_params)}))\n```\n\n"
        "By hand: `POST /perl/api/v2/auth` gives an auth code; then send\n"
        f"`Cookie: signature=<auth>:<hmac>` where hmac = HMAC-SHA256(secret, "
        f'"<auth>\\n{method}\\n{path}\\n<query>\\n<{body_line}>\\n") '
        "— see docs/api.md for a curl script."
    )


def describe(openapi: dict[str, Any]) -> dict[str, Any]:
    """Add LuxSci name, scope, area and a signed example to every operation of the document."""
    table = endpoints()
    for item in openapi.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            ep = table.get(operation.get("operationId", ""))
            if ep is None:
                continue
            access = "write" if ep.writes else "read"
            header = (
                f"**LuxSci operation:** `{ep.name}` · **scope:** {ep.scope} · **access area:** `{ep.area}` ({access})"
            )
            parts = [header, ep.summary + "."]
            if ep.scope != "none":
                parts.append(signed_example(ep.name, ep.method, ep.path, ep.scope, ep.python_name, ep.path_params))
            operation["description"] = "\n\n".join(parts)
            operation["x-luxsci-operation"] = ep.name
            operation["x-luxsci-scope"] = ep.scope
            operation["x-luxsci-area"] = ep.area
    return openapi


def install(app: FastAPI) -> None:
    """Make `app.openapi()` return the described document (openlux.core.openapi serves and keeps its bytes)."""
    build: Callable[[], dict[str, Any]] = app.openapi
    app.openapi = lambda: describe(build())  # type: ignore[method-assign]
