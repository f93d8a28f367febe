"""mail: join the tlsrpt_report and dkim_key.algorithm revisions (made in parallel)

Revision ID: ca5bbc6f7ce9
Revises: 6bad96843111, a0fb13b2d598
Create Date: 2026-11-28 11:40:56.840747
"""

from alembic import op
import sqlalchemy as sa


revision = 'ca5bbc6f7ce9'
down_revision = ('6bad96843111', 'a0fb13b2d598')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
