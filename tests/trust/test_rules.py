"""Pure rules of the mail-trust work: SRS0 codec, signed refs, MTA-STS parsing, RFC 6590 redaction."""

from __future__ import annotations

import pytest

from openlux.inbound.dsn import redacted
from openlux.mail import mtasts, refs
from openlux.mail.srs import MAX_AGE_DAYS, Srs, SrsError

DAY = 86400.0
NOW = 1_795_000_000.0


def test_srs_round_trip_and_case_insensitive_hash() -> None:
    srs = Srs(b"k" * 32)
    address = srs.forward("Alice@Remote.test", "fwd.test", now=NOW)
    assert address.startswith("SRS0=") and address.endswith("=Remote.test=Alice@fwd.test")
    assert srs.reverse(address, now=NOW) == "Alice@Remote.test"
    assert srs.reverse(address.upper().replace("@FWD.TEST", "@fwd.test"), now=NOW).lower() == "alice@remote.test"
    assert srs.forward("", "fwd.test") == ""


@pytest.mark.parametrize("change", ["hash", "secret", "expired", "malformed"])
def test_srs_refuses_forged_or_old_addresses(change: str) -> None:
    srs = Srs(b"k" * 32)
    address = srs.forward("a@remote.test", "fwd.test", now=NOW)
    now = NOW
    if change == "hash":
        address = "SRS0=AAAA=" + address.split("=", 2)[2]
    elif change == "secret":
        srs = Srs(b"x" * 32)
    elif change == "expired":
        now = NOW + (MAX_AGE_DAYS + 1) * DAY
    else:
        address = "SRS0=abcd@fwd.test"
    with pytest.raises(SrsError):
        srs.reverse(address, now=now)


def test_refs_verify_only_their_own_mac() -> None:
    key = b"r" * 32
    value = refs.make_ref(key, 42)
    assert refs.check_ref(key, value) == 42
    assert refs.check_ref(key, "43." + value.split(".")[1]) is None
    assert refs.check_ref(b"s" * 32, value) is None
    assert refs.check_ref(key, "junk") is None


def test_mta_sts_policy_and_mx_patterns() -> None:
    policy = mtasts.parse_policy(
        "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n"
    )
    assert policy.mode == "enforce" and policy.max_age == 604800
    assert policy.allows("mail.example.com") and policy.allows("mx1.example.net")
    assert not policy.allows("a.b.example.net") and not policy.allows("example.net")
    assert mtasts.parse_txt(["v=STSv1; id=20261128"]) == "20261128"
    assert mtasts.parse_txt(["v=STSv1; id=1", "v=STSv1; id=2"]) is None  # two records: no policy
    with pytest.raises(mtasts.MtaStsError):
        mtasts.parse_policy("version: STSv1\nmode: enforce\nmax_age: 10\n")  # no mx


@pytest.mark.parametrize(
    "address, hidden",
    [("", True), ("redacted@example.com", True), ("xxxxxx@example.com", True), ("pat@example.com", False)],
)
def test_redacted_recipients(address: str, hidden: bool) -> None:
    assert redacted(address) is hidden
