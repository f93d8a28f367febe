"""Wire shapes of sendEmail and sendSecureEmailOrSecureText (spec 10-user.md; decisions in docs/compat.d/mail.md).

Quirks from LuxSci clients: every key may be sent as null or an empty list (C# sends all keys);
numbers may arrive as strings; the deprecated endpoint's names (`from_address`, `reply_address`,
`body` + `body_type`, `no_tls_only`) are accepted by sendEmail's messages too.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator, model_validator

from openlux.core.schemas import LenientModel
from openlux.core.types import Flag


def address_list(value: Any) -> Any:
    """A list of addresses; a single string may hold several separated by commas or semicolons."""
    if isinstance(value, str):
        return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    return value


class AttachmentRef(LenientModel):
    """One uploaded `files` part, named exactly and hashed (hex SHA-256) as spec 00-mechanics §6 says."""

    name: str | None = None
    hash: str | None = None
    content_type: str | None = None


class MessageIn(LenientModel):
    """One message of sendEmail (and the whole body of the deprecated endpoint)."""

    from_address: str | None = Field(None, max_length=320)
    from_: str | None = Field(None, alias="from", max_length=320)
    from_name: str | None = None
    reply_address: str | None = Field(None, max_length=320)
    reply_to: str | None = Field(None, max_length=320)
    to: list[str] | None = None
    cc: list[str] | None = None
    bcc: list[str] | None = None
    subject: str | None = None
    text: str | None = None
    html: str | None = None
    body: str | None = None
    body_type: str | None = None
    headers: dict[str, str] | None = None
    attachments: list[AttachmentRef] | None = None
    tls_policy: str | None = None
    no_tls: Flag | None = None
    no_tls_only: Flag | None = None
    securetext: Flag | None = None
    sms_to: list[str] | None = None  # SecureText recipients' mobile numbers (E.164), with securetext: 1
    receipt: Flag | None = None
    # OpenLux tracking (docs/compat.d/tracking.md): 1 adds an open pixel / tracked links to the HTML part.
    track_opens: Flag | None = None
    track_clicks: Flag | None = None

    _lists = field_validator("to", "cc", "bcc", "sms_to", mode="before")(address_list)

    def recipients(self) -> list[tuple[str, str]]:
        """(kind, raw address) of every to/cc/bcc entry, in order."""
        return [(kind, value) for kind in ("to", "cc", "bcc") for value in (getattr(self, kind) or [])]


# Keys that mark a top-level message (the single-message form of sendEmail).
MESSAGE_KEYS = frozenset({"from_address", "from", "to", "cc", "bcc", "subject", "text", "html", "body"})


class SendEmailBody(LenientModel):
    """sendEmail: up to 1000 messages; `tls_policy` / `no_tls` here are defaults for every message."""

    messages: list[MessageIn] | None = None
    tls_policy: str | None = None
    no_tls: Flag | None = None
    # Defaults for every message, like tls_policy (a message's own value wins).
    track_opens: Flag | None = None
    track_clicks: Flag | None = None

    @model_validator(mode="before")
    @classmethod
    def _single_message_form(cls, data: Any) -> Any:
        """LuxSci's single-message form: the message's own fields at the top level, no `messages`."""
        if isinstance(data, dict) and data.get("messages") is None and MESSAGE_KEYS.intersection(data):
            message = {k: v for k, v in data.items() if k not in ("tls_policy", "no_tls")}
            return {**{k: data[k] for k in ("tls_policy", "no_tls") if k in data}, "messages": [message]}
        return data

    @field_validator("messages", mode="before")
    @classmethod
    def _one_message(cls, value: Any) -> Any:
        """A single message object is taken as a list of one."""
        return [value] if isinstance(value, dict) else value
