"""SMTP submission (aiosmtpd): STARTTLS, then AUTH PLAIN/LOGIN with the user's password or an
app-specific password allowing `smtp`; messages enter the sendEmail pipeline (mail/submission.py).

aiosmtpd's authenticator hook is synchronous, but checking a password needs the database, so
the AUTH commands are wrapped: aiosmtpd decodes the credentials, we verify them asynchronously.
The server runs on the process's own event loop (not aiosmtpd's Controller thread) so it shares
the database pool with everything else.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from openlux.accounts.models import User
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction, LoginChannel, Outcome
from openlux.auth import throttle
from openlux.auth.service import record_failure, verify_user_login
from openlux.auth.throttle import LoginLocked
from openlux.core.context import AppContext
from openlux.core.errors import ApiError, RateLimited
from openlux.core.listeners import listen
from openlux.mail import certs, submission
from openlux.mail.vet import SenderRefused

log = logging.getLogger("openlux.mail.smtpd")

OK_QUEUED = "250 2.0.0 Queued as {queue_id}"
AUTH_REQUIRED = "530 5.7.0 Authentication required"
TEMP_REFUSED = "451 4.7.1 {reason}"
PERM_REFUSED = "550 5.7.1 {reason}"
SENDER_REFUSED = "553 5.7.1 {reason}"  # RFC 5321: mailbox name not allowed
# RFC 4954 §6: 454 is the temporary authentication failure; the wait is given in words.
THROTTLED = "454 4.7.0 Too many failed logins; try again in {seconds} seconds"


def peer_ip(session: Session | None) -> str | None:
    """The client's IP address (aiosmtpd annotates `peer` as str; it is the socket's (host, port))."""
    peer: object = session.peer if session is not None else None
    return str(peer[0]) if isinstance(peer, tuple) and peer else None


class SubmissionHandler:
    """aiosmtpd handler: checks logins, then hands each message to the pipeline."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def verify(self, login: str, password: str, client_ip: str | None) -> int | LoginLocked | None:
        """The user id for good credentials; LoginLocked while throttled; None (recorded) otherwise."""
        try:
            async with (
                throttle.attempt(self.ctx, login=login, client_ip=client_ip) as attempt,
                self.ctx.db.transaction() as session,
            ):
                user = await verify_user_login(session, None, login, password, "smtp")
                await attempt.succeeded(session)
                audit.record(
                    session,
                    actor=audit.Actor.of_user(user),
                    action=AuditAction.LOGIN,
                    target=user.login,
                    client_ip=client_ip,
                    details={"channel": LoginChannel.SMTP.value},
                )
                return user.id
        except LoginLocked as exc:
            await record_failure(
                self.ctx,
                reason=exc.message,
                status=exc.status,
                channel="smtp",
                username=login[:320],
                client_ip=client_ip,
                method="AUTH",
            )
            await self.audit_failure(login, client_ip, exc, Outcome.LOCKED)
            return exc
        except ApiError as exc:
            await record_failure(
                self.ctx,
                reason=exc.message,
                status=exc.status,
                channel="smtp",
                username=login[:320],
                client_ip=client_ip,
                method="AUTH",
            )
            await self.audit_failure(login, client_ip, exc, Outcome.FAILURE)
            return None

    async def audit_failure(self, login: str, client_ip: str | None, exc: ApiError, outcome: Outcome) -> None:
        """A refused SMTP AUTH in the audit log (no connection is held here)."""
        await audit.record_detached(
            self.ctx,
            actor=audit.Actor.anonymous(login),
            action=AuditAction.LOGIN,
            target=login[:320],
            client_ip=client_ip,
            outcome=outcome,
            details={"channel": LoginChannel.SMTP.value, "reason": exc.message[:200]},
        )

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        auth_data: object = session.auth_data  # aiosmtpd annotates it None; _verified stores the user id
        user_id = auth_data if isinstance(auth_data, int) else None
        client_ip = peer_ip(session)
        mail_from, rcpts = envelope.mail_from or "", list(envelope.rcpt_tos)
        if user_id is None:
            return AUTH_REQUIRED
        data = envelope.original_content or b""
        account_id = None
        try:
            async with self.ctx.db.transaction() as db:
                user = await db.get(User, user_id)
                if user is None:
                    return AUTH_REQUIRED
                account_id = user.account_id  # read now: a rollback expires the instance
                queue_id, _suppressed = await submission.accept_raw(
                    ctx=self.ctx, session=db, user=user, mail_from=mail_from, rcpt_tos=rcpts, data=data
                )
        except ApiError as exc:
            await submission.record_rejection(
                self.ctx,
                account_id=account_id,
                user_id=user_id,
                mail_from=mail_from,
                rcpt_tos=rcpts,
                reason=exc.message,
                client_ip=client_ip,
            )
            template = (
                TEMP_REFUSED
                if isinstance(exc, RateLimited)
                else SENDER_REFUSED
                if isinstance(exc, SenderRefused)
                else PERM_REFUSED
            )
            return template.format(reason=" ".join(exc.message.split())[:400])
        return OK_QUEUED.format(queue_id=queue_id)


class SubmissionSMTP(SMTP):
    """aiosmtpd's SMTP with asynchronous credential checks for AUTH PLAIN and LOGIN."""

    def _authenticate(self, mechanism: str, auth_data: Any) -> AuthResult:
        # Only decodes: the real check happens in _verified(), which can await the database.
        return AuthResult(success=True, handled=False, auth_data=auth_data)

    async def auth_PLAIN(self, server: Any, args: list[str]) -> AuthResult:
        return await self._verified(await super().auth_PLAIN(server, args))

    async def auth_LOGIN(self, server: Any, args: list[str]) -> AuthResult:
        return await self._verified(await super().auth_LOGIN(server, args))

    async def _verified(self, result: AuthResult) -> AuthResult:
        if not result.success or not isinstance(result.auth_data, LoginPassword):
            return result
        login = result.auth_data.login.decode("utf-8", "replace")
        password = result.auth_data.password.decode("utf-8", "replace")
        peer = peer_ip(self.session)
        user_id = await self.event_handler.verify(login, password, peer)
        if isinstance(user_id, LoginLocked):
            await self.push(THROTTLED.format(seconds=user_id.retry_after))
            return AuthResult(success=False, handled=True)
        if user_id is None:
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, handled=False, auth_data=user_id)


async def serve_submission(ctx: AppContext) -> None:
    """Listen on smtp_host:submission_port until cancelled."""
    s = ctx.settings
    tls = certs.listener_context(s)
    handler = SubmissionHandler(ctx)

    def factory() -> SMTP:
        return SubmissionSMTP(
            handler,
            hostname=s.hostname,
            tls_context=tls,
            require_starttls=True,
            auth_required=True,
            auth_require_tls=True,
            decode_data=False,
            data_size_limit=s.submission_max_message_bytes,
        )

    server = await listen(
        ctx,
        name="submission",
        what="SMTP submission",
        factory=factory,
        host=s.smtp_host,
        port=s.submission_port,
        setting="OPENLUX_SUBMISSION_PORT",
    )
    log.info("SMTP submission on %s:%s", s.smtp_host, s.submission_port)
    try:
        await asyncio.Event().wait()
    finally:
        server.close()  # not wait_closed(): open client sessions must not delay shutdown


async def submission_role(ctx: AppContext) -> None:
    """Background role: SMTP submission with STARTTLS and AUTH."""
    await serve_submission(ctx)
