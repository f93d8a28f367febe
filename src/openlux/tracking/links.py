"""The public URLs tracking puts in mail, and the per-recipient tracked copy of a message."""

from __future__ import annotations

import time
from enum import IntFlag

from openlux.config import Settings
from openlux.core.context import AppContext
from openlux.tracking import rewrite
from openlux.tracking.tokens import LinkToken, TokenKind, make_link, make_pair

OPEN_PATH = "/t/o/"
CLICK_PATH = "/t/c/"
UNSUBSCRIBE_PATH = "/unsubscribe/"


class Track(IntFlag):
    """What a message is tracked for (outbound_message.track)."""

    NONE = 0
    OPENS = 1
    CLICKS = 2


def public_url_warning(settings: Settings) -> str | None:
    """The start-up warning when mail goes out (relay/mx) with tracking and unsubscribe links that are not HTTPS."""
    if settings.delivery_mode in ("relay", "mx") and not settings.base_url.startswith("https://"):
        return (
            f"OPENLUX_PUBLIC_URL is {settings.base_url}: unsubscribe and tracking links in outgoing mail are not "
            "HTTPS (RFC 8058 one-click unsubscribe requires an HTTPS URI; mailbox providers ignore others)."
        )
    return None


def unsubscribe_url(ctx: AppContext, campaign_id: int, contact_id: int) -> str:
    """The campaign's unsubscribe page for one contact (GET shows it, POST unsubscribes at once)."""
    token = make_pair(ctx.link_key, TokenKind.UNSUBSCRIBE, campaign_id, contact_id)
    return f"{ctx.settings.base_url}{UNSUBSCRIBE_PATH}{token}"


def tracked_copy(ctx: AppContext, mime: bytes, *, track: int, message_id: int, recipient_id: int) -> bytes:
    """One recipient's copy: pixel and/or click URLs carrying (message, recipient, link); CPU-bound."""
    base = ctx.settings.base_url
    sent_at = int(time.time())
    key = ctx.link_key

    def click(index: int, url: str) -> str:
        return (
            base
            + CLICK_PATH
            + make_link(key, LinkToken(TokenKind.CLICK, message_id, recipient_id, index, sent_at, url))
        )

    pixel = None
    if track & Track.OPENS:
        pixel = base + OPEN_PATH + make_link(key, LinkToken(TokenKind.OPEN, message_id, recipient_id, 0, sent_at))
    # Our own pages (unsubscribe, SecureLine pickup) are never wrapped: they must work as sent.
    return rewrite.track_mime(
        mime,
        click_url=click if track & Track.CLICKS else None,
        pixel_url=pixel,
        keep=lambda url: url.startswith(base + "/"),
    )
