"""Wire shapes of the SecureSend user endpoints (field names: docs/compat.d/securesend.md)."""

from __future__ import annotations

from openlux.core.schemas import LenientModel
from openlux.core.types import Flag


class SecureSendUserUpsert(LenientModel):
    """createOrUpdateSecureSendUser body: every field optional; absent fields keep their value."""

    name: str | None = None
    password: str | None = None
    enabled: Flag | None = None


class SecureSendPassword(LenientModel):
    """changeSecureSendUserPassword body."""

    password: str | None = None
