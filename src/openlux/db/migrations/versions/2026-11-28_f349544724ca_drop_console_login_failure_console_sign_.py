"""drop console_login_failure: console sign-ins use the shared login throttle

Revision ID: f349544724ca
Revises: e9a927ed6bf4
Create Date: 2026-11-28 10:32:39.938578
"""

from alembic import op
import sqlalchemy as sa


revision = 'f349544724ca'
down_revision = 'e9a927ed6bf4'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Written by hand: the model is gone, so autogenerate (which compares only this area's models) sees nothing.
    with op.batch_alter_table('console_login_failure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_console_login_failure_login'))
        batch_op.drop_index(batch_op.f('ix_console_login_failure_at'))
    op.drop_table('console_login_failure')


def downgrade() -> None:
    op.create_table('console_login_failure',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('login', sa.String(length=320), nullable=False),
    sa.Column('client_ip', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_console_login_failure'))
    )
    with op.batch_alter_table('console_login_failure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_console_login_failure_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_console_login_failure_login'), ['login'], unique=False)
