"""Unsubscribing through a campaign's link, one-click POST or mailto address.

The contact leaves that list, or every list of its owner when the account setting
`unsubscribe_scope` is "all" (then the address also goes on the account's marketing suppression
list, so lists made later honour it too). Each first unsubscribe of a contact from a campaign is
recorded as an event: the campaign's unsubscribe reports count those, not later API changes.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Account
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.marketing import suppressions as marketing_suppressions
from openlux.marketing.models import MarketingCampaign, MarketingContact, MarketingList
from openlux.tracking.models import UnsubscribeEvent
from openlux.webhooks import service as webhooks


class Scope(StrEnum):
    """Which lists an unsubscribe leaves (account setting `unsubscribe_scope`)."""

    LIST = "list"
    ALL = "all"


class Method(StrEnum):
    """How the recipient unsubscribed."""

    ONE_CLICK = "one-click"  # RFC 8058 POST from the mailbox provider
    PAGE = "page"  # the confirmation page's button
    MAILTO = "mailto"  # mail to the List-Unsubscribe mailto address


SETTING = "unsubscribe_scope"  # in account.settings
SUPPRESSION_SOURCE = "unsubscribe link (campaign {campaign_id})"


async def scope_of(session: AsyncSession, account_id: int) -> Scope:
    """The account's unsubscribe scope: list (default) or all."""
    account = await session.get(Account, account_id)
    value = str(((account.settings or {}) if account else {}).get(SETTING) or "").strip().lower()
    return Scope.ALL if value == Scope.ALL else Scope.LIST


async def unsubscribe(
    session: AsyncSession,
    ctx: AppContext,
    *,
    campaign_id: int,
    contact_id: int,
    method: Method,
    client_ip: str = "",
    user_agent: str = "",
) -> str | None:
    """Unsubscribe the contact a campaign was sent to; its address, or None when nothing is left to do."""
    campaign = await session.get(MarketingCampaign, campaign_id)
    contact = await session.get(MarketingContact, contact_id)
    if campaign is None or contact is None:
        return None  # deleted since: nothing to leave (the page still thanks the recipient)
    scope = await scope_of(session, campaign.account_id)
    now = clock.utcnow()
    leaving = [MarketingContact.id == contact.id]
    if scope == Scope.ALL:
        owner_lists = select(MarketingList.id).where(MarketingList.owner_key == campaign.owner_key)
        leaving = [MarketingContact.email_index == contact.email, MarketingContact.list_id.in_(owner_lists)]
    await session.execute(
        update(MarketingContact)
        .where(*leaving, MarketingContact.status == "subscribed")
        .values(status="unsubscribed", unsubscribed_at=now, modified_at=now)
        .execution_options(synchronize_session=False)
    )
    if scope == Scope.ALL:
        await marketing_suppressions.add_one(
            session,
            account_id=campaign.account_id,
            address=contact.email,
            reason="unsubscribe",
            source=SUPPRESSION_SOURCE.format(campaign_id=campaign.id),
        )
    seen = await session.scalar(
        select(UnsubscribeEvent.id).where(
            UnsubscribeEvent.campaign_id == campaign.id, UnsubscribeEvent.contact_id == contact.id
        )
    )
    if seen is None:
        session.add(
            UnsubscribeEvent(
                account_id=campaign.account_id,
                campaign_id=campaign.id,
                contact_id=contact.id,
                email=contact.email,
                at=now,
                method=method,
                scope=scope,
                client_ip=client_ip[:64],
                user_agent=user_agent[:500],
            )
        )
        await webhooks.emit(
            session,
            [
                webhooks.Event(
                    campaign.account_id,
                    webhooks.EventType.UNSUBSCRIBED,
                    {
                        "campaign_id": campaign.id,
                        "contact_id": contact.id,
                        "list_id": contact.list_id,
                        "recipient": contact.email,
                        "method": method,
                        "scope": scope,
                        "at": now.isoformat(),
                    },
                )
            ],
        )
    await session.flush()
    return contact.email
