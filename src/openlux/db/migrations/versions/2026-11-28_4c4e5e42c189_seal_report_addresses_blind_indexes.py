"""seal the addresses of bounce, complaint and unmatched-report rows; blind indexes for filters

Revision ID: 4c4e5e42c189
Revises: 7af88628a048
Create Date: 2026-11-28 13:32:31.495774
"""

from openlux.db.sealed_columns import require_key_for, seal_addresses


revision = '4c4e5e42c189'
down_revision = '7af88628a048'
branch_labels = None
depends_on = '179c0a166477'  # bounce_event and tracking_event are created by the reports branch


def upgrade() -> None:
    require_key_for("bounce_event", "complaint_event", "unmatched_report")  # before any table is rebuilt
    seal_addresses("bounce_event", {"recipient": "recipient_index"})
    seal_addresses("complaint_event", {"sender": "sender_index", "recipient": "recipient_index"})
    seal_addresses(
        "unmatched_report",
        {"sender": "sender_index", "rcpt_to": None},
        address_lists={"recipients": "recipients_index"},
    )


def downgrade() -> None:
    raise NotImplementedError("sealed report addresses cannot be turned back into clear text")
