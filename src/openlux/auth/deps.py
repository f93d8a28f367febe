"""FastAPI dependencies: the database session, the authenticated caller, and lenient bodies.

Order on every signed call: signature → integration gate → scope → access control → rate limit
→ body parsing. So an unauthenticated request never learns anything about its body.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Generic, TypeVar

from fastapi import Depends, Request
from pydantic import BaseModel, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData, UploadFile

from openlux.accounts.models import User
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction
from openlux.audit.service import Actor
from openlux.auth import access, service
from openlux.auth.models import ApiIntegration
from openlux.auth.signing import body_hash
from openlux.contract import Endpoint, endpoint
from openlux.core.context import AppContext
from openlux.core.envelope import describe_validation_errors
from openlux.core.errors import ApiError, BadRequest, PayloadTooLarge
from openlux.core.forms import read_form
from openlux.core.ids import ascii_digits
from openlux.core.jsonbody import parse_json

_MULTIPART = "multipart/form-data"


async def get_context(request: Request) -> AppContext:
    """The process-wide AppContext."""
    ctx: AppContext = request.app.state.ctx  # set by openlux.app.create_app
    return ctx


ContextDep = Annotated[AppContext, Depends(get_context)]


async def get_session(ctx: ContextDep) -> AsyncIterator[AsyncSession]:
    """One session per request: committed when the route returns, before the reply is sent."""
    async with ctx.db.request_transaction() as session:
        yield session


# scope="function": the commit happens before the response leaves (durability, DESIGN.md §4).
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


@dataclass
class Caller:
    """An authenticated, authorised call."""

    integration: ApiIntegration
    endpoint: Endpoint
    session_id: int | None
    session_user_id: int | None
    user: User | None = None  # the `{username}` the path names, already checked
    client_ip: str | None = None
    account_id: int = field(init=False)

    def __post_init__(self) -> None:
        self.account_id = self.integration.account_id

    @property
    def scope(self) -> str:
        """'user' or 'account' (the integration's scope)."""
        return self.integration.scope

    def actor(self) -> Actor:
        """The integration as the audit log names it (with its user, for user scope)."""
        on_behalf_of = self.user.login if self.integration.scope == "user" and self.user is not None else None
        return Actor.of_integration(self.integration, on_behalf_of)

    def audit(
        self, session: AsyncSession, action: AuditAction, target: str, details: dict[str, Any] | None = None
    ) -> None:
        """Record a successful action of this call in its own transaction."""
        audit.record(
            session, actor=self.actor(), action=action, target=target, client_ip=self.client_ip, details=details
        )

    def require_user(self) -> User:
        """The path's user (user-scope endpoints always have one)."""
        assert self.user is not None, "endpoint without {username} asked for a user"
        return self.user


def request_endpoint(request: Request) -> Endpoint:
    """The table row of the route being served."""
    return endpoint(request.scope["route"].operation_id)


async def request_facts(request: Request, ctx: AppContext) -> service.RequestFacts:
    """Raw path, raw query and content hash, exactly as the client signed them."""
    method = request.method.upper()
    content_hash = ""
    if method in ("POST", "PUT"):
        content_hash = body_hash(method, await signed_body_bytes(request, ctx))
    raw_path = request.scope.get("raw_path") or request.scope["path"].encode()
    return service.RequestFacts(
        method=method,
        raw_path=raw_path.decode("latin-1"),
        query=request.scope.get("query_string", b"").decode("latin-1"),
        content_hash=content_hash,
        client_ip=request.client.host if request.client else None,
        host=request.headers.get("host"),
    )


async def signed_body_bytes(request: Request, ctx: AppContext) -> bytes:
    """The bytes the signature covers: the body, or the `json` part of a multipart body."""
    declared = request.headers.get("content-length")
    if declared and ascii_digits(declared) and len(declared) <= 18 and int(declared) > ctx.settings.max_body_bytes:
        raise PayloadTooLarge(f"The request body is larger than {ctx.settings.max_body_bytes} bytes.")
    body = await request.body()
    if len(body) > ctx.settings.max_body_bytes:
        raise PayloadTooLarge(f"The request body is larger than {ctx.settings.max_body_bytes} bytes.")
    if request.headers.get("content-type", "").lower().startswith(_MULTIPART):
        form = await read_form(request, max_files=1000, max_fields=1000, max_part_size=ctx.settings.max_body_bytes)
        request.state.form = form
        return await _json_part_bytes(form)
    return body


async def _json_part_bytes(form: FormData) -> bytes:
    """The `json` part of a parsed multipart form (a file part in the C# client, or a plain field)."""
    part = form.get("json")
    if isinstance(part, UploadFile):
        await part.seek(0)
        return await part.read()
    return (part or "").encode("utf-8")


def bearer_token(request: Request) -> str | None:
    """The token of `Authorization: Bearer <token>` (OAuth 2.0, RFC 6750), or None."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


async def authenticated_caller(request: Request, session: SessionDep, ctx: ContextDep) -> Caller:
    """Verify and authorise the call, or raise the right 401/403/404/429."""
    facts = await request_facts(request, ctx)
    credentials = await service.verify_signed_call(
        session=session,
        ctx=ctx,
        cookie=request.headers.get("cookie"),
        api_key=request.headers.get("x-api-key"),
        facts=facts,
        bearer=bearer_token(request),
    )
    ep = request_endpoint(request)
    try:
        user = await access.authorise(
            session=session, credentials=credentials, endpoint=ep, path_params=request.path_params
        )
        access.count_request(ctx=ctx, integration=credentials.integration)
    except ApiError as exc:
        await service.record_failure(
            ctx,
            reason=exc.message,
            status=exc.status,
            integration=credentials.integration,
            client_ip=facts.client_ip,
            method=facts.method,
            path=facts.raw_path,
        )
        raise
    return Caller(
        credentials.integration, ep, credentials.session_id, credentials.session_user_id, user, facts.client_ip
    )


CallerDep = Annotated[Caller, Depends(authenticated_caller)]

M = TypeVar("M", bound=BaseModel)


class JsonBodyParser(Generic[M]):
    """The dependency behind `JsonBody[model]`: authenticate first, then validate the body leniently."""

    def __init__(self, model: type[M]) -> None:
        self.body_model = model  # read by openlux.core.routing for the OpenAPI requestBody

    async def __call__(self, request: Request, caller: CallerDep) -> M:
        data = await request_json(request)
        try:
            return self.body_model.model_validate(data)
        except ValidationError as exc:
            raise BadRequest(describe_validation_errors(exc.errors())) from None


async def request_json(request: Request) -> dict[str, Any]:
    """The JSON object of the body (or of the multipart `json` part); empty, `[]` and `null` mean {}."""
    form = getattr(request.state, "form", None)
    raw = await _json_part_bytes(form) if form is not None else await request.body()
    if not raw.strip():
        return {}
    data = parse_json(raw)
    if data is None or data == []:
        return {}  # PHP sends [] and Python sends null for an empty parameter set (spec §5)
    if not isinstance(data, dict):
        raise BadRequest("The request body must be a JSON object.")
    return data


if TYPE_CHECKING:
    # To a type checker `JsonBody[UserUpdate]` is `UserUpdate`, so route bodies are checked like
    # any other parameter; at run time it is the Annotated dependency below.
    JsonBody = Annotated[M, "JSON body, parsed after authentication"]
else:

    class JsonBody:
        """`body: JsonBody[UserUpdate]` — the body validated leniently, after authentication."""

        def __class_getitem__(cls, model: type[BaseModel]) -> object:
            return Annotated[model, Depends(JsonBodyParser(model))]


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """One `files` part of a multipart request."""

    filename: str
    content: bytes
    content_type: str


async def uploaded_files(request: Request, caller: CallerDep) -> list[UploadedFile]:
    """Every `files` part of a multipart request (empty for a JSON request)."""
    form = getattr(request.state, "form", None)
    if form is None:
        return []
    found = []
    for key, part in form.multi_items():
        if key in ("files", "files[]", "file") and isinstance(part, UploadFile):
            found.append(
                UploadedFile(part.filename or "", await part.read(), part.content_type or "application/octet-stream")
            )
            # Parts are held in memory (openlux.core.forms): once read, the part's copy is dropped rather
            # than kept until the request ends, so a large attachment is held twice, not three times.
            await part.close()
    return found


FilesDep = Annotated[list[UploadedFile], Depends(uploaded_files)]
