"""Issue 9 item 11: `openlux key rotate` re-seals user contact fields, contact custom field values,
captured-mail and refused-send addresses and hosted-mailbox envelopes; blind indexes stay valid.

A real `openlux init` with the key file outside the data directory, rows written through the models,
then the real `openlux key rotate` process on both backends.
"""

from __future__ import annotations

import asyncio
import base64
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import select

from openlux.accounts.models import User
from openlux.config import Settings
from openlux.core.context import AppContext
from openlux.core.crypto import SecretBox, read_key_file
from openlux.core.sealing import column_context
from openlux.inbound.models import MailboxMessage
from openlux.keyrotation import text_columns
from openlux.mail import outbox
from openlux.mail.models import RejectedSend
from openlux.marketing.models import MarketingContact, MarketingList
from tests.support.cli import invoke
from tests.support.databases import database_url, drop_postgres_database
from tests.support.dbquery import fetch_all
from tests.support.server import openlux_bin

PATIENT = "jane.roe@clinic.example"
DOCTOR = "dr.smith@clinic.example"
CONTACT = {"contact": "Jane Roe", "phone1": "+1 555 0100"}
FIELDS = {"Diagnosis": "Type 2 diabetes"}
# (table, column) of every value this round seals, and the blind indexes that must survive a rotation
SEALED = (
    ("app_user", "contact_fields"),
    ("marketing_contact", "fields"),
    ("captured_message", "mail_from"),
    ("captured_message", "recipients"),
    ("rejected_send", "mail_from"),
    ("rejected_send", "recipients"),
    ("rejected_send", "reason"),
    ("mailbox_message", "mail_from"),
    ("mailbox_message", "rcpt_to"),
)
INDEXES = (("captured_message", "mail_from_index"), ("captured_message", "recipients_index"))


def test_rotation_walks_every_column_sealed_in_this_round() -> None:
    walked = {(table, column) for table, column, _purpose in text_columns()}
    assert set(SEALED) <= walked


@pytest.fixture
def installation(backend: str, tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """`openlux init` with OPENLUX_MASTER_KEY_FILE outside the data directory; the env and the key file."""
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    key_file = keys / "openlux.key"
    url = database_url(backend, str(tmp_path))
    env = dict(
        os.environ,
        OPENLUX_DATA_DIR=str(tmp_path / "data"),
        OPENLUX_DATABASE_URL=url,
        OPENLUX_MASTER_KEY_FILE=str(key_file),
    )
    env.pop("OPENLUX_MASTER_KEY", None)
    invoke("init", "--json", env=env, check=True)
    try:
        yield env, key_file
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)


def _context(env: dict[str, str]) -> AppContext:
    return AppContext.build(
        Settings.load(
            data_dir=Path(env["OPENLUX_DATA_DIR"]),
            database_url=env["OPENLUX_DATABASE_URL"],
            master_key_file=Path(env["OPENLUX_MASTER_KEY_FILE"]),
        )
    )


async def _write_rows(env: dict[str, str]) -> None:
    ctx = _context(env)
    try:
        async with ctx.db.transaction() as session:
            user = await session.scalar(select(User).limit(1))
            assert user is not None
            user.contact_fields = CONTACT
            patients = MarketingList(
                account_id=user.account_id, user_id=user.id, owner_key=f"u{user.id}", name="patients"
            )
            session.add(patients)
            await session.flush()
            session.add(MarketingContact(list_id=patients.id, email=PATIENT, fields=FIELDS))
            session.add(
                RejectedSend(
                    account_id=user.account_id,
                    user_id=user.id,
                    channel="api",
                    mail_from=DOCTOR,
                    recipients=[PATIENT],
                    reason=f"{PATIENT} is suppressed",
                )
            )
            session.add(
                MailboxMessage(
                    account_id=user.account_id,
                    user_id=user.id,
                    mail_from=PATIENT,
                    rcpt_to=DOCTOR,
                    content=ctx.box.seal(b"x", context=b"mailbox_message"),
                )
            )
            account_id = user.account_id
        await outbox.capture(
            ctx, account_id=account_id, outbound_message_id=None, mail_from=DOCTOR, recipients=[PATIENT], mime=b"x"
        )
    finally:
        await ctx.close()


async def _read_back(env: dict[str, str]) -> tuple[object, ...]:
    ctx = _context(env)
    try:
        async with ctx.db.sessions() as session:
            contact = await session.scalar(select(User.contact_fields).limit(1))
            fields = await session.scalar(
                select(MarketingContact.fields).where(MarketingContact.email_index == PATIENT)
            )
            rejected = await session.scalar(select(RejectedSend))
            mailbox = await session.scalar(select(MailboxMessage))
            assert rejected is not None and mailbox is not None
            captured = await outbox.list_captured(session=session, address=PATIENT.upper())
            return (
                contact,
                fields,
                (rejected.mail_from, rejected.recipients, rejected.reason),
                (mailbox.mail_from, mailbox.rcpt_to),
                [(m["mail_from"], m["recipients"]) for m in captured],
            )
    finally:
        await ctx.close()


def _raw(env: dict[str, str], table: str, columns: list[str]) -> list[dict]:
    return fetch_all(env["OPENLUX_DATABASE_URL"], f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")


def _opens_with(box: SecretBox, stored: str, purpose: str) -> bool:
    try:
        box.open(base64.b64decode(stored[4:]), context=column_context(purpose))
    except InvalidTag:
        return False
    return True


def test_rotation_reseals_them_and_keeps_the_blind_indexes(installation: tuple[dict[str, str], Path]) -> None:
    env, key_file = installation
    asyncio.run(_write_rows(env))
    expected = (
        CONTACT,
        FIELDS,
        (DOCTOR, [PATIENT], f"{PATIENT} is suppressed"),
        (PATIENT, DOCTOR),
        [(DOCTOR, [PATIENT])],
    )
    assert asyncio.run(_read_back(env)) == expected
    before = {(table, column): _raw(env, table, [column]) for table, column in (*SEALED, *INDEXES)}

    rotated = subprocess.run([openlux_bin(), "key", "rotate"], env=env, capture_output=True, text=True, timeout=300)
    assert rotated.returncode == 0, rotated.stdout + rotated.stderr
    only_new = SecretBox(base64.b64decode(read_key_file(key_file).current))
    for table, column in SEALED:
        after = _raw(env, table, [column])
        assert after and all(a != b for a, b in zip(after, before[(table, column)], strict=True)), (table, column)
        assert all(_opens_with(only_new, row[column], f"{table}.{column}") for row in after), (table, column)
        assert "jane.roe" not in repr(after) and "Jane Roe" not in repr(after), (table, column)
    for table, column in INDEXES:
        assert _raw(env, table, [column]) == before[(table, column)], (table, column)  # derived from the first key
    assert asyncio.run(_read_back(env)) == expected  # lookups by address still match
