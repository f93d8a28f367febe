"""seal captured and refused send addresses; blind indexes for captured mail

Revision ID: 47b275357ea2
Revises: 9e2b7d41c6a3
Create Date: 2026-11-28 15:54:40.205059
"""

from openlux.db.sealed_columns import require_key_for, seal_addresses, seal_rows, widen_to_text


revision = '47b275357ea2'
down_revision = '9e2b7d41c6a3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    require_key_for("captured_message", "rejected_send")  # before any table is rebuilt
    # Captured mail is matched by whole address (`openlux outbox list --address`): blind indexes.
    seal_addresses("captured_message", {"mail_from": "mail_from_index"}, address_lists={"recipients": "recipients_index"})
    # Refused sends are never matched by address; their reason often names one, so it is sealed too.
    seal_addresses("rejected_send", {"mail_from": None}, address_lists={"recipients": None})
    widen_to_text("rejected_send", ["reason"])
    seal_rows("rejected_send", ["reason"])


def downgrade() -> None:
    raise NotImplementedError("sealed addresses cannot be turned back into clear text")
