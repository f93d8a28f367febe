"""seal hosted mailbox envelope addresses

Revision ID: ba5cf2726054
Revises: 4c4e5e42c189
Create Date: 2026-11-28 15:55:00.927179
"""

from openlux.db.sealed_columns import seal_addresses


revision = 'ba5cf2726054'
down_revision = '4c4e5e42c189'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nothing matches a mailbox message by address (it is read by user), so no blind index.
    seal_addresses("mailbox_message", {"mail_from": None, "rcpt_to": None})


def downgrade() -> None:
    raise NotImplementedError("sealed addresses cannot be turned back into clear text")
