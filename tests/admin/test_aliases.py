"""Aliases, distribution lists and catch-alls end to end through the SDK, and resolve_alias."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from openlux.client import Client
from tests.admin.helpers import new_domain, user_client
from tests.support.failures import assert_fails


def test_alias_lifecycle(account_api: Client) -> None:
    domain = new_domain(account_api)
    made = account_api.create_alias(user="Sales", domain=domain, action="email", dest="bob@example.org")
    assert made == {
        **made,
        "user": "sales",
        "domain": domain,
        "alias": f"sales@{domain}",
        "action": "email",
        "dest": "bob@example.org",
        "status": "enabled",
        "type": "alias",
    }
    assert len(made["created"]) == 19
    listed = account_api.get_aliases_report(domain=domain)
    assert listed == [made]
    assert account_api.get_alias_details(alias=f"sales@{domain}") == made
    changed = account_api.update_alias(
        alias=f"SALES@{domain}", dest=["a@example.org", "b@example.org", "a@example.org"]
    )
    assert changed["dest"] == "a@example.org,b@example.org" and changed["type"] == "list"
    bounced = account_api.update_alias(alias=f"sales@{domain}", action="bounce", bounce="Gone.\r\nAsk sales2.")
    assert bounced["action"] == "bounce" and bounced["dest"] == "" and bounced["bounce"] == "Gone. Ask sales2."
    assert account_api.update_alias(alias=f"sales@{domain}", status="disabled")["status"] == "disabled"
    assert account_api.delete_alias(alias=f"sales@{domain}") == {"alias": f"sales@{domain}", "deleted": 1}
    assert_fails(404, account_api.get_alias_details, alias=f"sales@{domain}", message_has="No alias")
    assert account_api.get_aliases_report(domain=domain) == []


def test_create_several_and_catch_all(account_api: Client) -> None:
    domain = new_domain(account_api)
    made = account_api.create_alias(
        aliases=[
            {"user": "*", "domain": domain, "action": "bounce"},
            {"domain": f"info@{domain}", "action": "email", "dest": "x@example.org; y@example.org"},
        ]
    )
    assert [(m["alias"], m["type"]) for m in made] == [(f"*@{domain}", "catchall"), (f"info@{domain}", "list")]
    assert made[0]["bounce"] == "This address does not accept mail."
    assert [a["type"] for a in account_api.get_aliases_report(domain=domain, type="catchall")] == ["catchall"]
    assert account_api.get_alias_details(alias=f"*@{domain}")["user"] == "*"


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"action": "email", "dest": "a@example.org"}, "'user'"),
        ({"user": "x", "domain": None, "action": "email", "dest": "a@example.org"}, "'domain'"),
        (
            {"user": "x", "domain": "nowhere.example", "action": "email", "dest": "a@example.org"},
            "not a domain of this",
        ),
        ({"user": "x", "action": "forward", "dest": "a@example.org"}, "'action'"),
        ({"user": "x"}, "'action'"),
        ({"user": "x", "action": "email"}, "'dest'"),
        ({"user": "x", "action": "email", "dest": "not an address"}, "'dest'"),
        ({"user": "bad user", "action": "email", "dest": "a@example.org"}, "'user'"),
        ({"user": "x", "action": "email", "dest": "a@example.org", "status": "sleeping"}, "'status'"),
        ({"user": "loop", "action": "email", "dest": "loop@{domain}"}, "itself"),
        ({"user": "x", "action": "email", "dest": [f"u{i}@example.org" for i in range(26)]}, "the limit is 25"),
    ],
)
def test_create_alias_rejects_bad_input(account_api: Client, body: dict, fragment: str) -> None:
    domain = new_domain(account_api)
    body = {"domain": domain, **body}
    if isinstance(body.get("dest"), str):
        body["dest"] = body["dest"].format(domain=domain)
    assert_fails(400, account_api.create_alias, **body, message_has=fragment)


def test_alias_conflicts_and_missing(account_api: Client, server) -> None:
    domain = new_domain(account_api)
    account_api.create_alias(user="dup", domain=domain, action="bounce")
    assert_fails(
        409, account_api.create_alias, user="dup", domain=domain, action="bounce", message_has="already exists"
    )
    assert_fails(
        409, account_api.create_alias, domain=server.credentials["user"], action="bounce", message_has="is a user"
    )
    assert_fails(404, account_api.update_alias, alias=f"ghost@{domain}", action="bounce", message_has="No alias")
    assert_fails(404, account_api.delete_alias, alias=f"ghost@{domain}", message_has="No alias")
    assert_fails(400, account_api.update_alias, alias=f"dup@{domain}", action="email", message_has="'dest'")


def test_alias_count_limit_is_409_naming_it(account_api: Client) -> None:
    domain = new_domain(account_api)
    users = len(account_api.get_user_report())
    have = len(account_api.get_aliases_report())
    limit = 100 + 10 * users
    batch = [{"user": f"n{i}", "domain": domain, "action": "bounce"} for i in range(limit - have)]
    for start in range(0, len(batch), 100):
        account_api.create_alias(aliases=batch[start : start + 100])
    err = assert_fails(
        409,
        account_api.create_alias,
        user="onemore",
        domain=domain,
        action="bounce",
        message_has=f"the limit is {limit}",
    )
    assert "100 + 10 per user" in err.message
    for item in batch:  # leave room for the other tests of the session
        account_api.delete_alias(alias=f"{item['user']}@{domain}")


def test_user_scope_callers_are_refused(server) -> None:
    with user_client(server) as api:
        assert_fails(403, api.get_aliases_report, message_has="account functions")
        assert_fails(
            403, api.create_alias, user="x", domain="example.com", action="bounce", message_has="account functions"
        )
        assert_fails(403, api.delete_alias, alias="x@example.com", message_has="account functions")
        assert_fails(403, api.get_alias_details, alias="x@example.com", message_has="account functions")
        assert_fails(403, api.update_alias, alias="x@example.com", action="bounce", message_has="account functions")


async def test_resolve_alias_prefers_exact_then_catch_all_never_a_user(ctx) -> None:
    from openlux.accounts.bootstrap import initialise
    from openlux.accounts.models import User
    from openlux.admin import aliases
    from openlux.admin.schemas import AliasCreate

    info = await initialise(ctx, admin_login="admin@example.com", password="Correct-Horse-2024")
    async with ctx.db.transaction() as session:
        account_id = (await session.scalar(select(User).where(User.login == info["user"]))).account_id
        await aliases.create(
            session=session,
            account_id=account_id,
            body=AliasCreate(
                aliases=[
                    {"user": "team", "domain": "example.com", "action": "email", "dest": "a@x.example, b@x.example"},
                    {"user": "*", "domain": "example.com", "action": "bounce", "bounce": "No such person."},
                    {
                        "user": "off",
                        "domain": "example.com",
                        "action": "email",
                        "dest": "c@x.example",
                        "status": "disabled",
                    },
                ]
            ),
        )
    async with ctx.db.sessions() as session:
        team = await aliases.resolve_alias(session, "Team@Example.com")
        assert (team.action, team.destinations) == ("email", ("a@x.example", "b@x.example"))
        other = await aliases.resolve_alias(session, "nobody@example.com")
        assert (other.address, other.action, other.bounce) == ("*@example.com", "bounce", "No such person.")
        assert (await aliases.resolve_alias(session, "off@example.com")).address == "*@example.com"
        assert await aliases.resolve_alias(session, "admin@example.com") is None  # a user, not the catch-all
        assert await aliases.resolve_alias(session, "x@elsewhere.example") is None
