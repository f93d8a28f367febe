"""Row reports over the outbound queue: sent messages, delivery status per recipient, temporary failures."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.reporting import Column, Report
from openlux.mail.models import DeliveryAttempt, OutboundMessage, OutboundRecipient
from openlux.mail.states import PENDING_RECIPIENT_STATES, Channel, DeliveryMethod, MessageState, Outcome, RecipientState
from openlux.reports import state_counts
from openlux.reports.engine import Query, Scope, TableReport, add_logins, chain, require_choice, user_id_of

M, R, A = OutboundMessage, OutboundRecipient, DeliveryAttempt
# docs/compat.d/reports.md: "SMTP" reports cover mail from mail programs and the API (endpoints.tsv:
# "sent via SMTP or API"); WebMail reports cover the webmail channel; system notices are in neither.
SMTP_CHANNELS = (Channel.SMTP, Channel.API)
WEBMAIL_CHANNELS = (Channel.WEBMAIL,)
# spec 30 §A.8 names Queued, Failed, Delivered; the other words follow the same style.
RECIPIENT_STATUS: dict[str, str] = {
    RecipientState.QUEUED: "Queued",
    RecipientState.DEFERRED: "Deferred",
    RecipientState.SENT: "Delivered",
    RecipientState.ESCROWED: "Escrowed",
    RecipientState.FAILED: "Failed",
    RecipientState.SUPPRESSED: "Suppressed",
}
MESSAGE_STATUS: dict[str, str] = {
    MessageState.QUEUED: "Queued",
    MessageState.SENT: "Delivered",
    MessageState.PARTIAL: "Partial",
    MessageState.FAILED: "Failed",
}
# spec 30 §A.8 (SecureLine methods): how a recipient's copy was protected.
ENCRYPTION: dict[str, str] = {
    DeliveryMethod.TLS: "TLS",
    DeliveryMethod.PLAIN: "None",
    DeliveryMethod.PGP: "PGP",
    DeliveryMethod.SMIME: "S/MIME",
    DeliveryMethod.ESCROW: "Escrow",
}
PENDING = PENDING_RECIPIENT_STATES


def columns(*rows: tuple[str, str, str]) -> Report:
    """A Report from (keyword, type, description) triples."""
    return Report(tuple(Column(*r) for r in rows))


USER_COLUMN = ("user", "String", "Login of the sending user")
MESSAGE_COLUMNS = (
    ("queue_id", "Integer", "OpenLux queue id of the message (sendEmail's id)"),
    ("message_id", "String", "Message-ID header, without <>"),
    USER_COLUMN,
    ("channel", "String", "How it was submitted: smtp, api or webmail"),
    ("sender", "String", "Envelope sender (MAIL FROM)"),
)


def word_case(column: Any, words: dict[str, str]) -> Any:
    """SQL CASE turning stored codes into report words."""
    return case(words, value=column, else_=column)


def owned(statement: Select, scope: Scope, channels: tuple[str, ...]) -> Select:
    """Restrict to the scope's messages of the channels (uses ix_outbound_message_report_*)."""
    owner = M.account_id == scope.account_id if scope.user_id is None else M.user_id == scope.user_id
    return statement.where(owner, M.channel.in_(channels))


def recipients_owned(statement: Select, scope: Scope, channels: tuple[str, ...]) -> Select:
    """Restrict recipient rows to the scope's messages of the channels by the recipient's own copies
    (ix_outbound_recipient_report_account_state); a user's scope also checks the message's user."""
    statement = statement.where(R.account_id == scope.account_id, R.channel.in_(channels))
    return statement if scope.user_id is None else statement.where(M.user_id == scope.user_id)


def states_of(query: Query) -> list[str]:
    """The recipient states the `status` filter names (BadRequest for an unknown word)."""
    word = require_choice(query.filters["status"], RECIPIENT_STATUS.values(), "status")
    return [k for k, v in RECIPIENT_STATUS.items() if v == word]


# Filters on the message's own columns (message_filters); `channel` has a copy on the recipient row.
MESSAGE_FILTERS = frozenset({"sender", "user", "message_id", "queue_id"})


def message_filters(statement: Select, query: Query) -> Select:
    """The filters every message-based report shares."""
    f = query.filters
    if "sender" in f:
        statement = statement.where(M.mail_from_index == f["sender"])  # AddressIndex: hashed when bound
    if "user" in f:
        statement = statement.where(M.user_id == user_id_of(f["user"]))
    if "message_id" in f:
        statement = statement.where(M.message_id == f["message_id"].strip("<>"))
    if "queue_id" in f:
        statement = statement.where(M.id == _int(f["queue_id"], "queue_id"))
    if "channel" in f:
        statement = statement.where(M.channel == f["channel"].lower())
    return statement


