"""Campaigns follow the per-user sender rule of issue 8, item 4 (relay mode), like the send endpoints."""

from __future__ import annotations

import asyncio
import email

import pytest

from openlux.client import LuxSciError
from tests.support.cli import run_cli
from tests.support.polling import assert_stays
from tests.trust.conftest import PASSWORD, Trust, delivered, tag


def _refused(call, address: str, **params) -> None:
    with pytest.raises(LuxSciError) as err:
        call(**params)
    assert err.value.status == 400 and address in err.value.message, err.value.message


async def test_a_users_campaign_from_an_address_they_may_not_use_is_refused(trust: Trust) -> None:
    t = tag()
    alice = f"camp-alice-{t}@{trust.domain}"
    boss = f"camp-boss-{t}@{trust.domain}"
    reader = f"reader-{t}@elsewhere.test"
    with trust.account_api() as a1:
        a1.create_user(user=alice, password=PASSWORD)
    with trust.user_api(alice) as api:
        made = api.add_list(name=f"List {t}")
        api.add_contacts(list_id=made["list_id"], contacts=[reader])
        body = {"lists": [made["list_id"]], "subject": "News", "text": "Hello"}
        # Scheduled at once: refused, naming the address (the account administrator's login).
        _refused(api.add_campaign, trust.login, name=f"a-{t}", from_address=trust.login, send_at="now", **body)
        # A draft may hold it; scheduling the draft is refused.
        draft = api.add_campaign(name=f"b-{t}", from_address=boss, **body)
        _refused(api.update_campaign, boss, campaign_id=draft["campaign_id"], send_at="now")
        # The list's default sender is checked the same way.
        other = api.add_list(name=f"Boss list {t}", from_address=boss)
        _refused(api.add_campaign, boss, name=f"c-{t}", lists=[other["list_id"]], subject="S", text="x", send_at="now")
    await asyncio.to_thread(
        assert_stays,
        lambda: not [m for m in list(trust.sink.messages) if reader in m.rcpt_tos],
        1.0,
        what="nothing sent",
    )

    run_cli(trust.server, "sender", "allow", alice, boss)
    try:
        with trust.user_api(alice) as api:
            api.update_campaign(campaign_id=draft["campaign_id"], send_at="now")
        [sent] = await delivered(trust, lambda m: reader in m.rcpt_tos)
        assert boss in email.message_from_bytes(sent.data)["From"]
    finally:
        run_cli(trust.server, "sender", "revoke", alice, boss)


async def test_an_account_campaign_may_use_any_address_of_the_accounts_verified_domains(trust: Trust) -> None:
    t = tag()
    news, reader = f"news-{t}@{trust.domain}", f"v2-reader-{t}@elsewhere.test"
    with trust.account_api() as a1:
        made = a1.add_marketing_list(name=f"V2 {t}")
        a1.add_marketing_contacts(list_id=made["list_id"], contacts=[reader])
        campaign = a1.add_marketing_campaign(
            name=f"v2-{t}", lists=[made["list_id"]], subject="S", text="x", from_address=news
        )
        outside = a1.add_marketing_campaign(
            name=f"v2o-{t}", lists=[made["list_id"]], subject="S", text="x", from_address=f"x-{t}@elsewhere.test"
        )
        _refused(a1.schedule_marketing_campaign, f"x-{t}@elsewhere.test", campaign_id=outside["campaign_id"])
        a1.schedule_marketing_campaign(campaign_id=campaign["campaign_id"])
    [sent] = await delivered(trust, lambda m: reader in m.rcpt_tos)
    assert news in email.message_from_bytes(sent.data)["From"]
