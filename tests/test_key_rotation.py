"""Issue 9 item 11: a master key file outside the data directory, and `openlux key rotate` (resumable)."""

from __future__ import annotations

import asyncio
import base64
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import select

from openlux.accounts.models import User
from openlux.config import Settings
from openlux.content.models import EmailTemplate
from openlux.core.context import AppContext
from openlux.core.crypto import SecretBox, read_key_file
from openlux.core.sealing import column_context
from openlux.keyrotation import text_columns
from openlux.suppressions.service import find_suppressed, suppress
from tests.support.cli import invoke, run_command
from tests.support.databases import database_url, drop_postgres_database
from tests.support.dbquery import fetch_all

TEMPLATES = 7
SECRET = "Jane Roe's results are in"


@pytest.fixture
def installation(backend: str, tmp_path: Path) -> Iterator[tuple[dict[str, str], Path]]:
    """`openlux init` with OPENLUX_MASTER_KEY_FILE outside the data directory; the env and the key file."""
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    key_file = keys / "openlux.key"
    url = database_url(backend, str(tmp_path))
    env = {
        "OPENLUX_DATA_DIR": str(tmp_path / "data"),
        "OPENLUX_DATABASE_URL": url,
        "OPENLUX_MASTER_KEY_FILE": str(key_file),
        "OPENLUX_MASTER_KEY": None,  # unset (CliRunner): the key lives in the file
    }
    invoke("init", "--json", env=env, check=True)
    try:
        yield env, key_file
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)


def _settings(env: dict[str, str]) -> Settings:
    return Settings.load(
        data_dir=Path(env["OPENLUX_DATA_DIR"]),
        database_url=env["OPENLUX_DATABASE_URL"],
        master_key_file=Path(env["OPENLUX_MASTER_KEY_FILE"]),
    )


async def _add_templates(env: dict[str, str]) -> None:
    ctx = AppContext.build(_settings(env))
    try:
        async with ctx.db.transaction() as session:
            user = await session.scalar(select(User).limit(1))
            assert user is not None
            for n in range(TEMPLATES):
                session.add(
                    EmailTemplate(
                        user_id=user.id,
                        account_id=user.account_id,
                        name=f"t{n}",
                        subject=f"{SECRET} {n}",
                        html="",
                        text=SECRET,
                    )
                )
    finally:
        await ctx.close()


async def _subjects(env: dict[str, str]) -> list[str]:
    ctx = AppContext.build(_settings(env))
    try:
        async with ctx.db.sessions() as session:
            return list((await session.scalars(select(EmailTemplate.subject).order_by(EmailTemplate.id))).all())
    finally:
        await ctx.close()


