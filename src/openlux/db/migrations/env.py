"""Alembic environment: runs on the connection handed over by openlux.db.migrate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from alembic import context
from sqlalchemy import Table

from openlux import tables
from openlux.db import Base, SealedJSON, SealedText, UtcDateTime

if TYPE_CHECKING:
    from alembic.autogenerate.api import AutogenContext

assert tables.MODEL_MODULES  # importing it registered every table on Base.metadata
target_metadata = Base.metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through `openlux db upgrade` (openlux.db.migrate)")


def render_item(type_: str, obj: object, autogen_context: AutogenContext) -> str | Literal[False]:
    """Write our UtcDateTime as a plain timezone-aware DateTime so migrations never import app code."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, SealedText | SealedJSON):
        return "sa.Text()"  # sealed values are stored as text (openlux.core.sealing)
    return False


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """With an `area` attribute (scripts/new-migration), autogenerate only that area's tables."""
    area = context.config.attributes.get("area")
    if area is None or type_ != "table":
        return True
    return TABLE_MODULES.get(name or "", "").startswith(f"openlux.{area}.")


TABLE_MODULES = {
    mapper.local_table.name: mapper.class_.__module__
    for mapper in Base.registry.mappers
    if isinstance(mapper.local_table, Table)
}

context.configure(
    connection=connection,
    render_item=render_item,
    include_object=include_object,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
