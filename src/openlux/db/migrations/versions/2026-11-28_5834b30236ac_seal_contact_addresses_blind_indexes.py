"""seal contact and campaign-message addresses; blind indexes for dedupe, lookups and unique keys

Revision ID: 5834b30236ac
Revises: 61cd5ef15865
Create Date: 2026-11-28 14:12:00.000000
"""

import sqlalchemy as sa
from alembic import op

from openlux.db.sealed_columns import drop_batch_leftover, require_key_for, seal_addresses


revision = '5834b30236ac'
down_revision = '61cd5ef15865'
branch_labels = None
depends_on = None

UNIQUE = {
    "marketing_contact": ("uq_marketing_contact_list_email", "list_id"),
    "marketing_campaign_message": ("uq_marketing_campaign_message_campaign_email", "campaign_id"),
}


def upgrade() -> None:
    require_key_for(*UNIQUE)  # before any table is rebuilt
    seal_addresses(
        "marketing_contact",
        {"email": "email_index"},
        drop_indexes=["ix_marketing_contact_email"],
        create_indexes={"ix_marketing_contact_email_index": "email_index"},
    )
    seal_addresses("marketing_campaign_message", {"email": "email_index"})
    for table, (name, owner) in UNIQUE.items():
        drop_batch_leftover(table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(name, type_="unique")
            batch_op.create_unique_constraint(name, [owner, "email_index"])
    # Campaigns walk their contacts in blind-index order now: one in flight starts its walk again, and
    # skips every address it already has a campaign message for (openlux.marketing.sending.next_contacts).
    op.execute(sa.text("UPDATE marketing_campaign SET cursor = '' WHERE status = 'sending'"))


def downgrade() -> None:
    raise NotImplementedError("sealed contact addresses cannot be turned back into clear text")
