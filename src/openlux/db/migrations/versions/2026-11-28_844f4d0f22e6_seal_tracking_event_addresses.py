"""seal the addresses of tracking events; blind indexes for filters and joins

Revision ID: 844f4d0f22e6
Revises: d0433e75e5f1
Create Date: 2026-11-28 13:33:10.000000
"""

from openlux.db.sealed_columns import seal_addresses


revision = '844f4d0f22e6'
down_revision = 'd0433e75e5f1'
branch_labels = None
depends_on = '179c0a166477'  # bounce_event and tracking_event are created by the reports branch


def upgrade() -> None:
    seal_addresses("tracking_event", {"sender": "sender_index", "recipient": "recipient_index"})


def downgrade() -> None:
    raise NotImplementedError("sealed tracking addresses cannot be turned back into clear text")
