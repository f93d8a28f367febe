"""Inbound SMTP (aiosmtpd) for hosted domains: users' forwarding and mailbox, auto-replies, aliases.

RCPT decides per address (unknown, foreign or unverified domain → 550, deny → 550 with the user's
text, a domain requiring TLS without STARTTLS → 530); DATA acts on the accepted ones in one
transaction: forwarded copies are queued with an SRS0 envelope sender on the forwarding domain
(mail/srs.py), local delivery is sealed into mailbox_message with the session's TLS version and
cipher, auto-replies follow RFC 3834, and a DSN/ARF changes state only when it matches a message
OpenLux sent (inbound/dsn.py). A bounce to an SRS0 address is passed on to the original sender
only when its hash and timestamp verify. STARTTLS uses the submission certificate (mail/certs.py).
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
from openlux.core.listeners import listen
from openlux.inbound import authcheck, dsn, replies
from openlux.inbound.models import MailboxMessage
from openlux.inbound.service import forwarding_of
from openlux.mail import certs, refs
from openlux.mail.queue import Origin, enqueue_message
from openlux.mail.smtpd import peer_ip
from openlux.mail.srs import SrsError, is_srs, srs_of
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
    srs_original: str = ""  # a bounce to an SRS0 address: the original sender it goes back to


def session_tls(server: SMTP) -> tuple[str | None, str | None]:
    """(TLS version, cipher) of the SMTP session, (None, None) in clear."""
    transport = getattr(server, "transport", None)
    ssl_object = transport.get_extra_info("ssl_object") if transport is not None else None
    if ssl_object is None:
        return None, None
    return ssl_object.version(), ssl_object.cipher()[0]


async def plan_for(ctx: AppContext, address: str, *, tls: bool = False) -> Plan | str:
    """The plan for one RCPT, or the SMTP refusal to send."""
    try:
        address = normalise_address(address, field="RCPT TO")
    except ApiError:
        return "501 5.1.3 Bad recipient address syntax"
    local, domain_name = address.rsplit("@", 1)
    async with ctx.db.transaction() as session:
        domain = await session.scalar(select(Domain).where(Domain.name == domain_name, Domain.is_enabled.is_(True)))
        if domain is None:
            return "550 5.7.1 Relaying denied: not a domain hosted here"
        if not domain.is_verified:
            return f"550 5.7.1 Relaying denied: {domain_name} is not verified here"
        if (domain.settings or {}).get("require_inbound_tls") and not tls:
            return f"530 5.7.0 Must issue a STARTTLS command first ({domain_name} requires TLS)"
        if is_srs(local):
            try:
                original = srs_of(ctx.box).reverse(address)
            except SrsError as exc:
                return f"550 5.7.1 Invalid SRS address: {exc}"
            return Plan(address, domain.account_id, srs_original=normalise_address(original, field="SRS"))
        user = await session.scalar(select(User).where(User.login == address))
        if user is not None:
            rules = forwarding_of(user)
            action, targets = rules["action"], tuple(rules["destinations"])
            if action == "deny":
                return "550 5.7.1 " + (" ".join(rules["bounce_message"].split())[:400] or "Mailbox unavailable")
            return Plan(
                address,
                user.account_id,
                user.id,
                keep=action in ("deliver", "forward_and_keep"),
                forward=targets if action in ("forward", "forward_and_keep") else (),
            )
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

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
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
        result = await plan_for(self.ctx, address, tls=session_tls(server)[0] is not None)
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
        hosted = [p for p in plans if not p.srs_original]
        try:
            report = dsn.parse(data) if hosted or targets else None
        except Exception:
            log.warning("unparseable report from %r skipped", sender, exc_info=True)
        tls = session_tls(server)
        forged = False
        answerable = any(p.user_id is not None for p in hosted) and replies.may_answer(sender, headers)
        if sender and (answerable or any(p.forward for p in hosted)):
            # Only when an answer or a bounce of a forwarded copy could follow: SPF fail without an aligned
            # DKIM pass gets no auto-reply, and its forwarded copies travel with the null reverse path so
            # no bounce can return to the forged sender (backscatter).
            peer = peer_ip(session) or ""
            verdict = await authcheck.check(
                self.ctx.settings, ip=peer, sender=sender, helo=session.host_name or "", data=data
            )
            forged = verdict.forged
            if forged:
                log.info("no automatic answer to %s: SPF %s, no aligned DKIM", sender, verdict.spf)
        try:
            async with self.ctx.db.transaction() as db:
                soft_limit = self.ctx.settings.soft_bounce_limit
                ref_key = refs.ref_key(self.ctx.box)
                bounce_targets = [t for t in targets if isinstance(t, verp.BounceTarget)]
                if report is not None and bounce_targets:
                    # A VERP return path names the message (and recipient) itself: it decides alone
                    # (rcpt_to below: the sender the return path stands for).
                    for bounce_target in bounce_targets:
                        owner = dsn.Owner(bounce_target.account_id, bounce_target.user_id)
                        told = dsn.for_target(report, bounce_target)
                        match = await dsn.match_report(
                            db,
                            report=told,
                            owner=owner,
                            rcpt_to=bounce_target.mail_from,
                            ref_key=ref_key,
                            verp=dsn.verp_resolver(bounce_target),
                        )
                        await dsn.store(
                            db,
                            report=told,
                            owner=owner,
                            match=match,
                            sender=sender,
                            rcpt_to=bounce_target.mail_from,
                            soft_limit=soft_limit,
                        )
                elif report is not None and hosted:
                    # Recorded once per message; it changes state only when tied to a message we sent.
                    first = hosted[0]
                    owner = dsn.Owner(first.account_id, first.user_id)
                    match = await dsn.match_report(
                        db, report=report, owner=owner, rcpt_to=first.address, ref_key=ref_key
                    )
                    await dsn.store(
                        db,
                        report=report,
                        owner=owner,
                        match=match,
                        sender=sender,
                        rcpt_to=first.address,
                        soft_limit=soft_limit,
                    )
                for target in targets:
                    if isinstance(target, verp.UnsubscribeTarget):
                        await unsubscribe.unsubscribe(
                            db,
                            self.ctx,
                            campaign_id=target.campaign_id,
                            contact_id=target.contact_id,
                            method=unsubscribe.Method.MAILTO,
                        )
                for plan in plans:
                    await self._deliver(db, plan, sender, headers, data, tls, forged)
        except Exception:
            log.exception("inbound delivery failed")
            return "451 4.3.0 Temporary failure, try again later"
        return "250 2.0.0 Accepted"

    async def _deliver(
        self,
        db: AsyncSession,
        plan: Plan,
        sender: str,
        headers: dict[str, str],
        data: bytes,
        tls: tuple[str | None, str | None],
        forged: bool = False,
    ) -> None:
        if plan.srs_original:
            # A bounce (or reply) to a forwarded copy: back to the original sender, as it came.
            await enqueue_message(
                db,
                self.ctx,
                account_id=plan.account_id,
                user_id=None,
                mail_from="",
                recipients=[plan.srs_original],
                mime=data,
                origin=Origin.FORWARDED,
            )
            return
        stamped = f"Delivered-To: {plan.address}\r\n".encode() + data
        if plan.forward:
            # SRS0 on the forwarding domain: SPF passes for us, failures come back through a verified
            # address, and the copy is never signed with the author's domain (delivery/pipeline.py).
            envelope = "" if forged else srs_of(self.ctx.box).forward(sender, plan.address.rsplit("@", 1)[1])
            await enqueue_message(
                db,
                self.ctx,
                account_id=plan.account_id,
                user_id=plan.user_id,
                mail_from=envelope,
                recipients=list(plan.forward),
                mime=stamped,
                origin=Origin.FORWARDED,
            )
        if plan.user_id is None:
            return
        if plan.keep:
            row = MailboxMessage(
                account_id=plan.account_id,
                user_id=plan.user_id,
                mail_from=sender[:254],
                rcpt_to=plan.address,
                size=len(stamped),
                tls_version=tls[0],
                tls_cipher=tls[1],
                content=self.ctx.box.seal(stamped, context=SEAL_CONTEXT),
            )
            db.add(row)
        if (plan.keep or plan.forward) and not forged:
            user = await db.get(User, plan.user_id)
            if user is not None:
                await replies.answer(self.ctx, db, user=user, sender=sender, headers=headers)
        await db.flush()


async def serve_inbound(ctx: AppContext) -> None:
    """Listen on smtp_host:inbound_port until cancelled."""
    s = ctx.settings
    handler = InboundHandler(ctx)
    tls = certs.listener_context(s)  # the submission port's certificate (operator files or self-signed)

    def factory() -> SMTP:
        return SMTP(
            handler,
            hostname=s.hostname,
            decode_data=False,
            data_size_limit=s.submission_max_message_bytes,
            tls_context=tls,
            require_starttls=False,
        )

    server = await listen(
        ctx,
        name="inbound",
        what="inbound SMTP",
        factory=factory,
        host=s.smtp_host,
        port=s.inbound_port,
        setting="OPENLUX_INBOUND_PORT",
    )
    log.info("SMTP inbound on %s:%s", s.smtp_host, s.inbound_port)
    try:
        await asyncio.Event().wait()
    finally:
        server.close()


async def inbound_role(ctx: AppContext) -> None:
    """Background role: inbound SMTP for hosted domains."""
    await serve_inbound(ctx)
