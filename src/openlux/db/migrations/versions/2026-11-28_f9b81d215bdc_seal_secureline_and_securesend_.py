"""seal secureline and securesend addresses; blind indexes for keys, escrow recipients, portal logins

Revision ID: f9b81d215bdc
Revises: ae6c260e3b9f
Create Date: 2026-11-28 15:56:59.486282
"""

import sqlalchemy as sa
from alembic import op

from openlux.core.sealing import BLIND_INDEX_LENGTH, address_form
from openlux.db.sealed_columns import drop_batch_leftover, require_key_for, seal_addresses_in_place, seal_rows


revision = 'f9b81d215bdc'
down_revision = 'ae6c260e3b9f'
branch_labels = None
depends_on = None


def upgrade() -> None:
    require_key_for("secureline_recipient_key", "escrow_message", "securesend_user")  # before any change
    postgresql = op.get_bind().dialect.name == "postgresql"

    # Recipient keys: no table points at them, so SQLite rebuilds the table (batch) like the suppressions.
    table = "secureline_recipient_key"
    drop_batch_leftover(table)
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_index("ix_secureline_recipient_key_lookup")
        batch_op.drop_constraint("uq_secureline_recipient_key_identity", type_="unique")
        batch_op.add_column(sa.Column("address_index", sa.String(length=BLIND_INDEX_LENGTH), nullable=True))
        batch_op.alter_column(
            "address", existing_type=sa.String(length=320), type_=sa.Text(), postgresql_using="address::text"
        )
    seal_rows(table, ["address"], blind={"address_index": ("address", address_form)})
    drop_batch_leftover(table)
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column("address_index", existing_type=sa.String(length=BLIND_INDEX_LENGTH), nullable=False)
        batch_op.create_unique_constraint(
            "uq_secureline_recipient_key_identity", ["account_id", "address_index", "kind", "fingerprint"]
        )
        batch_op.create_index("ix_secureline_recipient_key_lookup", ["account_id", "address_index"], unique=False)

    # Escrowed messages and portal users have children (pickup codes and sessions, SSO links and portal
    # sessions, ON DELETE CASCADE): never rebuilt on SQLite, where dropping the old table deletes them.
    op.drop_index("ix_escrow_message_origin", table_name="escrow_message")
    seal_addresses_in_place("escrow_message", {"sender": None, "recipient": "recipient_index"})
    op.create_index("ix_escrow_message_origin", "escrow_message", ["queue_message_id", "recipient_index"])
    op.create_index("ix_escrow_message_recipient", "escrow_message", ["account_id", "recipient_index"])

    op.drop_index("ix_securesend_user_account_email", table_name="securesend_user")
    if postgresql:  # SQLite keeps the (namespace, sealed e-mail) constraint: harmless, each seal differs
        op.drop_constraint("uq_securesend_user_email", "securesend_user", type_="unique")
    seal_addresses_in_place("securesend_user", {"email": "email_index"})
    op.create_index("uq_securesend_user_email_index", "securesend_user", ["namespace_id", "email_index"], unique=True)
    op.create_index("ix_securesend_user_account_email", "securesend_user", ["account_id", "email_index"])


def downgrade() -> None:
    raise NotImplementedError("sealed SecureLine and SecureSend addresses cannot be turned back into clear text")
