"""outbound_recipient carries its message's account, channel and created_at for the report index

Revision ID: 134d68410442
Revises: 5c1e0d7a9b42
Create Date: 2026-11-28 13:33:48.772055
"""

from alembic import op
import sqlalchemy as sa


revision = '134d68410442'
down_revision = '5c1e0d7a9b42'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN on both backends (no batch rebuild of a queue table): nullable, no foreign key.
    op.add_column('outbound_recipient',
                  sa.Column('account_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True))
    op.add_column('outbound_recipient', sa.Column('channel', sa.String(length=20), nullable=True))
    op.add_column('outbound_recipient', sa.Column('created_at', sa.DateTime(timezone=True), nullable=True))
    # Rows queued before: copy from their message (one statement; correlated subqueries work on both).
    op.execute(
        "UPDATE outbound_recipient SET "
        "account_id = (SELECT m.account_id FROM outbound_message m WHERE m.id = outbound_recipient.message_id), "
        "channel = (SELECT m.channel FROM outbound_message m WHERE m.id = outbound_recipient.message_id), "
        "created_at = (SELECT m.created_at FROM outbound_message m WHERE m.id = outbound_recipient.message_id)"
    )
    # Declared in reports/models.py (the report indexes live there): status-filtered delivery
    # reports count and read their first page as one range of this index, already in report order.
    op.create_index('ix_outbound_recipient_report_account_state', 'outbound_recipient',
                    ['account_id', 'state', 'created_at', 'message_id', 'id', 'channel'])
    if op.get_bind().dialect.name == 'postgresql':
        # Statistics for the new columns now: planned without them, the report reads every
        # recipient in the state and sorts instead of reading its first rows in index order.
        op.execute('ANALYZE outbound_recipient')


def downgrade() -> None:
    op.drop_index('ix_outbound_recipient_report_account_state', table_name='outbound_recipient')
    for column in ('created_at', 'channel', 'account_id'):  # SQLite 3.35+ drops a column in place
        op.execute(f'ALTER TABLE outbound_recipient DROP COLUMN {column}')
