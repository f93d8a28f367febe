"""`Idempotency-Key` on the send endpoints (an OpenLux extension; LuxSci clients never send it).

A client that lost the connection after sending can repeat the call with the same key: within
`send_idempotency_hours` the same account gets the first answer back (header `Idempotent-Replayed:
true`) and nothing is queued again. The same key with a different request is a 409 naming the header.

Atomicity without a "pending" state: the key row is the first write of the request's transaction
(INSERT … ON CONFLICT DO NOTHING) and its answer is written in that same transaction, after the
messages were queued. A concurrent duplicate's INSERT waits for the first transaction (PostgreSQL:
the unique index entry; SQLite: the single writer), then finds the committed row and replays it.
A send that fails rolls the row back with everything else: nothing was queued, the key is free.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.errors import BadRequest, Conflict
from openlux.db.upsert import insert_ignore
from openlux.mail.models import SendIdempotency

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255


def check_key(value: str) -> str:
    """The header's value: 1 to 255 visible ASCII characters (spaces inside allowed)."""
    key = value.strip()
    if not key or len(key) > MAX_KEY_LENGTH or any(not (32 <= ord(ch) < 127) for ch in key):
        raise BadRequest(f"Header '{HEADER}' must be 1 to {MAX_KEY_LENGTH} visible ASCII characters.")
    return key


def fingerprint(*, endpoint: str, user_id: int, body: BaseModel, files: list[Any]) -> str:
    """What makes two requests "the same": endpoint, user, the parsed body and the attachments' content.

    The parsed body (not the raw bytes), so a retry whose multipart boundary or key order differs
    still counts as the same request.
    """
    digest = hashlib.sha256()
    content = body.model_dump(mode="json", exclude_none=True)
    digest.update(json.dumps([endpoint, user_id, content], sort_keys=True, separators=(",", ":")).encode())
    for upload in files:
        digest.update(b"\0" + str(upload.filename).encode() + b"\0" + hashlib.sha256(upload.content).digest())
    return digest.hexdigest()


@dataclass(slots=True)
class Claim:
    """A key this request holds: its row id, to store the answer in."""

    row_id: int


async def begin(
    session: AsyncSession, *, account_id: int, key: str, fingerprint: str, window_hours: float
) -> Claim | Response:
    """Hold the key for this request (a Claim), or the first answer to replay (a Response)."""
    now = clock.utcnow()
    inserted = await session.execute(
        insert_ignore(
            session,
            SendIdempotency,
            account_id=account_id,
            key=key,
            fingerprint=fingerprint,
            response_status=0,
            response_body="",
            created_at=now,
        )
    )
    row = await session.scalar(
        select(SendIdempotency).where(SendIdempotency.account_id == account_id, SendIdempotency.key == key)
    )
    assert row is not None  # inserted above, or committed by the request that inserted it first
    if inserted.rowcount == 1:  # type: ignore[attr-defined]
        return Claim(row.id)  # ours
    if row.created_at < now - timedelta(hours=window_hours):
        # An old use of the key: this request takes it over (the row lock orders concurrent takers).
        taken = await session.execute(
            update(SendIdempotency)
            .where(SendIdempotency.id == row.id, SendIdempotency.created_at == row.created_at)
            .values(fingerprint=fingerprint, response_status=0, response_body="", created_at=now)
            .execution_options(synchronize_session=False)
        )
        if taken.rowcount == 1:  # type: ignore[attr-defined]
            return Claim(row.id)
        await session.refresh(row)
    if row.fingerprint != fingerprint:
        raise Conflict(
            f"Header '{HEADER}' was already used with a different request in the last {window_hours:g} hours; "
            "use a new key for a new message."
        )
    return Response(
        row.response_body,
        status_code=row.response_status,
        media_type="application/json",
        headers={REPLAYED_HEADER: "true"},
    )


async def finish(session: AsyncSession, claim: Claim, response: JSONResponse) -> None:
    """Store the answer beside the queued messages (same transaction: both commit or neither)."""
    await session.execute(
        update(SendIdempotency)
        .where(SendIdempotency.id == claim.row_id)
        .values(response_status=response.status_code, response_body=bytes(response.body).decode())
        .execution_options(synchronize_session=False)
    )
