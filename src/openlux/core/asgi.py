"""Reading an ASGI request scope directly, for the paths answered before Starlette builds a Request."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any


def request_header(scope: MutableMapping[str, Any], name: bytes) -> str | None:
    """The first value of the header `name` (lower case, as ASGI servers give names), latin-1 decoded."""
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None
