"""The suite's PostgreSQL copies: a copy handed back is reused only when it is the migrated template again."""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import pytest

from tests.support.databases import REUSED_COPIES, TEMPLATES, asyncpg_dsn, database_url, drop_postgres_database


async def contents(url: str) -> dict[str, Any]:
    """Every public table's rows and every sequence's position."""
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        tables = [r[0] for r in await conn.fetch("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        rows = {t: sorted(map(tuple, await conn.fetch(f'SELECT * FROM "{t}"')), key=repr) for t in tables}
        sequences = dict(
            await conn.fetch("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        )
        return {"rows": rows, "sequences": sequences}
    finally:
        await conn.close()


async def write_like_a_test(url: str) -> None:
    """Rows in a parent and a child table (so the reset must delete children first), a changed seed row."""
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        account = await conn.fetchval(
            "INSERT INTO account (name, settings, created_at) VALUES ('Acme', '{}', now()) RETURNING id"
        )
        await conn.execute(
            "INSERT INTO domain (account_id, name, is_enabled, is_verified, is_hipaa, settings, created_at, modified_at)"
            " VALUES ($1, 'acme.example', true, true, false, '{}', now(), now())",
            account,
        )
        await conn.execute("UPDATE auth_generation SET value = value + 7")
    finally:
        await conn.close()


@pytest.fixture
def copy_url(tmp_path: Any) -> str:
    return database_url("postgresql", str(tmp_path))


def test_a_copy_handed_back_is_the_template_again_and_is_reused(copy_url: str) -> None:
    template = asyncio.run(contents(TEMPLATES.postgres()))
    asyncio.run(write_like_a_test(copy_url))
    assert asyncio.run(contents(copy_url)) != template
    drop_postgres_database(copy_url)
    again = database_url("postgresql", "")
    try:
        assert again == copy_url  # reused, not copied again
        assert asyncio.run(contents(again)) == template  # rows and sequence positions as the template's
    finally:
        drop_postgres_database(again)


def test_a_copy_whose_schema_changed_or_that_is_still_in_use_is_dropped(copy_url: str) -> None:
    async def alter() -> None:
        conn = await asyncpg.connect(asyncpg_dsn(copy_url))
        await conn.execute("ALTER TABLE account ADD COLUMN leftover text")
        await conn.close()

    asyncio.run(alter())
    drop_postgres_database(copy_url)
    assert copy_url not in REUSED_COPIES.free

    second = database_url("postgresql", "")

    async def held() -> None:
        conn = await asyncpg.connect(asyncpg_dsn(second))
        try:
            await asyncio.to_thread(drop_postgres_database, second)
        finally:
            await conn.close()

    asyncio.run(held())
    assert second not in REUSED_COPIES.free
