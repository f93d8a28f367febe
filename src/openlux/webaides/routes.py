"""LuxSci paths of the WebAides area (spec 40; every path is inferred, see src/openlux/endpoints.tsv)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from openlux.auth.deps import CallerDep, JsonBody, SessionDep, request_json
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.core.types import LuxId
from openlux.webaides import calendar, entries, ical, service, sync
from openlux.webaides.schemas import EntryQuery, RangeQuery, WebAideCreate, WebAideQuery

router = APIRouter()


async def entry_body(request: Request, caller: CallerDep) -> dict[str, Any]:
    """The raw JSON object of the body: entry field names contain spaces, so no model applies."""
    return await request_json(request)


EntryBody = Annotated[dict[str, Any], Depends(entry_body)]


@api_route(router, "getWebAides")
async def get_web_aides(
    caller: CallerDep, session: SessionDep, webaide_type: str, query: Annotated[WebAideQuery, Depends()]
) -> JSONResponse:
    return ok(
        await service.list_webaides(session=session, user=caller.require_user(), webaide_type=webaide_type, query=query)
    )


@api_route(router, "getWebAide")
async def get_web_aide(caller: CallerDep, session: SessionDep, webaide_type: str, webaide_id: LuxId) -> JSONResponse:
    return ok(
        await service.get_webaide(
            session=session, user=caller.require_user(), webaide_type=webaide_type, webaide_id=webaide_id
        )
    )


@api_route(router, "newWebAide")
async def new_web_aide(
    caller: CallerDep, session: SessionDep, webaide_type: str, body: JsonBody[WebAideCreate]
) -> JSONResponse:
    return ok(
        await service.create_webaide(session=session, user=caller.require_user(), webaide_type=webaide_type, body=body)
    )


@api_route(router, "deleteWebAide")
async def delete_web_aide(caller: CallerDep, session: SessionDep, webaide_type: str, webaide_id: LuxId) -> JSONResponse:
    return ok(
        await service.delete_webaide(
            session=session, user=caller.require_user(), webaide_type=webaide_type, webaide_id=webaide_id
        )
    )


@api_route(router, "getWebAideEntry")
async def get_web_aide_entry(
    caller: CallerDep, session: SessionDep, webaide_type: str, webaide_id: LuxId, entry_id: LuxId
) -> JSONResponse:
    return ok(
        await entries.get_entry(
            session=session,
            user=caller.require_user(),
            webaide_type=webaide_type,
            webaide_id=webaide_id,
            entry_id=entry_id,
        )
    )


@api_route(router, "newWebAideEntry")
async def new_web_aide_entry(
    caller: CallerDep, session: SessionDep, webaide_type: str, webaide_id: LuxId, body: EntryBody
) -> JSONResponse:
    return ok(
        await entries.create_entry(
            session=session, user=caller.require_user(), webaide_type=webaide_type, webaide_id=webaide_id, body=body
        )
    )


@api_route(router, "updateWebAideEntry")
async def update_web_aide_entry(
    caller: CallerDep, session: SessionDep, webaide_type: str, webaide_id: LuxId, entry_id: LuxId, body: EntryBody
) -> JSONResponse:
    return ok(
        await entries.update_entry(
            session=session,
            user=caller.require_user(),
            webaide_type=webaide_type,
            webaide_id=webaide_id,
            entry_id=entry_id,
            body=body,
        )
    )


@api_route(router, "deleteWebAideEntry")
async def delete_web_aide_entry(
    caller: CallerDep, session: SessionDep, webaide_type: str, webaide_id: LuxId, entry_id: LuxId
) -> JSONResponse:
    return ok(
        await entries.delete_entry(
            session=session,
            user=caller.require_user(),
            webaide_type=webaide_type,
            webaide_id=webaide_id,
            entry_id=entry_id,
        )
    )


@api_route(router, "getWebAideEntries")
async def get_web_aide_entries(
    caller: CallerDep,
    session: SessionDep,
    webaide_type: str,
    webaide_id: LuxId,
    query: Annotated[EntryQuery, Depends()],
) -> JSONResponse:
    return ok(
        await ical.list_or_export(
            session=session, user=caller.require_user(), webaide_type=webaide_type, webaide_id=webaide_id, query=query
        )
    )


@api_route(router, "addUpdateWebAideEntries")
async def add_update_web_aide_entries(
    caller: CallerDep, session: SessionDep, webaide_type: str, webaide_id: LuxId, body: EntryBody
) -> JSONResponse:
    return ok(
        await ical.add_update(
            session=session, user=caller.require_user(), webaide_type=webaide_type, webaide_id=webaide_id, body=body
        )
    )


@api_route(router, "deleteWebAideEntries")
async def delete_web_aide_entries(
    caller: CallerDep,
    session: SessionDep,
    webaide_type: str,
    webaide_id: LuxId,
    entry_ids: Annotated[list[str] | None, Query()] = None,
) -> JSONResponse:
    return ok(
        await entries.delete_entries(
            session=session,
            user=caller.require_user(),
            webaide_type=webaide_type,
            webaide_id=webaide_id,
            entry_ids=entry_ids or [],
        )
    )


@api_route(router, "getCalendarEntriesDateRange")
async def get_calendar_entries_date_range(
    caller: CallerDep, session: SessionDep, webaide_id: LuxId, query: Annotated[RangeQuery, Depends()]
) -> JSONResponse:
    return ok(
        await calendar.date_range(session=session, user=caller.require_user(), webaide_id=webaide_id, query=query)
    )


@api_route(router, "getWebAideChanges")
async def get_web_aide_changes(
    caller: CallerDep, session: SessionDep, webaide_type: str, webaide_id: LuxId, since: str | None = None
) -> JSONResponse:
    return ok(
        await sync.changes(
            session=session, user=caller.require_user(), webaide_type=webaide_type, webaide_id=webaide_id, since=since
        )
    )
