"""seal auth failure usernames; blind indexes for failures and throttle keys

Revision ID: 077d8c4675a2
Revises: 651addd02760
Create Date: 2026-11-28 15:58:16.386778
"""

import re

import sqlalchemy as sa
from alembic import op

from openlux.core.sealing import BLIND_INDEX_LENGTH, address_form, address_index
from openlux.db.sealed_columns import drop_batch_leftover, fill_column, migration_box, require_key_for, seal_rows


revision = '077d8c4675a2'
down_revision = '651addd02760'
branch_labels = None
depends_on = None

HASHED = re.compile(r"^[0-9a-f]{64}$")
KEY_MAX = 400


def upgrade() -> None:
    require_key_for("auth_failure", "login_throttle")  # before any table is rebuilt
    # auth_failure: the login tried is sealed (the login-failure report shows it); username_index (keyed
    # HMAC) finds one user's failures, username_domain (clear, an account's domain) an account's.
    table = "auth_failure"
    drop_batch_leftover(table)
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.add_column(sa.Column("username_index", sa.String(length=BLIND_INDEX_LENGTH), nullable=True))
        batch_op.add_column(sa.Column("username_domain", sa.String(length=253), nullable=True))
        batch_op.alter_column(
            "username", existing_type=sa.String(length=320), type_=sa.Text(), postgresql_using="username::text"
        )
    fill_column(table, "username_domain", ["username"], _domain)  # from the clear value, before sealing it
    seal_rows(table, ["username"], blind={"username_index": ("username", address_form)})
    drop_batch_leftover(table)
    _hash_throttle_keys()


def _domain(username: str | None) -> str | None:
    if not username or "@" not in username:  # (sealed values are base64: never an "@")
        return None
    return username.rpartition("@")[2].strip().lower()[:253] or None


def _hash_throttle_keys() -> None:
    """login_throttle keys name the login in clear ("login:<login>", "pair:<login>|<ip>"): hash it."""
    conn = op.get_bind()
    t = sa.table("login_throttle", sa.column("key"))
    box = migration_box()
    for (key,) in conn.execute(sa.select(t.c.key)).all():
        kind, _, rest = key.partition(":")
        login, bar, ip = rest.rpartition("|") if kind == "pair" else (rest, "", "")
        if kind not in ("login", "pair") or HASHED.match(login) or box is None:
            continue
        fresh = f"{kind}:{address_index(login, box)}{bar}{ip}"[:KEY_MAX]
        if conn.execute(sa.select(t.c.key).where(t.c.key == fresh)).first():
            conn.execute(sa.delete(t).where(t.c.key == key))  # two spellings of one login: keep one
        else:
            conn.execute(sa.update(t).where(t.c.key == key).values(key=fresh))


def downgrade() -> None:
    raise NotImplementedError("sealed auth failure usernames cannot be turned back into clear text")
