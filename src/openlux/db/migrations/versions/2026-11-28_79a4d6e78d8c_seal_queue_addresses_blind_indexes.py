"""seal the delivery queue's addresses; blind indexes for report filters and joins

Revision ID: 79a4d6e78d8c
Revises: 5c1e0d7a9b42
Create Date: 2026-11-28 13:32:14.765997
"""

from openlux.db.sealed_columns import require_key_for, seal_addresses


revision = '79a4d6e78d8c'
down_revision = '5c1e0d7a9b42'
branch_labels = None
depends_on = None


def upgrade() -> None:
    require_key_for("outbound_message", "outbound_recipient")  # before any table is rebuilt
    seal_addresses("outbound_message", {"mail_from": "mail_from_index"})
    seal_addresses(
        "outbound_recipient",
        {"address": "address_index"},
        drop_indexes=["ix_outbound_recipient_address"],
        create_indexes={"ix_outbound_recipient_address_index": "address_index"},
    )


def downgrade() -> None:
    raise NotImplementedError("sealed queue addresses cannot be turned back into clear text")
