"""The seam between delivery and SecureLine: what the pipeline asks of a fallback, nothing more.

Delivery does not import SecureLine's machinery; the role wiring (openlux.roles) hands the worker
an implementation of `SecureFallback` (openlux.secureline.fallback), and tests can hand another.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.context import AppContext
from openlux.mail.queue import Claimed
from openlux.secureline import FallbackResult


class SecureFallback(Protocol):
    """Secure one recipient's copy without TLS: deliverable PGP/S-MIME `mime`, or escrowed with a notice.

    Writes go through `session` and are only flushed; the caller commits. Raises
    `openlux.secureline.SecureLineError` when the copy cannot be secured at all.
    """

    async def __call__(
        self, *, ctx: AppContext, session: AsyncSession, message: Claimed, recipient: str
    ) -> FallbackResult: ...
