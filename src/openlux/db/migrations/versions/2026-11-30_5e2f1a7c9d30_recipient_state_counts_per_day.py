"""recipient_state_count: per-day counts of finished recipients kept by triggers, for report totals;
outbound_recipient copies its message's user

Revision ID: 5e2f1a7c9d30
Revises: 810fbd81af0a, b4dfcaee6cbb
Create Date: 2026-11-30 02:45:00

Hand-written (autogenerate does not see triggers). Joins the reports branch (the report indexes)
and the mail branch (outbound_recipient's account, channel and created_at copies, to which this adds
the user's, backfilled from the message like the others).

Only rows in a final state are counted: a recipient adds one to its key once, when it is delivered,
escrowed, failed or suppressed. Queued and deferred rows (a queue's worth, not a history's) are
counted from the report index, so queueing a recipient costs no counter write. Each count is kept
under the message's user (0: none) and under the whole account (user -1).

SQLite (one writer at a time) updates the counters in place. PostgreSQL appends one row per change
to recipient_state_delta instead, which the report-counters role folds into the counters: updating one
counter row again and again in one transaction leaves PostgreSQL a chain of row versions to walk on
every update, so a statement finishing 20,000 recipients took 8 s (and deleting a large account,
hours); appending is linear and never waits on another writer.
"""

from alembic import op
import sqlalchemy as sa


revision = '5e2f1a7c9d30'
down_revision = ('810fbd81af0a', 'b4dfcaee6cbb')
branch_labels = None
depends_on = None

KEY = 'account_id, user_id, channel, state, day'
PENDING = "('queued', 'deferred')"  # mail.states.PENDING_RECIPIENT_STATES
COUNTED = "{row}.account_id IS NOT NULL AND {row}.created_at IS NOT NULL AND {row}.state NOT IN " + PENDING
USERS = ("COALESCE({row}.user_id, 0)", "-1")  # the message's user, and the whole account
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')

SQLITE_UPSERT = (
    f"INSERT INTO recipient_state_count ({KEY}, n) "
    "SELECT {row}.account_id, {user}, COALESCE({row}.channel, ''), {row}.state, date({row}.created_at), {delta} "
    "WHERE {counted} "
    f"ON CONFLICT ({KEY}) DO UPDATE SET n = n + excluded.n;"
)


def sqlite_upserts(row: str, delta: int) -> str:
    return " ".join(
        SQLITE_UPSERT.format(row=row, user=user.format(row=row), delta=delta, counted=COUNTED.format(row=row))
        for user in USERS
    )


CHANGED = (
    '(OLD.state {ne} NEW.state OR OLD.account_id {ne} NEW.account_id OR OLD.user_id {ne} NEW.user_id '
    'OR OLD.channel {ne} NEW.channel OR OLD.created_at {ne} NEW.created_at) '
    f'AND (OLD.state NOT IN {PENDING} OR NEW.state NOT IN {PENDING})'
)
WATCHED = 'state, account_id, user_id, channel, created_at'


def postgres_append(row: str, delta: int) -> str:
    return (
        f"\n        INSERT INTO recipient_state_delta ({KEY}, n) VALUES ({row}.account_id, "
        f"COALESCE({row}.user_id, 0), COALESCE({row}.channel, ''), {row}.state, "
        f"({row}.created_at AT TIME ZONE 'UTC')::date, {delta});"
    )


