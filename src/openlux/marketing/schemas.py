"""Wire shapes of the Secure Marketing endpoints (field names and decisions: docs/compat.d/marketing.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openlux.core.schemas import LenientModel
from openlux.core.types import Count, LuxId, LuxIdOrNone, OptionalId


class ListGroupIn(LenientModel):
    """addListGroup / updateListGroup body."""

    name: str | None = None
    description: str | None = None


class ListIn(LenientModel):
    """addList / updateList body; on update omitted fields stay, `group_id` "" or 0 ungroups."""

    name: str | None = None
    description: str | None = None
    from_name: str | None = None
    from_address: str | None = None
    reply_to: str | None = None
    group_id: LuxIdOrNone | None = None  # "" or 0: no group
    # v2 (addMarketingList/updateMarketingList): a list group by name, made when new; "" ungroups.
    group: str | None = None
    # Names of the owner's custom fields the list's contacts carry: a JSON list or "a,b,c".
    fields: list[Any] | str | None = None


class ContactIn(LenientModel):
    """addContact / updateContact body and one item of addContacts."""

    email: str | None = None
    status: str | None = None  # subscribed (default) | unsubscribed | bounced | complained
    fields: dict[str, Any] | None = None  # custom field name -> value, checked against the field's type


class ContactsIn(LenientModel):
    """addContacts body: `contacts`, a list of ContactIn objects (plain addresses allowed)."""

    contacts: list[Any] | None = None


@dataclass(frozen=True, slots=True)
class ListQuery:
    """getLists query string (all optional)."""

    group_id: OptionalId = None  # 0: lists in no group
    name: str | None = None  # case-insensitive substring
    first_row: Count = None
    matches: Count = None


@dataclass(frozen=True, slots=True)
class ContactQuery:
    """getContacts query string (all optional)."""

    list_id: OptionalId = None
    status: str | None = None
    email: str | None = None  # case-insensitive substring
    after_date: str | None = None  # bounds on `modified`
    before_date: str | None = None
    from_date: str | None = None
    through_date: str | None = None
    first_row: Count = None
    matches: Count = None


class CampaignIn(LenientModel):
    """addCampaign / updateCampaign body; on update omitted fields stay."""

    name: str | None = None
    subject: str | None = None
    html: str | None = None
    text: str | None = None
    template_id: LuxIdOrNone | None = None  # a stored template instead of inline html/text ("" or 0: none)
    lists: list[Any] | str | None = None  # target list ids: a JSON list or "1,2"
    from_name: str | None = None
    from_address: str | None = None
    reply_to: str | None = None
    send_at: str | None = None  # DATETIME (GMT) or "now" schedules; "" unschedules
    status: str | None = None  # only "cancelled" may be set by a client
    group: str | None = None  # v2 campaign group (a name; "" for none)
    # Tracking of every message (default 1 each; docs/compat.d/tracking.md).
    track_opens: Any = None
    track_clicks: Any = None


@dataclass(frozen=True, slots=True)
class CampaignQuery:
    """getCampaigns query string (all optional)."""

    status: str | None = None
    name: str | None = None  # case-insensitive substring
    after_date: str | None = None  # bounds on `modified`
    before_date: str | None = None
    from_date: str | None = None
    through_date: str | None = None
    first_row: Count = None
    matches: Count = None


@dataclass(frozen=True, slots=True)
class CampaignReportQuery:
    """getReport* query string besides `campaign_id` (spec 30-reports §A.2)."""

    after_date: str | None = None
    before_date: str | None = None
    from_date: str | None = None
    through_date: str | None = None
    first_row: Count = None
    matches: Count = None


class MarketingContactIn(ContactIn):
    """addMarketingContact body (v2): the list goes in the body."""

    list_id: LuxId | None = None


class MarketingContactsIn(ContactsIn):
    """addMarketingContacts body (v2): the list goes in the body."""

    list_id: LuxId | None = None


class ScheduleIn(LenientModel):
    """scheduleMarketingCampaign body."""

    send_at: str | None = None  # DATETIME (GMT); omitted or past: now
