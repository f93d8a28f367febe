"""Account administration: aliases, DKIM keys, custom bounce domains and servers (spec 50-account)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from openlux.admin import aliases, bounce, dkim, servers
from openlux.admin.schemas import AliasCreate, AliasUpdate, BounceDomainCreate, DkimCreate, SendingRateUpdate
from openlux.audit.schemas import AuditAction
from openlux.auth.deps import CallerDep, ContextDep, JsonBody, SessionDep
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.core.types import Flag

router = APIRouter()


def alias_details(alias: dict[str, Any]) -> dict[str, Any]:
    """What the audit log keeps of an alias: where its mail goes (never a bounce text)."""
    return {"action": alias.get("action"), "destinations": alias.get("dest_list", []), "status": alias.get("status")}


@api_route(router, "createAlias")
async def create_alias(caller: CallerDep, session: SessionDep, body: JsonBody[AliasCreate]) -> JSONResponse:
    created = await aliases.create(session=session, account_id=caller.account_id, body=body)
    for alias in created if isinstance(created, list) else [created]:  # `aliases`: one event per alias
        caller.audit(session, AuditAction.ALIAS_CREATE, str(alias["alias"]), alias_details(alias))
    return ok(created)


@api_route(router, "getAliasesReport")
async def get_aliases_report(
    caller: CallerDep, session: SessionDep, domain: str | None = None, type: str | None = None
) -> JSONResponse:
    return ok(await aliases.list_for_account(session=session, account_id=caller.account_id, domain=domain, type=type))


@api_route(router, "getAliasDetails")
async def get_alias_details(caller: CallerDep, session: SessionDep, alias: str) -> JSONResponse:
    return ok(await aliases.details(session=session, account_id=caller.account_id, address=alias))


@api_route(router, "updateAlias")
async def update_alias(caller: CallerDep, session: SessionDep, alias: str, body: JsonBody[AliasUpdate]) -> JSONResponse:
    updated = await aliases.update(session=session, account_id=caller.account_id, address=alias, body=body)
    fields = sorted(body.model_dump(exclude_unset=True))
    caller.audit(session, AuditAction.ALIAS_CHANGE, str(updated["alias"]), {"fields": fields, **alias_details(updated)})
    return ok(updated)


@api_route(router, "deleteAlias")
async def delete_alias(caller: CallerDep, session: SessionDep, alias: str) -> JSONResponse:
    deleted = await aliases.delete(session=session, account_id=caller.account_id, address=alias)
    caller.audit(session, AuditAction.ALIAS_DELETE, str(deleted["alias"]))
    return ok(deleted)


@api_route(router, "createDkim")
async def create_dkim(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, body: JsonBody[DkimCreate]
) -> JSONResponse:
    created = await dkim.create(session=session, ctx=ctx, account_id=caller.account_id, body=body)
    caller.audit(
        session, AuditAction.DKIM_KEY_CREATE, str(created.get("domain", "")), {"selector": created.get("selector")}
    )
    return ok(created)


@api_route(router, "getDkimReport")
async def get_dkim_report(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, domain: str | None = None, check_dns: Flag = False
) -> JSONResponse:
    return ok(
        await dkim.report(session=session, ctx=ctx, account_id=caller.account_id, domain=domain, check_dns=check_dns)
    )


@api_route(router, "getDkimDetails")
async def get_dkim_details(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, domain: str, check_dns: Flag = False
) -> JSONResponse:
    return ok(
        await dkim.details(session=session, ctx=ctx, account_id=caller.account_id, domain=domain, check_dns=check_dns)
    )


@api_route(router, "deleteDkim")
async def delete_dkim(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, domain: str, selector: str | None = None
) -> JSONResponse:
    deleted = await dkim.delete(
        session=session, ctx=ctx, account_id=caller.account_id, domain=domain, selector=selector
    )
    caller.audit(session, AuditAction.DKIM_KEY_DELETE, domain, {"selector": selector})
    return ok(deleted)


@api_route(router, "createCustomBounceDomain")
async def create_custom_bounce_domain(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, body: JsonBody[BounceDomainCreate]
) -> JSONResponse:
    created = await bounce.create(session=session, ctx=ctx, account_id=caller.account_id, body=body)
    caller.audit(
        session, AuditAction.BOUNCE_DOMAIN_CREATE, created["domain"], {"parent_domain": created["parent_domain"]}
    )
    return ok(created)


@api_route(router, "getServers")
async def get_servers(caller: CallerDep, session: SessionDep) -> JSONResponse:
    return ok(await servers.list_servers(session=session, internals=servers.shows_internals(caller.integration)))


@api_route(router, "getServerStatus")
async def get_server_status(caller: CallerDep, session: SessionDep, ctx: ContextDep, server_id: str) -> JSONResponse:
    return ok(
        await servers.status(
            session=session,
            ctx=ctx,
            account_id=caller.account_id,
            server_id=server_id,
            internals=servers.shows_internals(caller.integration),
        )
    )


@api_route(router, "serverEmptyEmailQueues")
async def server_empty_email_queues(caller: CallerDep, session: SessionDep, server_id: str) -> JSONResponse:
    emptied = await servers.empty_queues(
        session=session, account_id=caller.account_id, server_id=server_id, everything=False
    )
    caller.audit(session, AuditAction.QUEUE_PURGE, f"server {server_id}", {"everything": False, **emptied})
    return ok(emptied)


@api_route(router, "serverEmptyAllEmailQueues")
async def server_empty_all_email_queues(caller: CallerDep, session: SessionDep, server_id: str) -> JSONResponse:
    emptied = await servers.empty_queues(
        session=session, account_id=caller.account_id, server_id=server_id, everything=True
    )
    caller.audit(session, AuditAction.QUEUE_PURGE, f"server {server_id}", {"everything": True, **emptied})
    return ok(emptied)


@api_route(router, "setServerSendngRate")
async def set_server_sendng_rate(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, server_id: str, body: JsonBody[SendingRateUpdate]
) -> JSONResponse:
    changed = await servers.set_rate(
        session=session, ctx=ctx, account_id=caller.account_id, server_id=server_id, rate=body.rate
    )
    caller.audit(session, AuditAction.SENDING_RATE_CHANGE, f"server {changed['server_id']}", {"rate": changed["rate"]})
    return ok(changed)
