"""Secure Marketing v3 endpoints (user scope): thin wrappers over the engine (spec 20-marketing §4–§7)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse

from openlux.auth.deps import CallerDep, ContextDep, JsonBody, SessionDep
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.core.types import LuxId
from openlux.marketing import bulk, campaign_reports, campaigns, contacts, lists
from openlux.marketing.common import Owner
from openlux.marketing.schemas import (
    CampaignIn,
    CampaignQuery,
    CampaignReportQuery,
    ContactIn,
    ContactQuery,
    ContactsIn,
    ListGroupIn,
    ListIn,
    ListQuery,
)

router = APIRouter()


def user_owner(caller: CallerDep) -> Owner:
    """The path user's own marketing assets."""
    return Owner(caller.account_id, caller.require_user().id)


UserOwner = Annotated[Owner, Depends(user_owner)]
ListQueryDep = Annotated[ListQuery, Depends()]
ContactQueryDep = Annotated[ContactQuery, Depends()]
CampaignQueryDep = Annotated[CampaignQuery, Depends()]
ReportQueryDep = Annotated[CampaignReportQuery, Depends()]
# One or more campaigns: repeated (campaign_id=1&campaign_id=2) or comma-separated; absent = all.
CampaignIds = Annotated[list[str] | None, Query()]


@api_route(router, "addListGroup")
async def add_list_group(owner: UserOwner, session: SessionDep, body: JsonBody[ListGroupIn]) -> JSONResponse:
    return ok(await lists.add_group(session=session, owner=owner, body=body))


@api_route(router, "getListGroups")
async def get_list_groups(owner: UserOwner, session: SessionDep) -> JSONResponse:
    return ok(await lists.list_groups(session=session, owner=owner))


@api_route(router, "updateListGroup")
async def update_list_group(
    owner: UserOwner, session: SessionDep, group_id: LuxId, body: JsonBody[ListGroupIn]
) -> JSONResponse:
    return ok(await lists.update_group(session=session, owner=owner, group_id=group_id, body=body))


@api_route(router, "deleteListGroup")
async def delete_list_group(owner: UserOwner, session: SessionDep, group_id: LuxId) -> JSONResponse:
    return ok(await lists.delete_group(session=session, owner=owner, group_id=group_id))


@api_route(router, "addList")
async def add_list(owner: UserOwner, session: SessionDep, body: JsonBody[ListIn]) -> JSONResponse:
    return ok(await lists.add(session=session, owner=owner, body=body))


@api_route(router, "getLists")
async def get_lists(owner: UserOwner, session: SessionDep, query: ListQueryDep) -> JSONResponse:
    return ok(await lists.page(session=session, owner=owner, query=query))


@api_route(router, "getList")
async def get_list(owner: UserOwner, session: SessionDep, list_id: LuxId) -> JSONResponse:
    return ok(await lists.get(session=session, owner=owner, list_id=list_id))


@api_route(router, "updateList")
async def update_list(owner: UserOwner, session: SessionDep, list_id: LuxId, body: JsonBody[ListIn]) -> JSONResponse:
    return ok(await lists.update_one(session=session, owner=owner, list_id=list_id, body=body))


@api_route(router, "deleteList")
async def delete_list(owner: UserOwner, session: SessionDep, list_id: LuxId) -> JSONResponse:
    return ok(await lists.delete(session=session, owner=owner, list_id=list_id))


@api_route(router, "addContact")
async def add_contact(owner: UserOwner, session: SessionDep, list_id: LuxId, body: JsonBody[ContactIn]) -> JSONResponse:
    return ok(await contacts.add(session=session, owner=owner, list_id=list_id, body=body))


@api_route(router, "addContacts")
async def add_contacts(
    owner: UserOwner, session: SessionDep, list_id: LuxId, body: JsonBody[ContactsIn]
) -> JSONResponse:
    return ok(await bulk.add_many(session=session, owner=owner, list_id=list_id, body=body))


@api_route(router, "getContact")
async def get_contact(owner: UserOwner, session: SessionDep, contact_id: LuxId) -> JSONResponse:
    return ok(await contacts.get(session=session, owner=owner, contact_id=contact_id))


