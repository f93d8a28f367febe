"""Inbound SMTP (aiosmtpd) for hosted domains: users' forwarding and mailbox, auto-replies, aliases.

RCPT decides per address (unknown or foreign → 550, deny → 550 with the user's text); DATA
acts on the accepted ones in one transaction: forwarded copies are queued (enqueue_message),
local delivery is sealed into mailbox_message, auto-replies follow RFC 3834.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser

from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain, User
from openlux.admin.aliases import resolve_alias
from openlux.core.addresses import normalise_address
from openlux.core.context import AppContext
from openlux.core.errors import ApiError
from openlux.inbound import dsn, replies
from openlux.inbound.models import MailboxMessage
from openlux.inbound.service import forwarding_of
from openlux.mail.queue import enqueue_message
from openlux.tracking import unsubscribe, verp

log = logging.getLogger("openlux.inbound.listener")
SEAL_CONTEXT = b"mailbox_message"
MAX_RECIPIENTS = 100


@dataclass(slots=True)
class Plan:
    """What DATA does for one accepted recipient."""

    address: str
    account_id: int
    user_id: int | None = None  # a hosted user (None: an alias)
    keep: bool = False
    forward: tuple[str, ...] = field(default_factory=tuple)


async def plan_for(ctx: AppContext, address: str) -> Plan | str:
    """The plan for one RCPT, or the SMTP refusal to send."""
    try:
        address = normalise_address(address, field="RCPT TO")
    except ApiError:
        return "501 5.1.3 Bad recipient address syntax"
    domain_name = address.rsplit("@", 1)[1]
    async with ctx.db.transaction() as session:
        domain = await session.scalar(select(Domain).where(Domain.name == domain_name, Domain.is_enabled.is_(True)))
        if domain is None:
            return "550 5.7.1 Relaying denied: not a domain hosted here"
        user = await session.scalar(select(User).where(User.login == address))
        if user is not None:
            rules = forwarding_of(user)
            action, targets = rules["action"], tuple(rules["destinations"])
            if action == "deny":
                return "550 5.7.1 " + (" ".join(rules["bounce_message"].split())[:400] or "Mailbox unavailable")
            return Plan(address, user.account_id, user.id, keep=action in ("deliver", "forward_and_keep"),
                        forward=targets if action in ("forward", "forward_and_keep") else ())
        alias = await resolve_alias(session, address)
    if alias is None:
        return "550 5.1.1 No such user here"
    if alias.action == "bounce":
        return "550 5.1.1 " + (" ".join(alias.bounce.split())[:400] or "Mailbox unavailable")
    return Plan(address, domain.account_id, forward=alias.destinations)


Target = verp.BounceTarget | verp.UnsubscribeTarget


async def engagement_target(ctx: AppContext, address: str) -> Target | None:
    """A VERP return path (b-…) or mailto unsubscribe address (u-…) of ours, or None for any other address."""
    local = address.strip().strip("<>").lower().rpartition("@")[0]
    if local.startswith(verp.BOUNCE_PREFIX):
        async with ctx.db.sessions() as session:
            return await verp.resolve_bounce(ctx, session, address)
    if local.startswith(verp.UNSUBSCRIBE_PREFIX):
        return verp.resolve_unsubscribe(ctx, address)
    return None


def _headers(data: bytes) -> dict[str, str]:
    parsed = BytesHeaderParser().parsebytes(data)
    return {k.lower(): str(v) for k, v in parsed.items()}


class InboundHandler:
    """aiosmtpd handler for mail to hosted domains."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def handle_RCPT(self, server: SMTP, session: Session, envelope: Envelope, address: str,
                          rcpt_options: list[str]) -> str:
        plans: list[Plan] = envelope.__dict__.setdefault("openlux_plans", [])
        targets: list[Target] = envelope.__dict__.setdefault("openlux_targets", [])
        if len(plans) + len(targets) >= MAX_RECIPIENTS:
            return "452 4.5.3 Too many recipients"
        # Bounces to a VERP return path and mail to an unsubscribe address: the signed local part
        # says which message or contact; the sender and headers are not trusted.
        target = await engagement_target(self.ctx, address)
        if target is not None:
            targets.append(target)
            envelope.rcpt_tos.append(address)
            return "250 2.1.5 OK"
        result = await plan_for(self.ctx, address)
        if isinstance(result, str):
            return result
        plans.append(result)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        plans: list[Plan] = envelope.__dict__.get("openlux_plans", [])
        targets: list[Target] = envelope.__dict__.get("openlux_targets", [])
        data = envelope.original_content or b""
        sender = (envelope.mail_from or "").strip().strip("<>").lower()
        headers = _headers(data)
        delivered_to = {v.strip().lower() for v in BytesHeaderParser().parsebytes(data).get_all("Delivered-To", [])}
        if any(p.address in delivered_to for p in plans):
            return "554 5.4.6 Mail loop detected"
        report = None
        try:
            report = dsn.parse(data) if plans or targets else None
        except Exception:  # noqa: BLE001 - a malformed report is still delivered as a message
            log.warning("unparseable report from %r skipped", sender, exc_info=True)
        try:
            async with self.ctx.db.transaction() as db:
                soft_limit = self.ctx.settings.soft_bounce_limit
                bounce_targets = [t for t in targets if isinstance(t, verp.BounceTarget)]
                if report is not None and bounce_targets:
                    for target in bounce_targets:
                        await dsn.store(db, report=report, owner=dsn.Owner(target.account_id, target.user_id),
                                        target=target, soft_limit=soft_limit)
                elif report is not None and plans:
                    # Bounces and complaints come back to the sender's address: record them once per message.
                    await dsn.store(db, report=report, owner=dsn.Owner(plans[0].account_id, plans[0].user_id),
                                    soft_limit=soft_limit)
                for target in targets:
                    if isinstance(target, verp.UnsubscribeTarget):
                        await unsubscribe.unsubscribe(db, self.ctx, campaign_id=target.campaign_id,
                                                      contact_id=target.contact_id,
                                                      method=unsubscribe.Method.MAILTO)
                for plan in plans:
                    await self._deliver(db, plan, sender, headers, data)
        except Exception:  # noqa: BLE001 - the client retries a 451; the cause goes to the log
            log.exception("inbound delivery failed")
            return "451 4.3.0 Temporary failure, try again later"
        return "250 2.0.0 Accepted"

    async def _deliver(self, db: AsyncSession, plan: Plan, sender: str, headers: dict[str, str], data: bytes) -> None:
        stamped = f"Delivered-To: {plan.address}\r\n".encode() + data
        if plan.forward:
            # The original envelope sender is kept, so failures return to whoever wrote (no SRS yet).
            await enqueue_message(db, self.ctx, account_id=plan.account_id, user_id=plan.user_id, mail_from=sender,
                                  recipients=list(plan.forward), mime=stamped)
        if plan.user_id is None:
            return
        if plan.keep:
            row = MailboxMessage(account_id=plan.account_id, user_id=plan.user_id, mail_from=sender[:254],
                                 rcpt_to=plan.address, size=len(stamped),
                                 content=self.ctx.box.seal(stamped, context=SEAL_CONTEXT))
            db.add(row)
        if plan.keep or plan.forward:
            user = await db.get(User, plan.user_id)
            if user is not None:
                await replies.answer(self.ctx, db, user=user, sender=sender, headers=headers)
        await db.flush()


async def serve_inbound(ctx: AppContext) -> None:
    """Listen on smtp_host:inbound_port until cancelled."""
    s = ctx.settings
    handler = InboundHandler(ctx)

    def factory() -> SMTP:
        return SMTP(handler, hostname=s.hostname, decode_data=False, data_size_limit=s.submission_max_message_bytes)

    server = await asyncio.get_running_loop().create_server(factory, host=s.smtp_host, port=s.inbound_port)
    log.info("SMTP inbound on %s:%s", s.smtp_host, s.inbound_port)
    try:
        await asyncio.Event().wait()
    finally:
        server.close()


async def inbound_role(ctx: AppContext) -> None:
    """Background role: inbound SMTP for hosted domains."""
    await serve_inbound(ctx)
