"""Secure Marketing v2 endpoints (account scope): the v3 engine with the account as owner (spec 20 §8).

Only shapes differ: listings are plain arrays, the list of a new contact goes in the body, a
campaign is scheduled with its own call, and unsubscribes feed the account's marketing-only
suppression list. Decisions: docs/compat.d/marketing.md.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.audit.schemas import AuditAction
from openlux.auth.deps import CallerDep, ContextDep, JsonBody, SessionDep
from openlux.core.envelope import ok
from openlux.core.errors import BadRequest, NotFound
from openlux.core.routing import api_route
from openlux.core.types import Count, LuxId, OptionalId
from openlux.marketing import bulk, campaign_reports, campaigns, contacts, lists
from openlux.marketing import suppressions as marketing_suppressions
from openlux.marketing.common import Owner
from openlux.marketing.fields import field_user_id
from openlux.marketing.schemas import (
    CampaignIn,
    CampaignQuery,
    CampaignReportQuery,
    ContactIn,
    ContactQuery,
    ListIn,
    ListQuery,
    MarketingContactIn,
    MarketingContactsIn,
    ScheduleIn,
)
from openlux.suppressions.schemas import SuppressionCreate
from openlux.suppressions.service import created_addresses

router = APIRouter()
MARKETING_LEVEL = "marketing"  # details.level of the marketing-only suppression list in the audit log


def account_owner(caller: CallerDep) -> Owner:
    """The caller's account (scope and account match are checked by CallerDep)."""
    return Owner(caller.account_id)


AccountOwner = Annotated[Owner, Depends(account_owner)]
CampaignIds = Annotated[list[str] | None, Query()]


async def acting_user(session: AsyncSession, owner: Owner) -> User:
    """The user whose templates, content tags and sending domains an account's campaigns use."""
    user = await session.get(User, await field_user_id(session, owner))
    if user is None:
        raise NotFound("The account has no user to send its campaigns as.")
    return user


@api_route(router, "addMarketingList")
async def add_marketing_list(owner: AccountOwner, session: SessionDep, body: JsonBody[ListIn]) -> JSONResponse:
    return ok(await lists.add(session=session, owner=owner, body=body))


@api_route(router, "getMarketingLists")
async def get_marketing_lists(
    owner: AccountOwner, session: SessionDep, list_id: OptionalId = None, name: str | None = None
) -> JSONResponse:
    if list_id is not None:
        return ok([await lists.get(session=session, owner=owner, list_id=list_id)])
    return ok((await lists.page(session=session, owner=owner, query=ListQuery(name=name)))["rows"])


@api_route(router, "updateMarketingList")
async def update_marketing_list(
    owner: AccountOwner, session: SessionDep, list_id: LuxId, body: JsonBody[ListIn]
) -> JSONResponse:
    return ok(await lists.update_one(session=session, owner=owner, list_id=list_id, body=body))


@api_route(router, "deleteMarketingList")
async def delete_marketing_list(owner: AccountOwner, session: SessionDep, list_id: LuxId) -> JSONResponse:
    return ok(await lists.delete(session=session, owner=owner, list_id=list_id))


@api_route(router, "getMarketingListGroups")
async def get_marketing_list_groups(owner: AccountOwner, session: SessionDep) -> JSONResponse:
    return ok(await lists.list_groups(session=session, owner=owner))


@api_route(router, "deleteMarketingListGroup")
async def delete_marketing_list_group(owner: AccountOwner, session: SessionDep, group_id: LuxId) -> JSONResponse:
    return ok(await lists.delete_group(session=session, owner=owner, group_id=group_id))


def _list_of(body: MarketingContactIn | MarketingContactsIn) -> int:
    if not body.list_id:
        raise BadRequest("Field 'list_id' is required: the list to add to.")
    return body.list_id


@api_route(router, "addMarketingContact")
async def add_marketing_contact(
    owner: AccountOwner, session: SessionDep, body: JsonBody[MarketingContactIn]
) -> JSONResponse:
    return ok(await contacts.add(session=session, owner=owner, list_id=_list_of(body), body=body))


@api_route(router, "addMarketingContacts")
async def add_marketing_contacts(
    owner: AccountOwner, session: SessionDep, body: JsonBody[MarketingContactsIn]
) -> JSONResponse:
    return ok(await bulk.add_many(session=session, owner=owner, list_id=_list_of(body), body=body))


@api_route(router, "getMarketingContacts")
async def get_marketing_contacts(
    owner: AccountOwner, session: SessionDep, query: Annotated[ContactQuery, Depends()]
) -> JSONResponse:
    return ok((await contacts.page(session=session, owner=owner, query=query))["rows"])


@api_route(router, "getMarketingContactById")
async def get_marketing_contact_by_id(owner: AccountOwner, session: SessionDep, contact_id: LuxId) -> JSONResponse:
    return ok(await contacts.get(session=session, owner=owner, contact_id=contact_id))


@api_route(router, "updateMarketingContactById")
async def update_marketing_contact_by_id(
    owner: AccountOwner, session: SessionDep, contact_id: LuxId, body: JsonBody[ContactIn]
) -> JSONResponse:
    return ok(await contacts.update_one(session=session, owner=owner, contact_id=contact_id, body=body))


@api_route(router, "updateMarketingContactByEmail")
async def update_marketing_contact_by_email(
    owner: AccountOwner, session: SessionDep, email: str, body: JsonBody[ContactIn]
) -> JSONResponse:
    return ok(await contacts.update_by_email(session=session, owner=owner, email=email, body=body))


@api_route(router, "deleteMarketingContactById")
async def delete_marketing_contact_by_id(owner: AccountOwner, session: SessionDep, contact_id: LuxId) -> JSONResponse:
    return ok(await contacts.remove(session=session, owner=owner, list_id=None, contact_id=contact_id))


