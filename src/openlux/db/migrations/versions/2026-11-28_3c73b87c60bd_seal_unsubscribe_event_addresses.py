"""seal the addresses of unsubscribe events

Revision ID: 3c73b87c60bd
Revises: 844f4d0f22e6
Create Date: 2026-11-28 14:13:00.000000
"""

from openlux.db.sealed_columns import seal_addresses


revision = '3c73b87c60bd'
down_revision = '844f4d0f22e6'
branch_labels = None
depends_on = None


def upgrade() -> None:
    seal_addresses("unsubscribe_event", {"email": None})  # shown in campaign reports, never matched


def downgrade() -> None:
    raise NotImplementedError("sealed unsubscribe addresses cannot be turned back into clear text")
