"""Wire shapes of the SecureLine endpoints (names decided in docs/compat.d/secureline.md)."""

from __future__ import annotations

from pydantic import Field, field_validator

from openlux.mail.schemas import MessageIn, address_list


class EncryptionQuery(MessageIn):
    """retrieveSecureLineRecipientListEncryptionData: a message's to/cc/bcc (or `recipients`) and TLS flags.

    It is sendEmail's message shape, so a client can send the very message it is about to send;
    subject, body and attachments are ignored.
    """

    # `recipients` on the wire; MessageIn already has a recipients() method.
    recipient_list: list[str] | None = Field(None, alias="recipients")

    _extra_lists = field_validator("recipient_list", mode="before")(address_list)
