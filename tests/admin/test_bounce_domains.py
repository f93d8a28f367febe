"""createCustomBounceDomain end to end, and the return-path lookup mail will use."""

from __future__ import annotations

import pytest

from openlux.client import Client
from tests.admin.conftest import Relayed
from tests.admin.helpers import new_domain, user_client
from tests.support.dbquery import on_server_db
from tests.support.failures import assert_fails


def test_bounce_domain_needs_dkim_then_reports_dns(relayed: Relayed) -> None:
    with relayed.account_api() as api:
        domain = new_domain(api)
        assert_fails(409, api.create_custom_bounce_domain, domain=f"bounce.{domain}", message_has="no DKIM key yet")
        api.create_dkim(domain=domain, key_size=1024)
        made = api.create_custom_bounce_domain(domain=f"Bounce.{domain}")
        assert made["domain"] == f"bounce.{domain}" and made["parent_domain"] == domain
        assert made["dns_records"] == [
            {
                "name": f"bounce.{domain}",
                "type": "MX",
                "value": "10 mail.openlux.test",
                "purpose": made["dns_records"][0]["purpose"],
            },
            {
                "name": f"bounce.{domain}",
                "type": "TXT",
                "value": "v=spf1 a:mail.openlux.test ip4:127.0.0.1 ~all",
                "purpose": made["dns_records"][1]["purpose"],
            },
        ]
        assert_fails(409, api.create_custom_bounce_domain, domain=f"bounce.{domain}", message_has="already exists")

    async def lookup(session, ctx):
        from openlux.admin import bounce

        account_id = int(relayed.server.credentials["account"])
        return (
            await bounce.for_sender(session, account_id=account_id, from_domain=f"news.{domain}"),
            await bounce.for_sender(session, account_id=account_id, from_domain="other.example"),
        )

    assert on_server_db(relayed.server, lookup) == (f"bounce.{domain}", None)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({}, "'domain'"),
        ({"domain": "not a domain"}, "'domain'"),
        ({"domain": "bounce.elsewhere.example"}, "neither a domain of this account"),
    ],
)
def test_bad_bounce_domains_are_400(account_api: Client, body: dict, fragment: str) -> None:
    assert_fails(400, account_api.create_custom_bounce_domain, **body, message_has=fragment)


def test_user_scope_is_403(server) -> None:
    with user_client(server) as user:
        assert_fails(
            403, user.create_custom_bounce_domain, domain="bounce.example.com", message_has="account functions"
        )
