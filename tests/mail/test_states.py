"""The delivery state sets are StrEnums whose members are exactly the strings stored and sent."""

from __future__ import annotations

import json

import pytest

from openlux.mail.states import Channel, DeliveryMethod, MessageState, Outcome, RecipientState, TlsPolicy
from openlux.marketing.models import CampaignStatus, ContactStatus, MemberState
from openlux.reports.models import JobStatus
from openlux.secureline.policy import KeyKind, SecureLineMethod

# The values the database has always held and the API has always sent (unchanged by the enums).
WIRE = {
    MessageState: {"queued", "sent", "partial", "failed"},
    RecipientState: {"queued", "deferred", "sent", "escrowed", "failed", "suppressed"},
    Outcome: {"sent", "deferred", "failed", "escrowed", "needs_fallback", "reclaimed"},
    TlsPolicy: {"opportunistic", "required", "no_tls", "secureline"},
    Channel: {"api", "webmail", "smtp", "system"},
    DeliveryMethod: {"tls", "plain", "capture", "pgp", "smime", "escrow"},
    JobStatus: {"submitted", "preparing", "running", "uploading", "complete", "failed"},
    CampaignStatus: {"draft", "scheduled", "sending", "sent", "cancelled", "failed"},
    ContactStatus: {"subscribed", "unsubscribed", "bounced", "complained"},
    MemberState: {"queued", "suppressed", "failed"},
    SecureLineMethod: {"tls", "pgp", "smime", "escrow", "none"},
    KeyKind: {"pgp", "smime"},
}


@pytest.mark.parametrize("enum", list(WIRE), ids=lambda e: e.__name__)
def test_members_are_the_stored_strings(enum: type) -> None:
    assert {m.value for m in enum} == WIRE[enum]
    for member in enum:
        assert member == member.value and str(member) == member.value and f"{member}" == member.value
        assert json.dumps({"state": member}) == json.dumps({"state": member.value})
