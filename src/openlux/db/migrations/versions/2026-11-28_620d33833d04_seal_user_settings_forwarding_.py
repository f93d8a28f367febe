"""seal user settings (forwarding destinations)

Revision ID: 620d33833d04
Revises: 43c67630b4dc
Create Date: 2026-11-28 15:57:59.411683
"""

from openlux.db.sealed_columns import seal_addresses_in_place


revision = '620d33833d04'
down_revision = '43c67630b4dc'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # app_user.settings holds the forwarding destinations (inbound.service.SETTINGS_KEY): sealed whole, as
    # no SQL reads inside it. Never a batch rebuild on SQLite: dropping the old app_user there would
    # delete every row pointing at a user (ON DELETE CASCADE). The column stays JSON on SQLite (which
    # stores it as text anyway) and becomes TEXT on PostgreSQL.
    seal_addresses_in_place("app_user", {}, json_columns=["settings"])


def downgrade() -> None:
    raise NotImplementedError("sealed user settings cannot be turned back into clear text")
