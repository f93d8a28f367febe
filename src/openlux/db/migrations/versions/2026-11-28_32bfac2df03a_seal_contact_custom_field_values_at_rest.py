"""seal contact custom field values at rest

Revision ID: 32bfac2df03a
Revises: 5834b30236ac
Create Date: 2026-11-28 15:54:25.230767
"""

from openlux.db.sealed_columns import seal_rows, widen_to_text


revision = '32bfac2df03a'
down_revision = '5834b30236ac'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # No SQL reads the values (they are merged and rendered in Python), so they are sealed as a whole.
    widen_to_text("marketing_contact", ["fields"])
    seal_rows("marketing_contact", [], json_columns=["fields"])


def downgrade() -> None:
    raise NotImplementedError("sealed custom field values cannot be turned back into clear text")
