"""Transports behind one interface, `await transport.send(envelope) -> [RecipientResult]`:
capture (keep), relay (weighted smarthost pool with failover) and mx (recipient MX via mail/dns.py).

A recipient whose TLS policy is `required` and whose server cannot do STARTTLS, or whose certificate
fails verification, comes back with outcome `needs_fallback`; the pipeline then asks SecureLine what
to do (never a plain-text send). In mx mode the recipient domain's own policy can make TLS a must:
MTA-STS `enforce` (RFC 8461: only listed MX hosts, PKIX-verified certificates) and DANE (RFC 7672:
TLSA records the resolver authenticated; the certificate must match them). Each policy-governed
attempt is recorded for TLS-RPT (RFC 8460, mail/tlsrpt.py).
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass
from typing import Protocol

from aiosmtplib import SMTPException, SMTPServerDisconnected

from openlux.core.context import AppContext
from openlux.mail import mtasts, outbox, tlsrpt
from openlux.mail.dns import DnsError, MxHost, Tlsa, resolver_for
from openlux.mail.queue import RecipientResult
from openlux.mail.smtp_client import Destination, Pool, StartTls, TlsUnavailable, transact
from openlux.mail.states import DeliveryMethod, Outcome, TlsPolicy

NEEDS_FALLBACK = Outcome.NEEDS_FALLBACK
RELAY_DOWN_SECONDS = 30.0  # a relay that refused a connection is skipped this long
_CONNECT_ERRORS = (OSError, SMTPException, asyncio.TimeoutError)
_RULE_OF_POLICY = {
    TlsPolicy.OPPORTUNISTIC: StartTls.TRY,
    TlsPolicy.REQUIRED: StartTls.MUST,
    TlsPolicy.NO_TLS: StartTls.NEVER,
    TlsPolicy.SECURELINE: StartTls.TRY,
}


@dataclass(slots=True)
class Envelope:
    """One message to hand over: who from, which recipients (id, address), the bytes and the TLS policy."""

    queue_id: int
    account_id: int
    mail_from: str
    recipients: list[tuple[int, str]]
    mime: bytes
    tls_policy: TlsPolicy


class Transport(Protocol):
    async def send(self, envelope: Envelope) -> list[RecipientResult]: ...

    async def close(self) -> None: ...


def _all(
    envelope: Envelope,
    outcome: Outcome,
    reply: str,
    server: str = "",
    code: int | None = None,
    started: float | None = None,
) -> list[RecipientResult]:
    duration = int((time.monotonic() - started) * 1000) if started else 0
    return [RecipientResult(rid, outcome, code, reply, server, duration_ms=duration) for rid, _a in envelope.recipients]


class CaptureTransport:
    """delivery_mode=capture: keep the message in the database, send nothing."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    async def send(self, envelope: Envelope) -> list[RecipientResult]:
        captured = await outbox.capture(
            self.ctx,
            account_id=envelope.account_id,
            outbound_message_id=envelope.queue_id,
            mail_from=envelope.mail_from,
            recipients=[a for _r, a in envelope.recipients],
            mime=envelope.mime,
        )
        return [
            RecipientResult(
                rid,
                Outcome.SENT,
                250,
                f"Captured as #{captured}; not sent (delivery_mode=capture)",
                "capture",
                method=DeliveryMethod.CAPTURE,
            )
            for rid, _a in envelope.recipients
        ]

    async def close(self) -> None:
        return None


class SmtpTransport:
    """What relay and MX delivery share: the pool, one try per destination, result building."""

    def __init__(self, ctx: AppContext) -> None:
        s = ctx.settings
        self.ctx = ctx
        self.pool = Pool(
            per_destination=s.delivery_connections_per_destination,
            per_connection=s.delivery_messages_per_connection,
            rate=s.delivery_rate_per_destination,
            local_hostname=s.hostname,
            timeout=s.delivery_timeout_seconds,
            verify=s.delivery_tls_verify,
            cafile=str(s.tls_ca_file) if s.tls_ca_file else None,
        )

    async def deliver_to(self, dest: Destination, envelope: Envelope) -> list[RecipientResult]:
        """One transaction at `dest`; a pooled connection that went stale is replaced once."""
        addresses = [a for _r, a in envelope.recipients]
        for attempt in range(2):
            fresh = True
            try:
                async with self.pool.connection(dest) as conn:
                    fresh = conn.used == 0
                    started = time.monotonic()
                    replies = await transact(conn, envelope.mail_from, addresses, envelope.mime)
                    duration = int((time.monotonic() - started) * 1000)
                    method = DeliveryMethod.TLS if conn.tls_version else DeliveryMethod.PLAIN
                    return [
                        RecipientResult(
                            rid,
                            reply.outcome,
                            reply.code,
                            reply.text,
                            conn.server,
                            method=method,
                            tls_version=conn.tls_version,
                            tls_cipher=conn.tls_cipher,
                            duration_ms=duration,
                        )
                        for (rid, _a), reply in zip(envelope.recipients, replies, strict=True)
                    ]
            except (SMTPServerDisconnected, ConnectionError):
                if fresh or attempt:
                    raise
        raise AssertionError("unreachable")

    async def close(self) -> None:
        await self.pool.close()