def _rotate(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """`openlux key rotate` in this process (CliRunner); the refusal test runs the real command once."""
    return invoke("key", "rotate", *args, env=env)


def _batches_before(env: dict[str, str], table: str, column: str, *, size: int) -> int:
    """Batches of `size` a rotation spends on the sealed columns it walks before table.column."""
    batches = 0
    for walked_table, walked_column, _purpose in text_columns():
        if (walked_table, walked_column) == (table, column):
            return batches
        sql = f"SELECT count(*) AS n FROM {walked_table} WHERE {walked_column} IS NOT NULL"
        batches += -(-fetch_all(env["OPENLUX_DATABASE_URL"], sql)[0]["n"] // size)
    raise AssertionError(f"{table}.{column} is not a sealed column")


def _opens_with(box: SecretBox, stored: str, purpose: str) -> bool:
    try:
        box.open(base64.b64decode(stored[4:]), context=column_context(purpose))
    except InvalidTag:
        return False
    return True


def test_interrupted_rotation_resumes_and_ends_with_only_the_new_key(installation: tuple[dict[str, str], Path]) -> None:
    env, key_file = installation
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert not (Path(env["OPENLUX_DATA_DIR"]) / "master.key").exists()  # the key lives where it was told to
    asyncio.run(_add_templates(env))
    old_key = read_key_file(key_file).current

    earlier = _batches_before(env, "email_template", "description", size=2)  # users' settings, audit rows …
    stopped = _rotate(env, "--batch-size", "2", "--stop-after-batches", str(earlier + 2))
    assert stopped.returncode == 3, stopped.stdout + stopped.stderr
    during = read_key_file(key_file)
    assert during.previous == (old_key,) and during.current != old_key and during.derive == old_key
    new_box = SecretBox(base64.b64decode(during.current))
    # Sealed columns are walked in table order, column by column: after the columns before it, two
    # batches of two moved 4 of the description's 7 values and none of the later columns'.
    stored = fetch_all(env["OPENLUX_DATABASE_URL"], "SELECT description, subject FROM email_template ORDER BY id")
    moved = [_opens_with(new_box, row["description"], "email_template.description") for row in stored]
    assert moved == [True] * 4 + [False] * 3, moved
    assert not any(_opens_with(new_box, row["subject"], "email_template.subject") for row in stored)
    # every row still reads (both keys are in the file)
    assert asyncio.run(_subjects(env)) == [f"{SECRET} {n}" for n in range(TEMPLATES)]

    resumed = _rotate(env)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert "Resuming" in resumed.stdout and "email_template.subject" in resumed.stdout
    after = read_key_file(key_file)
    assert after.current == during.current and after.previous == () and after.derive == old_key
    only_new = SecretBox(base64.b64decode(after.current))
    for table, column in (("email_template", "subject"), ("email_template", "text"), ("email_template", "html")):
        for row in fetch_all(env["OPENLUX_DATABASE_URL"], f"SELECT {column} FROM {table}"):
            assert _opens_with(only_new, row[column], f"{table}.{column}"), (table, column)
    for row in fetch_all(env["OPENLUX_DATABASE_URL"], "SELECT secret_sealed FROM api_integration"):
        only_new.open(bytes(row["secret_sealed"]), context=b"api_integration")
    listed = invoke("user", "list", env=env)
    assert listed.returncode == 0 and "admin@example.com" in listed.stdout


def test_rotation_refuses_a_key_given_in_the_environment(installation: tuple[dict[str, str], Path]) -> None:
    env, key_file = installation
    # The `key` command group's process smoke test: the real command, its exit status and stderr.
    given = {**{k: v for k, v in env.items() if v is not None}, "OPENLUX_MASTER_KEY": read_key_file(key_file).current}
    refused = run_command("key", "rotate", env=given)
    assert refused.returncode == 1 and "OPENLUX_MASTER_KEY_FILE" in refused.stderr


ADDRESSES = ("jane.roe@clinic.example", "john.doe@clinic.example")


async def _suppress(env: dict[str, str]) -> None:
    ctx = AppContext.build(_settings(env))
    try:
        async with ctx.db.transaction() as session:
            user = await session.scalar(select(User).limit(1))
            assert user is not None
            for address in ADDRESSES:
                await suppress(
                    session, account_id=user.account_id, user_id=user.id, address=address, reason="bounce", source="api"
                )
    finally:
        await ctx.close()


async def _suppressed(env: dict[str, str]) -> set[str]:
    ctx = AppContext.build(_settings(env))
    try:
        async with ctx.db.sessions() as session:
            user = await session.scalar(select(User).limit(1))
            assert user is not None
            wanted = [a.upper() for a in ADDRESSES] + ["nobody@clinic.example"]
            return set(await find_suppressed(session, account_id=user.account_id, user_id=user.id, addresses=wanted))
    finally:
        await ctx.close()


def test_rotation_reseals_addresses_and_keeps_their_blind_indexes(installation: tuple[dict[str, str], Path]) -> None:
    """Sealed addresses move to the new key; their blind indexes (derived from the installation's first
    key) stay as they are, so lookups by address keep matching without re-indexing."""
    env, key_file = installation
    asyncio.run(_suppress(env))
    before = fetch_all(env["OPENLUX_DATABASE_URL"], "SELECT address, address_index FROM user_suppression ORDER BY id")
    rotated = _rotate(env)
    assert rotated.returncode == 0, rotated.stdout + rotated.stderr
    assert "user_suppression.address" in rotated.stdout
    only_new = SecretBox(base64.b64decode(read_key_file(key_file).current))
    after = fetch_all(env["OPENLUX_DATABASE_URL"], "SELECT address, address_index FROM user_suppression ORDER BY id")
    assert [r["address_index"] for r in after] == [r["address_index"] for r in before]
    assert all(a["address"] != b["address"] for a, b in zip(after, before, strict=True))  # re-sealed
    assert all(_opens_with(only_new, r["address"], "user_suppression.address") for r in after)
    assert "jane.roe" not in repr(after)
    assert asyncio.run(_suppressed(env)) == set(ADDRESSES)


def test_rotation_walks_every_sealed_address_column() -> None:
    """Every address column sealed by issue 9 item 11 is a SealedText column `openlux key rotate` walks."""
    walked = {purpose for _table, _column, purpose in text_columns()}
    assert {
        "user_suppression.address",
        "account_suppression.address",
        "marketing_suppression.address",
        "outbound_message.mail_from",
        "outbound_recipient.address",
        "tracking_event.sender",
        "tracking_event.recipient",
        "bounce_event.recipient",
        "complaint_event.sender",
        "complaint_event.recipient",
        "unmatched_report.sender",
        "unmatched_report.rcpt_to",
        "unmatched_report.recipients",
        "marketing_contact.email",
        "marketing_campaign_message.email",
        "unsubscribe_event.email",
    } <= walked