def _int(value: str, name: str) -> int:
    from openlux.core.errors import BadRequest

    try:
        return int(value)
    except ValueError:
        raise BadRequest(f"Parameter '{name}' must be a whole number.") from None


SENT = columns(
    ("date", "DATETIME", "When the message was accepted (GMT)"),
    *MESSAGE_COLUMNS,
    ("recipients", "Integer", "Number of recipients queued"),
    ("size", "Integer", "Size of the message in bytes"),
    ("tls_policy", "String", "Requested transport policy: opportunistic, required, no_tls or secureline"),
    ("status", "String", "Queued, Delivered, Partial (some recipients failed) or Failed"),
    ("completed", "DATETIME", "When the last recipient reached a final state (GMT)"),
)


def sent(channels: tuple[str, ...]) -> TableReport:
    """Sent report: one row per message."""

    def build(scope: Scope, query: Query) -> tuple[Select, list[Any]]:
        statement = select(
            M.created_at.label("date"),
            M.id.label("queue_id"),
            M.message_id,
            M.user_id,
            M.channel,
            M.mail_from.label("sender"),
            M.recipient_count.label("recipients"),
            M.size,
            M.tls_policy,
            word_case(M.state, MESSAGE_STATUS).label("status"),
            M.completed_at.label("completed"),
        ).select_from(M)
        statement = message_filters(owned(statement, scope, channels), query).where(*query.window(M.created_at))
        if "status" in query.filters:
            word = require_choice(query.filters["status"], MESSAGE_STATUS.values(), "status")
            statement = statement.where(M.state.in_([k for k, v in MESSAGE_STATUS.items() if v == word]))
        return statement, [M.created_at, M.id]

    return TableReport(SENT, build, ("sender", "user", "message_id", "queue_id", "channel", "status"), add_logins)


DELIVERY = columns(
    ("date", "DATETIME", "When the message was accepted (GMT)"),
    *MESSAGE_COLUMNS,
    ("recipient", "String", "Envelope recipient"),
    ("recipient_type", "String", "to, cc, bcc, or env (SMTP envelope only)"),
    ("status", "String", "Queued, Deferred, Delivered, Escrowed, Failed or Suppressed"),
    ("attempts", "Integer", "Delivery attempts so far"),
    ("updated", "DATETIME", "When the status became final (GMT); empty while pending"),
    ("last_attempt", "DATETIME", "When delivery was last tried (GMT)"),
    ("server", "String", "Server of the last attempt"),
    ("tls", "Integer", "1 when the last attempt used TLS, else 0"),
    ("tls_version", "String", "TLS version of the last attempt, e.g. TLSv1.3"),
    ("encryption", "String", "How the delivered copy was protected: TLS, None, PGP, S/MIME, Escrow"),
    ("code", "Integer", "Last SMTP reply code"),
    ("reply", "String", "Last SMTP reply text, or why it was suppressed"),
)