@dataclass(frozen=True, slots=True)
class Relay:
    """One smarthost of OPENLUX_RELAYS (`host:port[/weight]`)."""

    host: str
    port: int
    weight: float = 1.0


def parse_relays(text: str) -> list[Relay]:
    """`host:port[/weight][,…]` → relays in the order given (port 25 when omitted)."""
    relays = []
    for item in (p.strip() for p in text.split(",")):
        if not item:
            continue
        address, _, weight = item.partition("/")
        host, _, port = address.rpartition(":") if ":" in address else (address, "", "25")
        relays.append(Relay(host.strip("[]"), int(port or 25), float(weight) if weight else 1.0))
    return relays


class RelayTransport(SmtpTransport):
    """Weighted choice among live relays; a refused connection marks a relay down and the next is tried."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.relays = parse_relays(ctx.settings.relays)
        self.down_until: dict[Relay, float] = {}

    def order(self) -> list[Relay]:
        """Live relays in weighted-random order, then the ones marked down (as a last resort)."""
        now = time.monotonic()
        live = [r for r in self.relays if self.down_until.get(r, 0) <= now]
        ordered = []
        while live:
            pick = random.choices(live, weights=[r.weight for r in live])[0]
            ordered.append(pick)
            live.remove(pick)
        return ordered + [r for r in self.relays if r not in ordered]

    def destination(self, relay: Relay, policy: TlsPolicy) -> Destination:
        s = self.ctx.settings
        rule = _RULE_OF_POLICY.get(policy, StartTls.TRY)
        # The operator's relay setting wins when it asks for more TLS than the message does.
        if s.relay_tls == "starttls":
            rule = StartTls.MUST
        elif s.relay_tls == "none" and rule != StartTls.MUST:
            rule = StartTls.NEVER
        return Destination(relay.host, relay.port, rule, s.relay_tls == "tls", s.relay_username, s.relay_password)

    async def send(self, envelope: Envelope) -> list[RecipientResult]:
        if not self.relays:
            return _all(envelope, Outcome.DEFERRED, "No relay configured (OPENLUX_RELAYS is empty).")
        errors = []
        tls_missing = None
        for relay in self.order():
            dest = self.destination(relay, envelope.tls_policy)
            try:
                return await self.deliver_to(dest, envelope)
            except TlsUnavailable as exc:
                tls_missing = str(exc)
            except _CONNECT_ERRORS as exc:
                self.down_until[relay] = time.monotonic() + RELAY_DOWN_SECONDS
                errors.append(f"{dest.label}: {str(exc) or type(exc).__name__}")
        if tls_missing:
            return _all(envelope, NEEDS_FALLBACK, tls_missing)
        return _all(envelope, Outcome.DEFERRED, "No relay accepted the connection: " + "; ".join(errors))


class MxTransport(SmtpTransport):
    """Direct delivery: recipients grouped by domain, each domain's MX hosts tried by preference."""

    async def send(self, envelope: Envelope) -> list[RecipientResult]:
        by_domain: dict[str, list[tuple[int, str]]] = {}
        for rid, address in envelope.recipients:
            by_domain.setdefault(address.rsplit("@", 1)[1].lower(), []).append((rid, address))
        parts = [
            Envelope(
                envelope.queue_id, envelope.account_id, envelope.mail_from, rcpts, envelope.mime, envelope.tls_policy
            )
            for rcpts in by_domain.values()
        ]
        results = await asyncio.gather(*(self.send_domain(d, part) for d, part in zip(by_domain, parts, strict=True)))
        return [r for group in results for r in group]

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.sts_cache = mtasts.PolicyCache()

    async def sts_policy(self, domain: str, report: tlsrpt.Collector) -> mtasts.Policy | None:
        """The domain's MTA-STS policy (None without one; a failed fetch counts as none, RFC 8461 §5)."""
        if not self.ctx.settings.mta_sts_enabled:
            return None
        try:
            policy = await mtasts.policy_for(self.ctx, self.sts_cache, domain)
        except mtasts.MtaStsError as exc:
            report.failure("sts", [], "", "", "sts-policy-fetch-error", str(exc))
            return None
        return policy if policy is not None and policy.mode != "none" else None

    async def dane_records(self, mx: MxHost, report: tlsrpt.Collector) -> tuple[Tlsa, ...]:
        """Usable DANE-TA (2) and DANE-EE (3) TLSA records of an MX host, only when the resolver authenticated
        them (AD bit). PKIX-TA/EE (0, 1) are not used for SMTP (RFC 7672 §3.1.3)."""
        if not self.ctx.settings.dane_enabled or mx.implicit:
            return ()
        name = f"_{self.ctx.settings.mx_port}._tcp.{mx.host}"
        try:
            records, secure = await resolver_for(self.ctx).tlsa(name)
        except DnsError as exc:
            report.failure("tlsa", [], mx.host, "", "dnssec-invalid", exc.message)
            return ()
        usable = tuple(r for r in records if r.usage in (2, 3) and r.selector in (0, 1) and r.mtype in (0, 1, 2))
        return usable if secure else ()

    async def send_domain(self, domain: str, envelope: Envelope) -> list[RecipientResult]:
        """Deliver to one domain's MX hosts in preference order, under its MTA-STS and DANE policies."""
        resolver = resolver_for(self.ctx)
        started = time.monotonic()
        try:
            hosts = await resolver.mx(domain)
        except DnsError as exc:
            return _all(
                envelope, Outcome.DEFERRED if exc.temporary else Outcome.FAILED, exc.message, "dns", None, started
            )
        report = tlsrpt.Collector(envelope.account_id, domain)
        try:
            return await self._send_domain(domain, envelope, hosts, report, started)
        finally:
            await tlsrpt.store(self.ctx, report)

    async def _send_domain(
        self, domain: str, envelope: Envelope, hosts: list[MxHost], report: tlsrpt.Collector, started: float
    ) -> list[RecipientResult]:
        resolver = resolver_for(self.ctx)
        rule = _RULE_OF_POLICY.get(envelope.tls_policy, StartTls.TRY)
        policy = await self.sts_policy(domain, report)
        enforce = policy is not None and policy.mode == "enforce"
        errors, tls_missing, deferred = [], None, None
        if policy is not None:
            allowed = [mx for mx in hosts if policy.allows(mx.host)]
            for mx in hosts:
                if mx not in allowed:
                    report.failure(
                        "sts",
                        list(policy.lines),
                        mx.host,
                        "",
                        "validation-failure",
                        f"{mx.host} is not an MX host the MTA-STS policy lists",
                    )
            if enforce:
                if not allowed:
                    tls_missing = f"No MX host of {domain} is listed in its MTA-STS policy (mode enforce)"
                hosts = allowed
        for mx in hosts:
            tlsa = await self.dane_records(mx, report)
            kind = "tlsa" if tlsa else "sts" if policy is not None else ""
            host_rule, verify = rule, False
            if tlsa:
                host_rule = StartTls.MUST  # RFC 7672 §2.2: authenticated TLSA records make TLS mandatory
            elif enforce:
                host_rule, verify = (
                    StartTls.MUST,
                    True,
                )  # RFC 8461 §5: TLS with a PKIX-valid certificate for the MX name
            try:
                addresses = await resolver.addresses(mx.host)
            except DnsError as exc:
                errors.append(exc.message)
                continue
            for ip in addresses[:2]:  # two addresses per host, in the spirit of Postfix's smtp_mx_address_limit
                dest = Destination(ip, self.ctx.settings.mx_port, host_rule, name=mx.host, verify=verify, tlsa=tlsa)
                policy_lines = (
                    [f"{r.usage} {r.selector} {r.mtype} {r.data.hex()}" for r in tlsa]
                    if tlsa
                    else list(policy.lines)
                    if policy is not None
                    else []
                )
                try:
                    results = await self.deliver_to(dest, envelope)
                except TlsUnavailable as exc:
                    tls_missing = str(exc)
                    report.failure(
                        kind or "no-policy-found", policy_lines, mx.host, ip, tlsrpt.result_type(str(exc)), str(exc)
                    )
                    continue
                except _CONNECT_ERRORS as exc:
                    errors.append(f"{dest.label}: {str(exc) or type(exc).__name__}")
                    continue
                if kind:
                    report.success(kind, policy_lines, mx.host, ip)
                # RFC 5321 §5.1: a host answering with a temporary failure sends us on to the next one.
                if all(r.outcome == Outcome.DEFERRED for r in results):
                    deferred = deferred or results
                    continue
                return results
        if deferred:
            return deferred
        if tls_missing:
            return _all(envelope, NEEDS_FALLBACK, tls_missing, started=started)
        return _all(
            envelope,
            Outcome.DEFERRED,
            f"No mail server of {domain} accepted a connection: " + "; ".join(errors),
            started=started,
        )


def make_transport(ctx: AppContext) -> Transport:
    """The transport of the configured delivery mode."""
    mode = ctx.settings.delivery_mode
    if mode == "relay":
        return RelayTransport(ctx)
    if mode == "mx":
        return MxTransport(ctx)
    return CaptureTransport(ctx)
