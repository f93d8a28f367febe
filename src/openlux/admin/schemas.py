"""Wire shapes of aliases, DKIM, custom bounce domains and servers (spec 50-account; decisions in docs/compat.d/admin.md)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from openlux.core.schemas import LenientModel
from openlux.core.types import Count


class AliasFields(LenientModel):
    """What createAlias and updateAlias accept (client-backed names: user, domain, action, dest, bounce)."""

    action: str | None = None
    # A list, or one string of addresses separated by commas, semicolons or whitespace.
    dest: list[str] | str | None = None
    bounce: str | None = Field(None, max_length=2000)
    status: str | None = None


class AliasCreate(AliasFields):
    """One alias; `aliases` creates several in one call (all or none)."""

    user: str | None = Field(None, max_length=400)
    domain: str | None = Field(None, max_length=400)
    aliases: list[dict[str, Any]] | None = None


class AliasUpdate(AliasFields):
    """updateAlias: fields not sent stay unchanged."""


class DkimCreate(LenientModel):
    """createDkim."""

    domain: str | None = Field(None, max_length=300)
    selector: str | None = Field(None, max_length=100)
    key_size: Count = None
    bits: Count = None  # accepted spelling of key_size
    key_type: str | None = Field(None, max_length=20)  # extension: rsa (default) | ed25519 (RFC 8463)


class BounceDomainCreate(LenientModel):
    """createCustomBounceDomain."""

    domain: str | None = Field(None, max_length=300)


class SendingRateUpdate(LenientModel):
    """setServerSendngRate: messages per hour, 0 = unlimited."""

    rate: Count = None
