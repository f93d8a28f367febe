"""Outbound connections chosen by tenants (report uploads, webhooks): never to internal addresses.

    guard = OutboundGuard.from_setting(settings.outbound_allowed_networks)
    address = await guard.resolve(host, port)       # resolves once, checks every address
    ... connect to `address` (not to `host`: no second lookup that could answer differently) ...

A host is refused when ANY address it resolves to is loopback, private, link-local, multicast,
unspecified, reserved or otherwise not globally routable — IPv4 and IPv6 alike, including the
IPv4 forms hidden inside IPv6 (`::ffff:127.0.0.1`, 6to4 `2002::/16`, NAT64 `64:ff9b::/96`, the
deprecated `::127.0.0.1`). Odd spellings (`127.1`, `2130706433`, `0x7f.1`) are read the way the
system resolver reads them, so they are checked as the address they mean. The operator can
allow-list networks (OPENLUX_OUTBOUND_ALLOWED_NETWORKS), e.g. an internal archive server.

Refusals and failures carry one message that never says what the target did (refused, timed out,
answered 404 …), so a tenant cannot use the server to scan a network; details go to the log.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix: last 32 bits are IPv4
RESOLVE_TIMEOUT = 10.0  # seconds for the one lookup


class DestinationRefused(Exception):
    """The destination may not be contacted; the message is safe to show to the tenant."""

    def __init__(self, message: str = "The destination address is not allowed.") -> None:
        super().__init__(message)
        self.message = message


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, NAT64, IPv4-compatible), if any."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if int(address) >> 32 == 0 and int(address) > 1:  # ::a.b.c.d (deprecated IPv4-compatible form)
        return ipaddress.IPv4Address(int(address))
    return None


def is_public(address: IPAddress) -> bool:
    """True for a globally routable unicast address (after unwrapping any embedded IPv4)."""
    inner = embedded_ipv4(address)
    if inner is not None:
        return is_public(inner)
    if address.is_multicast or address.is_loopback or address.is_link_local or address.is_unspecified:
        return False
    if address.is_private or address.is_reserved or not address.is_global:
        return False
    return not (isinstance(address, ipaddress.IPv6Address) and address.is_site_local)


@dataclass(frozen=True, slots=True)
class OutboundGuard:
    """Resolves a tenant-given host once and decides whether it may be contacted."""

    allowed: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_setting(cls, text: str) -> OutboundGuard:
        """From a comma-separated list of networks (`10.1.2.0/24, fd00::/8`); ValueError if one is malformed."""
        networks = tuple(ipaddress.ip_network(part.strip(), strict=False) for part in text.split(",") if part.strip())
        return cls(networks)

    def permits(self, address: IPAddress) -> bool:
        """True when the address is public or inside an allow-listed network."""
        candidates = [address] + ([inner] if (inner := embedded_ipv4(address)) else [])
        if any(c in network for c in candidates for network in self.allowed if c.version == network.version):
            return True
        return is_public(address)

    async def resolve(self, host: str, port: int) -> IPAddress:
        """The address to connect to: every address `host` resolves to must be permitted."""
        host = host.strip().strip("[]")
        if not host:
            raise DestinationRefused("The destination host name is empty.")
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(RESOLVE_TIMEOUT):  # not wait_for: it can swallow cancellation on 3.11
                infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError, TimeoutError):
            raise DestinationRefused("The destination host name could not be resolved.") from None
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
        if not addresses or not all(self.permits(a) for a in addresses):
            raise DestinationRefused()
        return addresses[0]
