"""Authentication: the `auth` handshake, revocation, verifying signed calls, recording failures.

See openlux.auth.signing for the client quirks this follows.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import hmac
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import unquote

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts import app_passwords
from openlux.accounts import service as user_service
from openlux.accounts.models import User
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction, LoginChannel, Outcome
from openlux.audit.service import Actor
from openlux.auth import signing, throttle
from openlux.auth.models import ApiIntegration, AuthSession
from openlux.auth.runtime import AuthRuntime, CachedSession
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.crypto import hash_password, hex_equal, hmac_sha256_hex, random_hex, random_token, verify_password
from openlux.core.errors import ApiError, AuthFailed, BadRequest, Forbidden
from openlux.core.ids import ascii_digits, parse_row_id
from openlux.core.time import as_utc


@dataclass(frozen=True, slots=True)
class Credentials:
    """Who signed a call: the integration, and the auth session when the cookie was used."""

    integration: ApiIntegration
    session_id: int | None
    session_user_id: int | None


@dataclass(frozen=True, slots=True)
class RequestFacts:
    """The parts of an HTTP request that authentication looks at."""

    method: str
    raw_path: str
    query: str
    content_hash: str
    client_ip: str | None
    host: str | None


def integration_secret(ctx: AppContext, integration: ApiIntegration) -> str:
    """The integration's secret key, decrypted once per process."""
    cache = ctx.integration_secrets
    secret = cache.get(integration.secret_sealed)
    if secret is None:
        secret = ctx.box.open_text(integration.secret_sealed, context=b"api_integration")
        cache[integration.secret_sealed] = secret
    return secret


def seal_secret(ctx: AppContext, secret: str) -> bytes:
    """Encrypt an integration secret for storage."""
    return ctx.box.seal_text(secret, context=b"api_integration")


def new_token_pair() -> tuple[str, str]:
    """A fresh (public token, secret key)."""
    return random_hex(16), random_token(32)


def code_hash(code: str) -> str:
    """What is stored of an auth code."""
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


