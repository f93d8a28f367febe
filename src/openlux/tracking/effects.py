"""State follows events: what a bounce or complaint about a sent message changes.

- Campaign message, hard bounce (or the `soft_bounce_limit`-th soft bounce of the address):
  the owner's contacts with that address become `bounced` (list counters follow: they count
  statuses), the address goes on the account's marketing suppressions and, being undeliverable,
  on the sending user's suppression list too, so transactional sendEmail skips it as well.
- Campaign message, complaint: contacts become `complained`, the address goes on the marketing
  suppressions only (a marketing complaint does not block transactional mail; LuxSci keeps the
  two apart).
- Transactional message: hard bounces and complaints go on the sending user's list (the owner).
Every campaign kind (v3 and v2) reads user, account and marketing suppressions before sending.
"""

from __future__ import annotations

import contextlib

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.errors import ApiError
from openlux.inbound.models import BounceEvent
from openlux.marketing import suppressions as marketing_suppressions
from openlux.marketing.models import CampaignMessage, MarketingCampaign, MarketingContact, MarketingList
from openlux.suppressions.service import suppress

# A status only moves towards the stronger one: complained > bounced > unsubscribed > subscribed.
REPLACES = {"bounced": ("subscribed", "unsubscribed"), "complained": ("subscribed", "unsubscribed", "bounced")}
BOUNCE_SOURCE = "bounce processing"
COMPLAINT_SOURCE = "feedback loop"


async def campaign_of(session: AsyncSession, outbound_message_id: int | None) -> MarketingCampaign | None:
    """The campaign that queued this message, if one did."""
    if outbound_message_id is None:
        return None
    campaign_id = await session.scalar(
        select(CampaignMessage.campaign_id).where(CampaignMessage.outbound_message_id == outbound_message_id).limit(1)
    )
    return None if campaign_id is None else await session.get(MarketingCampaign, campaign_id)


async def _set_contacts(session: AsyncSession, campaign: MarketingCampaign, address: str, status: str) -> None:
    now = clock.utcnow()
    owner_lists = select(MarketingList.id).where(MarketingList.owner_key == campaign.owner_key)
    await session.execute(
        update(MarketingContact)
        .where(
            MarketingContact.email_index == address,
            MarketingContact.list_id.in_(owner_lists),
            MarketingContact.status.in_(REPLACES[status]),
        )
        .values(status=status, modified_at=now, unsubscribed_at=func.coalesce(MarketingContact.unsubscribed_at, now))
        .execution_options(synchronize_session=False)
    )


async def _suppress_user(
    session: AsyncSession,
    account_id: int,
    user_id: int | None,
    address: str,
    reason: str,
    source: str,
    note: str = "",
    message_id: str = "",
) -> None:
    with contextlib.suppress(ApiError):  # an address the suppression rules refuse is still recorded as an event
        await suppress(
            session,
            account_id=account_id,
            user_id=user_id,
            address=address,
            reason=reason,
            source=source,
            note=note,
            source_message_id=message_id,
        )


async def counts_as_hard(session: AsyncSession, *, account_id: int, address: str, hard: bool, limit: int) -> bool:
    """True for a hard bounce, or when the address has now soft-bounced `limit` times in the account."""
    if hard:
        return True
    soft = await session.scalar(
        select(func.count())
        .select_from(BounceEvent)
        .where(BounceEvent.account_id == account_id, BounceEvent.recipient_index == address, BounceEvent.kind == "soft")
    )
    return limit > 0 and int(soft or 0) >= limit


async def after_bounce(
    session: AsyncSession,
    *,
    account_id: int,
    user_id: int | None,
    outbound_message_id: int | None,
    address: str,
    hard: bool,
    status: str,
    soft_limit: int,
    message_id: str = "",
) -> None:
    """Contact status and suppressions after a bounce event was stored (flushed) for `address`."""
    if not await counts_as_hard(session, account_id=account_id, address=address, hard=hard, limit=soft_limit):
        return
    campaign = await campaign_of(session, outbound_message_id)
    await _suppress_user(session, account_id, user_id, address, "bounce", BOUNCE_SOURCE, status, message_id)
    if campaign is not None:
        await _set_contacts(session, campaign, address, "bounced")
        await marketing_suppressions.add_one(
            session,
            account_id=account_id,
            address=address,
            reason="bounce",
            source=f"{BOUNCE_SOURCE} (campaign {campaign.id})",
        )


async def after_complaint(
    session: AsyncSession,
    *,
    account_id: int,
    user_id: int | None,
    outbound_message_id: int | None,
    address: str,
    message_id: str = "",
) -> None:
    """Contact status and suppressions after a complaint about `address`."""
    campaign = await campaign_of(session, outbound_message_id)
    if campaign is None:
        await _suppress_user(
            session, account_id, user_id, address, "complaint", COMPLAINT_SOURCE, message_id=message_id
        )
        return
    await _set_contacts(session, campaign, address, "complained")
    await marketing_suppressions.add_one(
        session,
        account_id=account_id,
        address=address,
        reason="complaint",
        source=f"{COMPLAINT_SOURCE} (campaign {campaign.id})",
    )
