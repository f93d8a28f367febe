"""The SMTP TLS capability of a domain: MX lookup, then EHLO + STARTTLS on every MX host.

A host passes when it advertises STARTTLS and negotiates TLS 1.2 or newer (RFC 8996 retired 1.0/1.1;
NIST SP 800-52r2 asks for 1.2+). The domain is TLS-capable when one MX host passes, because delivery
with TLS required tries the MX hosts in turn and falls back only when none offers TLS
(openlux.mail.transports); `all_mx_tls` tells whether every host that answered passed. The certificate is checked (chain against `tls_ca_file` or the
system store, and the MX name) and reported, but does not decide the verdict: MTAs do not verify
peer certificates (RFC 7435 opportunistic security), so neither does SecureLine's TLS method.
Results are cached per process for `tls_check_cache_seconds`.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from cryptography import x509

from openlux.core import time as clock
from openlux.core.addresses import normalise_domain
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest
from openlux.core.time import format_datetime
from openlux.mail.dns import DnsError, MxHost, resolver_for
from openlux.secureline.smtpprobe import ProbeError, SmtpProbe

MAX_MX_HOSTS = 10  # bound the work one API call can cause; real domains publish 1–5 MX
MAX_CACHED_DOMAINS = 10_000  # bound the memory a stream of distinct domains can take
_GOOD_VERSIONS = ("TLSv1.2", "TLSv1.3")


@dataclass
class MxTls:
    """What one MX host said."""

    host: str
    priority: int
    port: int
    address: str = ""
    connected: int = 0
    starttls: int = 0
    tls: int = 0
    tls_version: str = ""
    cipher: str = ""
    cipher_bits: int = 0
    certificate_cn: str = ""
    certificate_names: list[str] = field(default_factory=list)
    certificate_issuer: str = ""
    certificate_expires: str = ""
    certificate_verified: int = 0
    certificate_error: str = ""
    error: str = ""

    @property
    def passes(self) -> bool:
        """True when SecureLine may deliver to this host over TLS."""
        return bool(self.tls) and self.tls_version in _GOOD_VERSIONS


@dataclass
class DomainTls:
    """The verdict for a domain plus one entry per MX host (the getDomainSmtpTlsCapability data)."""

    domain: str
    valid_domain: int = 0
    has_mx: int = 0
    tls_capable: int = 0
    all_mx_tls: int = 0
    reason: str = ""
    checked: str = ""
    cached: int = 0
    mx: list[MxTls] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The wire shape."""
        return asdict(self)


async def check_domain(*, ctx: AppContext, domain: str, refresh: bool = False) -> DomainTls:
    """The domain's SMTP TLS capability, from the cache when fresh; never raises for a bad domain."""
    try:
        name = normalise_domain(domain)
    except BadRequest:
        return DomainTls(domain=domain, reason="The domain name is not valid.", checked=format_datetime(clock.utcnow()))
    cache = ctx.tls_reports
    hit = cache.get(name)
    if hit is not None and not refresh and hit[0] > time.monotonic():
        return DomainTls(**{**asdict(hit[1]), "mx": hit[1].mx, "cached": 1})
    inflight = ctx.tls_probes
    if name in inflight:  # one probe per domain at a time; concurrent callers share it
        return await asyncio.shield(inflight[name])
    future: asyncio.Future[DomainTls] = asyncio.get_running_loop().create_future()
    inflight[name] = future
    try:
        report = await _check(ctx, name)
        future.set_result(report)
    except BaseException as exc:
        future.set_exception(exc)
        future.exception()  # mark retrieved: waiters re-raise it themselves
        raise
    finally:
        inflight.pop(name, None)
    ttl = ctx.settings.tls_check_cache_seconds
    if ttl > 0:
        _remember(cache, name, report, ttl)
    return report


def _remember(cache: dict[str, tuple[float, DomainTls]], name: str, report: DomainTls, ttl: float) -> None:
    """Cache a report; past the size bound, drop expired entries, then the oldest."""
    now = time.monotonic()
    if len(cache) >= MAX_CACHED_DOMAINS:
        for key in [k for k, (until, _) in cache.items() if until <= now]:
            del cache[key]
        while len(cache) >= MAX_CACHED_DOMAINS:
            del cache[next(iter(cache))]  # dicts keep insertion order: the first is the oldest
    cache[name] = (now + ttl, report)


