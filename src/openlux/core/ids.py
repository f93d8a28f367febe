"""Row ids and other decimal numbers taken from paths, queries, bodies and cookies.

`str.isdigit()` is true for superscripts and other Unicode digits ('²', '٣'), which `int()` then
refuses or reads differently, and an unbounded digit string overflows a BIGINT column (500 from the
database) or Python's own int-parsing limit. Everything here accepts ASCII digits only.
"""

from __future__ import annotations

MAX_ROW_ID = 2**63 - 1  # BIGINT, the widest id column on both backends
MAX_ID_DIGITS = 18  # 10**18 - 1 < MAX_ROW_ID: no id can overflow a BIGINT column or a C# long


def ascii_digits(text: str) -> bool:
    """True for a non-empty string of ASCII digits 0-9 only."""
    return text.isascii() and text.isdigit()


def parse_whole_number(value: object) -> int | None:
    """A whole number >= 0 of at most MAX_ID_DIGITS digits from an int or a string of ASCII digits
    (surrounding blanks ignored), or None. The one id rule: core.types.LuxId validates with it."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        return None
    if not ascii_digits(text) or len(text) > MAX_ID_DIGITS:
        return None
    return int(text)


def parse_row_id(text: object) -> int | None:
    """A positive row id from `text` (str or int), or None when it is not one."""
    value = parse_whole_number(text)
    return value if value else None
