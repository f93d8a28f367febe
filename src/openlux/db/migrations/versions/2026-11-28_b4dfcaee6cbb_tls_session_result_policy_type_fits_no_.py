"""tls session result policy type fits no-policy-found

Revision ID: b4dfcaee6cbb
Revises: 47b275357ea2
Create Date: 2026-11-28 17:14:05.687262
"""

from alembic import op
import sqlalchemy as sa


revision = "b4dfcaee6cbb"
down_revision = "47b275357ea2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # RFC 8460 §4.3's "no-policy-found" is 15 characters: PostgreSQL refused those results (they were
    # logged and lost). SQLite does not enforce VARCHAR lengths, and its batch mode would rebuild the
    # table for nothing, so only PostgreSQL changes.
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("tls_session_result", "policy_type", existing_type=sa.String(length=10), type_=sa.String(length=20))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("tls_session_result", "policy_type", existing_type=sa.String(length=20), type_=sa.String(length=10))
