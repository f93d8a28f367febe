"""seal audit actors and targets; blind indexes for the actor filter

Revision ID: 22a7b43f03b7
Revises: 9cb84d855bee
Create Date: 2026-11-28 15:58:41.963296
"""

import sqlalchemy as sa
from alembic import op

from openlux.core.sealing import BLIND_INDEX_LENGTH, address_form, address_index
from openlux.db.sealed_columns import create_audit_trigger, drop_audit_trigger, drop_batch_leftover, fill_column, migration_box, require_key_for, seal_rows


revision = '22a7b43f03b7'
down_revision = '9cb84d855bee'
branch_labels = None
depends_on = None



def upgrade() -> None:
    # Who acted (actor, on_behalf_of) and on what (target) are sealed; actor_index / on_behalf_of_index
    # (keyed HMACs) serve `openlux audit list --user` and the console filter. The append-only trigger
    # refuses the UPDATEs that seal existing rows: it is dropped here and created again at the end (on
    # SQLite the batch rebuild would drop it anyway), all in the migration's transaction.
    table = "audit_event"
    require_key_for(table)  # before the table is rebuilt
    drop_audit_trigger()
    drop_batch_leftover(table)
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_index", sa.String(length=BLIND_INDEX_LENGTH), nullable=True))
        batch_op.add_column(sa.Column("on_behalf_of_index", sa.String(length=BLIND_INDEX_LENGTH), nullable=True))
        for column, length in (("actor", 320), ("on_behalf_of", 320), ("target", 500)):
            batch_op.alter_column(
                column, existing_type=sa.String(length=length), type_=sa.Text(), postgresql_using=f"{column}::text"
            )
    fill_column(table, "actor_index", ["actor_kind", "actor"], _actor_index)  # from the clear actor, before sealing
    seal_rows(
        table, ["actor", "on_behalf_of", "target"], blind={"on_behalf_of_index": ("on_behalf_of", address_form)}
    )
    drop_batch_leftover(table)
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column("actor_index", existing_type=sa.String(length=BLIND_INDEX_LENGTH), nullable=False)
    create_audit_trigger()


def _actor_index(kind: str, actor: str) -> str:
    """The HMAC the actor filter matches: an integration's token ("name (token)"), else the whole actor
    (openlux.audit.models.actor_match_key, as of this revision)."""
    box = migration_box()
    assert box is not None  # require_key_for stopped a run without a key that had rows
    if kind == "integration" and actor.endswith(")") and " (" in actor:
        actor = actor[actor.rindex(" (") + 2 : -1]
    return address_index(actor, box)


def downgrade() -> None:
    raise NotImplementedError("sealed audit actors and targets cannot be turned back into clear text")
