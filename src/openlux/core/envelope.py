"""The LuxSci JSON envelope: the only place response bodies for the API are built.

Quirks dictated by LuxSci clients (spec/00-mechanics.md §3.2, §9):
- `success` is the integer 1 or 0; clients compare it to 1.
- `auth` and `revokeAuthentication` send no `data` (auth adds `auth`, revoke `comment`).
- Failures carry `error`; the C#/VB samples model `error_message`, so it is sent too (docs/compat.md).
- Every reply is `application/json`, whatever the request's Accept header says (C# multipart sends
  `Accept: multipart/form-data`).
- 429 carries `Retry-After`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from openlux.core.errors import ApiError, RateLimited

log = logging.getLogger("openlux.api")

_HTTP_MESSAGES = {
    404: "No such API endpoint.",
    405: "This endpoint does not accept the {method} method.",
}


def ok(data: Any = None, *, status: int = 200, **extra: Any) -> JSONResponse:
    """Success envelope; `data` is omitted when None (auth, revoke)."""
    body: dict[str, Any] = {"success": 1}
    if data is not None:
        body["data"] = data
    body.update(extra)
    return JSONResponse(body, status_code=status)


def fail(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """Failure envelope with one readable sentence."""
    return JSONResponse({"success": 0, "error": message, "error_message": message}, status_code=status, headers=headers)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimited) else None
    return fail(exc.status, exc.message, headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return fail(400, describe_validation_errors(exc.errors()))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    template = _HTTP_MESSAGES.get(exc.status_code)
    message = template.format(method=request.method) if template else str(exc.detail)
    headers = dict(exc.headers or {})
    return fail(exc.status_code, message, headers or None)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return fail(500, "Internal server error; the failure was logged.")


def describe_validation_errors(errors: Iterable[Mapping[str, Any]]) -> str:
    """One sentence naming each bad field (pydantic/FastAPI error list)."""
    parts = []
    for err in list(errors)[:5]:
        loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "json")]
        field = ".".join(loc) or "request body"
        parts.append(f"field '{field}': {err.get('msg', 'invalid value')}")
    return "Invalid request: " + "; ".join(parts) + "."


def install_error_handlers(app: FastAPI) -> None:
    """Route every error, expected or not, through the failure envelope."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
