"""status-filtered report indexes

Revision ID: 810fbd81af0a
Revises: 83cf0a79c280
Create Date: 2026-11-28 10:46:22.600767
"""

from alembic import op
import sqlalchemy as sa


revision = '810fbd81af0a'
down_revision = '83cf0a79c280'
branch_labels = None
depends_on = None


ORDER = ['state', 'created_at', 'id', 'channel', 'recipient_count']


def upgrade() -> None:
    # Hand-written: indexes on mail tables, declared in reports/models.py (the reports autogenerate
    # does not compare mail tables). Status-filtered sent reports: owner, state, then report order.
    op.create_index('ix_outbound_message_report_account_state', 'outbound_message', ['account_id', *ORDER])
    op.create_index('ix_outbound_message_report_user_state', 'outbound_message', ['user_id', *ORDER])
    # Status-filtered delivery reports start from the recipients in that state (state, message_id)
    # and need only these message columns: a covering index instead of the wide row (sealed MIME).
    op.create_index('ix_outbound_message_report_probe', 'outbound_message',
                    ['id', 'account_id', 'user_id', 'channel', 'created_at'])


def downgrade() -> None:
    op.drop_index('ix_outbound_message_report_probe', table_name='outbound_message')
    op.drop_index('ix_outbound_message_report_user_state', table_name='outbound_message')
    op.drop_index('ix_outbound_message_report_account_state', table_name='outbound_message')
