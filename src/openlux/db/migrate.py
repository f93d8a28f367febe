"""Alembic, driven from code: `upgrade_to_heads(url)` applies every area's migration branch."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from openlux.core.crypto import SecretBox
from openlux.db import make_engine
from openlux.db.startup_lock import file_lock, lock_connection

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    """An Alembic Config pointing at the packaged migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    # STYLE.md §1: migration files are named YYYY-MM-DD_<rev>_<slug>.py
    cfg.set_main_option("file_template", "%%(year)d-%%(month).2d-%%(day).2d_%%(rev)s_%%(slug)s")
    return cfg


async def upgrade_to_heads(url: str, *, box: SecretBox | None = None) -> None:
    """Apply all pending migrations of every branch (each area keeps its own branch).

    `box` (the master key) lets migrations that seal columns encrypt existing rows; without it they
    stop when there are rows to convert (openlux.db.sealed_columns).
    """
    engine = make_engine(url, pool_size=0)
    try:
        async with file_lock(url), engine.begin() as conn:
            await conn.run_sync(lock_connection)  # processes starting together migrate one after the other
            await conn.run_sync(_upgrade, url, box)
    finally:
        await engine.dispose()


def _upgrade(connection: Connection, url: str, box: SecretBox | None) -> None:
    cfg = alembic_config(url)
    cfg.attributes["connection"] = connection
    cfg.attributes["box"] = box
    command.upgrade(cfg, "heads")


def upgrade_to_heads_sync(url: str) -> None:
    """Blocking form for the CLI."""
    asyncio.run(upgrade_to_heads(url))
