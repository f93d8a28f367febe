"""Issue 9 item 11: the migrations that seal user contact fields, contact custom field values, captured
mail and refused-send addresses and hosted-mailbox envelopes convert rows written in clear.

Each test builds the schema as it was before its revision (tests/support/sealing_migrations.py), writes
rows in clear with raw SQL, and upgrades: without the master key the upgrade stops rather than leave
plaintext; with it, raw SQL finds no plaintext, the models read the values back unchanged and the new
blind indexes find the rows by address, in any case.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, type_coerce

from openlux.accounts.models import User
from openlux.config import Settings
from openlux.core import sealing
from openlux.core.context import AppContext, master_box
from openlux.db import AddressIndex
from openlux.db.migrate import upgrade_to_heads
from openlux.db.sealed_columns import MasterKeyNeeded
from openlux.inbound.models import MailboxMessage
from openlux.mail import outbox
from openlux.mail.models import CapturedMessage, RejectedSend
from openlux.marketing.models import MarketingContact, MarketingList
from tests.support.dbquery import fetch_all
from tests.support.sealing_migrations import Installation, insert_row, installation_before, read_rows, schema_before

NOW = datetime(2026, 11, 1, tzinfo=UTC)
PATIENT = "jane.roe@example.net"
DOCTOR = "dr.smith@clinic.example"
CONTACT = {"contact": "Jane Roe", "phone1": "+1 555 0100", "street1": "1 Elm Street", "city": "Springfield"}
FIELDS = {"Diagnosis": "Type 2 diabetes", "Birthday": "1970-01-01"}
# What every test here starts before: the schema without all of them is built once and copied
# (tests.support.migrations.MigrationBases).
EVERY_REVISION_TESTED = "035ea423aabe,32bfac2df03a,47b275357ea2,ba5cf2726054"


def _upgrade(inst: Installation) -> None:
    """The upgrade refuses without the key, then seals with it."""
    with pytest.raises(MasterKeyNeeded):
        asyncio.run(upgrade_to_heads(inst.url))
    asyncio.run(upgrade_to_heads(inst.url, box=master_box(inst.settings)))


def _sealed(value: object) -> bool:
    return isinstance(value, str) and sealing.is_sealed(value)


def test_user_contact_fields_are_sealed_by_their_migration(fresh_database: tuple[str, Settings]) -> None:
    url, settings = fresh_database
    schema_before(
        url, "035ea423aabe", base_without=EVERY_REVISION_TESTED
    )  # initialisation writes users through today's (sealing) model: by hand
    account_id = insert_row(url, "account", {"name": "Clinic", "settings": "{}", "created_at": NOW})
    domain_id = insert_row(
        url,
        "domain",
        {
            "account_id": account_id,
            "name": "example.com",
            "is_enabled": True,
            "is_verified": True,
            "verification_token": "",
            "is_hipaa": False,
            "settings": "{}",
            "created_at": NOW,
            "modified_at": NOW,
        },
    )
    for login, contact in (("admin@example.com", {"email1": "admin@example.com"}), ("jane@example.com", CONTACT)):
        insert_row(
            url,
            "app_user",
            {
                "account_id": account_id,
                "domain_id": domain_id,
                "login": login,
                "password_hash": "x",
                "status": "enabled",
                "services": "[]",
                "flags": "[]",
                "contact_fields": json.dumps(contact),
                "settings": "{}",
                "disk_quota": 1024.0,
                "disk_usage": 0.0,
                "password_changed_at": NOW,
                "created_at": NOW,
                "modified_at": NOW,
            },
        )
    inst = Installation(url, settings, account_id, 0)
    _upgrade(inst)
    raw = fetch_all(inst.url, "SELECT login, contact_fields FROM app_user ORDER BY id")
    assert all(_sealed(row["contact_fields"]) for row in raw)
    assert "Jane Roe" not in repr(raw) and "Elm Street" not in repr(raw)
    assert [row["login"] for row in raw] == ["admin@example.com", "jane@example.com"]  # the login stays clear
    [(jane,)] = read_rows(inst.settings, select(User.contact_fields).where(User.login == "jane@example.com"))
    assert jane == CONTACT


def test_contact_custom_field_values_are_sealed_by_their_migration(fresh_database: tuple[str, Settings]) -> None:
    inst = installation_before(*fresh_database, "32bfac2df03a", base_without=EVERY_REVISION_TESTED)
    box = master_box(inst.settings)
    list_id = asyncio.run(_add_list(inst))
    contact_id = insert_row(
        inst.url,
        "marketing_contact",
        {
            "list_id": list_id,
            "email": sealing.seal_value(PATIENT, "marketing_contact.email", box),  # sealed by an earlier revision
            "email_index": sealing.address_index(PATIENT, box),
            "status": "subscribed",
            "fields": json.dumps(FIELDS),
            "created_at": NOW,
            "modified_at": NOW,
        },
    )
    _upgrade(inst)
    [raw] = fetch_all(inst.url, "SELECT fields FROM marketing_contact WHERE id = :id", id=contact_id)
    assert _sealed(raw["fields"]) and "diabetes" not in raw["fields"]
    statement = select(MarketingContact.email, MarketingContact.fields).where(
        MarketingContact.email_index == PATIENT.upper()
    )
    assert read_rows(inst.settings, statement) == [(PATIENT, FIELDS)]


async def _add_list(inst: Installation) -> int:
    ctx = AppContext.build(inst.settings)
    try:
        async with ctx.db.transaction() as session:
            row = MarketingList(
                account_id=inst.account_id, user_id=inst.user_id, owner_key=f"u{inst.user_id}", name="patients"
            )
            session.add(row)
            await session.flush()
            return row.id
    finally:
        await ctx.close()


def test_captured_and_refused_send_addresses_are_sealed_by_their_migration(
    fresh_database: tuple[str, Settings],
) -> None:
    inst = installation_before(*fresh_database, "47b275357ea2", base_without=EVERY_REVISION_TESTED)
    captured_id = insert_row(
        inst.url,
        "captured_message",
        {
            "account_id": inst.account_id,
            "mail_from": DOCTOR,
            "recipients": json.dumps([PATIENT, "john.doe@example.net"]),
            "subject": "",
            "size": 1,
            "mime_sealed": b"x",
            "captured_at": NOW,
        },
    )
    rejected_id = insert_row(
        inst.url,
        "rejected_send",
        {
            "at": NOW,
            "account_id": inst.account_id,
            "user_id": inst.user_id,
            "channel": "api",
            "mail_from": DOCTOR,
            "recipients": json.dumps([PATIENT]),
            "reason": f"Every recipient of this message is suppressed ({PATIENT}).",
            "details": "{}",
        },
    )
    _upgrade(inst)
    box = master_box(inst.settings)

    [captured] = fetch_all(inst.url, "SELECT * FROM captured_message WHERE id = :id", id=captured_id)
    assert "jane.roe" not in repr(captured) and "dr.smith" not in repr(captured)
    assert _sealed(captured["mail_from"]) and _sealed(captured["recipients"])
    assert captured["mail_from_index"] == sealing.address_index(DOCTOR, box)
    assert captured["recipients_index"] == sealing.address_list_index([PATIENT, "john.doe@example.net"], box)
    to_john = CapturedMessage.recipients_index.contains(type_coerce("John.Doe@example.net", AddressIndex))
    assert read_rows(inst.settings, select(CapturedMessage.id).where(to_john)) == [(captured_id,)]
    listed = asyncio.run(_list_captured(inst, DOCTOR.upper()))
    assert [(m["id"], m["mail_from"], m["recipients"]) for m in listed] == [
        (captured_id, DOCTOR, [PATIENT, "john.doe@example.net"])
    ]

    [rejected] = fetch_all(inst.url, "SELECT * FROM rejected_send WHERE id = :id", id=rejected_id)
    assert "jane.roe" not in repr(rejected) and "dr.smith" not in repr(rejected)
    assert all(_sealed(rejected[column]) for column in ("mail_from", "recipients", "reason"))
    [opened] = read_rows(inst.settings, select(RejectedSend).where(RejectedSend.id == rejected_id))
    assert (opened[0].mail_from, opened[0].recipients) == (DOCTOR, [PATIENT])
    assert PATIENT in opened[0].reason


async def _list_captured(inst: Installation, address: str) -> list[dict]:
    ctx = AppContext.build(inst.settings)
    try:
        async with ctx.db.sessions() as session:
            return await outbox.list_captured(session=session, address=address)
    finally:
        await ctx.close()


def test_mailbox_envelopes_are_sealed_by_their_migration(fresh_database: tuple[str, Settings]) -> None:
    inst = installation_before(*fresh_database, "ba5cf2726054", base_without=EVERY_REVISION_TESTED)
    row_id = insert_row(
        inst.url,
        "mailbox_message",
        {
            "account_id": inst.account_id,
            "user_id": inst.user_id,
            "mail_from": PATIENT,
            "rcpt_to": "admin@example.com",
            "size": 1,
            "content": b"x",
            "received_at": NOW,
        },
    )
    _upgrade(inst)
    [raw] = fetch_all(inst.url, "SELECT mail_from, rcpt_to FROM mailbox_message WHERE id = :id", id=row_id)
    assert _sealed(raw["mail_from"]) and _sealed(raw["rcpt_to"]) and "jane.roe" not in repr(raw)
    statement = select(MailboxMessage.mail_from, MailboxMessage.rcpt_to).where(MailboxMessage.id == row_id)
    assert read_rows(inst.settings, statement) == [(PATIENT, "admin@example.com")]
