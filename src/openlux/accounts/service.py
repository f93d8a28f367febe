"""Users: profile, settings, passwords and the account-scope user administration."""

from __future__ import annotations

import asyncio
import zoneinfo
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.domains import DEFAULT_DOMAIN_SETTINGS
from openlux.accounts.models import CONTACT_FIELDS, Domain, User
from openlux.accounts.schemas import (
    DEFAULT_SERVICES,
    DEFAULT_USER_SETTINGS,
    SERVICES,
    USER_STATUSES,
    UserCreate,
    UserSettingsUpdate,
)
from openlux.core import time as clock
from openlux.core.addresses import normalise_address
from openlux.core.crypto import hash_password
from openlux.core.errors import BadRequest, Conflict, NotFound
from openlux.core.time import as_utc, format_datetime

# docs/compat.md: a date that never happened (no login yet) is this placeholder, never "", because
# strict clients (LuxSci's C# sample, Json.NET DateTime) cannot read an empty date.
NEVER = "1970-01-01 00:00:00"
MIN_PASSWORD_LENGTH = 8  # docs/compat.md: password policy
MAX_PASSWORD_LENGTH = 1024
_SETTING_CHOICES = {
    "tls_policy": ("opportunistic", "required", "no_tls"),
    "time_format": ("12h", "24h"),
}
_SETTING_FLAGS = ("force_ssl", "allow_no_encryption")


def wire_date(value: datetime | None) -> str:
    """A user-record date as LuxSci text; NEVER when it has not happened."""
    return format_datetime(value) if value is not None else NEVER


def user_record(user: User, domain_name: str, *, disk_usage_mb: float | None = None) -> dict[str, Any]:
    """The LuxSci user record (getUser, getUserReport); integers are integers, dates always dates."""
    usage = user.disk_usage if disk_usage_mb is None else disk_usage_mb
    contact = user.contact_fields or {}
    record: dict[str, Any] = {"user": user.login, "uid": str(user.id), "domainname": domain_name}
    record.update({name: contact.get(name, "") for name in CONTACT_FIELDS})
    record.update(
        {
            "status": user.status,
            "services": list(user.services or []),
            "flags": list(user.flags or []),
            "disk_quota": round(user.disk_quota),
            "disk_usage": f"{usage:.2f}",
            "over_quota": int(usage > user.disk_quota),
            "created": wire_date(user.created_at),
            "modified": wire_date(user.modified_at),
            "last_access_date": wire_date(user.last_access_at),
        }
    )
    return record


async def domain_name_of(session: AsyncSession, user: User) -> str:
    """The name of the user's domain (loaded with the user by a join)."""
    return user.domain.name


async def profile(*, session: AsyncSession, user: User, disk_usage_mb: float | None = None) -> dict[str, Any]:
    """getUser: the user record (disk usage as measured by openlux.accounts.disk_usage when given)."""
    return user_record(user, await domain_name_of(session, user), disk_usage_mb=disk_usage_mb)


async def update_profile(*, session: AsyncSession, user: User, changes: dict[str, Any]) -> dict[str, Any]:
    """updateUser: change contact fields; returns the updated record."""
    contact = dict(user.contact_fields or {})
    contact.update({k: str(v) for k, v in changes.items() if k in CONTACT_FIELDS})
    user.contact_fields = contact
    user.modified_at = clock.utcnow()
    await session.flush()
    return await profile(session=session, user=user)


def settings_of(user: User) -> dict[str, Any]:
    """getUserSettings: every setting with its default filled in."""
    return {**DEFAULT_USER_SETTINGS, **(user.settings or {})}


def domain_setting(domain: Domain | None, name: str) -> Any:
    """One of the domain's settings (updateDomain), its default when never set."""
    settings = (domain.settings or {}) if domain is not None else {}
    return settings.get(name, DEFAULT_DOMAIN_SETTINGS[name])


def min_password_length(domain: Domain | None) -> int:
    """The longer of the server's minimum and the domain's `password_min_length` setting."""
    try:
        return max(MIN_PASSWORD_LENGTH, int(domain_setting(domain, "password_min_length")))
    except (TypeError, ValueError):
        return MIN_PASSWORD_LENGTH


