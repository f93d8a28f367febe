"""Columns sealed at rest with the master key, and blind indexes for the ones matched by equality.

A sealed column stores `ol1:` + base64(SecretBox.seal(value, context=b"column:<table>.<column>")):
the same AES-256-GCM box that seals bodies and escrow (core.crypto), bound to its column so a
ciphertext cannot be moved to another column. Values without the prefix are rows written before the
column was sealed (a migration converts them; until then they read as they are).

The column types (openlux.db.SealedText, SealedJSON) run inside SQLAlchemy's bind/result
processing, where no AppContext is at hand: AppContext.build installs its box here and close()
forgets it, and binds the box to its database engine's dialect (which SQLAlchemy hands to the
column types), so each database is sealed and opened with its own installation's key even when one
process holds several contexts with different keys (tests, tools). Values reached without a bound
dialect (scripts with their own engine) use every installed box: reading tries each (newest first),
writing uses the newest. During a rotation the box itself holds the new key and the previous one
(core.crypto.SecretBox), so rows are read with either and written with the new one.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import weakref
from typing import Any

from cryptography.exceptions import InvalidTag

from openlux.core.crypto import SecretBox

SEALED_PREFIX = "ol1:"
BLIND_INDEX_PURPOSE = b"blind index v1"
BLIND_INDEX_LENGTH = 64  # hex HMAC-SHA256

_boxes: list[SecretBox] = []  # newest first
_users: dict[str, int] = {}  # key id → contexts using it (a key is forgotten when its last context closes)
_bound: weakref.WeakKeyDictionary[Any, SecretBox] = weakref.WeakKeyDictionary()  # engine dialect → its box


class SealingUnavailable(RuntimeError):
    """A sealed column was read or written before a master key was installed, or with none that fits."""


def install(box: SecretBox) -> None:
    """Make `box` available to sealed columns, first for writing (AppContext.build)."""
    _users[box.key_id] = _users.get(box.key_id, 0) + 1
    _boxes[:] = [box, *(b for b in _boxes if b.key_id != box.key_id)]


def forget(box: SecretBox) -> None:
    """One user of `box` is done with it (AppContext.close); the last one removes it."""
    left = _users.get(box.key_id, 0) - 1
    if left > 0:
        _users[box.key_id] = left
        return
    _users.pop(box.key_id, None)
    _boxes[:] = [b for b in _boxes if b.key_id != box.key_id]


def bind(dialect: Any, box: SecretBox) -> None:
    """Seal and open the columns of the engine with this dialect with `box` (AppContext.build)."""
    _bound[dialect] = box


def bound_box(dialect: Any) -> SecretBox | None:
    """The box bound to an engine's dialect, if any."""
    return _bound.get(dialect)


def box_for(dialect: Any) -> SecretBox:
    """The box values written through this engine are sealed with."""
    return _bound.get(dialect) or writing_box()


def writing_box() -> SecretBox:
    """The box new values are sealed with."""
    if not _boxes:
        raise SealingUnavailable("no master key installed for sealed columns")
    return _boxes[0]


def column_context(purpose: str) -> bytes:
    """The authenticated context of a sealed column."""
    return b"column:" + purpose.encode("ascii")


def seal_value(text: str, purpose: str, box: SecretBox | None = None) -> str:
    """The stored form of `text` in the column `purpose` (table.column)."""
    sealed = (box or writing_box()).seal_text(text, context=column_context(purpose))
    return SEALED_PREFIX + base64.b64encode(sealed).decode("ascii")


def is_sealed(stored: str) -> bool:
    """True when `stored` is a sealed value (not a row from before the column was sealed)."""
    return stored.startswith(SEALED_PREFIX)


def open_value(stored: str, purpose: str, box: SecretBox | None = None) -> str:
    """The clear text of a stored value (unsealed legacy values pass through); `box` is tried first."""
    return open_value_reporting(stored, purpose, box)[0]


def open_value_reporting(stored: str, purpose: str, box: SecretBox | None = None) -> tuple[str, bool]:
    """The clear text, and whether it is sealed under the current writing key (False: re-seal it)."""
    if not is_sealed(stored):
        return stored, False
    sealed = base64.b64decode(stored[len(SEALED_PREFIX) :])
    candidates = [box, *(b for b in _boxes if b is not box)] if box is not None else list(_boxes)
    for position, box in enumerate(candidates):
        try:
            clear, current = box.open_reporting(sealed, context=column_context(purpose))
        except InvalidTag:
            continue
        return clear.decode("utf-8"), current and position == 0
    raise SealingUnavailable(f"a sealed {purpose} value opens with none of the installed master keys")


def blind_index(value: str, box: SecretBox | None = None) -> str:
    """Keyed HMAC-SHA256 (hex) of a normalised value: equal values match, nothing else is revealed."""
    key = (box or writing_box()).derive_key(BLIND_INDEX_PURPOSE)
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


def address_form(address: str) -> str:
    """The form an e-mail address is indexed in: trimmed and lower-cased (normalise_address output is unchanged)."""
    return address.strip().lower()


def address_index(address: str, box: SecretBox | None = None) -> str:
    """The blind index of an e-mail address: equal addresses (in any case) match."""
    return blind_index(address_form(address), box)


def address_list_index(addresses: list[str], box: SecretBox | None = None) -> str:
    """The stored form of openlux.db.AddressListIndex: the addresses' blind indexes, space-separated."""
    return " ".join(address_index(address, box) for address in addresses)
