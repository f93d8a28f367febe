"""Parsing JSON request bodies: invalid or absurdly nested JSON is a 400, never a 500.

Python's json module recurses once per nesting level, so `[[[[…]]]]` 100,000 deep raises
RecursionError; anything that parses is then checked against MAX_DEPTH (without recursion), so
no later step (validation, storage, logging) meets a structure deeper than any real client sends.
"""

from __future__ import annotations

import json
from typing import Any

from openlux.core.errors import BadRequest

MAX_DEPTH = 64  # LuxSci bodies are at most 3-4 levels deep (messages → attachments → fields)


def parse_json(raw: bytes | str) -> Any:
    """The decoded JSON value; BadRequest when it is invalid or nested deeper than MAX_DEPTH."""
    try:
        value = json.loads(raw)
    except RecursionError:
        raise BadRequest(f"The request body is nested deeper than {MAX_DEPTH} levels.") from None
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("The request body is not valid JSON.") from None
    if nesting_depth(value) > MAX_DEPTH:
        raise BadRequest(f"The request body is nested deeper than {MAX_DEPTH} levels.")
    return value


def nesting_depth(value: Any) -> int:
    """How many containers deep `value` goes (a scalar is 0), computed without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest
