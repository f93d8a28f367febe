"""Custom fields: typed per-user merge fields (text, number, date, boolean, choice) with defaults.

Contacts (marketing) store values through `coerce_value`; merges get them, defaults filled in,
from `merge_variables`. Names are identifiers so `{{ name }}` works in templates.
"""

from __future__ import annotations

import keyword
import math
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.content.common import flush_unique, part_text
from openlux.content.models import CustomField
from openlux.content.schemas import CustomFieldCreate
from openlux.core.errors import BadRequest, Conflict, LimitExceeded
from openlux.core.time import format_datetime

FIELD_TYPES = ("text", "number", "date", "boolean", "choice")
NAME_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
# Names the merge engine or Jinja already gives a meaning to.
RESERVED_NAMES = frozenset(
    {
        "tag",
        "range",
        "dict",
        "cycler",
        "joiner",
        "namespace",
        "loop",
        "self",
        "super",
        "varargs",
        "kwargs",
        "caller",
        "true",
        "false",
        "none",
    }
)
MAX_TEXT = 10_000  # longest text value
MAX_CHOICES = 200
MAX_PER_USER = 500
_TRUE = ("1", "true", "yes", "on", "y", "t")
_FALSE = ("0", "false", "no", "off", "n", "f")


def record(row: CustomField) -> dict[str, Any]:
    """The wire shape of one field definition."""
    return {
        "field_id": row.id,
        "name": row.name,
        "type": row.type,
        "description": row.description,
        "choices": list(row.choices or []),
        "default": wire_value(row, coerce_value(row, row.default)) if row.default is not None else None,
        "created": format_datetime(row.created_at),
    }


def coerce_value(field: CustomField, raw: Any) -> Any:
    """The value as its field's Python type (str, int/float, date, bool); None when empty.

    BadRequest names the field when the value does not fit its type.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    coerce = _COERCERS[field.type]
    try:
        return coerce(field, raw)
    except (ValueError, TypeError, InvalidOperation):
        raise BadRequest(
            f"Custom field '{field.name}' ({field.type}): {raw!r} is not a valid value{_hint(field)}."
        ) from None


def _hint(field: CustomField) -> str:
    return {
        "number": "; give a number such as 42 or 3.5",
        "date": "; give a date as YYYY-MM-DD",
        "boolean": "; give 1 or 0",
        "choice": f"; choose one of {', '.join(field.choices or [])}",
    }.get(field.type, "")


def _text(field: CustomField, raw: Any) -> str:
    if isinstance(raw, (dict, list)):
        raise TypeError("not text")
    value = str(raw)
    if len(value) > MAX_TEXT:
        raise ValueError("too long")
    return value


def _number(field: CustomField, raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise TypeError("a boolean is not a number")
    number = Decimal(str(raw)) if isinstance(raw, (int, float)) else Decimal(str(raw).strip().replace(",", ""))
    if not number.is_finite():
        raise ValueError("not finite")
    if number == number.to_integral_value() and "." not in str(raw) and "e" not in str(raw).lower():
        return int(number)
    value = float(number)
    if math.isinf(value):
        raise ValueError("out of range")
    return value


def _date(field: CustomField, raw: Any) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = str(raw).strip().replace("T", " ")
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").date()  # a LuxSci DATETIME is accepted too


def _boolean(field: CustomField, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError("not a boolean")


def _choice(field: CustomField, raw: Any) -> str:
    value = str(raw).strip()
    if value not in (field.choices or []):
        raise ValueError("not a choice")
    return value


_COERCERS = {"text": _text, "number": _number, "date": _date, "boolean": _boolean, "choice": _choice}


def wire_value(field: CustomField, value: Any) -> Any:
    """A coerced value as JSON (dates as YYYY-MM-DD, booleans as 1/0)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _choices(value: list[str] | str | None) -> list[str]:
    items = value.split(",") if isinstance(value, str) else list(value or [])
    choices = list(dict.fromkeys(str(c).strip() for c in items if str(c).strip()))
    if not choices:
        raise BadRequest("Field 'choices' is required for a choice field: give a list of values.")
    if len(choices) > MAX_CHOICES or any(len(c) > 200 for c in choices):
        raise BadRequest(f"Field 'choices' may hold at most {MAX_CHOICES} values of up to 200 characters.")
    return choices


def _checked_name(value: str | None) -> str:
    name = (value or "").strip()
    if not name:
        raise BadRequest("Field 'name' is required.")
    if not NAME_PATTERN.match(name) or keyword.iskeyword(name) or name.lower() in RESERVED_NAMES:
        raise BadRequest(
            f"Field 'name': {name!r} must start with a letter or '_', hold only letters, digits "
            "and '_' (at most 64), and not be a reserved word, so it works as {{ name }}."
        )
    return name


async def create(*, session: AsyncSession, user: User, body: CustomFieldCreate) -> dict[str, Any]:
    """createCustomField."""
    name = _checked_name(body.name)
    field_type = (body.type or "text").strip().lower()
    if field_type not in FIELD_TYPES:
        raise BadRequest(f"Field 'type' must be one of {', '.join(FIELD_TYPES)}.")
    clash = await session.scalar(
        select(CustomField.id).where(CustomField.user_id == user.id, func.lower(CustomField.name) == name.lower())
    )
    if clash is not None:
        raise Conflict(f"{user.login} already has a custom field named {name!r}.")
    count = await session.scalar(select(func.count()).where(CustomField.user_id == user.id))
    if (count or 0) >= MAX_PER_USER:
        raise LimitExceeded(f"A user may have at most {MAX_PER_USER} custom fields.")
    row = CustomField(
        user_id=user.id,
        name=name,
        type=field_type,
        description=part_text(body.description, field="description"),
        choices=_choices(body.choices) if field_type == "choice" else [],
    )
    try:
        default = coerce_value(row, body.default)
    except BadRequest as exc:
        raise BadRequest(f"Field 'default': {exc.message}") from None
    row.default = wire_value(row, default)
    session.add(row)
    await flush_unique(session, f"{user.login} already has a custom field named {name!r}.")
    return record(row)


async def list_for_user(*, session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """getCustomFields: every field of the user, by name."""
    return [record(r) for r in await fields_of(session=session, user=user)]


async def fields_of(*, session: AsyncSession, user: User) -> list[CustomField]:
    """The user's field definitions (for contacts and merges)."""
    return list(
        (
            await session.scalars(select(CustomField).where(CustomField.user_id == user.id).order_by(CustomField.name))
        ).all()
    )


def merge_variables(fields: list[CustomField], values: dict[str, Any]) -> dict[str, Any]:
    """Merge variables: values of known fields coerced to their type, defaults for the missing ones.

    Keys that are not custom fields (email, first_name of a contact …) pass through unchanged.
    """
    merged = dict(values)
    for field in fields:
        value = coerce_value(field, values.get(field.name))
        if value is None and field.default is not None:
            value = coerce_value(field, field.default)
        merged[field.name] = value
    return merged
