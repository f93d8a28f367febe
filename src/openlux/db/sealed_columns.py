"""Migration steps that seal existing rows of a column (and fill blind indexes) with the master key.

Alembic revisions that turn a plain column into a SealedText/SealedJSON one call `seal_rows`. The
master key reaches the migration through the Alembic config (`openlux.db.migrate.upgrade_to_heads(…,
box=…)`); a database with rows to convert and no key stops with a message instead of leaving
plaintext behind. Rows already sealed are skipped, so a migration interrupted half-way is simply
run again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from openlux.core import sealing
from openlux.core.crypto import SecretBox

BATCH = 500  # rows per UPDATE round


class MasterKeyNeeded(RuntimeError):
    """Rows must be sealed but the migration was run without the master key."""


def migration_box() -> SecretBox | None:
    """The master key's box handed to this migration run, if any."""
    return op.get_context().config.attributes.get("box")  # type: ignore[union-attr]


def require_key_for(table: str) -> None:
    """MasterKeyNeeded now, before any schema change, when `table` has rows and no key was given.

    SQLite does not roll back a batch table rebuild that a later step of the migration fails in, so a
    migration that alters a table before sealing it checks first.
    """
    if migration_box() is None and op.get_bind().execute(sa.select(sa.literal(1)).select_from(sa.table(table))).first():
        raise MasterKeyNeeded(
            f"{table} has rows to encrypt: run `openlux db upgrade` (or start OpenLux) with its master key"
        )


def widen_to_text(table: str, columns: Sequence[str]) -> None:
    """Sealed values are longer than the clear text: VARCHAR(n) and JSON columns become TEXT (PostgreSQL)."""
    if op.get_bind().dialect.name == "sqlite":
        return  # SQLite does not enforce VARCHAR lengths
    for column in columns:
        op.alter_column(table, column, type_=sa.Text(), postgresql_using=f"{column}::text")


def seal_rows(
    table: str,
    columns: Sequence[str],
    *,
    json_columns: Sequence[str] = (),
    blind: dict[str, tuple[str, Callable[[str], str]]] | None = None,
) -> int:
    """Seal every not-yet-sealed value of `columns` (JSON ones from their JSON form); the rows changed.

    `blind` maps an index column to (source column, normaliser): its keyed HMAC is written as well.
    """
    conn = op.get_bind()
    blind = blind or {}
    names = list(dict.fromkeys([*columns, *json_columns, *(src for src, _ in blind.values()), *blind]))
    t = sa.table(table, sa.column("id"), *(sa.column(n) for n in names))
    box = migration_box()
    changed, last_id = 0, None
    while True:
        query = sa.select(t.c.id, *(t.c[n] for n in names)).order_by(t.c.id).limit(BATCH)
        if last_id is not None:
            query = query.where(t.c.id > last_id)
        rows = conn.execute(query).all()
        if not rows:
            return changed
        for row in rows:
            values = _sealed_values(table, row._mapping, columns, json_columns, blind, box)
            if values:
                conn.execute(sa.update(t).where(t.c.id == row.id).values(**values))
                changed += 1
        last_id = rows[-1].id


def _sealed_values(
    table: str,
    row: Any,
    columns: Sequence[str],
    json_columns: Sequence[str],
    blind: dict[str, tuple[str, Callable[[str], str]]],
    box: SecretBox | None,
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in [*columns, *json_columns]:
        value = row[name]
        if value is None or (isinstance(value, str) and sealing.is_sealed(value)):
            continue
        if box is None:
            raise MasterKeyNeeded(
                f"{table}.{name} has rows to encrypt: run `openlux db upgrade` (or start OpenLux) with its master key"
            )
        clear = (
            json.dumps(value if not isinstance(value, str) else json.loads(value)) if name in json_columns else value
        )
        values[name] = sealing.seal_value(clear, f"{table}.{name}", box)
    for index, (source, normalise) in blind.items():
        if row[source] is None or row[index] is not None:
            continue
        if box is None:
            raise MasterKeyNeeded(f"{table}.{index} must be computed: run `openlux db upgrade` with the master key")
        values[index] = sealing.blind_index(normalise(row[source]), box)
    return values
