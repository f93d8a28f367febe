"""seal audit event details

Revision ID: 609ad376f44c
Revises: 22a7b43f03b7
Create Date: 2026-11-28 17:11:04.219118
"""

from alembic import op

from openlux.db.sealed_columns import require_key_for, seal_rows, widen_to_text


revision = '609ad376f44c'
down_revision = '22a7b43f03b7'
branch_labels = None
depends_on = None

TRIGGER = "audit_event_append_only"


def upgrade() -> None:
    # Events keep addresses in `details` (alias and forwarding destinations, a report query's
    # filters): the whole object is sealed (nothing filters on it in SQL). No table rebuild: on
    # SQLite the column keeps its declared type (it stores the sealed text as it is); on PostgreSQL
    # JSON becomes TEXT. The append-only trigger refuses the sealing UPDATEs: dropped and created
    # again in the migration's transaction (as 22a7b43f03b7 does).
    table = "audit_event"
    require_key_for(table)
    _drop_trigger()
    widen_to_text(table, ["details"])
    seal_rows(table, [], json_columns=["details"])
    _create_trigger()


def _drop_trigger() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
    else:
        op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON audit_event")


def _create_trigger() -> None:
    """The trigger of the audit log's first revision (9cb84d855bee); PostgreSQL kept its function."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END"
        )
    else:
        op.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON audit_event "
            "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()"
        )


def downgrade() -> None:
    raise NotImplementedError("sealed audit details cannot be turned back into clear text")
