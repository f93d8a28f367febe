"""Registering routes from the endpoint table: `@api_route(router, "getUser")`.

The path and method come from openlux/endpoints.tsv, the operation_id is the LuxSci name, so
`/perl/api/v2/openapi.json` shows coverage at a glance and nothing is typed twice.
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter
from fastapi.params import Depends

from openlux.contract import endpoint

_REF_TEMPLATE = "#/components/schemas/{model}"


def api_route(
    router: APIRouter, name: str, *, path_converters: dict[str, str] | None = None, status_code: int = 200
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register the decorated function as LuxSci endpoint `name`."""
    ep = endpoint(name)
    path = ep.path
    for param, converter in (path_converters or {}).items():
        path = path.replace("{" + param + "}", "{" + param + ":" + converter + "}")

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        router.add_api_route(
            path,
            fn,
            methods=[ep.method],
            operation_id=name,
            name=name,
            summary=ep.summary,
            tags=[ep.area],
            status_code=status_code,
        )
        return fn

    return register


def request_body_schema(fn: Callable[..., Any]) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The OpenAPI schema of the body a JsonBody[...] parameter takes (bodies are parsed after auth, by
    hand, so FastAPI does not see them), and the schemas of the models it nests, by name.

    Asked when the document is built (openlux.core.openapi), not when the route is registered: the
    JSON schemas cost every process start-up ~0.05 s that only the document needs.
    """
    hints = typing.get_type_hints(fn, include_extras=True)
    for hint in hints.values():
        for meta in getattr(hint, "__metadata__", ()):
            model = (
                getattr(getattr(meta, "dependency", None), "body_model", None) if isinstance(meta, Depends) else None
            )
            if model is not None:
                # Nested models as document-level refs: a schema-local `#/$defs/…` points nowhere in OpenAPI.
                schema = model.model_json_schema(ref_template=_REF_TEMPLATE)
                return schema, schema.pop("$defs", {})
    return None
