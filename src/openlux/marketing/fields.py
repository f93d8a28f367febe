"""Custom field values of contacts, type-checked through content's custom field definitions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.content.fields import coerce_value, wire_value
from openlux.content.models import CustomField
from openlux.core.errors import BadRequest
from openlux.marketing.common import Owner


async def field_user_id(session: AsyncSession, owner: Owner) -> int | None:
    """Whose custom field definitions apply: the user's own; for an account (v2) its first user, the admin."""
    if owner.user_id is not None:
        return owner.user_id
    return await session.scalar(select(func.min(User.id)).where(User.account_id == owner.account_id))


async def owner_fields(session: AsyncSession, owner: Owner) -> dict[str, CustomField]:
    """The custom field definitions that apply to the owner's contacts, by name."""
    user_id = await field_user_id(session, owner)
    rows = await session.scalars(select(CustomField).where(CustomField.user_id == user_id))
    return {row.name: row for row in rows}


class FieldChecker:
    """Checks one contact's `fields` against the custom fields assigned to its list."""

    def __init__(self, definitions: dict[str, CustomField], allowed: list[str]) -> None:
        self.allowed = {name: definitions[name] for name in allowed if name in definitions}
        self._lower = {name.lower(): name for name in self.allowed}

    def check(self, values: dict[str, Any] | Any, *, field: str = "fields") -> dict[str, Any]:
        """The values in wire form keyed by the field's own name; None clears one; BadRequest names the field."""
        if not isinstance(values, dict):
            raise BadRequest(f"Field '{field}' must be an object of custom field name -> value.")
        out: dict[str, Any] = {}
        for key, raw in values.items():
            name = self._lower.get(str(key).strip().lower())
            if name is None:
                known = ", ".join(sorted(self.allowed)) or "none"
                raise BadRequest(
                    f"Field '{field}.{key}': the list has no custom field {key!r} "
                    f"(its fields: {known}; assign fields with updateList)."
                )
            definition = self.allowed[name]
            try:
                value = coerce_value(definition, raw)
            except BadRequest as exc:
                raise BadRequest(f"Field '{field}.{name}': {exc.message}") from None
            out[name] = None if value is None else wire_value(definition, value)
        return out


def merged(current: dict[str, Any] | None, changes: dict[str, Any]) -> dict[str, Any]:
    """Stored values with `changes` applied: given keys replace, None removes."""
    result = dict(current or {})
    for name, value in changes.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = value
    return result
