"""A database as it was before one migration: every revision except it and what depends on it."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory

from openlux.db.migrate import alembic_config


def upgrade_all_but(connection: sa.Connection, url: str, revision: str) -> None:
    """Apply every migration except `revision` and its descendants (run through `conn.run_sync`)."""
    cfg = alembic_config(url)
    cfg.attributes["connection"] = connection
    script = ScriptDirectory.from_config(cfg)
    above, frontier = set(), [revision]
    while frontier:
        current = frontier.pop()
        if current not in above:
            above.add(current)
            frontier.extend(script.get_revision(current).nextrev)
    for head in script.get_heads():
        below = {r.revision: r for r in script.iterate_revisions(head, "base")}
        if revision not in below:
            command.upgrade(cfg, head)
            continue
        # everything under this head but the revision and what follows it: upgrade to each top of the rest
        kept = {rev: r for rev, r in below.items() if rev not in above}
        for rev, r in kept.items():
            if not any(child in kept for child in r.nextrev):
                command.upgrade(cfg, rev)
