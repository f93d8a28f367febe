"""The served OpenAPI document: valid OpenAPI 3.1, with the LuxSci envelopes as the documented responses.

FastAPI's own document misses what our routing does by hand (docs/development.md): path parameters
a route reads through dependencies, request bodies parsed after authentication, and the envelope
every reply has. Here, after FastAPI builds it:
- every `{name}` of a path is declared as a required string path parameter of each operation;
- models nested in request bodies are components (their refs resolve);
- every operation documents its success envelope and the failure envelope for
  400/401/403/404/409/413/429; FastAPI's 422 is removed (validation errors are 400 here).
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from openlux.contract import API_PREFIX
from openlux.core.routing import request_body_schema

PATH = f"{API_PREFIX}/openapi.json"

ERROR_STATUSES = {
    "400": "Malformed input; the message names the field",
    "401": "Missing or bad signature, unknown, expired or revoked auth code",
    "403": "Scope, access control, disabled integration, IP or host refused the call",
    "404": "No such object (or endpoint)",
    "409": "Already exists, or still in use",
    "413": "The request body (or an imported part of it) is too large",
    "429": "Rate limited; Retry-After says when to try again",
}
SUCCESS_ENVELOPE = {
    "type": "object",
    "required": ["success"],
    "properties": {
        "success": {"type": "integer", "enum": [1]},
        "data": {"description": "The result; absent for auth and revoke"},
    },
}
ERROR_ENVELOPE = {
    "type": "object",
    "required": ["success", "error"],
    "properties": {
        "success": {"type": "integer", "enum": [0]},
        "error": {"type": "string"},
        "error_message": {"type": "string", "description": "The same sentence (C#/VB clients read this name)"},
    },
}
_PATH_PARAM = re.compile(r"\{([^}:]+)(?::[^}]*)?\}")


def install(app: FastAPI) -> None:
    """Serve the completed document at PATH instead of FastAPI's own (create the app with openapi_url=None).

    `app.openapi()` builds it anew on each call; the route builds it on its first request and keeps
    only its JSON bytes (0.6 MB): kept as the built document it stayed 2.6 MB larger (tracemalloc,
    tests/test_openapi.py) for the life of an API process once anything (a readiness probe, a client
    generator) had asked for it.
    """
    app.openapi = lambda: build(app)  # type: ignore[method-assign]  # FastAPI's documented way to customise
    served: list[bytes] = []

    async def openapi_document(_request: Request) -> Response:
        if not served:
            # Encoded as FastAPI's JSONResponse would: the same bytes as before.
            served.append(
                json.dumps(app.openapi(), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()
            )
        return Response(served[0], media_type="application/json")

    app.add_route(PATH, openapi_document, include_in_schema=False)


def build(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, completed as the module docstring says."""
    nested = _attach_request_bodies(app.routes)
    doc = get_openapi(title=app.title, version=app.version, openapi_version=app.openapi_version, routes=app.routes)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(nested)
    schemas["SuccessEnvelope"] = SUCCESS_ENVELOPE
    schemas["ErrorEnvelope"] = ERROR_ENVELOPE
    for schema_name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(schema_name, None)
    for path, operations in doc.get("paths", {}).items():
        names = _PATH_PARAM.findall(path)
        for operation in operations.values():
            _declare_path_parameters(operation, names)
            _document_envelopes(operation)
    return doc


def _attach_request_bodies(routes: list[BaseRoute]) -> dict[str, Any]:
    """Give each route taking a JsonBody its requestBody (as the route's openapi_extra, which get_openapi
    merges and encodes like the rest of the operation); the schemas of the models they nest, by name.

    Done here, when a document is built, and not when routes are registered: the JSON schemas cost
    every process start-up ~0.05 s that only the document needs. Building again attaches the same.
    """
    nested: dict[str, Any] = {}
    for route in routes:
        if isinstance(route, APIRoute) and (body := request_body_schema(route.endpoint)) is not None:
            schema, defs = body
            nested.update(defs)
            route.openapi_extra = {"requestBody": {"content": {"application/json": {"schema": schema}}}}
    return nested


def _declare_path_parameters(operation: dict[str, Any], names: list[str]) -> None:
    parameters = operation.setdefault("parameters", [])
    declared = {p.get("name") for p in parameters if p.get("in") == "path"}
    for name in names:
        if name not in declared:
            parameters.append({"name": name, "in": "path", "required": True, "schema": {"type": "string"}})
    if not parameters:
        del operation["parameters"]


def _document_envelopes(operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    responses.pop("422", None)
    for status, reply in responses.items():
        if status.startswith("2"):
            reply["content"] = {"application/json": {"schema": {"$ref": "#/components/schemas/SuccessEnvelope"}}}
    for status, description in ERROR_STATUSES.items():
        responses.setdefault(
            status,
            {
                "description": description,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}},
            },
        )
