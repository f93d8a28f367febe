"""mail: join the sealed captured subjects revision with the tlsrpt and dkim revisions (made in parallel)

Revision ID: 47f764023424
Revises: 1184533ab43d, ca5bbc6f7ce9
Create Date: 2026-11-28 11:46:45.122507
"""

from alembic import op
import sqlalchemy as sa


revision = '47f764023424'
down_revision = ('1184533ab43d', 'ca5bbc6f7ce9')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
