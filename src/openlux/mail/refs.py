"""`X-OpenLux-Ref`: a signed reference to the queued message, added to every message OpenLux sends.

A feedback report (ARF) quotes the original's headers; a valid ref ties the complaint to a message
OpenLux really sent (mail-trust issue, item 2), and a forged one ties it to nothing. Format:
`<queue id>.<first 16 bytes of HMAC-SHA256(key, queue id) as hex>`.
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-OpenLux-Ref"
_PURPOSE = b"x-openlux-ref"


def _mac(key: bytes, queue_id: int) -> str:
    return hmac.new(key, str(queue_id).encode(), hashlib.sha256).hexdigest()[:32]


def ref_key(box: object) -> bytes:
    """The HMAC key (derived from the master key, ctx.box)."""
    return box.derive_key(_PURPOSE)  # type: ignore[attr-defined]


def make_ref(key: bytes, queue_id: int) -> str:
    """The header value for one queued message."""
    return f"{queue_id}.{_mac(key, queue_id)}"


def check_ref(key: bytes, value: str | None) -> int | None:
    """The queue id of a genuine ref, else None."""
    text = str(value or "").strip()
    head, _, mac = text.partition(".")
    if not head.isdigit() or len(head) > 19:
        return None
    return int(head) if hmac.compare_digest(mac.lower(), _mac(key, int(head))) else None


def with_ref(mime: bytes, value: str) -> bytes:
    """The message with the header prepended (any ref already there is left for the reader to distrust)."""
    return f"{HEADER}: {value}\r\n".encode("ascii") + mime
