"""What every marketing module shares: whose assets (Owner), id lists and small field checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement

from openlux.core.addresses import normalise_address
from openlux.core.errors import BadRequest
from openlux.core.types import parse_id

MAX_DESCRIPTION = 2000


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose marketing assets: one user's (v3, user scope) or the account's own (v2, user_id None)."""

    account_id: int
    user_id: int | None = None

    @property
    def key(self) -> str:
        """The owner_key column value."""
        return f"a{self.account_id}" if self.user_id is None else f"u{self.user_id}"

    def matches(self, model: Any) -> ColumnElement[bool]:
        """WHERE clause selecting this owner's rows of `model`."""
        return model.owner_key == self.key

    def columns(self) -> dict[str, Any]:
        """Owner columns of a new row."""
        return {"account_id": self.account_id, "user_id": self.user_id, "owner_key": self.key}


def optional_id(value: Any, *, field: str) -> int | None:
    """An id inside a list or comma-separated text ("" or 0 mean none), by the LuxId rule (core.types)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = parse_id(value)
    except ValueError:
        raise BadRequest(f"Field '{field}' must be a numeric id, got {value!r}.") from None
    return number or None


def text_field(value: Any, *, field: str, limit: int, required: bool = False, one_line: bool = True) -> str:
    """Trimmed text of bounded length; BadRequest names the field."""
    if isinstance(value, (dict, list)):
        raise BadRequest(f"Field '{field}' must be text.")
    text = str(value if value is not None else "").strip()
    if required and not text:
        raise BadRequest(f"Field '{field}' is required.")
    if len(text) > limit:
        raise BadRequest(f"Field '{field}' must be at most {limit} characters long.")
    if one_line and any(ch in text for ch in "\r\n\x00"):
        raise BadRequest(f"Field '{field}' must be one line of text.")
    return text


def address_field(value: Any, *, field: str) -> str:
    """A normalised address, or "" when not given."""
    text = str(value if value is not None else "").strip()
    return normalise_address(text, field=field) if text else ""
