"""seal user contact fields at rest

Revision ID: 035ea423aabe
Revises: 43c67630b4dc
Create Date: 2026-11-28 15:54:32.818293
"""

from openlux.db.sealed_columns import seal_rows, widen_to_text


revision = '035ea423aabe'
down_revision = '43c67630b4dc'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The login stays in clear (every auth path matches it, getUserReport lists and sorts by it); the
    # contact fields (name, company, addresses, phones …) are one sealed JSON object.
    widen_to_text("app_user", ["contact_fields"])
    seal_rows("app_user", [], json_columns=["contact_fields"])


def downgrade() -> None:
    raise NotImplementedError("sealed contact fields cannot be turned back into clear text")
