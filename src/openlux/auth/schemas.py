"""Wire shapes of POST /auth."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from openlux.core.schemas import LenientModel


class AuthRequest(LenientModel):
    token: str | None = None
    date: Any = None  # integer (PHP, Python) or decimal string (C#); signed as sent
    user: str | None = None
    password: str | None = Field(None, alias="pass")
    signature: str | None = None
