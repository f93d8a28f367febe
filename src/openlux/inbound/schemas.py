"""Wire shapes of auto-responders and forwarding (spec 10-user; names are ours, see docs/compat.md)."""

from __future__ import annotations

from typing import Any

from openlux.core.schemas import LenientModel


class AutoResponderCreate(LenientModel):
    """newEmailAutoResponder body."""

    subject: str | None = None
    body: str | None = None  # plain text
    body_html: str | None = None
    from_name: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    interval: str | None = None  # days between replies to one sender
    enabled: str | None = None


class ForwardingUpdate(LenientModel):
    """updateEmailForwarding body."""

    action: str | None = None
    destinations: Any = None  # list of addresses, or one comma/space separated string
    bounce_message: str | None = None
