"""Loose LuxSci input, typed once: what every request model and route parameter is made of.

LuxSci's clients are loose about types (spec 00-mechanics §3.1, §5): PHP sends every query value
and many body values as strings, its `false` as `""`; C# sends numbers as strings; Python sends
`null` for "not given". These annotated types accept exactly that and hand the service a plain
Python value, so one rule answers in every area and a bad value is a 400 naming the field
(openlux.core.envelope.describe_validation_errors).

Accepted spellings (docs/compat.d/00-foundation.md repeats them for clients):

- `LuxId`: a whole number ≥ 0 as a JSON number or a string of ASCII digits (surrounding blanks
  ignored), at most 18 digits so it always fits a 64-bit column. `"12"`, `12`, `" 12 "` pass;
  `"12a"`, `"-1"`, `"1.0"`, `true`, `"²"` (Unicode digits) and 19+ digits are 400.
- `LuxIdOrNone`: a `LuxId`, or `""`/`0`/`"0"` meaning "none" (ungroup, no template); returns 0.
- `OptionalId`: a `LuxId` filter in a query string; `""` is "not given" (None), `0` stays 0.
- `Count`: a whole number ≥ 0 spelled like a `LuxId` (paging: `first_row`, `matches`); `""` is
  "not given" (PHP sends empty query values).
- `Flag`: `1`/`0`, `true`/`false`, `yes`/`no`, `on`/`off` in any case, as strings, numbers or JSON
  booleans; `""` is false (PHP's string for `false`). Anything else is 400.
- `LuxDate`: a LuxSci DATETIME `YYYY-MM-DD HH:MM:SS` (GMT), also `YYYY-MM-DD HH:MM`, a bare date,
  or `T`/`$` for the space (PHP's `%24`); returns an aware UTC datetime; `""` is "not given".
- `Email`: one address `local@domain` (angle brackets allowed), returned lower-case and trimmed.
- `Name`: a trimmed single line (no CR, LF or NUL) of at most 200 characters.
- `Text`: free text of at most 500,000 characters without NUL.

`null` (or a key left out) is "not given" everywhere: fields are `X | None = None`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from openlux.core.addresses import normalise_address
from openlux.core.errors import BadRequest
from openlux.core.ids import parse_whole_number
from openlux.core.time import parse_datetime

MAX_NAME = 200
MAX_TEXT = 500_000
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


def parse_id(value: object) -> int:
    """A `LuxId` from any client value; ValueError when it is not one (core.ids holds the rule)."""
    number = parse_whole_number(value)
    if number is None:
        raise ValueError(value)
    return number


def _lux_id(value: object) -> int:
    try:
        return parse_id(value)
    except ValueError:
        raise PydanticCustomError("lux_id", "must be a whole number of at most 18 digits (an id)") from None


def _lux_id_or_none(value: object) -> int:
    if isinstance(value, str) and not value.strip():
        return 0
    return _lux_id(value)


def _optional_id(value: object) -> int | None:
    if isinstance(value, str) and not value.strip():
        return None
    return _lux_id(value)


def _count(value: object) -> int | None:
    if isinstance(value, str) and not value.strip():
        return None
    try:
        return parse_id(value)
    except ValueError:
        raise PydanticCustomError("count", "must be a whole number (0 or more)") from None


def parse_flag(value: object) -> bool:
    """A LuxSci flag from any client value; ValueError when it is not one of the accepted words."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    raise ValueError(value)


def _flag(value: object) -> bool:
    try:
        return parse_flag(value)
    except ValueError:
        raise PydanticCustomError("flag", "must be 1 or 0 (also true/false, yes/no, on/off)") from None


def _lux_date(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and not value.strip():
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("lux_date", "must be a date-time as YYYY-MM-DD HH:MM:SS (GMT)")
    try:
        return parse_datetime(value, field="")
    except BadRequest:
        raise PydanticCustomError(
            "lux_date", "must be a date-time as YYYY-MM-DD HH:MM:SS (GMT), got {text!r}", {"text": value}
        ) from None


def _email(value: object) -> str:
    if not isinstance(value, str):
        raise PydanticCustomError("email", "must be an e-mail address")
    try:
        return normalise_address(value)
    except BadRequest:
        raise PydanticCustomError("email", "{text!r} is not a valid e-mail address", {"text": value}) from None


def _name(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise PydanticCustomError("name", "must be text")
    text = str(value).strip()
    if len(text) > MAX_NAME:
        raise PydanticCustomError("name", "must be at most {max} characters long", {"max": MAX_NAME})
    if any(ch in text for ch in "\r\n\x00"):
        raise PydanticCustomError("name", "must be one line of text")
    return text


def _text(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError("text", "must be text")
    text = str(value)
    if len(text) > MAX_TEXT:
        raise PydanticCustomError("text", "must be at most {max} characters long", {"max": MAX_TEXT})
    if "\x00" in text:
        raise PydanticCustomError("text", "must not contain NUL characters")
    return text


_ID_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"^\s*[0-9]{1,18}\s*$"}]
}
_FLAG_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "enum": [0, 1]},
        {"type": "boolean"},
        {"type": "string", "description": "1/0, true/false, yes/no, on/off"},
    ]
}

LuxId = Annotated[int, PlainValidator(_lux_id), WithJsonSchema(_ID_SCHEMA)]
"""An object id: a whole number as a number or a digit string (at most 18 ASCII digits)."""
LuxIdOrNone = Annotated[int, PlainValidator(_lux_id_or_none), WithJsonSchema(_ID_SCHEMA)]
"""An id where `""` or `0` means "none"; the service receives 0 for none."""
OptionalId = Annotated[int | None, PlainValidator(_optional_id), WithJsonSchema(_ID_SCHEMA)]
"""An id in a query string where blank means not given (a filter): None, or the id (0 included)."""
Count = Annotated[int | None, PlainValidator(_count), WithJsonSchema(_ID_SCHEMA)]
"""A non-negative whole number (paging); blank is "not given" (None)."""
Flag = Annotated[bool, PlainValidator(_flag), WithJsonSchema(_FLAG_SCHEMA)]
"""A yes/no value: 1/0, true/false, yes/no, on/off (any case); "" is false."""
LuxDate = Annotated[
    datetime | None,
    PlainValidator(_lux_date),
    WithJsonSchema({"type": "string", "description": "YYYY-MM-DD HH:MM:SS (GMT)"}),
]
"""A LuxSci DATETIME (GMT), also a bare date; `$` or `T` may stand for the space; blank is None."""
Email = Annotated[str, PlainValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]
"""One e-mail address, normalised to lower case."""
Name = Annotated[str, PlainValidator(_name), WithJsonSchema({"type": "string", "maxLength": MAX_NAME})]
"""A trimmed one-line name (at most 200 characters)."""
Text = Annotated[str, PlainValidator(_text), WithJsonSchema({"type": "string", "maxLength": MAX_TEXT})]
"""Free text (bodies, descriptions) of bounded size, no NUL."""
