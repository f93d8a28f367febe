"""Migration steps that seal existing rows of a column (and fill blind indexes) with the master key.

Alembic revisions that turn a plain column into a SealedText/SealedJSON one call `seal_rows`. The
master key reaches the migration through the Alembic config (`openlux.db.migrate.upgrade_to_heads(…,
box=…)`); a database with rows to convert and no key stops with a message instead of leaving
plaintext behind. Rows already sealed are skipped, so a migration interrupted half-way is simply
run again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
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


def require_key_for(*tables: str) -> None:
    """MasterKeyNeeded now, before any schema change, when one of `tables` has rows and no key was given.

    SQLite does not roll back a batch table rebuild that a later step fails in (its CREATE TABLE
    commits on its own), so a migration that alters tables before sealing them checks them all first.
    """
    if migration_box() is not None:
        return
    for table in tables:
        if op.get_bind().execute(sa.select(sa.literal(1)).select_from(sa.table(table))).first():
            raise MasterKeyNeeded(
                f"{table} has rows to encrypt: run `openlux db upgrade` (or start OpenLux) with its master key"
            )


def drop_batch_leftover(table: str) -> None:
    """SQLite: drop the copy an interrupted batch rebuild of `table` left behind, so it can run again."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(sa.text(f"DROP TABLE IF EXISTS _alembic_tmp_{table}"))


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
    blind_lists: Mapping[str, str] | None = None,
) -> int:
    """Seal every not-yet-sealed value of `columns` (JSON ones from their JSON form); the rows changed.

    `blind` maps an index column to (source column, normaliser): its keyed HMAC is written as well.
    `blind_lists` maps an index column to a JSON list of addresses: it gets their blind indexes
    (openlux.db.AddressListIndex form).
    """
    conn = op.get_bind()
    blind = blind or {}
    lists = dict(blind_lists or {})
    sources = [*(src for src, _ in blind.values()), *lists.values()]
    names = list(dict.fromkeys([*columns, *json_columns, *sources, *blind, *lists]))
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
            values.update(_list_indexes(table, row._mapping, lists, box))
            if values:
                conn.execute(sa.update(t).where(t.c.id == row.id).values(**values))
                changed += 1
        last_id = rows[-1].id


def _list_indexes(table: str, row: Any, lists: Mapping[str, str], box: SecretBox | None) -> dict[str, str]:
    values: dict[str, str] = {}
    for index, source in lists.items():
        if row[source] is None or row[index] is not None:
            continue
        if box is None:
            raise MasterKeyNeeded(f"{table}.{index} must be computed: run `openlux db upgrade` with the master key")
        addresses = row[source] if not isinstance(row[source], str) else json.loads(row[source])
        values[index] = sealing.address_list_index([str(a) for a in addresses], box)
    return values


def seal_addresses(
    table: str,
    addresses: Mapping[str, str | None],
    *,
    address_lists: Mapping[str, str | None] | None = None,
    drop_indexes: Sequence[str] = (),
    create_indexes: Mapping[str, str] | None = None,
) -> None:
    """Seal address columns of `table` and fill their blind-index columns, in one migration step.

    `addresses` maps an address column to its new index column (None: sealed, never matched);
    `address_lists` the same for JSON lists of addresses (AddressListIndex columns). Indexes on the
    clear columns (`drop_indexes`) go; `create_indexes` (name → index column) come.
    """
    lists = address_lists or {}
    require_key_for(table)
    drop_batch_leftover(table)
    single = [index for index in addresses.values() if index]
    multiple = [index for index in lists.values() if index]
    with op.batch_alter_table(table, schema=None) as batch_op:
        for name in drop_indexes:
            batch_op.drop_index(name)
        for index in single:
            batch_op.add_column(sa.Column(index, sa.String(length=sealing.BLIND_INDEX_LENGTH), nullable=True))
        for index in multiple:
            batch_op.add_column(sa.Column(index, sa.Text(), nullable=True))
        for column in [*addresses, *lists]:  # sealed values outgrow VARCHAR; JSON lists become sealed text
            batch_op.alter_column(column, type_=sa.Text(), postgresql_using=f"{column}::text")
    seal_rows(
        table,
        list(addresses),
        json_columns=list(lists),
        blind={index: (column, sealing.address_form) for column, index in addresses.items() if index},
        blind_lists={index: column for column, index in lists.items() if index},
    )
    drop_batch_leftover(table)
    with op.batch_alter_table(table, schema=None) as batch_op:
        for index in single:
            batch_op.alter_column(index, existing_type=sa.String(length=sealing.BLIND_INDEX_LENGTH), nullable=False)
        for index in multiple:
            batch_op.alter_column(index, existing_type=sa.Text(), nullable=False)
        for name, index in (create_indexes or {}).items():
            batch_op.create_index(name, [index], unique=False)


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


