"""Issue 9 item 11: texts that can carry personal data are sealed at rest; migrations seal old rows.

For each sealed area: a row written in clear (as before the area's sealing migration) is sealed by
that migration, reads back unchanged through the models, and new rows written through the API are
never stored in clear.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
import sqlalchemy as sa

from openlux.client import Client
from openlux.config import Settings
from openlux.core.context import AppContext, master_box
from openlux.core.sealing import address_index, address_list_index, blind_index
from openlux.db import AddressIndex, Base, make_engine
from openlux.db.migrate import upgrade_to_heads
from openlux.db.sealed_columns import MasterKeyNeeded
from openlux.webaides.models import WebAideEntry
from tests.support.dbquery import fetch_all
from tests.support.sealing_migrations import Installation, installation_before
from tests.support.server import RunningServer

NOW = datetime(2026, 11, 1, tzinfo=UTC)
CLEAR = "Patient Jane Roe, DOB 1970-01-01"
ADDRESS = "jane.roe@example.net"  # the normalised form suppressions keep
ENTRY_FIELDS = {"title": CLEAR, "start_date": "2026-12-01 09:00:00", "notes": "Jane Roe's appointment"}


@dataclass(frozen=True)
class SealedArea:
    """One sealing migration: its revision and parent, and a row in clear to convert."""

    name: str
    revision: str
    parent: str
    table: str
    row: Callable[[Installation], dict[str, Any]]
    sealed: tuple[str, ...]
    model: str  # "module:Class" read back through the ORM
    dependent_rows: Callable[[int], list[tuple[str, dict[str, Any]]]] = lambda _row_id: []
    after_migration: Callable[[Installation, int], None] | None = None


AREAS = [
    SealedArea(
        "templates",
        "74a72e6252d0",
        "0da025c2efe3",
        "email_template",
        lambda i: {
            "user_id": i.user_id,
            "account_id": i.account_id,
            "name": "t",
            "description": CLEAR,
            "subject": CLEAR,
            "html": f"<p>{CLEAR}</p>",
            "text": CLEAR,
            "shared": False,
            "tag_names": "[]",
            "created_at": NOW,
            "modified_at": NOW,
        },
        ("description", "subject", "html", "text"),
        "openlux.content.models:EmailTemplate",
    ),
    SealedArea(
        "autoresponders",
        "7af88628a048",
        "c8b714687de0",
        "autoresponder",
        lambda i: {
            "account_id": i.account_id,
            "user_id": i.user_id,
            "subject": CLEAR,
            "body_text": CLEAR,
            "body_html": f"<p>{CLEAR}</p>",
            "from_name": CLEAR,
            "interval_days": 1,
            "enabled": True,
            "created_at": NOW,
        },
        ("subject", "body_text", "body_html", "from_name"),
        "openlux.inbound.models:AutoResponder",
        dependent_rows=lambda row_id: [
            ("autoresponder_reply", {"responder_id": row_id, "sender": "jane.roe@example.net", "replied_at": NOW})
        ],
        after_migration=lambda inst, row_id: _check_reply_index(inst, row_id),
    ),
    SealedArea(
        "calendar entries",
        "56e31bad1bd0",
        "ed4b26230a33",
        "webaide",
        lambda i: {
            "account_id": i.account_id,
            "user_id": i.user_id,
            "webaide_type": "calendar",
            "name": "clinic",
            "description": CLEAR,
            "revision": 1,
            "created_at": NOW,
            "modified_at": NOW,
        },
        ("description",),
        "openlux.webaides.models:WebAide",
        dependent_rows=lambda row_id: [
            (
                "webaide_entry",
                {
                    "webaide_id": row_id,
                    "fields": json.dumps(ENTRY_FIELDS),
                    "categories": "",
                    "created_revision": 1,
                    "revision": 1,
                    "created_at": NOW,
                    "modified_at": NOW,
                },
            )
        ],
        after_migration=lambda inst, row_id: _check_entry(inst, row_id),
    ),
    SealedArea(
        "campaign subjects",
        "393cbeadbe52",
        "1d893dba2b7d",
        "marketing_campaign",
        lambda i: {
            "account_id": i.account_id,
            "user_id": i.user_id,
            "owner_key": f"u{i.user_id}",
            "name": "flu shots",
            "subject": CLEAR,
            "html": f"<p>{CLEAR}</p>",
            "text": CLEAR,
            "list_ids": "[]",
            "group_name": "",
            "from_name": "",
            "from_address": "",
            "reply_to": "",
            "status": "draft",
            "status_detail": "",
            "created_at": NOW,
            "modified_at": NOW,
            "cursor": "",
            "queued": 0,
            "suppressed": 0,
            "failed": 0,
        },
        ("subject", "html", "text"),
        "openlux.marketing.models:MarketingCampaign",
    ),
    SealedArea(
        "captured mail subjects",
        "1184533ab43d",
        "cfc675ffd51a",
        "captured_message",
        lambda i: {
            "account_id": i.account_id,
            "mail_from": "admin@example.com",
            "recipients": '["jane.roe@example.net"]',
            "subject": CLEAR,
            "size": 1,
            "mime_sealed": b"x",
            "captured_at": NOW,
        },
        ("subject",),
        "openlux.mail.models:CapturedMessage",
    ),
]


def _suppression_row(table: str) -> Callable[[Installation], dict[str, Any]]:
    def row(i: Installation) -> dict[str, Any]:
        owner = {"user_id": i.user_id} if table == "user_suppression" else {}
        extra = {"source_message_id": "", "expires_at": None} if table != "marketing_suppression" else {}
        return {
            "account_id": i.account_id,
            **owner,
            "address": ADDRESS,
            "reason": "bounce",
            "source": "api",
            "note": "",
            "created_at": NOW,
            **extra,
        }

    return row


AREAS += [
    SealedArea(
        table,
        revision,
        parent,
        table,
        _suppression_row(table),
        ("address",),
        model,
        after_migration=lambda inst, row_id, table=table: _check_address_index(inst, table, row_id),
    )
    for table, revision, parent, model in (
        ("user_suppression", "2c137991ea2a", "eb655f17218e", "openlux.suppressions.models:UserSuppression"),
        ("account_suppression", "2c137991ea2a", "eb655f17218e", "openlux.suppressions.models:AccountSuppression"),
        ("marketing_suppression", "61cd5ef15865", "393cbeadbe52", "openlux.marketing.models:MarketingSuppression"),
    )
]


SENDER = "dr.smith@clinic.example"


def _event_area(
    name: str, revision: str, parent: str, table: str, model: str, row: dict[str, Any], indexes: dict[str, str]
) -> SealedArea:
    """A table whose address columns (`indexes`: index column → address column) are sealed and indexed."""
    return SealedArea(
        name,
        revision,
        parent,
        table,
        lambda i: {"account_id": i.account_id, **row},
        tuple(indexes.values()),
        model,
        after_migration=lambda inst, row_id: _check_indexes(inst, table, row_id, indexes, row),
    )


AREAS += [
    _event_area(
        "queued message sender",
        "79a4d6e78d8c",
        "5c1e0d7a9b42",
        "outbound_message",
        "openlux.mail.models:OutboundMessage",
        {
            "channel": "api",
            "message_id": "m1@clinic.example",
            "mail_from": SENDER,
            "tls_policy": "opportunistic",
            "size": 1,
            "recipient_count": 1,
            "mime_sealed": b"x",
            "state": "sent",
            "attempts": 1,
            "created_at": NOW,
            "next_attempt_at": NOW,
            "expires_at": NOW,
        },
        {"mail_from_index": "mail_from"},
    ),
    _event_area(
        "complaint addresses",
        "4c4e5e42c189",
        "7af88628a048",
        "complaint_event",
        "openlux.inbound.models:ComplaintEvent",
        {
            "channel": "api",
            "at": NOW,
            "message_id": "",
            "sender": SENDER,
            "recipient": ADDRESS,
            "provider": "",
            "feedback_type": "abuse",
        },
        {"sender_index": "sender", "recipient_index": "recipient"},
    ),
    _event_area(
        "bounce addresses",
        "4c4e5e42c189",
        "7af88628a048",
        "bounce_event",
        "openlux.inbound.models:BounceEvent",
        {"channel": "api", "at": NOW, "recipient": ADDRESS, "kind": "hard", "status_code": "", "diagnostic": ""},
        {"recipient_index": "recipient"},
    ),
    _event_area(
        "unmatched report addresses",
        "4c4e5e42c189",
        "7af88628a048",
        "unmatched_report",
        "openlux.inbound.models:UnmatchedReport",
        {
            "at": NOW,
            "kind": "bounce",
            "sender": SENDER,
            "rcpt_to": "bounces@clinic.example",
            "message_id": "",
            "recipients": json.dumps([ADDRESS, "john.doe@example.net"]),
            "reason": "",
        },
        {"sender_index": "sender"},
    ),
    _event_area(
        "tracking event addresses",
        "844f4d0f22e6",
        "d0433e75e5f1",
        "tracking_event",
        "openlux.tracking.models:TrackingEvent",
        {
            "channel": "api",
            "kind": "open",
            "at": NOW,
            "message_id": "",
            "sender": SENDER,
            "recipient": ADDRESS,
            "url": "",
            "client_ip": "",
            "user_agent": "",
            "automated": False,
        },
        {"sender_index": "sender", "recipient_index": "recipient"},
    ),
]


AREAS_BY_TABLE = {area.table: area for area in AREAS}


async def _insert(url: str, table_name: str, row: dict[str, Any]) -> int:
    table = sa.table(table_name, sa.column("id"), *(sa.column(name) for name in row))
    engine = make_engine(url, pool_size=0)
    try:
        async with engine.begin() as conn:
            return (await conn.execute(sa.insert(table).values(**row).returning(table.c.id))).scalar_one()
    finally:
        await engine.dispose()


async def _read_model(inst: Installation, area: SealedArea, row_id: int) -> Any:
    module, name = area.model.split(":")
    model = getattr(__import__(module, fromlist=[name]), name)
    ctx = AppContext.build(inst.settings)
    try:
        async with ctx.db.sessions() as session:
            return await session.get(model, row_id)
    finally:
        await ctx.close()


@pytest.mark.parametrize("area", AREAS, ids=[a.name for a in AREAS])
def test_the_sealing_migration_converts_rows_written_in_clear(
    fresh_database: tuple[str, Settings], area: SealedArea
) -> None:
    installation = installation_before(*fresh_database, area.revision, base_without=EVERY_SEALING_REVISION)
    row_id = asyncio.run(_insert(installation.url, area.table, area.row(installation)))
    for table, row in area.dependent_rows(row_id):
        asyncio.run(_insert(installation.url, table, row))
    with pytest.raises(MasterKeyNeeded):
        asyncio.run(upgrade_to_heads(installation.url))  # no key: it stops rather than leave plaintext
    asyncio.run(upgrade_to_heads(installation.url, box=master_box(installation.settings)))
    [stored] = fetch_all(installation.url, f"SELECT * FROM {area.table} WHERE id = :id", id=row_id)
    for column in area.sealed:
        assert str(stored[column]).startswith("ol1:") and "Jane Roe" not in str(stored[column]), column
    read = asyncio.run(_read_model(installation, area, row_id))
    clear = area.row(installation)
    for column in area.sealed:
        assert getattr(read, column) == clear[column], column
    if area.after_migration is not None:
        area.after_migration(installation, row_id)


def _check_reply_index(inst: Installation, responder_id: int) -> None:
    [reply] = fetch_all(inst.url, "SELECT * FROM autoresponder_reply WHERE responder_id = :id", id=responder_id)
    assert "sender" not in reply and "jane.roe" not in repr(reply)
    assert reply["sender_index"] == blind_index("jane.roe@example.net", master_box(inst.settings))


def _check_address_index(inst: Installation, table: str, row_id: int) -> None:
    """The migration filled the blind index, and the ORM finds the row by the address, in any case."""
    [row] = fetch_all(inst.url, f"SELECT * FROM {table} WHERE id = :id", id=row_id)
    assert "jane.roe" not in repr(row)
    assert row["address_index"] == address_index(ADDRESS, master_box(inst.settings))
    assert asyncio.run(_find_by_address(inst, table, ADDRESS.upper())) == [row_id]


async def _find_by_address(inst: Installation, table: str, address: str) -> list[int]:
    model = next(m.class_ for m in Base.registry.mappers if getattr(m.class_, "__tablename__", "") == table)
    ctx = AppContext.build(inst.settings)
    try:
        async with ctx.db.sessions() as session:
            return list((await session.scalars(sa.select(model.id).where(model.address_index == address))).all())
    finally:
        await ctx.close()


def _check_indexes(inst: Installation, table: str, row_id: int, indexes: dict[str, str], clear: dict[str, Any]) -> None:
    """Each index column holds the HMAC of its address; the ORM finds the row by the address in any case."""
    [row] = fetch_all(inst.url, f"SELECT * FROM {table} WHERE id = :id", id=row_id)
    assert "jane.roe" not in repr(row) and "dr.smith" not in repr(row)
    box = master_box(inst.settings)
    model = next(m.class_ for m in Base.registry.mappers if getattr(m.class_, "__tablename__", "") == table)
    for index, column in indexes.items():
        assert row[index] == address_index(clear[column], box), index
        found = asyncio.run(_find_by_index(inst, getattr(model, index), clear[column].upper(), model.id))
        assert found == [row_id], index
    if table == "unmatched_report":
        assert str(row["recipients"]).startswith("ol1:")
        assert row["recipients_index"] == address_list_index([ADDRESS, "john.doe@example.net"], box)
        named = model.recipients_index.contains(sa.type_coerce("JOHN.doe@example.net", AddressIndex))
        assert asyncio.run(_find_where(inst, model.id, named)) == [row_id]
        read = asyncio.run(_read_model(inst, AREAS_BY_TABLE["unmatched_report"], row_id))
        assert read.recipients == [ADDRESS, "john.doe@example.net"] and read.rcpt_to == "bounces@clinic.example"


async def _find_by_index(inst: Installation, column: Any, address: str, key: Any) -> list[int]:
    return await _find_where(inst, key, column == address)


async def _find_where(inst: Installation, key: Any, clause: Any) -> list[int]:
    ctx = AppContext.build(inst.settings)
    try:
        async with ctx.db.sessions() as session:
            return list((await session.scalars(sa.select(key).where(clause))).all())
    finally:
        await ctx.close()


def _check_entry(inst: Installation, webaide_id: int) -> None:
    [entry] = fetch_all(inst.url, "SELECT * FROM webaide_entry WHERE webaide_id = :id", id=webaide_id)
    assert str(entry["fields"]).startswith("ol1:") and "Jane Roe" not in str(entry["fields"])
    assert asyncio.run(_read_entry_fields(inst, entry["id"])) == ENTRY_FIELDS


async def _read_entry_fields(inst: Installation, entry_id: int) -> Any:
    ctx = AppContext.build(inst.settings)
    try:
        async with ctx.db.sessions() as session:
            return (await session.get(WebAideEntry, entry_id)).fields
    finally:
        await ctx.close()


def _stored_text(server: RunningServer, table: str) -> str:
    return repr(fetch_all(server.database_url, f"SELECT * FROM {table}"))


def test_templates_written_through_the_api_are_sealed_and_read_back_unchanged(
    server: RunningServer, user_api: Client
) -> None:
    made = user_api.create_email_template(name="sealed-at-rest", subject=CLEAR, html=f"<b>{CLEAR}</b>", text=CLEAR)
    got = user_api.get_email_template(template_id=made["template_id"])
    assert got["subject"] == CLEAR and got["html"] == f"<b>{CLEAR}</b>" and got["text"] == CLEAR
    assert "Jane Roe" not in _stored_text(server, "email_template")


CONTACTS = SealedArea(
    "contacts",
    "5834b30236ac,3c73b87c60bd",  # contacts and campaign messages (marketing), unsubscribe events (tracking)
    "61cd5ef15865",
    "marketing_contact",
    lambda _i: {},
    ("email",),
    "openlux.marketing.models:MarketingContact",
)
# What every test here starts before: the schema without all of them is built once and copied (MigrationBases).
EVERY_SEALING_REVISION = ",".join(dict.fromkeys(r for area in [*AREAS, CONTACTS] for r in area.revision.split(",")))


def test_the_contact_sealing_migrations_convert_contacts_campaign_messages_and_unsubscribes(
    fresh_database: tuple[str, Settings],
) -> None:
    inst = installation_before(*fresh_database, CONTACTS.revision, base_without=EVERY_SEALING_REVISION)
    owner = {"account_id": inst.account_id, "user_id": inst.user_id, "owner_key": f"u{inst.user_id}"}
    list_id = asyncio.run(
        _insert(
            inst.url,
            "marketing_list",
            {
                **owner,
                "name": "patients",
                "description": "",
                "from_name": "",
                "from_address": "",
                "reply_to": "",
                "fields": "[]",
                "created_at": NOW,
                "modified_at": NOW,
            },
        )
    )
    contact = {
        "list_id": list_id,
        "email": ADDRESS,
        "status": "subscribed",
        "fields": "{}",
        "created_at": NOW,
        "modified_at": NOW,
    }
    contact_id = asyncio.run(_insert(inst.url, "marketing_contact", contact))
    campaign = {**AREAS_BY_TABLE["marketing_campaign"].row(inst), "status": "sending", "cursor": ADDRESS}
    campaign_id = asyncio.run(_insert(inst.url, "marketing_campaign", campaign))
    message = {
        "campaign_id": campaign_id,
        "contact_id": contact_id,
        "email": ADDRESS,
        "state": "queued",
        "detail": "",
        "created_at": NOW,
    }
    asyncio.run(_insert(inst.url, "marketing_campaign_message", message))
    unsubscribe = {
        "account_id": inst.account_id,
        "campaign_id": campaign_id,
        "contact_id": contact_id,
        "email": ADDRESS,
        "at": NOW,
        "method": "page",
        "scope": "list",
        "client_ip": "",
        "user_agent": "",
    }
    asyncio.run(_insert(inst.url, "unsubscribe_event", unsubscribe))
    with pytest.raises(MasterKeyNeeded):
        asyncio.run(upgrade_to_heads(inst.url))
    box = master_box(inst.settings)
    asyncio.run(upgrade_to_heads(inst.url, box=box))
    for table in ("marketing_contact", "marketing_campaign_message", "unsubscribe_event"):
        [row] = fetch_all(inst.url, f"SELECT * FROM {table}")
        assert str(row["email"]).startswith("ol1:") and "jane.roe" not in repr(row), table
        if table != "unsubscribe_event":
            assert row["email_index"] == address_index(ADDRESS, box), table
    # an in-flight campaign walks its contacts again, in index order, skipping what it already sent
    assert fetch_all(inst.url, "SELECT cursor FROM marketing_campaign")[0]["cursor"] == ""
    model = _model_of("marketing_contact")
    assert asyncio.run(_find_by_index(inst, model.email_index, ADDRESS.upper(), model.id)) == [contact_id]
    assert asyncio.run(_read_model(inst, CONTACTS, contact_id)).email == ADDRESS


def _model_of(table: str) -> Any:
    return next(m.class_ for m in Base.registry.mappers if getattr(m.class_, "__tablename__", "") == table)
