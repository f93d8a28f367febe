"""seal webaide entries and descriptions at rest

Revision ID: 56e31bad1bd0
Revises: ed4b26230a33
Create Date: 2026-11-28 10:40:29.733153
"""

from openlux.db.sealed_columns import seal_rows, widen_to_text

revision = "56e31bad1bd0"
down_revision = "ed4b26230a33"
branch_labels = None
depends_on = None


def upgrade() -> None:
    widen_to_text(
        "webaide_entry", ["fields"]
    )  # JSON → TEXT: the sealed JSON form (PostgreSQL; SQLite keeps its affinity)
    seal_rows("webaide", ["description"])
    seal_rows("webaide_entry", [], json_columns=["fields"])


def downgrade() -> None:
    raise NotImplementedError("sealed webaide entries cannot be turned back into clear text")
