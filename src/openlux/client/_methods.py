"""Generates one method per endpoint of the table onto a client class."""

from __future__ import annotations

from typing import Any

from openlux.contract import endpoints

_SKIPPED = {"authentication", "revokeAuthentication"}  # authenticate() and revoke() instead


def add_endpoint_methods(cls: type, *, is_async: bool) -> type:
    """Attach `get_user(**params)` style methods for every endpoint."""
    for ep in endpoints().values():
        if ep.name in _SKIPPED:
            continue
        setattr(cls, ep.python_name, _make_method(ep.name, ep.method, ep.path, ep.summary, is_async))
    return cls


def _make_method(name: str, method: str, path: str, summary: str, is_async: bool) -> Any:
    doc = f"{summary}.\n\nLuxSci `{name}`: {method} {path}"
    if is_async:
        async def call(self: Any, *, files: list[tuple[str, bytes]] | None = None, **params: Any) -> Any:
            return await self.call(name, files=files, **params)
    else:
        def call(self: Any, *, files: list[tuple[str, bytes]] | None = None, **params: Any) -> Any:  # type: ignore[misc]  # a sync twin of the async variant above
            return self.call(name, files=files, **params)
    call.__name__ = call.__qualname__ = _snake(name)
    call.__doc__ = doc
    return call


def _snake(name: str) -> str:
    from openlux.contract import snake_case

    return snake_case(name)
