"""mail: join the send idempotency keys revision with main's mail head (made in parallel)

Revision ID: 5c1e0d7a9b42
Revises: 22e4c7303fab, 47f764023424
Create Date: 2026-11-28 11:52:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '5c1e0d7a9b42'
down_revision = ('22e4c7303fab', '47f764023424')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
