"""report indexes: channel after the order columns, recipient_count covered, recipient state

Revision ID: 83cf0a79c280
Revises: 179c0a166477
Create Date: 2026-11-27 17:51:31.625388
"""

from alembic import op
import sqlalchemy as sa


revision = '83cf0a79c280'
down_revision = '179c0a166477'
branch_labels = None
depends_on = None


ORDER = ['created_at', 'id', 'channel', 'recipient_count']


def upgrade() -> None:
    # Hand-written: these indexes are on mail tables, which the reports autogenerate does not compare.
    # An IN list on channel (second column before) forced a sort of every matching row.
    op.drop_index('ix_outbound_message_report_account', table_name='outbound_message')
    op.drop_index('ix_outbound_message_report_user', table_name='outbound_message')
    op.create_index('ix_outbound_message_report_account', 'outbound_message', ['account_id', *ORDER], unique=False)
    op.create_index('ix_outbound_message_report_user', 'outbound_message', ['user_id', *ORDER], unique=False)
    op.create_index('ix_outbound_recipient_report_state', 'outbound_recipient', ['state', 'message_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_outbound_recipient_report_state', table_name='outbound_recipient')
    op.drop_index('ix_outbound_message_report_user', table_name='outbound_message')
    op.drop_index('ix_outbound_message_report_account', table_name='outbound_message')
    op.create_index('ix_outbound_message_report_account', 'outbound_message',
                    ['account_id', 'channel', 'created_at', 'id'], unique=False)
    op.create_index('ix_outbound_message_report_user', 'outbound_message',
                    ['user_id', 'channel', 'created_at', 'id'], unique=False)
