"""Issue 9 item 11: addresses are sealed at rest; the ones matched by equality carry a keyed blind index.

For each table: rows written through the API store no address in clear (read through raw SQL), and
every lookup and filter that matches an address still finds it through the real API, in any case.
Substring search over addresses is gone (docs/compat.d): a partial address finds nothing or is refused.
"""

from __future__ import annotations

import uuid

from openlux.client import Client
from tests.support.dbquery import fetch_all
from tests.support.failures import assert_fails
from tests.support.server import RunningServer


def _person() -> tuple[str, str]:
    """A unique local part and its address (the session server is shared by every test)."""
    local = "jane.roe." + uuid.uuid4().hex[:10]
    return local, f"{local}@clinic.example"


def _raw(server: RunningServer, table: str) -> str:
    return repr(fetch_all(server.database_url, f"SELECT * FROM {table}"))


def test_suppressed_addresses_are_sealed_and_matched_by_index(
    server: RunningServer, user_api: Client, account_api: Client
) -> None:
    local, address = _person()
    user_api.create_user_suppression(email=address.upper(), reason="bounce")
    account_api.create_account_suppression(email=address, reason="complaint")
    account_api.add_new_marketing_suppression(email=address, reason="manual")
    for table in ("user_suppression", "account_suppression", "marketing_suppression"):
        stored = _raw(server, table)
        assert local not in stored, table
        [row] = fetch_all(server.database_url, f"SELECT address, address_index FROM {table} ORDER BY id DESC LIMIT 1")
        assert row["address"].startswith("ol1:") and len(row["address_index"]) == 64, table

    # get, list filter, report filter and create-again all match the sealed row by its index, in any case
    assert user_api.get_user_suppression(email=f"{local.upper()}@Clinic.Example")["email"] == address
    [listed] = user_api.get_user_suppression_list(email=address)["rows"]
    assert listed["email"] == address and listed["reason"] == "bounce"
    [reported] = user_api.call("getUserSuppressionReport", email=address.upper())["rows"]
    assert reported["email"] == address
    assert user_api.call("getUserSuppressionReport", email=local)["rows"] == []  # no substring match
    assert user_api.create_user_suppression(email=address)["results"][0]["status"] == "exists"
    assert account_api.get_account_suppression(email=address)["reason"] == "complaint"
    [marketing] = account_api.get_marketing_suppressions(email=address.upper())
    assert marketing["email"] == address and marketing["reason"] == "manual"
    assert account_api.add_new_marketing_suppression(email=address)["exists"] == 1
    # a part of an address is no longer a filter: it is refused, never silently widened
    assert_fails(400, user_api.get_user_suppression_list, email=local)
    assert_fails(400, account_api.get_marketing_suppressions, email=local)

    # deletes find the row by its index too
    assert user_api.delete_user_suppression(email=address.upper()) == {"email": address, "deleted": 1}
    assert account_api.delete_account_suppression(email=address)["deleted"] == 1
    assert account_api.delete_marketing_suppression(email=address)["deleted"] == 1
    assert_fails(404, user_api.get_user_suppression, email=address)
    assert account_api.get_marketing_suppressions(email=address) == []
