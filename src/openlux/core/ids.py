"""Row ids and other decimal numbers taken from paths, queries, bodies and cookies.

`str.isdigit()` is true for superscripts and other Unicode digits ('²', '٣'), which `int()` then
refuses or reads differently, and an unbounded digit string overflows a BIGINT column (500 from the
database) or Python's own int-parsing limit. Everything here accepts ASCII digits only.
"""

from __future__ import annotations

MAX_ROW_ID = 2**63 - 1  # BIGINT, the widest id column on both backends


def ascii_digits(text: str) -> bool:
    """True for a non-empty string of ASCII digits 0-9 only."""
    return text.isascii() and text.isdigit()


def parse_row_id(text: object) -> int | None:
    """A positive BIGINT id from `text` (str or int), or None when it is not one."""
    if isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text if 0 < text <= MAX_ROW_ID else None
    if not isinstance(text, str):
        return None
    text = text.strip()
    if not ascii_digits(text) or len(text) > 19:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ROW_ID else None