def seal_addresses_in_place(
    table: str, addresses: Mapping[str, str | None], *, json_columns: Sequence[str] = ()
) -> None:
    """seal_addresses for a table other tables point at with ON DELETE CASCADE, without rebuilding it.

    On SQLite a batch rebuild drops the old table, and with foreign keys on, that DROP deletes every
    child row through its cascade (pickup codes, portal sessions, a user's everything). So: index
    columns are added with ALTER TABLE ADD COLUMN and stay nullable on SQLite (every insert fills them:
    AddressIndex column defaults), and column types change on PostgreSQL only (SQLite does not enforce
    VARCHAR lengths or JSON). Indexes and constraints are the caller's (plain CREATE/DROP INDEX).
    """
    require_key_for(table)
    indexes = [index for index in addresses.values() if index]
    for index in indexes:
        op.add_column(table, sa.Column(index, sa.String(length=sealing.BLIND_INDEX_LENGTH), nullable=True))
    widen_to_text(table, [*addresses, *json_columns])
    seal_rows(
        table,
        list(addresses),
        json_columns=list(json_columns),
        blind={index: (column, sealing.address_form) for column, index in addresses.items() if index},
    )
    if op.get_bind().dialect.name != "sqlite":
        for index in indexes:
            op.alter_column(table, index, existing_type=sa.String(length=sealing.BLIND_INDEX_LENGTH), nullable=False)


def fill_column(
    table: str, target: str, sources: Sequence[str], compute: Callable[..., Any], *, key: str = "id"
) -> int:
    """Set `target` to `compute(*sources)` on every row where it is NULL (batches by `key`); the rows changed.

    For values a migration derives from clear columns before sealing them (a blind index of a parsed
    value, a clear domain part); `compute` returning None leaves the row alone.
    """
    conn = op.get_bind()
    t = sa.table(table, sa.column(key), sa.column(target), *(sa.column(s) for s in sources if s != key))
    changed, last = 0, None
    while True:
        query = sa.select(t).where(t.c[target].is_(None)).order_by(t.c[key]).limit(BATCH)
        if last is not None:
            query = query.where(t.c[key] > last)
        rows = conn.execute(query).all()
        if not rows:
            return changed
        for row in rows:
            value = compute(*(row._mapping[s] for s in sources))
            if value is not None:
                conn.execute(sa.update(t).where(t.c[key] == row._mapping[key]).values({target: value}))
                changed += 1
        last = rows[-1]._mapping[key]


AUDIT_TRIGGER = "audit_event_append_only"  # the audit log's UPDATE-refusing trigger (revision 9cb84d855bee)


def drop_audit_trigger() -> None:
    """Lift the audit log's append-only trigger for a migration that seals its rows (see create_audit_trigger)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {AUDIT_TRIGGER}")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {AUDIT_TRIGGER} ON audit_event")


def create_audit_trigger() -> None:
    """The trigger of the audit log's first revision (9cb84d855bee), in the same migration transaction
    that dropped it; PostgreSQL kept its function."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"CREATE TRIGGER {AUDIT_TRIGGER} BEFORE UPDATE ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
        )
    else:
        op.execute(
            f"CREATE TRIGGER {AUDIT_TRIGGER} BEFORE UPDATE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
        )
