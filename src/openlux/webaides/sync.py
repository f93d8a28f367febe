"""getWebAideChanges: entries added, changed or deleted since a sync token or a GMT time.

The token is the WebAide's change counter; it is exact, so nothing is missed or repeated. A GMT
DATETIME works too (inclusive, so a change in the same second is sent again rather than lost).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.core import time as clock
from openlux.core.errors import BadRequest
from openlux.core.ids import ascii_digits
from openlux.core.time import format_datetime, parse_datetime
from openlux.webaides.access import reach
from openlux.webaides.entries import records
from openlux.webaides.models import WebAide, WebAideEntry

MAX_CHANGES = 5000  # per call; `more` = 1 tells the client to call again with the returned token


def _since(text: str | None) -> tuple[int | None, Any]:
    """(token, None) or (None, datetime) or (None, None) for a full sync."""
    value = (text or "").strip()
    if not value:
        return None, None
    if ascii_digits(value) and len(value) <= 18:
        return int(value), None
    return None, parse_datetime(value, field="since")


async def changes(
    *, session: AsyncSession, user: User, webaide_type: str, webaide_id: int, since: str | None
) -> dict[str, Any]:
    """getWebAideChanges (needs read)."""
    access = await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id)
    access.require("read", "read changes")
    # Read the counter first: every entry at or below it is committed, later ones come next time.
    current = int(await session.scalar(select(WebAide.revision).where(WebAide.id == access.webaide.id)) or 0)
    token, moment = _since(since)
    if token is not None and token > current:
        raise BadRequest(f"Parameter 'since': token {token} is newer than this WebAide's {current}.")
    clauses = [WebAideEntry.webaide_id == access.webaide.id, WebAideEntry.revision <= current]
    if token is not None:
        clauses.append(WebAideEntry.revision > token)
    elif moment is not None:
        clauses.append(WebAideEntry.modified_at >= moment)  # a delete sets modified_at too
    else:
        clauses.append(WebAideEntry.deleted_at.is_(None))  # first sync: what exists now
    rows = list(
        (
            await session.scalars(
                select(WebAideEntry).where(*clauses).order_by(WebAideEntry.revision).limit(MAX_CHANGES + 1)
            )
        ).all()
    )
    more = len(rows) > MAX_CHANGES
    rows = rows[:MAX_CHANGES]
    added, updated, deleted = [], [], []
    for row in rows:
        new = (row.created_revision > token) if token is not None else (moment is None or row.created_at >= moment)
        if row.deleted_at is not None:
            if not new:  # added and deleted since the last sync: the client never saw it
                deleted.append(row.id)
        elif new:
            added.append(row)
        else:
            updated.append(row)
    kind = access.webaide.webaide_type
    return {
        "added": await records(session, added, kind),
        "updated": await records(session, updated, kind),
        "deleted": deleted,
        "sync_token": str(rows[-1].revision if more else current),
        "more": int(more),
        "server_time": format_datetime(clock.utcnow()),
    }
