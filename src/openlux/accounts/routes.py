"""User-scope settings endpoints and account-scope user and domain administration."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from openlux.accounts import app_passwords, branding, disk_usage, domains, service, sso
from openlux.accounts.models import Domain, User
from openlux.accounts.schemas import (
    AppPasswordCreate,
    DomainCreate,
    DomainUpdate,
    PasswordChange,
    UserCreate,
    UserRename,
    UserSettingsUpdate,
    UserUpdate,
)
from openlux.audit.schemas import AuditAction
from openlux.auth.deps import CallerDep, ContextDep, JsonBody, SessionDep
from openlux.core.envelope import ok
from openlux.core.reporting import Column, Paging, Report
from openlux.core.routing import api_route
from openlux.core.types import Count, LuxId
from openlux.reports.engine import parse_query
from openlux.tracking import verp

router = APIRouter()


@api_route(router, "getUser")
async def get_user(caller: CallerDep, ctx: ContextDep, session: SessionDep) -> JSONResponse:
    user = caller.require_user()
    return ok(
        await service.profile(
            session=session, user=user, disk_usage_mb=await disk_usage.usage_mb(ctx, session, user.id)
        )
    )


@api_route(router, "updateUser")
async def update_user(caller: CallerDep, session: SessionDep, body: JsonBody[UserUpdate]) -> JSONResponse:
    user, changes = caller.require_user(), body.given()
    updated = await service.update_profile(session=session, user=user, changes=changes)
    caller.audit(session, AuditAction.USER_CHANGE, user.login, {"fields": sorted(changes)})
    return ok(updated)


@api_route(router, "getUserSettings")
async def get_user_settings(caller: CallerDep) -> JSONResponse:
    return ok(service.settings_of(caller.require_user()))


@api_route(router, "getTimeZonesList")
async def get_time_zones_list(caller: CallerDep) -> JSONResponse:
    return ok(branding.time_zones())


@api_route(router, "getUserBrandingInformation")
async def get_user_branding_information(caller: CallerDep, session: SessionDep, ctx: ContextDep) -> JSONResponse:
    return ok(await branding.branding(session=session, ctx=ctx, user=caller.require_user()))


@api_route(router, "getUserSingleSignOnLoginURL")
async def get_user_single_sign_on_login_url(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, ip: str | None = None, target: str | None = None
) -> JSONResponse:
    user = caller.require_user()
    link = await sso.create_url(
        session=session, ctx=ctx, integration=caller.integration, user=user, client_ip=ip, target=target
    )
    caller.audit(session, AuditAction.SSO_LINK_CREATE, user.login, {"expires": link["expires"], "ip": link["ip"]})
    return ok(link)


@api_route(router, "changeUserPassword")
async def change_user_password(caller: CallerDep, session: SessionDep, body: JsonBody[PasswordChange]) -> JSONResponse:
    user = caller.require_user()
    await service.change_password(
        session=session,
        user=user,
        password=body.password,
        old_password=body.old_password,
        require_old=caller.scope == "user",
    )
    caller.audit(session, AuditAction.PASSWORD_CHANGE, user.login)
    return ok({"user": user.login, "changed": 1})


@api_route(router, "createAppSpecificPassword")
async def create_app_specific_password(
    caller: CallerDep, session: SessionDep, body: JsonBody[AppPasswordCreate]
) -> JSONResponse:
    user = caller.require_user()
    created = await app_passwords.create(session=session, user=user, body=body)
    caller.audit(session, AuditAction.APP_PASSWORD_CREATE, user.login, {"label": body.label})
    return ok(created)


@api_route(router, "listAppSpecificPasswords")
async def list_app_specific_passwords(caller: CallerDep, session: SessionDep) -> JSONResponse:
    return ok(await app_passwords.list_for_user(session=session, user=caller.require_user(), include_expired=False))


@api_route(router, "listAllAppSpecificPassword")
async def list_all_app_specific_password(caller: CallerDep, session: SessionDep) -> JSONResponse:
    return ok(await app_passwords.list_for_user(session=session, user=caller.require_user(), include_expired=True))


@api_route(router, "deleteAppSpecificPassword")
async def delete_app_specific_password(caller: CallerDep, session: SessionDep, app_password_id: LuxId) -> JSONResponse:
    user = caller.require_user()
    deleted = await app_passwords.delete_one(session=session, user=user, app_password_id=app_password_id)
    caller.audit(session, AuditAction.APP_PASSWORD_DELETE, user.login, {"app_password_id": app_password_id})
    return ok(deleted)


@api_route(router, "getUserReport")
async def get_user_report(
    caller: CallerDep,
    session: SessionDep,
    status: str | None = None,
    domain: str | None = None,
    younger_than: Count = None,
    older_than: Count = None,
) -> JSONResponse:
    return ok(
        await service.list_users(
            session=session,
            account_id=caller.account_id,
            status=status,
            domain=domain,
            younger_than=younger_than,
            older_than=older_than,
        )
    )


USER_REPORT2 = Report(
    tuple(
        Column(k, t, d)
        for k, t, d in (
            ("uid", "Integer", "User id"),
            ("user", "String", "Login (e-mail address)"),
            ("domainname", "String", "Domain"),
            ("status", "String", "enabled or disabled"),
            ("contact", "String", "Contact name"),
            ("company", "String", "Company"),
            ("email1", "String", "Contact e-mail"),
            ("services", "String", "Enabled services"),
            ("disk_quota", "Integer", "Disk quota (MB)"),
            ("disk_usage", "String", "Disk usage (MB)"),
            ("created", "DATETIME", "Created (GMT)"),
            ("modified", "DATETIME", "Last change (GMT)"),
            ("last_access_date", "DATETIME", "Last login (GMT)"),
        )
    )
)


@api_route(router, "getUserReport2")
async def get_user_report2(
    caller: CallerDep,
    session: SessionDep,
    status: str | None = None,
    domain: str | None = None,
    younger_than: Count = None,
    older_than: Count = None,
    first_row: Count = None,
    matches: Count = None,
) -> JSONResponse:
    paging = Paging.parse(first_row, matches)
    users = await service.list_users(
        session=session,
        account_id=caller.account_id,
        status=status,
        domain=domain,
        younger_than=younger_than,
        older_than=older_than,
    )
    rows = users[paging.first_row : paging.first_row + paging.matches]
    for row in rows:
        row["services"] = ",".join(row["services"])
    return ok(USER_REPORT2.page(rows, total=len(users), paging=paging))


@api_route(router, "getUserSummaryReport")
async def get_user_summary_report(caller: CallerDep, session: SessionDep, request: Request) -> JSONResponse:
    """Counts of the users (and domains) created within the report date bounds (all when none given)."""
    window = parse_query(request.query_params, filters=())
    return ok(
        await service.summary(
            session=session,
            account_id=caller.account_id,
            created=window.window(User.created_at),
            domain_created=window.window(Domain.created_at),
        )
    )


@api_route(router, "createUser")
async def create_user(caller: CallerDep, session: SessionDep, body: JsonBody[UserCreate]) -> JSONResponse:
    created = await service.create_user(session=session, account_id=caller.account_id, body=body)
    admin = sso.ADMIN_FLAG in created["flags"]
    caller.audit(session, AuditAction.USER_CREATE, created["user"], {"admin": admin})
    if admin:
        caller.audit(session, AuditAction.ADMIN_FLAG_CHANGE, created["user"], {"admin": True, "new_user": True})
    return ok(created)


@api_route(router, "deleteUser")
async def delete_user(caller: CallerDep, session: SessionDep, username: str) -> JSONResponse:
    deleted = await service.delete_user(session=session, account_id=caller.account_id, login=username)
    caller.audit(session, AuditAction.USER_DELETE, deleted["user"])
    return ok(deleted)


@api_route(router, "renameUser")
async def rename_user(
    caller: CallerDep, session: SessionDep, username: str, body: JsonBody[UserRename]
) -> JSONResponse:
    old_login = (await service.user_in_account(session, caller.account_id, username)).login
    renamed = await service.rename_user(
        session=session, account_id=caller.account_id, login=username, new_login=body.new_user
    )
    caller.audit(session, AuditAction.USER_RENAME, old_login, {"new_login": renamed["user"]})
    return ok(renamed)


@api_route(router, "updateUserSettings")
async def update_user_settings(
    caller: CallerDep, session: SessionDep, username: str, body: JsonBody[UserSettingsUpdate]
) -> JSONResponse:
    """Any admin-settable field; the password and the administrator flag are audited on their own."""
    was_admin = sso.ADMIN_FLAG in ((await service.user_in_account(session, caller.account_id, username)).flags or [])
    updated = await service.update_user_settings(
        session=session, account_id=caller.account_id, login=username, body=body
    )
    login, fields = updated["user"], sorted(set(body.given()) - {"password"})
    if fields:
        caller.audit(session, AuditAction.USER_CHANGE, login, {"fields": fields})
    if body.password is not None:
        caller.audit(session, AuditAction.PASSWORD_CHANGE, login)
    if (sso.ADMIN_FLAG in updated["flags"]) != was_admin:
        caller.audit(session, AuditAction.ADMIN_FLAG_CHANGE, login, {"admin": not was_admin})
    return ok(updated)


@api_route(router, "createDomain")
async def create_domain(caller: CallerDep, session: SessionDep, body: JsonBody[DomainCreate]) -> JSONResponse:
    created = await domains.create(session=session, account_id=caller.account_id, body=body)
    caller.audit(session, AuditAction.DOMAIN_CREATE, str(created["domain"]))
    return ok(created)


@api_route(router, "getDomainsReport")
async def get_domains_report(caller: CallerDep, session: SessionDep) -> JSONResponse:
    return ok(await domains.list_for_account(session=session, account_id=caller.account_id))


@api_route(router, "getDomainDetails")
async def get_domain_details(caller: CallerDep, session: SessionDep, ctx: ContextDep, domain: str) -> JSONResponse:
    details = await domains.details(session=session, account_id=caller.account_id, name=domain)
    # OpenLux: where bounces to this domain's VERP return paths go, and the MX/SPF records that make it work.
    return ok({**details, **await verp.dns_for(session, ctx, caller.account_id, details["domain"])})


@api_route(router, "updateDomain")
async def update_domain(
    caller: CallerDep, session: SessionDep, domain: str, body: JsonBody[DomainUpdate]
) -> JSONResponse:
    updated = await domains.update(session=session, account_id=caller.account_id, name=domain, body=body)
    caller.audit(session, AuditAction.DOMAIN_CHANGE, domain, {"fields": sorted(body.model_dump(exclude_unset=True))})
    return ok(updated)


@api_route(router, "deleteDomain")
async def delete_domain(caller: CallerDep, session: SessionDep, domain: str) -> JSONResponse:
    deleted = await domains.delete(session=session, account_id=caller.account_id, name=domain)
    caller.audit(session, AuditAction.DOMAIN_DELETE, domain)
    return ok(deleted)
