"""An ASGI middleware that answers the hottest signed read, getUser, without FastAPI's per-request
dependency chain and without a database trip (issue 11 item 1).

It only ever answers the fully cached success case: a trusted cached auth session whose signature,
integration gate, scope, access control and rate limit all pass, for a user whose record is cached.
Anything else — a cache miss, a failed check, a disabled user, a refused rate limit — goes on to
the normal FastAPI route unchanged, which answers (or refuses and records) exactly as before and
fills the caches. So the fast path cannot change an answer, only its cost.

User records are cached per process for at most `USER_RECORD_TTL` and dropped with the session
cache whenever the auth generation moves; every ORM change of a user other than its last-access
time bumps the generation (openlux.auth.invalidation), so a changed profile shows at once in the
process that changed it and within the poll interval elsewhere. The last-access date may lag by
up to the TTL, and disk usage is the per-process measurement getUser itself uses (at most a minute old).
"""

from __future__ import annotations

import hmac
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import unquote

from sqlalchemy import select

from openlux.accounts import disk_usage
from openlux.accounts.models import User
from openlux.accounts.service import user_record
from openlux.auth import access, service, signing
from openlux.auth.runtime import AuthRuntime
from openlux.contract import API_PREFIX, endpoint
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.envelope import ok
from openlux.core.errors import ApiError

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

USER_RECORD_TTL = 2.0  # seconds a cached user record is served; bounds last_access_date staleness
_GET_USER = endpoint("getUser")
_GET_USER_PATH = re.compile("^" + re.escape(API_PREFIX) + r"/user/([^/]+)/profile$")


class SignedReadFastPath:
    """Pure ASGI middleware (installed by create_app) in front of the FastAPI router."""

    def __init__(self, app: ASGIApp, ctx: AppContext) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        matched = _GET_USER_PATH.match(scope["path"])
        if matched is None:
            await self.app(scope, receive, send)
            return
        outcome = self._answer(scope, matched.group(1))
        if isinstance(outcome, dict):
            await ok(outcome)(scope, receive, send)
            return
        epoch = AuthRuntime.of(self.ctx).epoch
        await self.app(scope, receive, send)
        if isinstance(outcome, tuple):  # authenticated, only the user's record was not cached
            await self._warm(*outcome, epoch)

    async def _warm(self, account_id: int, login: str, epoch: int) -> None:
        """Cache the user's record after the normal path answered (its connection is released)."""
        try:
            async with self.ctx.db.sessions() as session:
                user = await session.scalar(select(User).where(User.account_id == account_id, User.login == login))
                if user is not None:
                    usage = await disk_usage.usage_mb(self.ctx, session, user.id)  # as the route measures it
                    remember_user(self.ctx, user, user.domain.name, epoch, disk_usage_mb=usage)
        except Exception:  # noqa: BLE001 - only a cache fill: the answer has gone already
            return

    def _answer(self, scope: Scope, raw_login: str) -> dict[str, Any] | tuple[int, str] | None:
        """The getUser record when everything is cached and every check passes; (account id, login)
        when only the user's record is missing; else None."""
        ctx = self.ctx
        runtime = AuthRuntime.of(ctx)
        cookie = _header(scope, b"cookie")
        if cookie is None:
            return None
        parsed = signing.parse_signature_cookie(cookie)
        if parsed is None:
            return None
        code, mac = parsed
        head = code.partition("-")[0]
        if not head.isascii() or not head.isdigit() or len(head) > 18:
            return None
        entry = runtime.cached(int(head))
        if entry is None or entry.revoked or not hmac.compare_digest(entry.code_hash, service.code_hash(code)):
            return None
        integration = entry.integration
        now = clock.utcnow()
        client = scope.get("client")
        raw_path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        facts = service.RequestFacts(
            "GET",
            raw_path,
            scope.get("query_string", b"").decode("latin-1"),
            "",
            client[0] if client else None,
            _header(scope, b"host"),
        )
        try:
            if service.session_expired(ctx, entry, now):
                return None
            service.check_integration_gate(ctx, integration, facts)
            service.check_request_mac(ctx, integration, code, mac, facts)
            access.check_access_control(integration, _GET_USER)
        except ApiError:
            return None  # the normal path refuses it, and records the refusal
        login = unquote(unquote(raw_login)).strip().lower()
        cached = ctx.user_records.get((integration.account_id, login))
        if cached is None or cached[0] != runtime.epoch or time.monotonic() - cached[1] > USER_RECORD_TTL:
            return (integration.account_id, login)
        _epoch, _loaded, user_id, status, record = cached
        if status != "enabled":
            return None
        if integration.scope == "user":
            if user_id != entry.user_id:
                return None
        elif not integration.allow_user_functions:
            return None
        try:
            access.count_request(ctx=ctx, integration=integration)
        except ApiError:
            return None
        runtime.touch(entry, now)
        answer: dict[str, Any] = record
        return answer


def remember_user(ctx: AppContext, user: User, domain_name: str, epoch: int, *, disk_usage_mb: float) -> None:
    """Cache a user's record for the fast path, unless the cache was invalidated since `epoch`."""
    if epoch != AuthRuntime.of(ctx).epoch:
        return
    users = ctx.user_records  # (account id, login) → (epoch, loaded at, user id, status, record)
    if len(users) > 100_000:
        users.clear()  # a crude bound; the cache refills from normal calls
    users[(user.account_id, user.login)] = (
        epoch,
        time.monotonic(),
        user.id,
        user.status,
        user_record(user, domain_name, disk_usage_mb=disk_usage_mb),
    )


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None
