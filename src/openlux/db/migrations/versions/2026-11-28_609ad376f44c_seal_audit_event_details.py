"""seal audit event details

Revision ID: 609ad376f44c
Revises: 22a7b43f03b7
Create Date: 2026-11-28 17:11:04.219118
"""

from openlux.db.sealed_columns import create_audit_trigger, drop_audit_trigger, require_key_for, seal_rows, widen_to_text


revision = '609ad376f44c'
down_revision = '22a7b43f03b7'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Events keep addresses in `details` (alias and forwarding destinations, a report query's
    # filters): the whole object is sealed (nothing filters on it in SQL). No table rebuild: on
    # SQLite the column keeps its declared type (it stores the sealed text as it is); on PostgreSQL
    # JSON becomes TEXT. The append-only trigger refuses the sealing UPDATEs: dropped and created
    # again in the migration's transaction (as 22a7b43f03b7 does).
    table = "audit_event"
    require_key_for(table)
    drop_audit_trigger()
    widen_to_text(table, ["details"])
    seal_rows(table, [], json_columns=["details"])
    create_audit_trigger()


def downgrade() -> None:
    raise NotImplementedError("sealed audit details cannot be turned back into clear text")
