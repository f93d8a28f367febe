"""MTA-STS (RFC 8461) for MX delivery: the `_mta-sts` TXT record, the policy fetched over HTTPS
(certificate verified against the system store or `tls_ca_file`), cached for its max_age.

The policy host `mta-sts.<domain>` is resolved with OpenLux's own resolver (so tests and split-DNS
installs see the same answers as MX lookups) and fetched with a minimal HTTP/1.1 GET; no redirects
are followed (RFC 8461 §3.3). `mta_sts_port` is 443 except in tests.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass, field
from typing import Any

from openlux.mail.dns import DnsError, resolver_for

MAX_POLICY_BYTES = 64 * 1024  # RFC 8461 §3.3
MAX_AGE_LIMIT = 31557600  # one year, RFC 8461 §3.2


class MtaStsError(Exception):
    """A policy that exists (TXT published) but could not be fetched or parsed."""


@dataclass(frozen=True, slots=True)
class Policy:
    """A parsed policy: mode enforce | testing | none, the MX patterns, its id and lifetime."""

    mode: str
    mx: tuple[str, ...]
    max_age: int
    policy_id: str
    lines: tuple[str, ...] = ()

    def allows(self, host: str) -> bool:
        """RFC 8461 §4.1: exact name, or `*.` matching exactly one left-most label."""
        host = host.lower().rstrip(".")
        for pattern in self.mx:
            pattern = pattern.lower().rstrip(".")
            if pattern.startswith("*."):
                if host.count(".") >= 1 and host.split(".", 1)[1] == pattern[2:]:
                    return True
            elif host == pattern:
                return True
        return False


@dataclass
class PolicyCache:
    """Policies per domain until they expire (one per delivery process)."""

    entries: dict[str, tuple[float, Policy]] = field(default_factory=dict)

    def get(self, domain: str) -> Policy | None:
        hit = self.entries.get(domain)
        return hit[1] if hit and hit[0] > time.monotonic() else None

    def put(self, domain: str, policy: Policy) -> None:
        self.entries[domain] = (time.monotonic() + policy.max_age, policy)


def parse_txt(values: list[str]) -> str | None:
    """The id of the one `v=STSv1` record, or None (RFC 8461 §3.1: several records = no policy)."""
    found = [v for v in values if v.strip().lower().startswith("v=stsv1")]
    if len(found) != 1:
        return None
    fields = dict(p.strip().split("=", 1) for p in found[0].split(";") if "=" in p)
    return fields.get("id", "").strip() or None


def parse_policy(text: str) -> Policy:
    """The policy body (`version: STSv1`, `mode`, `mx`, `max_age`); MtaStsError when invalid."""
    values: dict[str, list[str]] = {}
    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if ":" not in line:
            continue
        key, value = (p.strip() for p in line.split(":", 1))
        values.setdefault(key.lower(), []).append(value)
        lines.append(f"{key}: {value}")
    if values.get("version") != ["STSv1"]:
        raise MtaStsError("policy has no `version: STSv1`")
    mode = (values.get("mode") or [""])[0].lower()
    if mode not in ("enforce", "testing", "none"):
        raise MtaStsError(f"policy mode {mode!r} is not enforce, testing or none")
    try:
        max_age = min(int((values.get("max_age") or [""])[0]), MAX_AGE_LIMIT)
    except ValueError:
        raise MtaStsError("policy max_age is not a number") from None
    if mode != "none" and not values.get("mx"):
        raise MtaStsError("policy lists no mx")
    return Policy(mode, tuple(values.get("mx", [])), max_age, "", tuple(lines))


async def fetch(ctx: Any, domain: str) -> str:
    """GET https://mta-sts.<domain>/.well-known/mta-sts.txt; the body (MtaStsError on any failure)."""
    s = ctx.settings
    host = f"mta-sts.{domain}"
    try:
        addresses = await resolver_for(ctx).addresses(host)
    except DnsError as exc:
        raise MtaStsError(exc.message) from None
    tls = ssl.create_default_context(cafile=str(s.tls_ca_file) if s.tls_ca_file else None)
    request = (
        f"GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: {host}\r\nUser-Agent: OpenLux\r\nConnection: close\r\n\r\n"
    ).encode()
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(addresses[0], s.mta_sts_port, ssl=tls, server_hostname=host), s.dns_timeout_seconds
        )
        try:
            writer.write(request)
            await writer.drain()
            raw = await asyncio.wait_for(reader.read(MAX_POLICY_BYTES + 4096), s.delivery_timeout_seconds)
        finally:
            writer.close()
    except (TimeoutError, OSError, ssl.SSLError) as exc:
        raise MtaStsError(f"fetching the MTA-STS policy of {domain} failed: {str(exc) or type(exc).__name__}") from None
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1")
    if " 200 " not in status_line + " ":
        raise MtaStsError(f"MTA-STS policy of {domain}: {status_line or 'no answer'}")
    if b"chunked" in head.lower():
        raise MtaStsError(f"MTA-STS policy of {domain}: chunked responses are not supported")
    return body.decode("utf-8", "replace")


async def policy_for(ctx: Any, cache: PolicyCache, domain: str) -> Policy | None:
    """The domain's policy (cached), or None when it publishes none. A TXT id that changed refreshes
    the cache; a failed refresh keeps a cached policy (RFC 8461 §5.1)."""
    cached = cache.get(domain)
    try:
        policy_id = parse_txt(await resolver_for(ctx).txt(f"_mta-sts.{domain}"))
    except DnsError:
        policy_id = None
    if policy_id is None:
        return cached
    if cached is not None and cached.policy_id == policy_id:
        return cached
    try:
        parsed = parse_policy(await fetch(ctx, domain))
    except MtaStsError:
        if cached is not None:
            return cached
        raise
    policy = Policy(parsed.mode, parsed.mx, parsed.max_age, policy_id, parsed.lines)
    cache.put(domain, policy)
    return policy
