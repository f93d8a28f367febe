"""seal alias addresses, local parts and destinations; blind index for routing

Revision ID: bcfe73a1cd99
Revises: e41ab939d563
Create Date: 2026-11-28 15:57:30.373354
"""

import sqlalchemy as sa
from alembic import op

from openlux.core.sealing import BLIND_INDEX_LENGTH, address_form
from openlux.db.sealed_columns import drop_batch_leftover, require_key_for, seal_rows


revision = 'bcfe73a1cd99'
down_revision = 'e41ab939d563'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Aliases: address, local part and destinations sealed; inbound routing, lookups and uniqueness match
    # address_index (keyed HMAC). No table points at email_alias, so SQLite rebuilds it (batch).
    table = "email_alias"
    require_key_for(table)  # before the table is rebuilt
    drop_batch_leftover(table)
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint("uq_email_alias_address", type_="unique")
        batch_op.add_column(sa.Column("address_index", sa.String(length=BLIND_INDEX_LENGTH), nullable=True))
        batch_op.alter_column(
            "address", existing_type=sa.String(length=320), type_=sa.Text(), postgresql_using="address::text"
        )
        batch_op.alter_column(
            "local_part", existing_type=sa.String(length=64), type_=sa.Text(), postgresql_using="local_part::text"
        )
        batch_op.alter_column(
            "destinations", existing_type=sa.JSON(), type_=sa.Text(), postgresql_using="destinations::text"
        )
    seal_rows(
        table,
        ["address", "local_part"],
        json_columns=["destinations"],
        blind={"address_index": ("address", address_form)},
    )
    drop_batch_leftover(table)
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column("address_index", existing_type=sa.String(length=BLIND_INDEX_LENGTH), nullable=False)
        batch_op.create_unique_constraint("uq_email_alias_address_index", ["address_index"])


def downgrade() -> None:
    raise NotImplementedError("sealed alias addresses cannot be turned back into clear text")
