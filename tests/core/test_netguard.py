"""openlux.core.netguard: which addresses tenant-chosen destinations may reach (issue 9 item 13)."""

from __future__ import annotations

import ipaddress

import pytest

from openlux.core.netguard import DestinationRefused, OutboundGuard, is_public

INTERNAL = [
    "127.0.0.1",
    "127.255.0.9",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.2.1",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "ff02::1",
    "fec0::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "2002:7f00:1::",
    "64:ff9b::7f00:1",
    "64:ff9b::a00:1",
    "::127.0.0.1",
    "2001:db8::1",
]
PUBLIC = ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "::ffff:8.8.8.8", "2002:808:808::"]


@pytest.mark.parametrize("address", INTERNAL)
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "localhost",
        "127.1",
        "2130706433",
        "0x7f000001",
        "0177.0.0.1",
        "::1",
        "[::1]",
        "::ffff:127.0.0.1",
        "[::ffff:7f00:1]",
        "10.1",
        "0",
    ],
)
async def test_odd_spellings_of_internal_hosts_are_refused(host: str) -> None:
    with pytest.raises(DestinationRefused) as err:
        await OutboundGuard().resolve(host, 80)
    assert err.value.message == "The destination address is not allowed."


async def test_operator_allow_list_admits_a_network() -> None:
    guard = OutboundGuard.from_setting("127.0.0.0/8, fd00::/8")
    assert str(await guard.resolve("127.1", 80)) == "127.0.0.1"
    assert (await guard.resolve("::ffff:127.0.0.1", 80)).ipv4_mapped == ipaddress.ip_address("127.0.0.1")
    with pytest.raises(DestinationRefused):
        await guard.resolve("10.0.0.1", 80)
    with pytest.raises(ValueError):
        OutboundGuard.from_setting("not-a-network")


async def test_unresolvable_names_are_refused_without_detail() -> None:
    with pytest.raises(DestinationRefused) as err:
        await OutboundGuard().resolve("no-such-host.invalid", 80)
    assert "could not be resolved" in err.value.message
