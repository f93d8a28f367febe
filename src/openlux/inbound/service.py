"""Auto-responders and forwarding settings (spec 10-user): rules only, no HTTP."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.core.addresses import normalise_address
from openlux.core.errors import BadRequest, LimitExceeded, NotFound
from openlux.core.time import format_datetime
from openlux.db import rows_matched
from openlux.inbound.models import NAME_LENGTH, SUBJECT_LENGTH, AutoResponder
from openlux.inbound.schemas import AutoResponderCreate, ForwardingUpdate

MAX_RESPONDERS = 20  # per user
MAX_BODY = 64 * 1024  # characters, each of text and HTML
MAX_INTERVAL_DAYS = 365
MAX_DESTINATIONS = 25  # forwarding destinations per user
MAX_BOUNCE = 500
ACTIONS = ("deliver", "forward", "forward_and_keep", "deny", "delete")
DEFAULT_BOUNCE = "This mailbox does not accept mail."
SETTINGS_KEY = "email_forwarding"  # in app_user.settings, so getUserSettings shows it as is
DEFAULT_FORWARDING: dict[str, Any] = {"action": "deliver", "destinations": [], "bounce_message": ""}
_SPLIT = re.compile(r"[\s,;]+")


def record(responder: AutoResponder) -> dict[str, Any]:
    """The auto-responder record returned by create and list."""
    return {
        "autoresponder_id": responder.id,
        "subject": responder.subject,
        "body": responder.body_text,
        "body_html": responder.body_html,
        "from_name": responder.from_name,
        "start_date": format_datetime(responder.start_at),
        "end_date": format_datetime(responder.end_at),
        "interval": responder.interval_days,
        "enabled": int(responder.enabled),
        "created": format_datetime(responder.created_at),
    }


async def create_responder(*, session: AsyncSession, user: User, body: AutoResponderCreate) -> dict[str, Any]:
    """newEmailAutoResponder: validate, store, return the record."""
    subject = (body.subject or "").strip()
    if not subject:
        raise BadRequest("Field 'subject' is required.")
    if len(subject) > SUBJECT_LENGTH or "\n" in subject or "\r" in subject:
        raise BadRequest(f"Field 'subject' must be one line of at most {SUBJECT_LENGTH} characters.")
    text, html = body.body or "", body.body_html or ""
    if not text.strip() and not html.strip():
        raise BadRequest("Field 'body' is required (or 'body_html').")
    for name, value in (("body", text), ("body_html", html)):
        if len(value) > MAX_BODY:
            raise BadRequest(f"Field '{name}' must be at most {MAX_BODY} characters.")
    from_name = (body.from_name or "").strip()
    if len(from_name) > NAME_LENGTH or any(c in from_name for c in "\r\n"):
        raise BadRequest(f"Field 'from_name' must be one line of at most {NAME_LENGTH} characters.")
    start, end = body.start_date, body.end_date
    if start and end and end <= start:
        raise BadRequest("Field 'end_date' must be after 'start_date'.")
    interval = 1 if body.interval is None else body.interval
    if not 0 <= interval <= MAX_INTERVAL_DAYS:
        raise BadRequest(f"Field 'interval' must be between 0 and {MAX_INTERVAL_DAYS} days.")
    count = len((await session.scalars(select(AutoResponder.id).where(AutoResponder.user_id == user.id))).all())
    if count >= MAX_RESPONDERS:
        raise LimitExceeded(f"A user may have at most {MAX_RESPONDERS} auto-responders.")
    responder = AutoResponder(
        account_id=user.account_id,
        user_id=user.id,
        subject=subject,
        body_text=text,
        body_html=html,
        from_name=from_name,
        start_at=start,
        end_at=end,
        interval_days=interval,
        enabled=body.enabled is not False,
    )
    session.add(responder)
    await session.flush()
    return record(responder)


async def list_responders(*, session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """getEmailAutoResponders: every responder of the user, oldest first."""
    rows = await session.scalars(
        select(AutoResponder).where(AutoResponder.user_id == user.id).order_by(AutoResponder.id)
    )
    return [record(r) for r in rows]


async def delete_responder(*, session: AsyncSession, user: User, responder_id: int) -> dict[str, Any]:
    """deleteEmailAutoResponder: 404 unless the user owns it."""
    result = await session.execute(
        delete(AutoResponder).where(AutoResponder.id == responder_id, AutoResponder.user_id == user.id)
    )
    if not rows_matched(result):
        raise NotFound(f"No auto-responder {responder_id}.")
    return {"autoresponder_id": responder_id, "deleted": 1}


def forwarding_of(user: User) -> dict[str, Any]:
    """The user's forwarding settings with defaults filled in."""
    return {**DEFAULT_FORWARDING, **((user.settings or {}).get(SETTINGS_KEY) or {})}


def _destinations(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    items = _SPLIT.split(value.strip()) if isinstance(value, str) else value
    if not isinstance(items, list):
        raise BadRequest("Field 'destinations' must be a list of addresses.")
    result = [normalise_address(str(a), field=f"destinations[{i}]") for i, a in enumerate(items) if str(a).strip()]
    return list(dict.fromkeys(result))


async def update_forwarding(*, session: AsyncSession, user: User, body: ForwardingUpdate) -> dict[str, Any]:
    """updateEmailForwarding: replace the settings; returns them."""
    action = (body.action or "").strip().lower()
    if action not in ACTIONS:
        raise BadRequest(f"Field 'action' must be one of {', '.join(ACTIONS)}.")
    destinations = _destinations(body.destinations)
    if action in ("forward", "forward_and_keep"):
        if not destinations:
            raise BadRequest("Field 'destinations' is required for action " + action + ".")
        if len(destinations) > MAX_DESTINATIONS:
            raise BadRequest(f"Field 'destinations' may hold at most {MAX_DESTINATIONS} addresses.")
        if user.login in destinations:
            raise BadRequest("Field 'destinations' must not contain the user's own address.")
    else:
        destinations = []
    bounce = " ".join((body.bounce_message or "").split())
    if len(bounce) > MAX_BOUNCE:
        raise BadRequest(f"Field 'bounce_message' must be at most {MAX_BOUNCE} characters.")
    settings = {
        "action": action,
        "destinations": destinations,
        "bounce_message": (bounce or DEFAULT_BOUNCE) if action == "deny" else "",
    }
    user.settings = {**(user.settings or {}), SETTINGS_KEY: settings}
    await session.flush()
    return settings
