"""SecureSend namespaces and their portal users: upsert, passwords, listing, SSO links, logins.

A namespace is named by a slug in the path; createOrUpdateSecureSendUser creates it on first use
(the API has no other way to make one). Decisions the spec leaves open: docs/compat.d/securesend.md.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from datetime import timedelta
from typing import Any
from urllib.parse import unquote

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.addresses import normalise_address
from openlux.core.context import AppContext
from openlux.core.crypto import hash_password, random_token, verify_password
from openlux.core.errors import BadRequest, Conflict, LimitExceeded, NotFound
from openlux.core.ids import MAX_ID_DIGITS, ascii_digits
from openlux.core.time import as_utc, format_datetime
from openlux.securesend.models import SecureSendNamespace, SecureSendSsoToken, SecureSendUser
from openlux.securesend.schemas import SecureSendUserUpsert

NAMESPACE_PATTERN = re.compile(r"^[a-z][a-z0-9._-]{0,63}$")  # a letter first, so digits can mean an id
MAX_NAMESPACES = 100  # per account; namespaces are per customer, not per recipient
NAME_LENGTH = 200
PASSWORD_MIN, PASSWORD_MAX = 8, 256  # argon2 hashes any length; the cap bounds the work per attempt
LOCK_AFTER = 10  # consecutive wrong passwords before the login locks
LOCK_TIME = timedelta(minutes=15)
PORTAL_PATH = "/securesend/portal"
SSO_PATH = PORTAL_PATH + "/sso"


def digest(token: str) -> str:
    """What is stored of an SSO token or portal cookie."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def record(user: SecureSendUser, namespace: SecureSendNamespace) -> dict[str, Any]:
    """The wire record of a portal user."""
    return {
        "email": user.email,
        "name": user.name,
        "namespace": namespace.name,
        "namespace_id": namespace.id,
        "enabled": int(user.enabled),
        "has_password": int(user.password_hash is not None),
        "created": format_datetime(user.created_at),
        "modified": format_datetime(user.modified_at),
        "last_login": format_datetime(user.last_login_at),
    }


async def namespace(
    *, session: AsyncSession, account_id: int, namespace_id: str, create: bool = False
) -> SecureSendNamespace:
    """The account's namespace named (or numbered) by the path segment; created when asked and absent."""
    key = unquote(namespace_id).strip().lower()
    query = select(SecureSendNamespace).where(SecureSendNamespace.account_id == account_id)
    is_number = ascii_digits(key) and len(key) <= MAX_ID_DIGITS
    if is_number:
        found = await session.scalar(query.where(SecureSendNamespace.id == int(key)))
    elif NAMESPACE_PATTERN.match(key):
        found = await session.scalar(query.where(SecureSendNamespace.name == key))
    else:
        raise BadRequest(
            "Parameter 'namespace_id' must be a namespace number or a name of letters, digits, "
            "'.', '_' or '-' starting with a letter (at most 64)."
        )
    if found is not None:
        return found
    if not create or is_number:
        raise NotFound(f"No SecureSend namespace {key} in this account.")
    count = await session.scalar(
        select(func.count()).select_from(SecureSendNamespace).where(SecureSendNamespace.account_id == account_id)
    )
    if (count or 0) >= MAX_NAMESPACES:
        raise LimitExceeded(f"An account may have at most {MAX_NAMESPACES} SecureSend namespaces.")
    found = SecureSendNamespace(account_id=account_id, name=key, created_at=clock.utcnow())
    session.add(found)
    await session.flush()
    return found


async def _user(session: AsyncSession, space: SecureSendNamespace, email: str) -> SecureSendUser | None:
    return await session.scalar(
        select(SecureSendUser).where(SecureSendUser.namespace_id == space.id, SecureSendUser.email_index == email)
    )


async def get_user(
    *, session: AsyncSession, account_id: int, namespace_id: str, ss_user: str
) -> tuple[SecureSendNamespace, SecureSendUser]:
    """The namespace and its user; NotFound for either."""
    space = await namespace(session=session, account_id=account_id, namespace_id=namespace_id)
    email = normalise_address(unquote(ss_user), field="ss_user")
    user = await _user(session, space, email)
    if user is None:
        raise NotFound(f"No SecureSend user {email} in namespace {space.name}.")
    return space, user


def _password(value: str) -> str:
    if not PASSWORD_MIN <= len(value) <= PASSWORD_MAX:
        raise BadRequest(f"Parameter 'password' must be {PASSWORD_MIN} to {PASSWORD_MAX} characters long.")
    return value


