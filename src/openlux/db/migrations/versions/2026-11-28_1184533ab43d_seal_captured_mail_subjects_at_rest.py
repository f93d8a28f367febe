"""seal captured mail subjects at rest

Revision ID: 1184533ab43d
Revises: cfc675ffd51a
Create Date: 2026-11-28 10:41:52.925526
"""

from openlux.db.sealed_columns import seal_rows, widen_to_text


revision = "1184533ab43d"
down_revision = "cfc675ffd51a"
branch_labels = None
depends_on = None


def upgrade() -> None:
    widen_to_text("captured_message", ["subject"])
    seal_rows("captured_message", ["subject"])


def downgrade() -> None:
    raise NotImplementedError("sealed subjects cannot be turned back into clear text")
