"""seal marketing suppression addresses; blind index for matching

Revision ID: 61cd5ef15865
Revises: 393cbeadbe52
Create Date: 2026-11-28 13:17:47.969214
"""

import sqlalchemy as sa
from alembic import op

from openlux.core.sealing import BLIND_INDEX_LENGTH, address_form
from openlux.db.sealed_columns import drop_batch_leftover, require_key_for, seal_rows


revision = '61cd5ef15865'
down_revision = '393cbeadbe52'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The address is sealed; lookups, uniqueness and deletes match its keyed HMAC instead.
    require_key_for("marketing_suppression")
    drop_batch_leftover("marketing_suppression")
    with op.batch_alter_table("marketing_suppression", schema=None) as batch_op:  # sealed values outgrow VARCHAR
        batch_op.add_column(sa.Column("address_index", sa.String(length=BLIND_INDEX_LENGTH), nullable=True))
        batch_op.alter_column("address", existing_type=sa.VARCHAR(length=254), type_=sa.Text(), existing_nullable=False)
    seal_rows("marketing_suppression", ["address"], blind={"address_index": ("address", address_form)})
    drop_batch_leftover("marketing_suppression")
    with op.batch_alter_table("marketing_suppression", schema=None) as batch_op:
        batch_op.alter_column("address_index", existing_type=sa.String(length=BLIND_INDEX_LENGTH), nullable=False)
        batch_op.drop_constraint("uq_marketing_suppression_account_address", type_="unique")
        batch_op.create_unique_constraint("uq_marketing_suppression_account_index", ["account_id", "address_index"])


def downgrade() -> None:
    raise NotImplementedError("sealed marketing suppression addresses cannot be turned back into clear text")
