"""Issue 9 item 11: aliases and forwarding destinations are sealed at rest, and inbound routing still
finds them (aliases through their keyed HMAC blind index, forwarding through the sealed user settings).

Everything is written through the signed SDK and exercised with real SMTP into the inbound listener;
the raw rows are read with SQL to show no address is stored in clear.
"""

from __future__ import annotations

import uuid

from openlux.core.sealing import address_index
from tests.inbound.conftest import World, make_message, query, smtp_send, wait_sink
from tests.support.dbquery import server_box


async def test_alias_addresses_and_destinations_are_sealed_and_routed_by_index(world: World) -> None:
    account, tag = world.account_api(), uuid.uuid4().hex[:8]
    domain = world.login.rsplit("@", 1)[1]
    local, dest = f"front-desk-{tag}", f"reception-{tag}@elsewhere.test"
    made = account.create_alias(user=local.upper(), domain=domain, action="email", dest=dest)
    assert made["alias"] == f"{local}@{domain}" and made["dest_list"] == [dest]

    rows = await query(world, "SELECT * FROM email_alias")
    assert tag not in repr(rows)  # neither the alias, its local part nor its destination in clear
    [row] = [r for r in rows if r["address_index"] == address_index(f"{local}@{domain}", server_box(world.server))]
    for column in ("address", "local_part", "destinations"):
        assert str(row[column]).startswith("ol1:"), column
    assert row["domain"] == domain  # the account's domain stays in clear (listed and filtered by)

    # Inbound SMTP to the alias, in another case, is forwarded: routing matched the blind index.
    rcpt = f"{local.upper()}@{domain.upper()}"
    await smtp_send(world, "sender@remote.test", [rcpt], make_message("sender@remote.test", rcpt, tag))
    [copy] = await wait_sink(world, lambda m: dest in m.rcpt_tos)
    assert f"Hello {tag}".encode() in copy.data

    # Lookups by the whole address, listing (sorted by opened values), update and delete all still work.
    assert account.get_alias_details(alias=f"{local}@{domain}")["dest_list"] == [dest]
    listed = [a["alias"] for a in account.get_aliases_report(domain=domain)]
    assert f"{local}@{domain}" in listed and listed == sorted(listed, key=lambda a: a.split("@")[0])
    moved = f"desk-{tag}@elsewhere.test"
    assert account.update_alias(alias=f"{local}@{domain}", dest=moved)["dest_list"] == [moved]
    assert account.delete_alias(alias=f"{local.upper()}@{domain}")["deleted"] == 1


async def test_catch_all_is_found_by_its_index(world: World) -> None:
    account, tag = world.account_api(), uuid.uuid4().hex[:8]
    domain = world.login.rsplit("@", 1)[1]
    dest = f"catch-{tag}@elsewhere.test"
    account.create_alias(user="*", domain=domain, action="email", dest=dest)
    try:  # the session's server is shared: the catch-all goes again before another test needs a 550
        rcpt = f"anyone-{tag}@{domain}"
        await smtp_send(world, "sender@remote.test", [rcpt], make_message("sender@remote.test", rcpt, tag))
        [copy] = await wait_sink(world, lambda m: dest in m.rcpt_tos)
        assert f"Hello {tag}".encode() in copy.data
        assert tag not in repr(await query(world, "SELECT address, local_part, destinations FROM email_alias"))
    finally:
        account.delete_alias(alias=f"*@{domain}")


async def test_forwarding_destinations_are_sealed_and_still_forward(world: World) -> None:
    api, tag = world.user_api(), uuid.uuid4().hex[:8]
    dest = f"home-{tag}@elsewhere.test"
    api.update_email_forwarding(action="forward", destinations=[dest])
    try:
        rows = await query(world, "SELECT login, settings FROM app_user")
        [mine] = [r for r in rows if r["login"] == world.login]
        assert str(mine["settings"]).startswith("ol1:") and tag not in repr(rows)
        assert api.get_user_settings()["email_forwarding"]["destinations"] == [dest]  # shown opened

        await smtp_send(
            world, "sender@remote.test", [world.login], make_message("sender@remote.test", world.login, tag)
        )
        [copy] = await wait_sink(world, lambda m: dest in m.rcpt_tos)
        assert f"Hello {tag}".encode() in copy.data
    finally:
        api.update_email_forwarding(action="deliver")
