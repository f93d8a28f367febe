"""Wire shapes of auto-responders and forwarding (spec 10-user; names are ours, see docs/compat.md)."""

from __future__ import annotations

from typing import Any

from openlux.core.schemas import LenientModel
from openlux.core.types import Count, Flag, LuxDate


class AutoResponderCreate(LenientModel):
    """newEmailAutoResponder body."""

    subject: str | None = None
    body: str | None = None  # plain text
    body_html: str | None = None
    from_name: str | None = None
    start_date: LuxDate = None
    end_date: LuxDate = None
    interval: Count = None  # days between replies to one sender (default 1)
    enabled: Flag | None = None  # default 1


class ForwardingUpdate(LenientModel):
    """updateEmailForwarding body."""

    action: str | None = None
    destinations: Any = None  # list of addresses, or one comma/space separated string
    bounce_message: str | None = None
