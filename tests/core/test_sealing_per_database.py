"""Sealed columns use each database's own installation key, even with several contexts in one process.

Before: every context put its box in one process-wide list and writes used the newest, so a second
context (another installation, as in-process test servers and tools have) made the first one seal its
rows with the second key — unreadable once the second context closed — and auto-responder blind
indexes no longer matched.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from sqlalchemy import select, text

from openlux.accounts.bootstrap import initialise
from openlux.config import Settings
from openlux.content.models import EmailTemplate
from openlux.core.context import AppContext
from openlux.core.sealing import blind_index
from openlux.db.migrate import upgrade_to_heads
from tests.support.databases import database_url, drop_postgres_database


async def _installation(url: str, root: Path) -> AppContext:
    settings = Settings.load(data_dir=root / "data", database_url=url)
    await upgrade_to_heads(url)
    ctx = AppContext.build(settings)
    await initialise(ctx, password="Correct-Horse-2024")
    return ctx


async def _two_installations(places: list[tuple[str, Path]]) -> None:
    first, second = [await _installation(url, root) for url, root in places]
    assert first.box.key_id != second.box.key_id
    try:
        async with first.db.transaction() as session:
            user_id, account_id = (await session.execute(text("SELECT id, account_id FROM app_user"))).one()
            template = EmailTemplate(user_id=user_id, account_id=account_id, name="t", subject="Your results", html="x")
            session.add(template)
            await session.flush()
            template_id = template.id
        await second.close()  # the other installation goes away while the first keeps running
        async with first.db.sessions() as session:
            stored = await session.scalar(text(f"SELECT subject FROM email_template WHERE id = {template_id}"))
            assert stored.startswith("ol1:") and "Your results" not in stored
            assert (
                await session.scalar(select(EmailTemplate.subject).where(EmailTemplate.id == template_id))
                == "Your results"
            )
        assert blind_index("a@example.net", first.box) != blind_index("a@example.net", second.box)
    finally:
        await first.close()


def test_rows_are_sealed_with_their_own_installation_key(backend: str) -> None:
    roots = [Path(tempfile.mkdtemp(prefix=f"seal-{name}-")) for name in "ab"]
    places = [(database_url(backend, str(root)), root) for root in roots]
    try:
        asyncio.run(_two_installations(places))
    finally:
        if backend == "postgresql":
            for url, _root in places:
                drop_postgres_database(url)
