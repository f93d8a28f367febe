"""seal template and content tag texts at rest

Revision ID: 74a72e6252d0
Revises: 0da025c2efe3
Create Date: 2026-11-28 10:33:40.441965
"""

from openlux.db.sealed_columns import seal_rows


revision = '74a72e6252d0'
down_revision = '0da025c2efe3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The columns stay TEXT; their values become sealed text (openlux.core.sealing).
    seal_rows("email_template", ["description", "subject", "html", "text"])
    seal_rows("email_content_tag", ["description", "html", "text"])


def downgrade() -> None:
    pass  # sealed values stay sealed: decrypting needs the master key, which a downgrade does not have