async def upsert(
    *, session: AsyncSession, account_id: int, namespace_id: str, ss_user: str, body: SecureSendUserUpsert
) -> dict[str, Any]:
    """createOrUpdateSecureSendUser: the record plus `status` created|updated."""
    email = normalise_address(unquote(ss_user), field="ss_user")
    name = (body.name or "").strip() if body.name is not None else None
    if name is not None and len(name) > NAME_LENGTH:
        raise BadRequest(f"Parameter 'name' may be at most {NAME_LENGTH} characters.")
    enabled = body.enabled
    hashed = await asyncio.to_thread(hash_password, _password(body.password)) if body.password is not None else None
    space = await namespace(session=session, account_id=account_id, namespace_id=namespace_id, create=True)
    user = await _user(session, space, email)
    status = "updated"
    if user is None:
        status, user = (
            "created",
            SecureSendUser(
                namespace_id=space.id,
                account_id=account_id,
                email=email,
                name="",
                enabled=True,
                failed_logins=0,
                created_at=clock.utcnow(),
            ),
        )
        session.add(user)
    user.name = name if name is not None else user.name
    user.enabled = enabled if enabled is not None else user.enabled
    if hashed is not None:
        user.password_hash, user.failed_logins, user.locked_until = hashed, 0, None
    user.modified_at = clock.utcnow()
    await session.flush()
    return {**record(user, space), "status": status}


async def change_password(
    *, session: AsyncSession, account_id: int, namespace_id: str, ss_user: str, password: str | None
) -> dict[str, Any]:
    """changeSecureSendUserPassword: set the password (and lift a lock); the record."""
    if not password:
        raise BadRequest("Parameter 'password' is required.")
    hashed = await asyncio.to_thread(hash_password, _password(password))
    space, user = await get_user(session=session, account_id=account_id, namespace_id=namespace_id, ss_user=ss_user)
    user.password_hash, user.failed_logins, user.locked_until, user.modified_at = hashed, 0, None, clock.utcnow()
    await session.flush()
    return record(user, space)


async def list_users(*, session: AsyncSession, account_id: int, namespace_id: str) -> list[dict[str, Any]]:
    """getSecureSendUserList: every user of the namespace, by address (sorted here: sealed at rest)."""
    space = await namespace(session=session, account_id=account_id, namespace_id=namespace_id)
    rows = await session.scalars(select(SecureSendUser).where(SecureSendUser.namespace_id == space.id))
    return [record(user, space) for user in sorted(rows, key=lambda user: user.email)]


async def sso_link(
    *, session: AsyncSession, ctx: AppContext, account_id: int, namespace_id: str, ss_user: str
) -> dict[str, Any]:
    """getSecureSendUserSingleSignOnLink: a portal login URL usable once before it expires."""
    space, user = await get_user(session=session, account_id=account_id, namespace_id=namespace_id, ss_user=ss_user)
    if not user.enabled:
        raise Conflict(f"SecureSend user {user.email} is disabled.")
    token = random_token(32)
    expires = clock.utcnow() + timedelta(seconds=ctx.settings.sso_url_lifetime_seconds)
    session.add(
        SecureSendSsoToken(user_id=user.id, token_hash=digest(token), created_at=clock.utcnow(), expires_at=expires)
    )
    await session.flush()
    return {
        "url": f"{ctx.settings.base_url}{SSO_PATH}/{token}",
        "expires": format_datetime(expires),
        "email": user.email,
        "namespace": space.name,
    }


def _logins(account_id: int, email: str) -> Any:
    return (
        select(SecureSendUser)
        .where(
            SecureSendUser.account_id == account_id,
            SecureSendUser.email_index == email,
            SecureSendUser.enabled.is_(True),
            SecureSendUser.password_hash.is_not(None),
        )
        .order_by(SecureSendUser.id)
    )


async def check_password(
    *, session: AsyncSession, account_id: int, email: str, password: str
) -> tuple[SecureSendUser | None, str]:
    """The account's enabled portal user of `email` whose password matches, else (None, reason).

    A failure writes nothing: the caller records it, then calls note_failure (SQLite allows one writer).
    """
    now = clock.utcnow()
    rows = list(await session.scalars(_logins(account_id, email)))
    open_rows = [u for u in rows if u.locked_until is None or as_utc(u.locked_until) <= now]
    if rows and not open_rows:
        return None, "Too many wrong passwords; try again later or use a one-time code."
    for user in open_rows:
        if await asyncio.to_thread(verify_password, user.password_hash or "", password[:PASSWORD_MAX]):
            user.failed_logins, user.locked_until, user.last_login_at = 0, None, now
            await session.flush()
            return user, ""
    return None, "That e-mail address and password do not match a SecureSend login."


async def note_failure(*, session: AsyncSession, account_id: int, email: str) -> None:
    """Count a wrong password against the recipient's logins; lock them after LOCK_AFTER in a row."""
    now = clock.utcnow()
    for user in await session.scalars(_logins(account_id, email)):
        if user.locked_until is not None and as_utc(user.locked_until) > now:
            continue
        user.failed_logins += 1
        if user.failed_logins >= LOCK_AFTER:
            user.failed_logins, user.locked_until = 0, now + LOCK_TIME
    await session.flush()


async def has_login(*, session: AsyncSession, account_id: int, email: str) -> bool:
    """True when the recipient has an enabled portal login with a password in the account."""
    return await session.scalar(_logins(account_id, email).limit(1)) is not None