@api_route(router, "markContactAsUnsubscribed")
async def mark_contact_as_unsubscribed(owner: AccountOwner, session: SessionDep, contact_id: LuxId) -> JSONResponse:
    return ok(
        await contacts.update_one(
            session=session, owner=owner, contact_id=contact_id, body=ContactIn(status="unsubscribed")
        )
    )


@api_route(router, "getMarketingCampaigns")
async def get_marketing_campaigns(
    owner: AccountOwner, session: SessionDep, query: Annotated[CampaignQuery, Depends()], group: str | None = None
) -> JSONResponse:
    return ok(await campaigns.summaries(session=session, owner=owner, query=query, group=group))


@api_route(router, "addMarketingCampaign")
async def add_marketing_campaign(
    ctx: ContextDep, owner: AccountOwner, session: SessionDep, body: JsonBody[CampaignIn]
) -> JSONResponse:
    return ok(
        await campaigns.add(
            session=session,
            owner=owner,
            user=await acting_user(session, owner),
            body=body,
            delivery_mode=ctx.settings.delivery_mode,
        )
    )


@api_route(router, "updateMarketingCampaign")
async def update_marketing_campaign(
    ctx: ContextDep, owner: AccountOwner, session: SessionDep, campaign_id: LuxId, body: JsonBody[CampaignIn]
) -> JSONResponse:
    return ok(
        await campaigns.update_one(
            session=session,
            owner=owner,
            user=await acting_user(session, owner),
            campaign_id=campaign_id,
            body=body,
            delivery_mode=ctx.settings.delivery_mode,
        )
    )


@api_route(router, "deleteMarketingCampaign")
async def delete_marketing_campaign(owner: AccountOwner, session: SessionDep, campaign_id: LuxId) -> JSONResponse:
    return ok(await campaigns.delete(session=session, owner=owner, campaign_id=campaign_id))


@api_route(router, "scheduleMarketingCampaign")
async def schedule_marketing_campaign(
    ctx: ContextDep, owner: AccountOwner, session: SessionDep, campaign_id: LuxId, body: JsonBody[ScheduleIn]
) -> JSONResponse:
    return ok(
        await campaigns.schedule(
            session=session,
            owner=owner,
            user=await acting_user(session, owner),
            campaign_id=campaign_id,
            send_at=body.send_at,
            delivery_mode=ctx.settings.delivery_mode,
        )
    )


@api_route(router, "getMarketingCampaignGroups")
async def get_marketing_campaign_groups(owner: AccountOwner, session: SessionDep) -> JSONResponse:
    return ok(await campaigns.groups(session=session, owner=owner))


@api_route(router, "getMarketingScheduledCampaigns")
async def get_marketing_scheduled_campaigns(owner: AccountOwner, session: SessionDep) -> JSONResponse:
    return ok(await campaigns.scheduled(session=session, owner=owner))


@api_route(router, "addNewMarketingSuppression")
async def add_new_marketing_suppression(
    caller: CallerDep, owner: AccountOwner, session: SessionDep, body: JsonBody[SuppressionCreate]
) -> JSONResponse:
    result = await marketing_suppressions.add(session=session, account_id=owner.account_id, body=body)
    for address in created_addresses(result):
        caller.audit(session, AuditAction.SUPPRESSION_ADD, address, {"level": MARKETING_LEVEL})
    return ok(result)


@api_route(router, "getMarketingSuppressions")
async def get_marketing_suppressions(
    owner: AccountOwner, session: SessionDep, email: str | None = None, first_row: Count = None, matches: Count = None
) -> JSONResponse:
    return ok(
        await marketing_suppressions.page(
            session=session, account_id=owner.account_id, email=email, first_row=first_row, matches=matches
        )
    )


@api_route(router, "deleteMarketingSuppression", path_converters={"email": "path"})
async def delete_marketing_suppression(
    caller: CallerDep, owner: AccountOwner, session: SessionDep, email: str
) -> JSONResponse:
    result = await marketing_suppressions.remove(session=session, account_id=owner.account_id, email=email)
    caller.audit(session, AuditAction.SUPPRESSION_REMOVE, str(result["email"]), {"level": MARKETING_LEVEL})
    return ok(result)


@api_route(router, "getMarketingCampaignStatisticsSummary")
async def get_marketing_campaign_statistics_summary(
    owner: AccountOwner, session: SessionDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return ok(await campaign_reports.summary(session=session, owner=owner, campaigns=campaign_id))


async def _statistics(
    kind: str, owner: Owner, session: Any, campaign_id: list[str] | None, query: CampaignReportQuery
) -> JSONResponse:
    return ok(
        await campaign_reports.report(
            session=session, owner=owner, kind=kind, campaigns=campaign_id, params=asdict(query)
        )
    )


ReportQueryDep = Annotated[CampaignReportQuery, Depends()]


@api_route(router, "getMarketingCampaignBouncedStatistics")
async def get_marketing_campaign_bounced_statistics(
    owner: AccountOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _statistics("bounces", owner, session, campaign_id, query)


@api_route(router, "getMarketingCampaignOpenedStatistics")
async def get_marketing_campaign_opened_statistics(
    owner: AccountOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _statistics("opened", owner, session, campaign_id, query)


@api_route(router, "getMarketingCampaignClickedStatistics")
async def get_marketing_campaign_clicked_statistics(
    owner: AccountOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _statistics("clicked", owner, session, campaign_id, query)


@api_route(router, "getMarketingCampaignUnsubscribedStatistics")
async def get_marketing_campaign_unsubscribed_statistics(
    owner: AccountOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _statistics("unsubscribed", owner, session, campaign_id, query)
