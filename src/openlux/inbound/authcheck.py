"""Is an inbound sender forged? SPF (pyspf, against the connecting address) and DKIM (dkimpy).

Used before OpenLux answers anyone automatically (auto-replies, forward notices): a message whose
envelope sender fails SPF and that has no passing DKIM signature aligned with its `From:` domain
gets no answer (backscatter, mail-trust issue item 6). Both checks use the configured resolver
(`OPENLUX_DNS_SERVERS`, else the system's) and run in a worker thread (both libraries are blocking).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.utils import getaddresses
from typing import Any

import dkim
import dns.exception
import dns.nameserver
import dns.resolver
import spf

from openlux.mail.dns import parse_servers

log = logging.getLogger("openlux.inbound.authcheck")


@dataclass(frozen=True, slots=True)
class Verdict:
    """SPF result (pass, fail, softfail, neutral, none, temperror, permerror) and DKIM alignment."""

    spf: str
    aligned_dkim: bool

    @property
    def forged(self) -> bool:
        """SPF fail and no aligned DKIM pass: do not answer this sender."""
        return self.spf == "fail" and not self.aligned_dkim


def _sync_resolver(settings: Any) -> dns.resolver.Resolver:
    servers = parse_servers(settings.dns_servers)
    resolver = dns.resolver.Resolver(configure=not servers)
    if servers:
        resolver.nameservers = [dns.nameserver.Do53Nameserver(h, p) for h, p in servers]
    resolver.lifetime = resolver.timeout = settings.dns_timeout_seconds
    return resolver


def _spf_lookup(resolver: dns.resolver.Resolver) -> Any:
    """pyspf's DNSLookup contract (list of ((name, type), data)) on our resolver."""

    def lookup(name: str, qtype: str, tcpfallback: bool = True, timeout: float = 30) -> list[Any]:
        found: list[Any] = []
        try:
            for rdata in resolver.resolve(name, qtype, search=False):
                if qtype in ("A", "AAAA"):
                    found.append(((name, qtype), rdata.address))
                elif qtype == "MX":
                    found.append(((name, qtype), (rdata.preference, rdata.exchange)))
                elif qtype == "PTR":
                    found.append(((name, qtype), rdata.target.to_text(True)))
                elif qtype in ("TXT", "SPF"):
                    found.append(((name, qtype), rdata.strings))
        except (dns.resolver.NoAnswer, dns.resolver.NXDOMAIN):
            pass
        except dns.exception.DNSException as exc:
            raise spf.TempError(f"DNS {exc}") from None
        return found

    return lookup


def _txt(resolver: dns.resolver.Resolver) -> Any:
    def txt(name: bytes, timeout: int = 5) -> bytes | None:
        try:
            answer = resolver.resolve(name.decode().rstrip("."), "TXT", search=False)
        except dns.exception.DNSException:
            return None
        return b"".join(b"".join(r.strings) for r in answer)

    return txt


def _aligned(signing_domain: str, from_domain: str) -> bool:
    """DMARC relaxed alignment, approximated: the same domain or one a parent of the other."""
    d, f = signing_domain.lower().rstrip("."), from_domain.lower().rstrip(".")
    return bool(d and f) and (d == f or f.endswith("." + d) or d.endswith("." + f))


def check_sync(settings: Any, *, ip: str, sender: str, helo: str, data: bytes) -> Verdict:
    """SPF of (ip, sender, helo) and whether a DKIM signature aligned with From: verifies."""
    resolver = _sync_resolver(settings)
    spf.DNSLookup = _spf_lookup(resolver)  # pyspf resolves through this module-level hook
    try:
        result = spf.query(
            ip, sender or f"postmaster@{helo}", helo or "unknown", timeout=settings.dns_timeout_seconds
        ).check()[0]
    except Exception:
        log.warning("SPF check of %s from %s failed", sender, ip, exc_info=True)
        result = "temperror"
    addresses = [
        a
        for _n, a in getaddresses([str(v) for v in BytesHeaderParser().parsebytes(data).get_all("From", [])])
        if "@" in a
    ]
    from_domain = addresses[0].rsplit("@", 1)[1] if addresses else ""
    aligned = False
    if b"dkim-signature" in data[:65536].lower():
        verifier = dkim.DKIM(data)
        headers = BytesHeaderParser().parsebytes(data).get_all("DKIM-Signature", [])
        for index in range(len(headers)):
            try:
                if verifier.verify(idx=index, dnsfunc=_txt(resolver)) and _aligned(
                    (verifier.domain or b"").decode("ascii", "replace"), from_domain
                ):
                    aligned = True
                    break
            except Exception:  # noqa: BLE001 - dkimpy raises on malformed signatures
                continue
    return Verdict(str(result), aligned)


async def check(settings: Any, *, ip: str, sender: str, helo: str, data: bytes) -> Verdict:
    """check_sync in a worker thread."""
    return await asyncio.to_thread(check_sync, settings, ip=ip, sender=sender, helo=helo, data=data)
