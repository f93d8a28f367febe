"""Where sending meets the areas above it: what the send pipeline asks of SecureText, nothing more.

mail does not import SecureText (it sits above mail: it escrows through SecureLine); the send
routes hand `accept` an implementation (openlux.securetext.service.send_secure_text).
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.context import AppContext


class SecureTextSender(Protocol):
    """Escrow `mime` for each phone number and queue the SMS announcing it; one result entry per number."""

    async def __call__(
        self,
        ctx: AppContext,
        session: AsyncSession,
        *,
        account_id: int,
        user_id: int,
        sender: str,
        sender_name: str,
        phones: list[str],
        mime: bytes,
        queue_message_id: int | None,
    ) -> list[dict[str, Any]]: ...