POSTGRES_FUNCTION = f"""
CREATE FUNCTION recipient_state_count_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND {COUNTED.format(row='OLD')} THEN{postgres_append('OLD', -1)}
    END IF;
    IF TG_OP <> 'DELETE' AND {COUNTED.format(row='NEW')} THEN{postgres_append('NEW', 1)}
    END IF;
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # Plain ADD COLUMN on both backends (no rebuild of a queue table), filled from the message.
    op.add_column('outbound_recipient', sa.Column('user_id', BIG_ID, nullable=True))
    op.execute(
        "UPDATE outbound_recipient SET user_id = "
        "(SELECT m.user_id FROM outbound_message m WHERE m.id = outbound_recipient.message_id)"
    )
    op.create_table(
        'recipient_state_count',
        sa.Column('account_id', BIG_ID, nullable=False),
        sa.Column('user_id', BIG_ID, nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('n', sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint('account_id', 'user_id', 'channel', 'state', 'day'),
    )
    op.create_table(
        'recipient_state_delta',
        sa.Column('id', BIG_ID, nullable=False),
        sa.Column('account_id', BIG_ID, nullable=False),
        sa.Column('user_id', BIG_ID, nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_recipient_state_delta_account_state_day', 'recipient_state_delta',
                    ['account_id', 'state', 'day'])
    if dialect == 'sqlite':
        op.execute(
            "CREATE TRIGGER recipient_state_count_insert AFTER INSERT ON outbound_recipient "
            f"WHEN {COUNTED.format(row='NEW')} BEGIN {sqlite_upserts('NEW', 1)} END"
        )
        op.execute(
            "CREATE TRIGGER recipient_state_count_delete AFTER DELETE ON outbound_recipient "
            f"WHEN {COUNTED.format(row='OLD')} BEGIN {sqlite_upserts('OLD', -1)} END"
        )
        op.execute(
            f"CREATE TRIGGER recipient_state_count_update AFTER UPDATE OF {WATCHED} ON outbound_recipient "
            f"WHEN {CHANGED.format(ne='IS NOT')} BEGIN {sqlite_upserts('OLD', -1)} {sqlite_upserts('NEW', 1)} END"
        )
        day = 'date(created_at)'
    else:
        op.execute(POSTGRES_FUNCTION)
        # WHEN on each trigger: a queued row's insert never even calls the function.
        op.execute(
            "CREATE TRIGGER recipient_state_count_insert AFTER INSERT ON outbound_recipient "
            f"FOR EACH ROW WHEN ({COUNTED.format(row='NEW')}) EXECUTE FUNCTION recipient_state_count_change()"
        )
        op.execute(
            "CREATE TRIGGER recipient_state_count_delete AFTER DELETE ON outbound_recipient "
            f"FOR EACH ROW WHEN ({COUNTED.format(row='OLD')}) EXECUTE FUNCTION recipient_state_count_change()"
        )
        op.execute(
            f"CREATE TRIGGER recipient_state_count_update AFTER UPDATE OF {WATCHED} ON outbound_recipient "
            f"FOR EACH ROW WHEN ({CHANGED.format(ne='IS DISTINCT FROM')}) "
            "EXECUTE FUNCTION recipient_state_count_change()"
        )
        day = "(created_at AT TIME ZONE 'UTC')::date"
    # The rows already there, counted once (the triggers above count what follows).
    for user in USERS:
        user = user.format(row='outbound_recipient')
        by_user = '' if user == '-1' else f'{user}, '  # a constant in GROUP BY would read as a position
        op.execute(
            f"INSERT INTO recipient_state_count ({KEY}, n) "
            f"SELECT account_id, {user}, COALESCE(channel, ''), state, {day}, count(*) "
            f"FROM outbound_recipient WHERE {COUNTED.format(row='outbound_recipient')} "
            f"GROUP BY account_id, {by_user}COALESCE(channel, ''), state, {day}"
        )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    for trigger in ('insert', 'delete', 'update'):
        op.execute(f'DROP TRIGGER recipient_state_count_{trigger}' + ('' if sqlite else ' ON outbound_recipient'))
    if not sqlite:
        op.execute('DROP FUNCTION recipient_state_count_change()')
    op.drop_table('recipient_state_delta')
    op.drop_table('recipient_state_count')
    op.execute('ALTER TABLE outbound_recipient DROP COLUMN user_id')  # SQLite 3.35+ drops a column in place
