"""The one "this call must fail" helper of the suite."""

from __future__ import annotations

from typing import Any

import pytest

from openlux.client import LuxSciError


def assert_fails(status: int | None, call: Any, /, *args: Any, message_has: str = "", **kwargs: Any) -> LuxSciError:
    """Call `call(*args, **kwargs)`; it must raise LuxSciError with the failure envelope; returns the error.

    `status` (None: any) is the HTTP status expected; `message_has` a fragment the message must contain.
    """
    with pytest.raises(LuxSciError) as info:
        call(*args, **kwargs)
    error = info.value
    if isinstance(error.body, dict):
        assert error.body.get("success") == 0 and error.body.get("error"), error.body
    if status is not None:
        assert error.status == status, f"HTTP {error.status} (expected {status}): {error.message}"
    assert message_has in error.message, f"{message_has!r} not in {error.message!r}"
    return error