@api_route(router, "getContacts")
async def get_contacts(owner: UserOwner, session: SessionDep, query: ContactQueryDep) -> JSONResponse:
    return ok(await contacts.page(session=session, owner=owner, query=query))


@api_route(router, "updateContact")
async def update_contact(
    owner: UserOwner, session: SessionDep, contact_id: LuxId, body: JsonBody[ContactIn]
) -> JSONResponse:
    return ok(await contacts.update_one(session=session, owner=owner, contact_id=contact_id, body=body))


@api_route(router, "deleteContact")
async def delete_contact(owner: UserOwner, session: SessionDep, list_id: LuxId, contact_id: LuxId) -> JSONResponse:
    return ok(await contacts.remove(session=session, owner=owner, list_id=list_id, contact_id=contact_id))


@api_route(router, "addCampaign")
async def add_campaign(
    caller: CallerDep, ctx: ContextDep, owner: UserOwner, session: SessionDep, body: JsonBody[CampaignIn]
) -> JSONResponse:
    return ok(
        await campaigns.add(
            session=session,
            owner=owner,
            user=caller.require_user(),
            body=body,
            delivery_mode=ctx.settings.delivery_mode,
        )
    )


@api_route(router, "getCampaigns")
async def get_campaigns(owner: UserOwner, session: SessionDep, query: CampaignQueryDep) -> JSONResponse:
    return ok(await campaigns.page(session=session, owner=owner, query=query))


@api_route(router, "getCampaign")
async def get_campaign(owner: UserOwner, session: SessionDep, campaign_id: LuxId) -> JSONResponse:
    return ok(await campaigns.get(session=session, owner=owner, campaign_id=campaign_id))


@api_route(router, "updateCampaign")
async def update_campaign(
    caller: CallerDep,
    ctx: ContextDep,
    owner: UserOwner,
    session: SessionDep,
    campaign_id: LuxId,
    body: JsonBody[CampaignIn],
) -> JSONResponse:
    return ok(
        await campaigns.update_one(
            session=session,
            owner=owner,
            user=caller.require_user(),
            campaign_id=campaign_id,
            body=body,
            delivery_mode=ctx.settings.delivery_mode,
        )
    )


@api_route(router, "deleteCampaign")
async def delete_campaign(owner: UserOwner, session: SessionDep, campaign_id: LuxId) -> JSONResponse:
    return ok(await campaigns.delete(session=session, owner=owner, campaign_id=campaign_id))


async def _campaign_report(
    kind: str, owner: Owner, session: Any, campaign_id: list[str] | None, query: CampaignReportQuery
) -> JSONResponse:
    return ok(
        await campaign_reports.report(
            session=session, owner=owner, kind=kind, campaigns=campaign_id, params=asdict(query)
        )
    )


@api_route(router, "getReportLogs")
async def get_report_logs(
    owner: UserOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _campaign_report("logs", owner, session, campaign_id, query)


@api_route(router, "getReportBounces")
async def get_report_bounces(
    owner: UserOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _campaign_report("bounces", owner, session, campaign_id, query)


@api_route(router, "getReportOpened")
async def get_report_opened(
    owner: UserOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _campaign_report("opened", owner, session, campaign_id, query)


@api_route(router, "getReportClicked")
async def get_report_clicked(
    owner: UserOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _campaign_report("clicked", owner, session, campaign_id, query)


@api_route(router, "getReportUrls")
async def get_report_urls(
    owner: UserOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _campaign_report("urls", owner, session, campaign_id, query)


@api_route(router, "getReportUnsubscribed")
async def get_report_unsubscribed(
    owner: UserOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _campaign_report("unsubscribed", owner, session, campaign_id, query)


@api_route(router, "getReportComplaints")
async def get_report_complaints(
    owner: UserOwner, session: SessionDep, query: ReportQueryDep, campaign_id: CampaignIds = None
) -> JSONResponse:
    return await _campaign_report("complaints", owner, session, campaign_id, query)


# spec 20 §8: the v2 (account-scope) face of the same engine.
