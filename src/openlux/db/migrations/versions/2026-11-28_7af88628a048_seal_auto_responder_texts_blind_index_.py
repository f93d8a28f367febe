"""seal auto-responder texts; blind index for the senders answered

Revision ID: 7af88628a048
Revises: c8b714687de0
Create Date: 2026-11-28 10:35:44.205339
"""

import sqlalchemy as sa
from alembic import op

from openlux.db.sealed_columns import seal_rows, widen_to_text


revision = '7af88628a048'
down_revision = 'c8b714687de0'
branch_labels = None
depends_on = None


def upgrade() -> None:
    widen_to_text("autoresponder", ["subject", "from_name"])
    seal_rows("autoresponder", ["subject", "body_text", "body_html", "from_name"])
    # Senders answered are only ever matched: a keyed HMAC replaces the address.
    with op.batch_alter_table("autoresponder_reply", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sender_index", sa.String(length=64), nullable=True))
    seal_rows("autoresponder_reply", [], blind={"sender_index": ("sender", str)})
    with op.batch_alter_table("autoresponder_reply", schema=None) as batch_op:
        batch_op.alter_column("sender_index", existing_type=sa.String(length=64), nullable=False)
        batch_op.drop_constraint(batch_op.f("uq_autoresponder_reply_responder_id"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_autoresponder_reply_responder_id"), ["responder_id", "sender_index"]
        )
        batch_op.drop_column("sender")


def downgrade() -> None:
    raise NotImplementedError("sealed auto-responder texts and hashed senders cannot be turned back into clear text")
