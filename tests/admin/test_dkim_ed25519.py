"""createDkim key_type=ed25519 (extension, RFC 8463) over HTTP: the record, dual signing of relayed mail
(both signatures verified by dkimpy against the published records), and turning it off again."""

from __future__ import annotations

import time

import dkim

from openlux.client import Client
from tests.admin.conftest import Relayed
from tests.admin.helpers import new_domain
from tests.support.failures import assert_fails


def _txt_from(relayed: Relayed):
    resolver = relayed.dns.sync_resolver()

    def txt(name: bytes, timeout: int = 5) -> bytes:
        return b"".join(b"".join(r.strings) for r in resolver.resolve(name.decode().rstrip("."), "TXT"))

    return txt


def _delivered_to(relayed: Relayed, address: str) -> bytes:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for message in list(relayed.sink.messages):
            if address in message.rcpt_tos:
                return message.data
        time.sleep(0.05)
    raise AssertionError(f"nothing delivered to {address}")


def _verdicts(data: bytes, relayed: Relayed) -> list[tuple[bytes, bool]]:
    checker = dkim.DKIM(data)
    signatures = [v for n, v in checker.headers if n.lower() == b"dkim-signature"]
    out = []
    for i, value in enumerate(signatures):
        algorithm = b"ed25519-sha256" if b"a=ed25519-sha256" in value else b"rsa-sha256"
        out.append((algorithm, checker.verify(idx=i, dnsfunc=_txt_from(relayed))))
    return out


def test_ed25519_key_dual_signs_relayed_mail(relayed: Relayed, backend: str) -> None:
    with relayed.account_api() as api:
        rsa = api.create_dkim(domain="example.com", selector=f"rsa-{backend}", key_size=2048)
        ed = api.create_dkim(domain="example.com", selector=f"ed-{backend}", key_type="ed25519")
        assert (ed["key_type"], ed["key_size"], ed["active"]) == ("ed25519", 256, 1)
        assert ed["dns_value"].startswith("v=DKIM1; k=ed25519; p=") and len(ed["dns_value"]) < 80
        details = api.get_dkim_details(domain="example.com")
        assert details["selector"] == rsa["selector"] and details["key_type"] == "rsa"
        assert {(k["selector"], k["active"]) for k in details["keys"]} >= {(rsa["selector"], 1), (ed["selector"], 1)}
        for key in (rsa, ed):
            relayed.dns.remove(key["dns_name"])
            relayed.dns.add_txt(key["dns_name"], key["dns_value"])
    address = f"dual-{backend}@example.org"
    with relayed.user_api() as user:
        user.send_email(messages=[{"to": [address], "subject": "Dual", "text": "RSA and Ed25519"}])
    assert _verdicts(_delivered_to(relayed, address), relayed) == [(b"rsa-sha256", True), (b"ed25519-sha256", True)]

    with relayed.account_api() as api:
        api.delete_dkim(domain="example.com", selector=ed["selector"])
    address = f"rsa-only-{backend}@example.org"
    with relayed.user_api() as user:
        user.send_email(messages=[{"to": [address], "subject": "RSA", "text": "only RSA now"}])
    assert _verdicts(_delivered_to(relayed, address), relayed) == [(b"rsa-sha256", True)]
    with relayed.account_api() as api:
        api.delete_dkim(domain="example.com")


def test_unknown_key_type_is_400(account_api: Client) -> None:
    assert_fails(400, account_api.create_dkim, domain=new_domain(account_api), key_type="dsa", message_has="'key_type'")
