"""Wire shapes of the SecureSend user endpoints (field names: docs/compat.d/securesend.md)."""

from __future__ import annotations

from openlux.core.schemas import LenientModel


class SecureSendUserUpsert(LenientModel):
    """createOrUpdateSecureSendUser body: every field optional; absent fields keep their value."""

    name: str | None = None
    password: str | None = None
    enabled: str | None = None  # 1/0, true/false, yes/no


class SecureSendPassword(LenientModel):
    """changeSecureSendUserPassword body."""

    password: str | None = None
