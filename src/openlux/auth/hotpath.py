"""An ASGI middleware that answers the hottest signed read, getUser, without FastAPI's per-request
dependency chain and without a database trip (issue 11 item 1).

It only ever answers the fully cached success case: a trusted cached auth session whose signature,
integration gate, scope, access control and rate limit all pass, for a user whose record is cached.
Anything else — a cache miss, a failed check, a disabled user, a refused rate limit — goes on to
the normal FastAPI route unchanged, which answers (or refuses and records) exactly as before and
fills the caches. So the fast path cannot change an answer, only its cost.

User records are cached per process; one older than `USER_RECORD_TTL` is still served while a
background task (one per record, however many calls ask) reloads it. They are dropped with the session
cache whenever the auth generation moves; every ORM change of a user other than its last-access
time bumps the generation (openlux.auth.invalidation), so a changed profile shows at once in the
process that changed it and within the poll interval elsewhere. The last-access date may lag by
up to the TTL plus one reload, and disk usage is the per-process measurement getUser itself uses (at most a minute old).
"""

from __future__ import annotations

import asyncio
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
from openlux.core.asgi import request_header
from openlux.core.context import AppContext
from openlux.core.envelope import ok
from openlux.core.errors import ApiError

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

USER_RECORD_TTL = 2.0  # a cached user record older than this is reloaded in the background
VERIFIED_MACS_PER_SESSION = 64  # remembered (path, query) → MAC pairs per cached auth session
_GET_USER = endpoint("getUser")
_GET_USER_PATH = re.compile("^" + re.escape(API_PREFIX) + r"/user/([^/]+)/profile$")


class SignedReadFastPath:
    """Pure ASGI middleware (installed by create_app) in front of the FastAPI router."""

    def __init__(self, app: ASGIApp, ctx: AppContext) -> None:
        self.app = app
        self.ctx = ctx
        self._refreshing: dict[tuple[int, str], asyncio.Task[None]] = {}  # user records being loaded

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        matched = _GET_USER_PATH.match(scope["path"])
        if matched is None:
            await self.app(scope, receive, send)
            return
        try:
            outcome = self._answer(scope, matched.group(1))
        except Exception:  # noqa: BLE001 - the normal path answers (or reports) whatever went wrong here
            outcome = None
        if isinstance(outcome, bytes):
            await send({"type": "http.response.start", "status": 200, "headers": _json_headers(len(outcome))})
            await send({"type": "http.response.body", "body": outcome})
            return
        await self.app(scope, receive, send)
        if isinstance(outcome, tuple):  # authenticated, only the user's record was not cached
            self._refresh_soon(*outcome)

    def _refresh_soon(self, account_id: int, login: str) -> None:
        """Load the user's record into the cache in the background, once however many calls ask.

        Without this, every call in flight when a record expires would miss and load it (16
        connections of a load generator: 16 database reads every USER_RECORD_TTL).
        """
        key = (account_id, login)
        if key in self._refreshing:
            return
        task = asyncio.get_running_loop().create_task(self._warm(account_id, login, AuthRuntime.of(self.ctx).epoch))
        self._refreshing[key] = task
        task.add_done_callback(lambda _task: self._refreshing.pop(key, None))

    async def _warm(self, account_id: int, login: str, epoch: int) -> None:
        """Cache the user's record (a connection of its own, never one a request holds)."""
        try:
            async with self.ctx.db.sessions() as session:
                user = await session.scalar(select(User).where(User.account_id == account_id, User.login == login))
                if user is not None:
                    usage = await disk_usage.usage_mb(self.ctx, session, user.id)  # as the route measures it
                    remember_user(self.ctx, user, user.domain.name, epoch, disk_usage_mb=usage)
        except Exception:  # noqa: BLE001 - only a cache fill: the next call tries again
            return

    def _answer(self, scope: Scope, raw_login: str) -> bytes | tuple[int, str] | None:
        """The encoded getUser envelope when everything is cached and every check passes;
        (account id, login) when only the user's record is missing; else None.

        What this session has already verified is remembered on its cache entry: the auth code
        that matched its hash, and the MACs that signed a given path and query. A remembered pair
        is exactly as valid as when it was checked (the entry, with the integration's secret,
        is dropped on any credential change), so checking it again would only cost time."""
        ctx = self.ctx
        runtime = AuthRuntime.of(ctx)
        cookie = request_header(scope, b"cookie")
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
        if entry is None or entry.revoked:
            return None
        if not (entry.verified_code and hmac.compare_digest(entry.verified_code.encode(), code.encode())):
            if not hmac.compare_digest(entry.code_hash, service.code_hash(code)):
                return None
            entry.verified_code = code
        integration = entry.integration
        now = clock.utcnow()
        client = scope.get("client")
        raw_path = (scope.get("raw_path") or scope["path"].encode()).decode("latin-1")
        query = scope.get("query_string", b"").decode("latin-1")
        facts = service.RequestFacts(
            "GET", raw_path, query, "", client[0] if client else None, request_header(scope, b"host")
        )
        signed = (raw_path, query)
        try:
            if service.session_expired(ctx, entry, now):
                return None
            service.check_integration_gate(ctx, integration, facts)
            known_mac = entry.verified_macs.get(signed)
            if known_mac is None or not hmac.compare_digest(known_mac.encode(), mac.encode()):
                service.check_request_mac(ctx, integration, code, mac, facts)
                if len(entry.verified_macs) >= VERIFIED_MACS_PER_SESSION:
                    entry.verified_macs.clear()
                entry.verified_macs[signed] = mac
            access.check_access_control(integration, _GET_USER)
        except ApiError:
            return None  # the normal path refuses it, and records the refusal
        login = unquote(unquote(raw_login)).strip().lower()
        key = (integration.account_id, login)
        cached = ctx.user_records.get(key)
        if cached is None or cached[0] != runtime.epoch:
            return key
        _epoch, loaded_at, user_id, status, envelope = cached
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
        if time.monotonic() - loaded_at > USER_RECORD_TTL:
            self._refresh_soon(*key)  # this call gets the record as it was at most a refresh ago
        answer: bytes = envelope
        return answer


def remember_user(ctx: AppContext, user: User, domain_name: str, epoch: int, *, disk_usage_mb: float) -> None:
    """Cache a user's record for the fast path, unless the cache was invalidated since `epoch`."""
    if epoch != AuthRuntime.of(ctx).epoch:
        return
    users = ctx.user_records  # (account id, login) → (epoch, loaded at, user id, status, encoded envelope)
    if len(users) > 100_000:
        users.clear()  # a crude bound; the cache refills from normal calls
    users[(user.account_id, user.login)] = (
        epoch,
        time.monotonic(),
        user.id,
        user.status,
        # Encoded once: the envelope bytes are exactly what the route's ok(record) sends.
        ok(user_record(user, domain_name, disk_usage_mb=disk_usage_mb)).body,
    )


def _json_headers(length: int) -> list[tuple[bytes, bytes]]:
    # The headers JSONResponse sends (what the normal route answers with).
    return [(b"content-length", str(length).encode()), (b"content-type", b"application/json")]