async def _check(ctx: AppContext, name: str) -> DomainTls:
    report = DomainTls(domain=name, valid_domain=1, checked=format_datetime(clock.utcnow()))
    try:
        hosts = await resolver_for(ctx).mx(name)
    except DnsError as exc:
        report.reason = exc.message
        return report
    explicit = [h for h in hosts if not h.implicit]
    report.has_mx = int(bool(explicit))
    if not explicit:
        # RFC 5321 allows the implicit MX, but a domain meant to receive secure mail publishes MX records.
        report.reason = f"{name} publishes no MX records."
        return report
    report.mx = list(await asyncio.gather(*(_probe_host(ctx, h) for h in explicit[:MAX_MX_HOSTS])))
    report.tls_capable, report.reason = _verdict(report.mx)
    answered = [r for r in report.mx if r.connected]
    report.all_mx_tls = int(bool(answered) and all(r.passes for r in answered))
    return report


def _verdict(results: list[MxTls]) -> tuple[int, str]:
    """1 when some MX host passed; else 0 and why (the most preferred host that answered)."""
    answered = [r for r in results if r.connected]
    if not answered:
        return 0, "No MX host could be reached."
    if any(r.passes for r in answered):
        return 1, ""
    first = answered[0]
    why = first.error or (f"{first.tls_version} is too old" if first.tls else "no STARTTLS")
    return 0, f"No MX host offers usable TLS; {first.host}: {why.rstrip('.')}."


async def _probe_host(ctx: AppContext, mx: MxHost) -> MxTls:
    """Connect, EHLO, STARTTLS on one MX host within the per-host timeout."""
    settings = ctx.settings
    result = MxTls(host=mx.host, priority=mx.preference, port=settings.mx_port)
    try:
        async with asyncio.timeout(settings.tls_check_timeout_seconds):
            addresses = await resolver_for(ctx).addresses(mx.host)
            await _probe_addresses(ctx, result, addresses)
    except TimeoutError:
        result.error = result.error or f"No answer within {settings.tls_check_timeout_seconds:g} seconds."
    except DnsError as exc:
        result.error = exc.message
    except (OSError, ssl.SSLError, ValueError) as exc:  # e.g. an unreadable tls_ca_file: report, never a 500
        result.error = f"The check could not run: {exc}."
    return result


async def _probe_addresses(ctx: AppContext, result: MxTls, addresses: list[str]) -> None:
    """Try each address until one accepts the connection, then test TLS there."""
    if not addresses:
        result.error = f"{result.host} has no address records."
        return
    for address in addresses:
        result.address = address
        try:
            await _tls_session(ctx, result, verify=True)
            return
        except ProbeError as exc:
            result.error = exc.message
            if result.connected:
                return


async def _tls_session(ctx: AppContext, result: MxTls, *, verify: bool) -> None:
    """One SMTP conversation up to the TLS handshake; retries unverified when the certificate fails."""
    probe = SmtpProbe(result.address, result.port, helo=ctx.settings.hostname)
    try:
        await probe.connect()
        result.connected = 1
        result.starttls = int(await probe.offers_starttls())
        if not result.starttls:
            raise ProbeError("The server does not offer STARTTLS.")
        try:
            ssl_object = await probe.starttls(_client_context(ctx, verify), server_hostname=result.host)
        except ssl.SSLCertVerificationError as exc:
            result.certificate_error = exc.verify_message or str(exc)
            await probe.close()
            return await _tls_session(ctx, result, verify=False)
        _record_tls(result, ssl_object, verified=verify)
        await probe.quit()
    finally:
        await probe.close()


def _client_context(ctx: AppContext, verify: bool) -> ssl.SSLContext:
    """Verifying (CA bundle + hostname) or accept-anything client context; TLS 1.0+ so old servers get a report."""
    if not verify:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    else:
        cafile = ctx.settings.tls_ca_file
        context = ssl.create_default_context(cafile=str(cafile) if cafile else None)
    context.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
    return context


def _record_tls(result: MxTls, ssl_object: ssl.SSLObject, *, verified: bool) -> None:
    """Protocol, cipher and certificate facts of an established TLS session."""
    result.tls = 1
    result.tls_version = ssl_object.version() or ""
    name, _protocol, bits = ssl_object.cipher() or ("", "", 0)
    result.cipher, result.cipher_bits = name, int(bits or 0)
    result.certificate_verified = int(verified)
    der = ssl_object.getpeercert(binary_form=True)
    if not der:
        return
    cert = x509.load_der_x509_certificate(der)
    cns = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    result.certificate_cn = str(cns[0].value) if cns else ""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        result.certificate_names = [str(n) for n in san.get_values_for_type(x509.DNSName)]
    except x509.ExtensionNotFound:
        pass
    result.certificate_issuer = cert.issuer.rfc4514_string()
    result.certificate_expires = format_datetime(cert.not_valid_after_utc)
