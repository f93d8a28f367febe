"""mail: join the sealed queue addresses revision with main's report-index columns (made in parallel)

Revision ID: 9e2b7d41c6a3
Revises: 134d68410442, 79a4d6e78d8c
Create Date: 2026-11-28 14:40:00.000000
"""

revision = '9e2b7d41c6a3'
down_revision = ('134d68410442', '79a4d6e78d8c')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
