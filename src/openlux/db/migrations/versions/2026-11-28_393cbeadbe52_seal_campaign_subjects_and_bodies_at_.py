"""seal campaign subjects and bodies at rest

Revision ID: 393cbeadbe52
Revises: 1d893dba2b7d
Create Date: 2026-11-28 10:41:59.096776
"""

from openlux.db.sealed_columns import seal_rows


revision = "393cbeadbe52"
down_revision = "1d893dba2b7d"
branch_labels = None
depends_on = None


def upgrade() -> None:
    seal_rows("marketing_campaign", ["subject", "html", "text"])


def downgrade() -> None:
    raise NotImplementedError("sealed campaign texts cannot be turned back into clear text")
