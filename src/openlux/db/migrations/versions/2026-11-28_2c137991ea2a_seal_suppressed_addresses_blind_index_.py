"""seal suppressed addresses; blind index for matching

Revision ID: 2c137991ea2a
Revises: eb655f17218e
Create Date: 2026-11-28 13:17:33.808560
"""

import sqlalchemy as sa
from alembic import op

from openlux.core.sealing import BLIND_INDEX_LENGTH, address_form
from openlux.db.sealed_columns import drop_batch_leftover, require_key_for, seal_rows


revision = '2c137991ea2a'
down_revision = 'eb655f17218e'
branch_labels = None
depends_on = None

OWNERS = {"account_suppression": "account_id", "user_suppression": "user_id"}


def upgrade() -> None:
    # The address is sealed; lookups, uniqueness and deletes match its keyed HMAC instead.
    require_key_for(*OWNERS)  # before any table is rebuilt
    for table, owner in OWNERS.items():
        drop_batch_leftover(table)
        with op.batch_alter_table(table, schema=None) as batch_op:  # sealed values outgrow VARCHAR(254)
            batch_op.add_column(sa.Column("address_index", sa.String(length=BLIND_INDEX_LENGTH), nullable=True))
            batch_op.alter_column("address", existing_type=sa.VARCHAR(length=254), type_=sa.Text(), existing_nullable=False)
        seal_rows(table, ["address"], blind={"address_index": ("address", address_form)})
        drop_batch_leftover(table)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("address_index", existing_type=sa.String(length=BLIND_INDEX_LENGTH), nullable=False)
            batch_op.drop_constraint(batch_op.f(f"uq_{table}_{owner}"), type_="unique")
            batch_op.create_unique_constraint(batch_op.f(f"uq_{table}_{owner}"), [owner, "address_index"])


def downgrade() -> None:
    raise NotImplementedError("sealed suppressed addresses cannot be turned back into clear text")