async def last_attempts(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Add server, TLS and time of each recipient's latest attempt."""
    ids = [r["recipient_id"] for r in rows]
    latest: dict[int, Any] = {}
    for start in range(0, len(ids), 1000):  # bounded IN lists on both dialects
        chunk = ids[start : start + 1000]
        result = await session.execute(
            select(A.recipient_id, A.at, A.server, A.tls_version)
            .where(A.recipient_id.in_(chunk), A.outcome != Outcome.RECLAIMED)
            .order_by(A.id)
        )
        for rid, at, server, version in result:
            latest[rid] = (at, server, version)
    for row in rows:
        at, server, version = latest.get(row["recipient_id"], (None, "", None))
        row.update(
            last_attempt=at, server=server, tls_version=version or "", tls=None if at is None else int(bool(version))
        )


def delivery(channels: tuple[str, ...]) -> TableReport:
    """Delivery status report: one row per message × recipient."""

    def counted_total(scope: Scope, query: Query, states: list[str] | None) -> Select | None:
        """The scope's recipients (in `states`; None: all) from the per-day counters and, for the
        window's partial days, the report index (state_counts). None when a filter names the
        message's own columns (sender, user, Message-ID, queue id) or the recipient, or the window
        holds no whole day."""
        if "recipient" in query.filters or MESSAGE_FILTERS.intersection(query.filters):
            return None
        wanted = query.filters.get("channel", "").lower()
        chosen = [c for c in channels if not wanted or c == wanted]
        return state_counts.recipient_total(scope.account_id, scope.user_id, chosen, states, *query.bounds())

    def build(scope: Scope, query: Query) -> tuple[Select, list[Any]]:
        statement = (
            select(
                M.created_at.label("date"),
                M.id.label("queue_id"),
                M.message_id,
                M.user_id,
                M.channel,
                M.mail_from.label("sender"),
                R.id.label("recipient_id"),
                R.address.label("recipient"),
                R.kind.label("recipient_type"),
                word_case(R.state, RECIPIENT_STATUS).label("status"),
                R.attempts,
                R.completed_at.label("updated"),
                word_case(R.method, ENCRYPTION).label("encryption"),
                R.last_code.label("code"),
                R.last_reply.label("reply"),
            )
            .select_from(M)
            .join(R, R.message_id == M.id)
        )
        if "recipient" in query.filters:
            statement = statement.where(R.address_index == query.filters["recipient"])
        if "status" in query.filters:
            # From the recipients in that state, by their copies of the message's account, channel
            # and date: one range of ix_outbound_recipient_report_account_state, in report order
            # (R.created_at and R.message_id equal M.created_at and M.id, so rows and keys are the same).
            statement = message_filters(recipients_owned(statement, scope, channels), query)
            statement = statement.where(R.state.in_(states_of(query)), *query.window(R.created_at))
            return statement, [R.created_at, R.message_id, R.id]
        statement = message_filters(owned(statement, scope, channels), query).where(*query.window(M.created_at))
        return statement, [M.created_at, M.id, R.id]

    def fast_count(scope: Scope, query: Query) -> Select | None:
        """A cheaper count. Without a filter on the message's own columns or the recipient: the per-day
        counters of the account or the user (counted_total), whether or not a status is asked.

        Otherwise, with a status: the recipient rows in that state, from the report index alone (no
        join) unless a filter names the message's own columns. Without one: each message's queued
        count plus its suppressed rows (mail.queue.enqueue_many stores recipient_count = recipients
        queued, and adds one row per suppressed recipient beside them). The recipient filter needs
        the real join.
        """
        if "status" in query.filters:
            total = counted_total(scope, query, states_of(query))
            if total is not None:
                return total
            if scope.user_id is not None or MESSAGE_FILTERS.intersection(query.filters):
                return None  # the message's user, sender or id: the join
            counted = select(func.count()).select_from(R)
            counted = recipients_owned(counted, scope, channels).where(
                R.state.in_(states_of(query)), *query.window(R.created_at)
            )
            if "channel" in query.filters:
                counted = counted.where(R.channel == query.filters["channel"].lower())
            if "recipient" in query.filters:
                counted = counted.where(R.address_index == query.filters["recipient"])  # hashed when bound
            return counted
        if "recipient" in query.filters:
            return None
        total = counted_total(scope, query, None)
        if total is not None:
            return total
        messages = message_filters(
            owned(select(func.coalesce(func.sum(M.recipient_count), 0)).select_from(M), scope, channels), query
        ).where(*query.window(M.created_at))
        suppressed = message_filters(
            owned(select(func.count()).select_from(R).join(M, M.id == R.message_id), scope, channels), query
        ).where(R.state == RecipientState.SUPPRESSED, *query.window(M.created_at))
        return select(messages.scalar_subquery() + suppressed.scalar_subquery())

    return TableReport(
        DELIVERY,
        build,
        ("sender", "recipient", "status", "user", "message_id", "queue_id", "channel"),
        chain(last_attempts, add_logins),
        fast_count,
    )


TEMPFAIL = columns(
    ("date", "DATETIME", "When the attempt met the temporary failure (GMT)"),
    *MESSAGE_COLUMNS,
    ("recipient", "String", "Envelope recipient"),
    ("server", "String", "Server that answered"),
    ("code", "Integer", "SMTP reply code (4xx)"),
    ("reply", "String", "SMTP reply text"),
    ("status", "String", "The recipient's status now: Deferred while retrying, or final"),
    ("attempts", "Integer", "Delivery attempts so far for the recipient"),
    ("next_attempt", "DATETIME", "When the next try is due (GMT); empty when final"),
)


def tempfail(scope_channels: tuple[str, ...] = SMTP_CHANNELS) -> TableReport:
    """Temporary-failure report: one row per deferred delivery attempt."""

    def build(scope: Scope, query: Query) -> tuple[Select, list[Any]]:
        statement: Select = (
            select(
                A.at.label("date"),
                M.id.label("queue_id"),
                M.message_id,
                M.user_id,
                M.channel,
                M.mail_from.label("sender"),
                R.address.label("recipient"),
                A.server,
                A.code,
                A.reply,
                word_case(R.state, RECIPIENT_STATUS).label("status"),
                R.attempts,
                case((R.state.in_(PENDING), M.next_attempt_at), else_=None).label("next_attempt"),
            )
            .select_from(A)
            .join(R, R.id == A.recipient_id)
            .join(M, M.id == A.message_id)
            .where(A.outcome == Outcome.DEFERRED)
        )
        statement = message_filters(owned(statement, scope, scope_channels), query).where(*query.window(A.at))
        if "recipient" in query.filters:
            statement = statement.where(R.address_index == query.filters["recipient"])
        return statement, [A.at, A.id]

    return TableReport(
        TEMPFAIL, build, ("sender", "recipient", "user", "message_id", "queue_id", "channel"), add_logins
    )
