"""DKIM endpoints end to end: keys made through the API sign relay-mode mail that dkimpy verifies."""

from __future__ import annotations

import dkim
import pytest

from openlux.client import Client
from tests.admin.conftest import Relayed
from tests.admin.helpers import new_domain, user_client
from tests.support.failures import assert_fails
from tests.support.polling import wait_until


def _txt_from(dns_server) -> object:
    resolver = dns_server.sync_resolver()

    def txt(name: bytes, timeout: int = 5) -> bytes:
        return b"".join(b"".join(r.strings) for r in resolver.resolve(name.decode().rstrip("."), "TXT"))

    return txt


def test_key_from_the_api_signs_relayed_mail(relayed: Relayed, backend: str) -> None:
    selector = f"api{backend}"
    with relayed.account_api() as api:
        key = api.create_dkim(domain="Example.COM", selector=selector, key_size="1024")
        assert key == {
            **key,
            "domain": "example.com",
            "selector": selector,
            "key_size": 1024,
            "dns_type": "TXT",
            "dns_name": f"{selector}._domainkey.example.com",
            "enabled": 1,
            "active": 1,
        }
        assert key["dns_value"].startswith("v=DKIM1; k=rsa; p=MI")
        assert api.get_dkim_details(domain="example.com", check_dns=1)["dns_status"] == "missing"
        relayed.dns.add_txt(key["dns_name"], key["dns_value"])
        checked = api.get_dkim_details(domain="example.com", check_dns=1)
        assert checked["dns_status"] == "published" and checked["dns_found"] == [key["dns_value"]]
    with relayed.user_api() as user:
        reply = user.send_email(
            messages=[{"to": ["dkim-check@example.org"], "subject": "Signed", "text": "DKIM through the API"}]
        )
    assert reply[0]["status"] == "queued"
    got = _delivered_to(relayed, "dkim-check@example.org")
    assert f"s={selector}".encode() in got and b"d=example.com" in got
    assert dkim.verify(got, dnsfunc=_txt_from(relayed.dns))
    with relayed.account_api() as api:
        api.delete_dkim(domain="example.com", selector=selector)
    with relayed.user_api() as user:
        user.send_email(messages=[{"to": ["unsigned@example.org"], "subject": "Plain", "text": "no key now"}])
    assert b"DKIM-Signature" not in _delivered_to(relayed, "unsigned@example.org")  # deleting counts at once


def _delivered_to(relayed: Relayed, address: str) -> bytes:
    found = wait_until(
        lambda: [m for m in list(relayed.sink.messages) if address in m.rcpt_tos], what=f"delivery to {address}"
    )
    return found[0].data


def test_report_details_mismatch_and_delete(relayed: Relayed) -> None:
    with relayed.account_api() as api:
        domain = new_domain(api)
        first = api.create_dkim(domain=domain)  # defaults: selector openlux, 2048 bits
        assert (first["selector"], first["key_size"]) == ("openlux", 2048)
        second = api.create_dkim(domain=domain, selector="rotated.2026", bits=1024)
        details = api.get_dkim_details(domain=domain)
        assert details["selector"] == "rotated.2026" and [k["selector"] for k in details["keys"]] == [
            "rotated.2026",
            "openlux",
        ]
        assert [k["active"] for k in details["keys"]] == [1, 0]
        report = api.get_dkim_report(domain=domain)
        assert {r["selector"] for r in report} == {"openlux", "rotated.2026"}
        assert any(r["domain"] == domain for r in api.get_dkim_report())
        relayed.dns.add_txt(second["dns_name"], first["dns_value"])  # someone published the wrong key
        assert api.get_dkim_report(domain=domain, check_dns=1)[0]["dns_status"] == "mismatch"
        assert api.delete_dkim(domain=domain, selector="openlux") == {
            "domain": domain,
            "deleted": 1,
            "selectors": ["openlux"],
        }
        assert api.delete_dkim(domain=domain)["deleted"] == 1
        assert_fails(404, api.get_dkim_details, domain=domain, message_has="no DKIM key")
        assert_fails(404, api.delete_dkim, domain=domain, message_has="no DKIM key")


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({}, 400, "'domain'"),
        ({"domain": "not-in-account.example"}, 400, "not a domain of this account"),
        ({"key_size": 512}, 400, "'key_size'"),
        ({"key_size": "big"}, 400, "'key_size'"),
        ({"selector": "bad_selector!"}, 400, "'selector'"),
    ],
)
def test_create_dkim_rejects_bad_input(account_api: Client, body: dict, status: int, fragment: str) -> None:
    if "domain" not in body and body:
        body = {"domain": new_domain(account_api), **body}
    assert_fails(status, account_api.create_dkim, **body, message_has=fragment)


def test_create_dkim_twice_is_409_and_user_scope_is_403(account_api: Client, server) -> None:
    domain = new_domain(account_api)
    account_api.create_dkim(domain=domain, selector="s1", key_size=1024)
    assert_fails(
        409, account_api.create_dkim, domain=domain, selector="s1", key_size=1024, message_has="already has a DKIM key"
    )
    with user_client(server) as user:
        assert_fails(403, user.create_dkim, domain=domain, message_has="account functions")
        assert_fails(403, user.get_dkim_details, domain=domain, message_has="account functions")
        assert_fails(403, user.delete_dkim, domain=domain, message_has="account functions")
        assert_fails(403, user.get_dkim_report, message_has="account functions")
