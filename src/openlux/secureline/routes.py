"""The two SecureLine endpoints of the `sending` area (mounted by openlux.securesend.routes)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from openlux.auth.deps import CallerDep, ContextDep, JsonBody, SessionDep
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.core.types import Flag
from openlux.secureline import service, tlscheck
from openlux.secureline.schemas import EncryptionQuery

router = APIRouter()


@api_route(router, "getDomainSmtpTlsCapability")
async def get_domain_smtp_tls_capability(
    caller: CallerDep, ctx: ContextDep, domain: str, refresh: Flag = False
) -> JSONResponse:
    """MX hosts of a domain and how well each does SMTP TLS; a bad domain gets a negative verdict."""
    caller.require_user()
    report = await tlscheck.check_domain(ctx=ctx, domain=domain, refresh=refresh)
    return ok(report.as_dict())


@api_route(router, "retrieveSecureLineRecipientListEncryptionData")
async def retrieve_secure_line_recipient_list_encryption_data(
    caller: CallerDep, ctx: ContextDep, session: SessionDep, body: JsonBody[EncryptionQuery]
) -> JSONResponse:
    """The SecureLine method each recipient would get under the message's TLS policy, without sending."""
    data = await service.encryption_data(
        ctx=ctx, session=session, user=caller.require_user(), query=body, extra_recipients=body.recipient_list
    )
    return ok(data)
