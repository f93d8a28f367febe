"""The closed sets of outbound delivery: one StrEnum each, shared by the queue, the transports,
the delivery pipeline, the reports and the console.

Values are what the database columns and the API have always held (a StrEnum member *is* that
string: it compares equal to it, binds as it and serialises as it), so nothing changes on the
wire or on disk.
"""

from __future__ import annotations

from enum import StrEnum


class MessageState(StrEnum):
    """outbound_message.state."""

    QUEUED = "queued"  # some recipient still pending (due now or retrying later)
    SENT = "sent"  # every recipient delivered or escrowed
    PARTIAL = "partial"  # some delivered, some failed or suppressed
    FAILED = "failed"  # none delivered


class RecipientState(StrEnum):
    """outbound_recipient.state."""

    QUEUED = "queued"
    DEFERRED = "deferred"  # tried, will retry
    SENT = "sent"
    ESCROWED = "escrowed"  # kept by SecureLine for pickup; counts as delivered
    FAILED = "failed"
    SUPPRESSED = "suppressed"  # never tried: the address is on a suppression list


class Outcome(StrEnum):
    """What one attempt did for one recipient (RecipientResult.outcome, delivery_attempt.outcome)."""

    SENT = "sent"
    DEFERRED = "deferred"
    FAILED = "failed"
    ESCROWED = "escrowed"
    NEEDS_FALLBACK = "needs_fallback"  # TLS required but unavailable: SecureLine decides (never stored)
    RECLAIMED = "reclaimed"  # logged only: an earlier claim died unrecorded, a duplicate is possible


class TlsPolicy(StrEnum):
    """How a message may travel (outbound_message.tls_policy, the `tls_policy` setting and field)."""

    OPPORTUNISTIC = "opportunistic"  # STARTTLS when offered, else plain
    REQUIRED = "required"  # STARTTLS or the SecureLine fallback, never plain
    NO_TLS = "no_tls"  # plain even when STARTTLS is offered
    SECURELINE = "secureline"  # always through SecureLine (encrypt or escrow)


class Channel(StrEnum):
    """Where a message came from (outbound_message.channel; report filters)."""

    API = "api"
    WEBMAIL = "webmail"
    SMTP = "smtp"
    SYSTEM = "system"  # OpenLux's own mail: notices, DSNs


class DeliveryMethod(StrEnum):
    """How a recipient was reached (outbound_recipient.method; the reports' encryption column)."""

    TLS = "tls"
    PLAIN = "plain"
    CAPTURE = "capture"  # delivery_mode=capture: kept, not sent
    PGP = "pgp"
    SMIME = "smime"
    ESCROW = "escrow"


PENDING_RECIPIENT_STATES = (RecipientState.QUEUED, RecipientState.DEFERRED)
DELIVERED_RECIPIENT_STATES = (RecipientState.SENT, RecipientState.ESCROWED)
MESSAGE_FINAL_STATES = (MessageState.SENT, MessageState.PARTIAL, MessageState.FAILED)
RECIPIENT_FINAL_STATES = (
    RecipientState.SENT,
    RecipientState.ESCROWED,
    RecipientState.FAILED,
    RecipientState.SUPPRESSED,
)