def check_password_policy(
    login: str, password: str | None, *, field: str = "password", domain: Domain | None = None
) -> str:
    """The password when it meets the policy (and the domain's minimum length); BadRequest names the rule."""
    if not password:
        raise BadRequest(f"Field '{field}' is required.")
    minimum = min_password_length(domain)
    if len(password) < minimum:
        raise BadRequest(
            f"Field '{field}' must be at least {minimum} characters long"
            + (
                f" (setting password_min_length of {domain.name})."
                if minimum > MIN_PASSWORD_LENGTH and domain is not None
                else "."
            )
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise BadRequest(f"Field '{field}' must be at most {MAX_PASSWORD_LENGTH} characters long.")
    local = login.split("@", 1)[0].lower()
    if len(local) >= 3 and local in password.lower():
        raise BadRequest(f"Field '{field}' must not contain the user name.")
    return password


def password_expired(user: User) -> bool:
    """True when the user's `password_expiration` (days, 0 = never) has run out since the last change."""
    try:
        days = int(settings_of(user).get("password_expiration") or 0)
    except (TypeError, ValueError):
        return False
    return days > 0 and as_utc(user.password_changed_at) + timedelta(days=days) <= clock.utcnow()


def requires_https(user: User) -> bool:
    """force_ssl of the user (setting) or of their domain: web sessions only over HTTPS."""
    return bool(int(settings_of(user).get("force_ssl") or 0)) or bool(
        int(domain_setting(user.domain, "force_ssl") or 0)
    )


async def set_password(user: User, password: str) -> None:
    """Hash (off the event loop) and store a new password."""
    user.password_hash = await asyncio.to_thread(hash_password, password)
    user.password_changed_at = clock.utcnow()
    user.modified_at = clock.utcnow()


async def change_password(
    *, session: AsyncSession, user: User, password: str | None, old_password: str | None, require_old: bool
) -> None:
    """changeUserPassword: user-scope callers must also give the current password."""
    from openlux.core.crypto import verify_password

    check_password_policy(user.login, password, domain=user.domain)
    if require_old:
        if not old_password:
            raise BadRequest("Field 'old_password' is required when a user changes their own password.")
        if not await asyncio.to_thread(verify_password, user.password_hash, old_password):
            raise BadRequest("Field 'old_password' does not match the current password.")
    await set_password(user, password or "")


async def user_in_account(session: AsyncSession, account_id: int, login: str) -> User:
    """The user with this login in the account, or NotFound."""
    login = login.strip().lower()
    user = await session.scalar(select(User).where(User.login == login, User.account_id == account_id))
    if user is None:
        raise NotFound(f"No user {login} in this account.")
    return user


async def domain_in_account(session: AsyncSession, account_id: int, name: str, *, field: str = "domain") -> Domain:
    """The account's domain of that name, or BadRequest naming the field."""
    domain = await session.scalar(select(Domain).where(Domain.name == name.lower(), Domain.account_id == account_id))
    if domain is None:
        raise BadRequest(f"Field '{field}': domain {name} is not a domain of this account; create it first.")
    return domain


MAX_AGE_DAYS = 36_500  # a century: any larger age filter overflows a datetime


def age_in_days(days: int, *, field: str) -> timedelta:
    """A user-supplied age filter as a timedelta; BadRequest naming the field outside 0..MAX_AGE_DAYS."""
    if not 0 <= days <= MAX_AGE_DAYS:
        raise BadRequest(f"Parameter '{field}' must be a number of days from 0 to {MAX_AGE_DAYS}.")
    return timedelta(days=days)


async def list_users(
    *,
    session: AsyncSession,
    account_id: int,
    status: str | None = None,
    domain: str | None = None,
    younger_than: int | None = None,
    older_than: int | None = None,
) -> list[dict[str, Any]]:
    """getUserReport: the account's users, filtered; ages are in days."""
    query = (
        select(User, Domain.name)
        .join(Domain, Domain.id == User.domain_id)
        .where(User.account_id == account_id)
        .order_by(User.login)
    )
    if status:
        if status not in USER_STATUSES:
            raise BadRequest(f"Parameter 'status' must be one of {', '.join(USER_STATUSES)}.")
        query = query.where(User.status == status)
    if domain:
        query = query.where(Domain.name == domain.strip().lower())
    now = clock.utcnow()
    if younger_than is not None:
        query = query.where(User.created_at > now - age_in_days(younger_than, field="younger_than"))
    if older_than is not None:
        query = query.where(User.created_at < now - age_in_days(older_than, field="older_than"))
    rows = await session.execute(query)
    return [user_record(user, name) for user, name in rows]


async def create_user(*, session: AsyncSession, account_id: int, body: UserCreate) -> dict[str, Any]:
    """createUser: a new enabled user in one of the account's domains."""
    login = normalise_address(body.user, field="user")
    domain = await domain_in_account(session, account_id, login.split("@", 1)[1], field="user")
    if await session.scalar(select(User.id).where(User.login == login)) is not None:
        raise Conflict(f"User {login} already exists.")
    password = check_password_policy(login, body.password, domain=domain)
    user = User(
        account_id=account_id,
        domain=domain,
        login=login,
        password_hash="",
        services=list(DEFAULT_SERVICES),
        flags=[],
        contact_fields={},
        settings={},
    )
    await set_password(user, password)
    apply_settings(user, body)
    session.add(user)
    await session.flush()
    return user_record(user, domain.name)


def apply_settings(user: User, body: UserSettingsUpdate) -> None:
    """Validate and apply the admin-settable fields of a create/update body (not the password)."""
    given = body.given()
    contact = dict(user.contact_fields or {})
    contact.update({k: str(v) for k, v in given.items() if k in CONTACT_FIELDS})
    user.contact_fields = contact
    if body.status is not None:
        if body.status not in USER_STATUSES:
            raise BadRequest(f"Field 'status' must be one of {', '.join(USER_STATUSES)}.")
        user.status = body.status
    if body.services is not None:
        unknown = sorted(set(body.services) - set(SERVICES))
        if unknown:
            raise BadRequest(
                f"Field 'services': unknown service(s) {', '.join(unknown)}; known: {', '.join(SERVICES)}."
            )
        user.services = sorted(set(body.services))
    if body.flags is not None:
        user.flags = sorted({str(f) for f in body.flags})
    if body.disk_quota is not None:
        if body.disk_quota < 0:
            raise BadRequest("Field 'disk_quota' must not be negative.")
        user.disk_quota = body.disk_quota
    user.settings = {**(user.settings or {}), **validated_settings(given)}
    user.modified_at = clock.utcnow()


def validated_settings(given: dict[str, Any]) -> dict[str, Any]:
    """The settings keys of a body, each checked; BadRequest names the bad one."""
    result: dict[str, Any] = {}
    for key in DEFAULT_USER_SETTINGS:
        if key not in given:
            continue
        value = given[key]
        if key == "timezone" and value not in zoneinfo.available_timezones():
            raise BadRequest(f"Field 'timezone': {value!r} is not an IANA time zone (see getTimeZonesList).")
        if key in _SETTING_CHOICES and value not in _SETTING_CHOICES[key]:
            raise BadRequest(f"Field '{key}' must be one of {', '.join(_SETTING_CHOICES[key])}.")
        if key in _SETTING_FLAGS:
            value = 1 if int(value) else 0
        if isinstance(DEFAULT_USER_SETTINGS[key], int) and int(value) < 0:
            raise BadRequest(f"Field '{key}' must not be negative.")
        result[key] = value
    return result


async def update_user_settings(
    *, session: AsyncSession, account_id: int, login: str, body: UserSettingsUpdate
) -> dict[str, Any]:
    """updateUserSettings: change any admin-settable field; returns the user record."""
    user = await user_in_account(session, account_id, login)
    if body.password is not None:
        await set_password(user, check_password_policy(user.login, body.password, domain=user.domain))
    apply_settings(user, body)
    await session.flush()
    return {**user_record(user, await domain_name_of(session, user)), "settings": settings_of(user)}


async def delete_user(*, session: AsyncSession, account_id: int, login: str) -> dict[str, Any]:
    """deleteUser: remove the user and everything that belongs to them."""
    user = await user_in_account(session, account_id, login)
    await session.delete(user)
    await session.flush()
    return {"user": user.login, "deleted": 1}


async def rename_user(*, session: AsyncSession, account_id: int, login: str, new_login: str | None) -> dict[str, Any]:
    """renameUser: change the login; the new one must be free and in one of the account's domains."""
    user = await user_in_account(session, account_id, login)
    target = normalise_address(new_login, field="new_user")
    domain = await domain_in_account(session, account_id, target.split("@", 1)[1], field="new_user")
    if target != user.login and await session.scalar(select(User.id).where(User.login == target)) is not None:
        raise Conflict(f"User {target} already exists.")
    user.login, user.domain, user.modified_at = target, domain, clock.utcnow()
    await session.flush()
    return user_record(user, domain.name)


async def summary(
    *,
    session: AsyncSession,
    account_id: int,
    created: Sequence[ColumnElement[bool]] | None = None,
    domain_created: Sequence[ColumnElement[bool]] | None = None,
) -> dict[str, Any]:
    """getUserSummaryReport: user counts in total, by status, by domain and by service.

    `created` / `domain_created` are the report's date bounds on User.created_at / Domain.created_at
    (reports.engine.Query.window): every count covers users (and domains) created in the range.
    """
    rows = (
        await session.execute(
            select(User.status, Domain.name, User.services)
            .join(Domain, Domain.id == User.domain_id)
            .where(User.account_id == account_id, *(created or ()))
        )
    ).all()
    by_status: dict[str, int] = {s: 0 for s in USER_STATUSES}
    by_domain: dict[str, int] = {}
    by_service: dict[str, int] = {}
    for status, domain, services in rows:
        by_status[status] = by_status.get(status, 0) + 1
        by_domain[domain] = by_domain.get(domain, 0) + 1
        for service in services or []:
            by_service[service] = by_service.get(service, 0) + 1
    domains = await session.scalar(
        select(func.count(Domain.id)).where(Domain.account_id == account_id, *(domain_created or ()))
    )
    return {
        "total_users": len(rows),
        "by_status": by_status,
        "by_domain": by_domain,
        "by_service": by_service,
        "total_domains": int(domains or 0),
    }
