"""Starting on an up-to-date database skips Alembic: one query compares the recorded revisions with the
packaged heads (read from the scripts); anything else still goes through Alembic."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from alembic.script import ScriptDirectory

from openlux.db.migrate import alembic_config, script_heads
from tests.support.databases import database_url, drop_postgres_database, empty_database_url
from tests.support.dbquery import fetch_all

UPGRADE_AND_SAY_IF_ALEMBIC_LOADED = """
    import asyncio, sys
    from openlux.db.migrate import upgrade_to_heads
    asyncio.run(upgrade_to_heads(sys.argv[1]))
    print("alembic" in sys.modules)
"""


def upgrade_in_a_process(url: str) -> bool:
    """Run upgrade_to_heads(url) in a fresh interpreter; whether it loaded Alembic."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(UPGRADE_AND_SAY_IF_ALEMBIC_LOADED), url],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip() == "True"


def recorded_versions(url: str) -> frozenset[str]:
    return frozenset(row["version_num"] for row in fetch_all(url, "SELECT version_num FROM alembic_version"))


def test_heads_read_from_the_scripts_are_alembics_heads() -> None:
    assert script_heads() == frozenset(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def test_an_up_to_date_database_starts_without_alembic(backend: str, tmp_path: Path) -> None:
    url = database_url(backend, str(tmp_path))
    try:
        assert upgrade_in_a_process(url) is False
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)


def test_a_database_behind_the_scripts_is_upgraded_by_alembic(backend: str, tmp_path: Path) -> None:
    url = empty_database_url(backend, str(tmp_path))
    try:
        assert upgrade_in_a_process(url) is True
        assert recorded_versions(url) == script_heads()
        assert upgrade_in_a_process(url) is False  # and the next start takes the short way
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
