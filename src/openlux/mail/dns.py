"""Async DNS lookups for delivery, DKIM and SecureLine: MX (with the implicit MX rule), A, AAAA, TXT.

`resolver_for(ctx)` returns the process's resolver. With `OPENLUX_DNS_SERVERS` ("host:port[,…]")
it asks only those servers (tests point it at a loopback server); otherwise the system's.
Errors say whether they are temporary (retry later) or permanent (the domain cannot get mail).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import dns.asyncresolver
import dns.exception
import dns.flags
import dns.nameserver
import dns.rdatatype
import dns.resolver


class DnsError(Exception):
    """A lookup that gave no usable answer; `temporary` says whether retrying may help."""

    def __init__(self, message: str, *, temporary: bool) -> None:
        super().__init__(message)
        self.message = message
        self.temporary = temporary


@dataclass(frozen=True, slots=True)
class MxHost:
    """One mail exchanger; `implicit` when the domain has no MX and its own A/AAAA is used."""

    preference: int
    host: str
    implicit: bool = False


@dataclass(frozen=True, slots=True)
class Tlsa:
    """One TLSA record (RFC 6698): certificate usage, selector, matching type, association data."""

    usage: int
    selector: int
    mtype: int
    data: bytes


def parse_servers(text: str) -> list[tuple[str, int]]:
    """`host:port[,host:port]` (port defaults to 53; IPv6 as [addr]:port) → [(host, port)]."""
    servers = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        if item.startswith("["):
            host, _, rest = item[1:].partition("]")
            port = rest.lstrip(":") or "53"
        elif item.count(":") == 1:
            host, port = item.split(":")
        else:
            host, port = item, "53"
        servers.append((host, int(port)))
    return servers


class Resolver:
    """dnspython's async resolver behind four small methods."""

    def __init__(self, servers: list[tuple[str, int]] | None = None, *, timeout: float = 5.0) -> None:
        self._servers, self._timeout = servers, timeout
        self._dnssec: dns.asyncresolver.Resolver | None = None
        if servers:
            self._resolver = dns.asyncresolver.Resolver(configure=False)
            self._resolver.nameservers = [dns.nameserver.Do53Nameserver(host, port) for host, port in servers]
        else:
            self._resolver = dns.asyncresolver.Resolver()
        self._resolver.lifetime = timeout
        self._resolver.timeout = timeout
        self._resolver.cache = dns.resolver.Cache(cleaning_interval=60.0)

    async def _query(self, name: str, rdtype: str) -> list[Any]:
        """The rdata of an answer; [] for NOERROR/no data; DnsError for NXDOMAIN or failures."""
        try:
            answer = await self._resolver.resolve(name, rdtype, search=False, raise_on_no_answer=False)
        except dns.resolver.NXDOMAIN:
            raise DnsError(f"{name} does not exist (NXDOMAIN).", temporary=False) from None
        except dns.resolver.NoNameservers as exc:
            raise DnsError(f"DNS lookup of {name} {rdtype} failed: {exc}", temporary=True) from None
        except dns.exception.Timeout:
            raise DnsError(f"DNS lookup of {name} {rdtype} timed out.", temporary=True) from None
        except dns.exception.DNSException as exc:
            raise DnsError(f"DNS lookup of {name} {rdtype} failed: {exc}", temporary=True) from None
        return list(answer.rrset) if answer.rrset is not None else []

    async def a(self, name: str) -> list[str]:
        """IPv4 addresses of a name."""
        return [r.address for r in await self._query(name, "A")]

    async def aaaa(self, name: str) -> list[str]:
        """IPv6 addresses of a name."""
        return [r.address for r in await self._query(name, "AAAA")]

    async def addresses(self, name: str) -> list[str]:
        """IPv4 then IPv6 addresses; NXDOMAIN on one family ends the lookup."""
        found = await self.a(name)
        try:
            found += await self.aaaa(name)
        except DnsError as exc:
            if not found:
                raise
            del exc  # the A answer is enough; a broken AAAA server must not block delivery
        return found

    async def txt(self, name: str) -> list[str]:
        """TXT records, each with its character-strings joined (as DKIM and SPF read them)."""
        return [b"".join(r.strings).decode("utf-8", "replace") for r in await self._query(name, "TXT")]

    async def tlsa(self, name: str) -> tuple[list[Tlsa], bool]:
        """TLSA records at `name` and whether the resolver vouched for them (AD bit, RFC 7672 §2.2).

        OpenLux does not validate DNSSEC itself: it trusts the AD bit of the configured resolver, which
        must be a validating resolver on a trusted path (loopback), as RFC 7672 and RFC 6698 assume.
        """
        if self._dnssec is None:
            resolver = dns.asyncresolver.Resolver(configure=not self._servers)
            if self._servers:
                resolver.nameservers = [dns.nameserver.Do53Nameserver(h, p) for h, p in self._servers]
            resolver.lifetime = resolver.timeout = self._timeout
            resolver.use_edns(0, dns.flags.DO, 1232)
            resolver.flags = dns.flags.RD | dns.flags.AD
            self._dnssec = resolver
        try:
            answer = await self._dnssec.resolve(name, "TLSA", search=False, raise_on_no_answer=False)
        except dns.resolver.NXDOMAIN:
            return [], False
        except dns.exception.DNSException as exc:
            raise DnsError(f"DNS lookup of {name} TLSA failed: {exc}", temporary=True) from None
        secure = bool(answer.response.flags & dns.flags.AD)
        records = [Tlsa(r.usage, r.selector, r.mtype, bytes(r.cert)) for r in (answer.rrset or [])]
        return records, secure

    async def mx(self, domain: str) -> list[MxHost]:
        """Mail exchangers by preference (ties shuffled, RFC 5321 §5.1); A/AAAA fallback without MX."""
        records = await self._query(domain, "MX")
        hosts = [MxHost(r.preference, r.exchange.to_text(omit_final_dot=True).lower()) for r in records]
        # RFC 7505: a single "." MX means the domain accepts no mail at all.
        if any(h.host in ("", ".") for h in hosts):
            raise DnsError(f"{domain} publishes a null MX: it accepts no mail.", temporary=False)
        if hosts:
            random.shuffle(hosts)
            return sorted(hosts, key=lambda h: h.preference)
        # RFC 5321 §5.1: no MX → the domain itself is the implicit MX (preference 0) if it has an address.
        if await self.addresses(domain):
            return [MxHost(0, domain.lower(), implicit=True)]
        raise DnsError(f"{domain} has neither MX nor address records.", temporary=False)


def resolver_for(ctx: Any) -> Resolver:
    """The process-wide resolver built from ctx.settings (dns_servers, dns_timeout_seconds)."""
    resolver = ctx.resolver
    if resolver is None:
        settings = ctx.settings
        resolver = Resolver(parse_servers(settings.dns_servers), timeout=settings.dns_timeout_seconds)
        ctx.resolver = resolver
    return resolver