async def record_failure(
    ctx: AppContext,
    *,
    reason: str,
    status: int,
    channel: str = "api",
    integration: ApiIntegration | None = None,
    username: str | None = None,
    client_ip: str | None = None,
    method: str | None = None,
    path: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Queue a refused login or call for the failure log; written in batches by the auth sync task,
    so a refused request never needs a second database connection (issue 9 item 1)."""
    AuthRuntime.of(ctx).add_failure(
        {
            "at": clock.utcnow(),
            "account_id": integration.account_id if integration else None,
            "integration_id": integration.id if integration else None,
            "username": (username or "")[:320] or None,
            "channel": channel,
            "client_ip": client_ip,
            "method": method,
            "path": (path or "")[:2000] or None,
            "reason": reason[:500],
            "status": status,
            "details": details or {},
        }
    )


def check_integration_gate(ctx: AppContext, integration: ApiIntegration, facts: RequestFacts) -> None:
    """Enabled flag, allowed client IPs and API host: Forbidden when any refuses the call."""
    if not integration.enabled:
        raise Forbidden("This API integration is disabled.")
    if integration.allowed_ips and not ip_allowed(facts.client_ip, integration.allowed_ips):
        raise Forbidden(
            f"Calls from {facts.client_ip or 'an unknown address'} are not allowed for this API integration."
        )
    if ctx.settings.check_api_host and integration.api_host and facts.host:
        host = facts.host.rsplit(":", 1)[0] if not facts.host.endswith("]") else facts.host
        if host.lower() != integration.api_host.lower():
            raise Forbidden(f"This API integration only answers on host {integration.api_host}.")


def ip_allowed(client_ip: str | None, allowed: list[str]) -> bool:
    """True when client_ip is inside one of the allowed addresses or networks."""
    if client_ip is None:
        return False
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        return False
    for entry in allowed:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def parse_auth_date(value: object) -> str:
    """The `date` as the decimal digits that were signed (int from PHP/Python, string from C#)."""
    if isinstance(value, bool) or value is None:
        raise BadRequest("Field 'date' is required: the current Unix time in seconds.")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str) and ascii_digits(value.strip()) and len(value.strip()) <= 12:
        return value.strip()
    raise BadRequest("Field 'date' must be the current Unix time in whole seconds.")


async def authenticate(
    *,
    session: AsyncSession,
    ctx: AppContext,
    token: str | None,
    date: object,
    signature: str | None,
    user: str | None,
    password: str | None,
    facts: RequestFacts,
) -> str:
    """Check a POST /auth request and return a new auth code; failures are recorded and throttled.

    Call it before `session` has touched the database: the throttle's own short transactions must
    not wait for a second connection while this one is held.
    """
    seen: list[ApiIntegration] = []  # the integration, once found, for the failure record
    # The throttled login: the user for user scope, else the integration's token.
    login = (user or "").strip().lower() if user else f"token:{(token or '')[:64]}"
    try:
        async with throttle.attempt(ctx, login=login, client_ip=facts.client_ip) as attempt:
            try:
                integration, user_row = await _check_auth_request(
                    session, ctx, token, date, signature, user, password, facts, seen
                )
            except AuthFailed:
                session.expunge_all()  # keep what was read usable for the failure record
                await session.rollback()  # release the connection before the failure is written
                raise
            await attempt.succeeded(session)
            audit.record(
                session,
                actor=Actor.of_user(user_row) if user_row is not None else Actor.of_integration(integration),
                action=AuditAction.LOGIN,
                target=integration.token,
                client_ip=facts.client_ip,
                details={"channel": LoginChannel.API.value},
            )
            return await open_session(session, integration, user_row, facts.client_ip)
    except ApiError as exc:
        await record_login_failure(
            session,
            ctx,
            exc,
            tried=login,
            integration=seen[0] if seen else None,
            username=user,
            facts=facts,
            channel=LoginChannel.API,
        )
        raise


async def record_login_failure(
    session: AsyncSession,
    ctx: AppContext,
    exc: ApiError,
    *,
    tried: str,
    integration: ApiIntegration | None,
    username: str | None,
    facts: RequestFacts,
    channel: LoginChannel,
) -> None:
    """A refused POST /auth or token request: into the failure log and the audit log."""
    await record_failure(
        ctx,
        reason=exc.message,
        status=exc.status,
        integration=integration,
        username=username,
        client_ip=facts.client_ip,
        method="POST",
        path=facts.raw_path,
    )
    await audit_login_failure(
        session, ctx, exc, tried=tried, integration=integration, client_ip=facts.client_ip, channel=channel
    )


async def audit_login_failure(
    session: AsyncSession,
    ctx: AppContext,
    exc: ApiError,
    *,
    tried: str,
    integration: ApiIntegration | None,
    client_ip: str | None,
    channel: LoginChannel,
) -> None:
    """Audit a refused API login. The request's session is released first: the event is written in a
    transaction of its own, and a request must never hold two pooled connections (issue 9 item 1)."""
    account_id = integration.account_id if integration is not None else None
    target = integration.token if integration is not None else ""
    session.expunge_all()
    await session.rollback()
    await audit.record_detached(
        ctx,
        actor=Actor.anonymous(tried, account_id),
        action=AuditAction.LOGIN,
        target=target,
        client_ip=client_ip,
        outcome=Outcome.LOCKED if isinstance(exc, throttle.LoginLocked) else Outcome.FAILURE,
        details={"channel": channel.value, "reason": exc.message[:200]},
    )


async def _check_auth_request(
    session: AsyncSession,
    ctx: AppContext,
    token: str | None,
    date: object,
    signature: str | None,
    user: str | None,
    password: str | None,
    facts: RequestFacts,
    seen: list[ApiIntegration],
) -> tuple[ApiIntegration, User | None]:
    if not token:
        raise BadRequest("Field 'token' is required: the API integration's public token.")
    if not signature:
        raise BadRequest("Field 'signature' is required.")
    date_text = parse_auth_date(date)
    integration = await session.scalar(select(ApiIntegration).where(ApiIntegration.token == token))
    if integration is None:
        raise AuthFailed("Unknown API token.")
    seen.append(integration)
    check_integration_gate(ctx, integration, facts)
    skew = abs(int(clock.utcnow().timestamp()) - int(date_text))
    if skew > ctx.settings.auth_clock_skew_seconds:
        raise AuthFailed(
            f"The date is {skew} seconds away from the server's clock "
            f"(at most {ctx.settings.auth_clock_skew_seconds} allowed)."
        )
    secret = integration_secret(ctx, integration)
    if integration.scope == "user":
        if not user or password is None:
            raise BadRequest("Fields 'user' and 'pass' are required for a user-scope API integration.")
        expected = signing.sign_auth(secret, token, date_text, user, password)
    else:
        expected = signing.sign_auth(secret, token, date_text)
    if not hex_equal(expected, signature):
        raise AuthFailed("Invalid authentication signature.")
    if integration.scope == "user":
        return integration, await verify_user_login(session, integration.account_id, user or "", password or "", "api")
    return integration, None


async def issue_client_credentials_token(
    *, session: AsyncSession, ctx: AppContext, client_id: str, client_secret: str, facts: RequestFacts
) -> str:
    """OAuth 2.0 client-credentials grant (RFC 6749 §4.4): an auth code for an account-scope integration.

    The token is an ordinary auth code: the same scope, access controls, limits, idle and absolute
    expiry and revocation apply; it is presented as `Authorization: Bearer <token>` instead of a
    signature cookie. Failures are recorded and throttled like POST /auth.
    """
    seen: list[ApiIntegration] = []
    try:
        async with throttle.attempt(ctx, login=f"token:{client_id[:64]}", client_ip=facts.client_ip) as attempt:
            integration = await session.scalar(select(ApiIntegration).where(ApiIntegration.token == client_id))
            if integration is None or not hmac.compare_digest(
                integration_secret(ctx, integration).encode(), client_secret.encode()
            ):
                if integration is not None:
                    seen.append(integration)
                session.expunge_all()
                await session.rollback()
                raise AuthFailed("Invalid client credentials.")
            seen.append(integration)
            if integration.scope != "account":
                raise Forbidden("Only account-scope API integrations may use the client-credentials grant.")
            check_integration_gate(ctx, integration, facts)
            await attempt.succeeded(session)
            audit.record(
                session,
                actor=Actor.of_integration(integration),
                action=AuditAction.LOGIN,
                target=integration.token,
                client_ip=facts.client_ip,
                details={"channel": LoginChannel.OAUTH.value},
            )
            return await open_session(session, integration, None, facts.client_ip)
    except ApiError as exc:
        await record_login_failure(
            session,
            ctx,
            exc,
            tried=f"token:{client_id[:64]}",
            integration=seen[0] if seen else None,
            username=None,
            facts=facts,
            channel=LoginChannel.OAUTH,
        )
        raise


@functools.cache
def dummy_password_hash() -> str:
    """An argon2 hash of a random password, verified against when the login does not exist."""
    return hash_password(random_token(16))


async def verify_user_login(
    session: AsyncSession, account_id: int | None, login: str, password: str, service: str
) -> User:
    """The enabled user whose password (or an app-specific password allowing `service`) matches."""
    query = select(User).where(User.login == login.strip().lower())
    if account_id is not None:
        query = query.where(User.account_id == account_id)
    user = await session.scalar(query)
    if user is None:
        # The same argon2 work as a real check, so timing does not reveal which logins exist.
        await asyncio.to_thread(verify_password, dummy_password_hash(), password)
        raise AuthFailed("Invalid username or password.")
    if await asyncio.to_thread(verify_password, user.password_hash, password):
        if user.status != "enabled":  # told only to who knows the password
            raise Forbidden(f"User {user.login} is disabled.")
        if user_service.password_expired(user):
            raise AuthFailed(
                f"The password of {user.login} has expired (setting password_expiration); an "
                "administrator must set a new one, or sign in with an app-specific password."
            )
        return user
    if await app_passwords.verify(session, user=user, password=password, service=service):
        if user.status != "enabled":
            raise Forbidden(f"User {user.login} is disabled.")
        return user
    raise AuthFailed("Invalid username or password.")


async def open_session(
    session: AsyncSession, integration: ApiIntegration, user: User | None, client_ip: str | None
) -> str:
    """Create an auth session; the code is `<session id>-<unix time>-<64 hex>` like LuxSci's."""
    now = clock.utcnow()
    row = AuthSession(
        integration_id=integration.id,
        user_id=user.id if user else None,
        code_hash="",
        client_ip=client_ip,
        issued_at=now,
        last_used_at=now,
    )
    session.add(row)
    await session.flush()
    code = f"{row.id}-{int(now.timestamp())}-{random_hex(32)}"
    row.code_hash = code_hash(code)
    if user is not None:
        user.last_access_at = now
    return code


async def verify_signed_call(
    *,
    session: AsyncSession,
    ctx: AppContext,
    cookie: str | None,
    api_key: str | None,
    facts: RequestFacts,
    bearer: str | None = None,
) -> Credentials:
    """Check the signature cookie (or X-API-Key) of a call; failures are recorded and raised.

    With a known auth code this reads nothing and writes nothing: the session comes from the
    process cache (openlux.auth.runtime) and its last use is written later, coalesced.
    """
    integration: ApiIntegration | None = None
    runtime = AuthRuntime.of(ctx)
    runtime.start()
    try:
        if api_key:
            integration = await _integration_for_api_key(session, ctx, api_key)
            check_integration_gate(ctx, integration, facts)
            return Credentials(integration, None, None)
        if bearer is not None and not (cookie and "signature=" in cookie):
            # OAuth 2.0 bearer token (an auth code issued by the client-credentials grant): no MAC.
            entry = await _session_for_code(session, runtime, bearer.strip())
            integration = entry.integration
            now = clock.utcnow()
            if entry.from_cache and session_expired(ctx, entry, now):
                runtime.forget(entry.id)
                entry = await _session_for_code(session, runtime, bearer.strip())
            _check_session_alive(ctx, entry, now)
            check_integration_gate(ctx, integration, facts)
            runtime.touch(entry, now)
            return Credentials(integration, entry.id, entry.user_id)
        parsed = signing.parse_signature_cookie(cookie or "")
        if parsed is None:
            raise AuthFailed("Missing or malformed 'signature' cookie; authenticate and sign the request.")
        code, mac = parsed
        entry = await _session_for_code(session, runtime, code)
        now = clock.utcnow()
        if entry.from_cache and session_expired(ctx, entry, now):
            runtime.forget(entry.id)  # another process may have used it since: ask the database
            entry = await _session_for_code(session, runtime, code)
        integration = entry.integration
        _check_session_alive(ctx, entry, now)
        check_integration_gate(ctx, integration, facts)
        check_request_mac(ctx, integration, code, mac, facts)
        runtime.touch(entry, now)
        return Credentials(integration, entry.id, entry.user_id)
    except ApiError as exc:
        await record_failure(
            ctx,
            reason=exc.message,
            status=exc.status,
            integration=integration,
            client_ip=facts.client_ip,
            method=facts.method,
            path=facts.raw_path,
        )
        raise


async def _integration_for_api_key(session: AsyncSession, ctx: AppContext, api_key: str) -> ApiIntegration:
    token, sep, secret = api_key.strip().partition(":")
    if not sep:
        raise AuthFailed("X-API-Key must be '<token>:<secret key>'.")
    integration = await session.scalar(select(ApiIntegration).where(ApiIntegration.token == token))
    if integration is None:
        raise AuthFailed("Unknown API token.")
    if not integration.allow_api_key or integration.scope != "account":
        raise Forbidden("This API integration does not accept X-API-Key authentication.")
    if not hmac.compare_digest(integration_secret(ctx, integration).encode(), secret.encode()):
        raise AuthFailed("Invalid API key.")
    return integration


# Built once: constructing the statement costs more than running it on every signed call.
_SESSION_WITH_INTEGRATION = (
    select(AuthSession, ApiIntegration)
    .join(ApiIntegration, ApiIntegration.id == AuthSession.integration_id)
    .where(AuthSession.id == bindparam("session_id"))
)


async def auth_code_is_live(session: AsyncSession, ctx: AppContext, code: str) -> bool:
    """True when `code` names an auth session that is neither revoked nor expired (MAC not checked)."""
    try:
        entry = await _session_for_code(session, AuthRuntime.of(ctx), code)
        _check_session_alive(ctx, entry, clock.utcnow())
    except AuthFailed:
        return False
    return True


async def api_key_is_valid(session: AsyncSession, ctx: AppContext, api_key: str) -> bool:
    """True when X-API-Key names an integration that accepts it, with the right secret."""
    try:
        await _integration_for_api_key(session, ctx, api_key)
    except (AuthFailed, Forbidden):
        return False
    return True


async def _session_for_code(session: AsyncSession, runtime: AuthRuntime, code: str) -> CachedSession:
    """The auth session of a code: from the process cache, else read (and cached) through `session`."""
    head, _, _ = code.partition("-")
    session_id = parse_row_id(head)
    if session_id is None:
        raise AuthFailed("Unknown authentication code.")
    digest = code_hash(code)
    entry = runtime.cached(session_id)
    if entry is None:
        epoch = runtime.epoch
        found = (await session.execute(_SESSION_WITH_INTEGRATION, {"session_id": session_id})).first()
        if found is None:
            raise AuthFailed("Unknown authentication code.")
        row, integration = found
        session.expunge(row)
        session.expunge(integration)  # shared by later requests: bound to none of their sessions
        written = as_utc(row.last_used_at)
        entry = CachedSession(
            id=row.id,
            code_hash=row.code_hash,
            integration=integration,
            user_id=row.user_id,
            issued_at=as_utc(row.issued_at),
            last_used_at=max(written, runtime.last_use(row.id) or written),
            written_last_used_at=written,
            revoked=row.revoked_at is not None,
        )
        runtime.remember(entry, epoch)
    else:
        entry.from_cache = True
    if not hmac.compare_digest(entry.code_hash, digest):
        raise AuthFailed("Unknown authentication code.")
    return entry


def session_expired(ctx: AppContext, entry: CachedSession, now: datetime) -> bool:
    """True when the auth code is past its idle timeout or its absolute lifetime."""
    idle = timedelta(seconds=ctx.settings.auth_idle_timeout_seconds)
    max_age = timedelta(seconds=ctx.settings.auth_max_age_seconds)
    return now - entry.last_used_at > idle or now - entry.issued_at > max_age


def _check_session_alive(ctx: AppContext, entry: CachedSession, now: datetime) -> None:
    if entry.revoked:
        raise AuthFailed("This authentication code has been revoked; authenticate again.")
    if session_expired(ctx, entry, now):
        raise AuthFailed("This authentication code has expired; authenticate again.")


def check_request_mac(ctx: AppContext, integration: ApiIntegration, code: str, mac: str, facts: RequestFacts) -> None:
    """AuthFailed unless `mac` signs this request (raw path, or the decoded path some clients sign)."""
    secret = integration_secret(ctx, integration)
    candidates = [facts.raw_path]
    decoded = unquote(facts.raw_path)
    if decoded != facts.raw_path:
        candidates.append(decoded)  # a client that signed the decoded path (spec §5, inferred)
    for path in candidates:
        text = signing.request_string_to_sign(code, facts.method, path, facts.query, facts.content_hash)
        if hex_equal(hmac_sha256_hex(secret, text), mac):
            return
    raise AuthFailed("Invalid request signature.")


async def revoke(*, session: AsyncSession, credentials: Credentials) -> None:
    """End the auth session behind the calling code (every code of the session stops working)."""
    if credentials.session_id is None:
        raise BadRequest("Calls made with X-API-Key have no auth session to revoke.")
    row = await session.get(AuthSession, credentials.session_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = clock.utcnow()
