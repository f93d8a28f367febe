"""Row reports over recorded events: opens, clicks, feedback-loop complaints, login failures and
rejected sends, and suppressions."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Select, String, case, cast, literal, select, type_coerce, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain, User
from openlux.auth.models import AuthFailure
from openlux.db import AddressIndex
from openlux.inbound.models import ComplaintEvent, UnmatchedReport
from openlux.mail.models import RejectedSend
from openlux.reports.engine import Query, Scope, TableReport, add_logins, chain, require_choice, user_id_of
from openlux.reports.mail_reports import USER_COLUMN, columns
from openlux.suppressions.models import AccountSuppression, UserSuppression
from openlux.tracking.models import TrackingEvent

T, C, U = TrackingEvent, ComplaintEvent, UnmatchedReport


def _owner(model: Any, scope: Scope) -> Any:
    return model.account_id == scope.account_id if scope.user_id is None else model.user_id == scope.user_id


def _common(statement: Select, model: Any, query: Query) -> Select:
    f = query.filters
    if "sender" in f:
        statement = statement.where(model.sender_index == f["sender"])  # AddressIndex: hashed when bound
    if "recipient" in f:
        statement = statement.where(model.recipient_index == f["recipient"])
    if "user" in f:
        statement = statement.where(model.user_id == user_id_of(f["user"]))
    return statement


EVENT_COLUMNS = (
    ("queue_id", "Integer", "OpenLux queue id of the message"),
    ("message_id", "String", "Message-ID header, without <>"),
    USER_COLUMN,
    ("channel", "String", "How the message was submitted: smtp, api or webmail"),
    ("sender", "String", "Envelope sender of the message"),
    ("recipient", "String", "Recipient whose copy was opened or clicked"),
)
OPENS = columns(
    ("date", "DATETIME", "When the tracking image was loaded (GMT)"),
    *EVENT_COLUMNS,
    ("client_ip", "String", "Address that loaded it"),
    ("user_agent", "String", "Its User-Agent"),
    ("classification", "String", "human, or automated (privacy proxy prefetch, scanner, bot, HEAD)"),
)
CLICKS = columns(
    ("date", "DATETIME", "When the tracked link was followed (GMT)"),
    *EVENT_COLUMNS,
    ("url", "String", "The link's target URL"),
    ("client_ip", "String", "Address that followed it"),
    ("user_agent", "String", "Its User-Agent"),
    ("classification", "String", "human, or automated (link scanner within seconds of delivery, bot, HEAD)"),
)
# Rules: openlux.tracking.classify (docs/compat.d/tracking.md).
CLASSIFICATION = case((T.automated.is_(True), literal("automated")), else_=literal("human"))
CLASSIFICATIONS = ("human", "automated")


def tracking(kind: str, channels: tuple[str, ...]) -> TableReport:
    """Opens or clicks: one row per event."""

    def build(scope: Scope, query: Query) -> tuple[Select, list[Any]]:
        statement: Select = (
            select(
                T.at.label("date"),
                T.outbound_message_id.label("queue_id"),
                T.message_id,
                T.user_id,
                T.channel,
                T.sender,
                T.recipient,
                T.url,
                T.client_ip,
                T.user_agent,
                CLASSIFICATION.label("classification"),
            )
            .select_from(T)
            .where(_owner(T, scope), T.kind == kind, T.channel.in_(channels), *query.window(T.at))
        )
        statement = _common(statement, T, query)
        if "url" in query.filters:
            statement = statement.where(T.url == query.filters["url"])
        if "classification" in query.filters:
            wanted = require_choice(query.filters["classification"], CLASSIFICATIONS, "classification")
            statement = statement.where(T.automated.is_(wanted == "automated"))
        return statement, [T.at, T.id]

    filters = ("sender", "recipient", "user", "classification") + (("url",) if kind == "click" else ())
    return TableReport(CLICKS if kind == "click" else OPENS, build, filters, add_logins)


FBL = columns(
    ("date", "DATETIME", "When the complaint (or the unmatched report) arrived (GMT)"),
    *EVENT_COLUMNS[:4],
    ("sent", "DATETIME", "When the message was sent (GMT)"),
    ("sender", "String", "Envelope sender of the message; of the report itself on unmatched rows"),
    ("recipient", "String", "Recipient who marked it as spam; on unmatched rows every address the report names"),
    ("provider", "String", "Mailbox provider whose feedback loop reported it"),
    ("feedback_type", "String", "RFC 5965 Feedback-Type, normally abuse"),
    ("status", "String", "matched (tied to a message sent from here) or unmatched (tied to none; changed nothing)"),
    (
        "kind",
        "String",
        "complaint (ARF), or bounce (DSN; unmatched rows only: matched bounces are in the delivery reports)",
    ),
    ("reported_to", "String", "Unmatched rows: the address the report was sent to"),
    ("reason", "String", "Unmatched rows: why it could not be tied to a message sent from here"),
)
FBL_STATUSES = ("matched", "unmatched")
KINDS = ("complaint", "bounce")


def feedback_loops() -> TableReport:
    """Feedback-loop complaints, one row per complaint; with `status=unmatched`, the DSN and ARF reports
    that could not be tied to a message sent from here (mail-trust issue, item 2), one row per report."""

    def build(scope: Scope, query: Query) -> tuple[Select, list[Any]]:
        status = require_choice(query.filters.get("status", "matched"), FBL_STATUSES, "status")
        if status == "unmatched":
            return unmatched(scope, query)
        statement: Select = (
            select(
                C.at.label("date"),
                C.outbound_message_id.label("queue_id"),
                C.message_id,
                C.user_id,
                C.channel,
                C.sent_at.label("sent"),
                C.sender,
                C.recipient,
                C.provider,
                C.feedback_type,
                literal("matched").label("status"),
                literal("complaint").label("kind"),
            )
            .select_from(C)
            .where(_owner(C, scope), *query.window(C.at))
        )
        statement = _common(statement, C, query)
        if "provider" in query.filters:
            statement = statement.where(C.provider == query.filters["provider"].lower())
        if "kind" in query.filters and require_choice(query.filters["kind"], KINDS, "kind") == "bounce":
            statement = statement.where(literal(False))  # matched bounces live in the delivery reports
        return statement, [C.at, C.id]

    def unmatched(scope: Scope, query: Query) -> tuple[Select, list[Any]]:
        statement: Select = (
            select(
                U.at.label("date"),
                U.message_id,
                U.user_id,
                U.sender,
                U.recipients.label("recipient"),
                literal("unmatched").label("status"),
                U.kind,
                U.rcpt_to.label("reported_to"),
                U.reason,
            )
            .select_from(U)
            .where(_owner(U, scope), *query.window(U.at))
        )
        f = query.filters
        if "sender" in f:
            statement = statement.where(U.sender_index == f["sender"])
        if "recipient" in f:  # one of the addresses the report names: its HMAC among theirs
            statement = statement.where(U.recipients_index.contains(type_coerce(f["recipient"], AddressIndex)))
        if "user" in f:
            statement = statement.where(U.user_id == user_id_of(f["user"]))
        if "provider" in f:  # unmatched reports record no provider
            statement = statement.where(literal(False))
        if "kind" in f:
            statement = statement.where(U.kind == require_choice(f["kind"], KINDS, "kind"))
        return statement, [U.at, U.id]

    return TableReport(
        FBL, build, ("sender", "recipient", "user", "provider", "status", "kind"), chain(add_logins, join_recipients)
    )


async def join_recipients(_session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Unmatched rows name a list of addresses: shown comma-separated in the one recipient column."""
    for row in rows:
        if isinstance(row.get("recipient"), list):
            row["recipient"] = ", ".join(str(a) for a in row["recipient"])


LOGIN_FAILURES = columns(
    ("date", "DATETIME", "When it happened (GMT)"),
    ("type", "String", "login_failure (SMTP AUTH refused) or rejected_send (message refused before queueing)"),
    ("channel", "String", "smtp for logins; smtp or api for rejected sends"),
    ("login", "String", "Login name tried, or the sending user"),
    ("client_ip", "String", "Client address, when known"),
    ("sender", "String", "Envelope sender of a rejected send"),
    ("recipients", "String", "Recipients of a rejected send, comma-separated"),
    ("reason", "String", "Why it was refused"),
)
FAILURE_TYPES = ("login_failure", "rejected_send")


def _failures_of(scope: Scope) -> Any:
    """Whose SMTP login failures: the user's login (by its blind index: the login is sealed at rest);
    for an account, every login in its domains, which holds its users' logins and addresses that are
    no user (guessing attacks)."""
    if scope.user_id is not None:
        return AuthFailure.username_index == scope.login  # AddressIndex: hashed when bound
    return AuthFailure.username_domain.in_(select(Domain.name).where(Domain.account_id == scope.account_id))


def login_failures() -> TableReport:
    """SMTP login failures and rejected sends: one row per event, merged in time order."""

    def build(scope: Scope, query: Query) -> tuple[Select, list[Any]]:
        failures = select(
            AuthFailure.at.label("date"),
            literal("login_failure").label("type"),
            AuthFailure.channel,
            AuthFailure.username.label("login"),
            AuthFailure.client_ip,
            literal("").label("sender"),
            literal("").label("recipients_json"),
            AuthFailure.reason,
            literal("").label("details_json"),
            AuthFailure.id.label("row_id"),
        ).where(AuthFailure.channel == "smtp", _failures_of(scope), *query.window(AuthFailure.at))
        owner = (
            RejectedSend.account_id == scope.account_id
            if scope.user_id is None
            else RejectedSend.user_id == scope.user_id
        )
        rejected = (
            select(
                RejectedSend.at.label("date"),
                literal("rejected_send").label("type"),
                RejectedSend.channel,
                User.login.label("login"),
                literal("").label("client_ip"),
                RejectedSend.mail_from.label("sender"),
                cast(RejectedSend.recipients, String).label("recipients_json"),
                RejectedSend.reason,
                cast(RejectedSend.details, String).label("details_json"),
                RejectedSend.id.label("row_id"),
            )
            .select_from(RejectedSend)
            .outerjoin(User, User.id == RejectedSend.user_id)
            .where(owner, RejectedSend.channel.in_(("smtp", "api")), *query.window(RejectedSend.at))
        )
        if "login" in query.filters:  # per branch: a failure's login is sealed, matched by its blind index
            wanted = query.filters["login"].strip().lower()
            failures = failures.where(AuthFailure.username_index == wanted)
            rejected = rejected.where(User.login == wanted)
        merged = union_all(failures, rejected).subquery()
        statement = select(merged).select_from(merged)
        if "type" in query.filters:
            statement = statement.where(merged.c.type == require_choice(query.filters["type"], FAILURE_TYPES, "type"))
        return statement, [merged.c.date, merged.c.type, merged.c.row_id]

    return TableReport(LOGIN_FAILURES, build, ("type", "login"), _decode_rejections)


async def _decode_rejections(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Open the sealed sender, recipients and reason of rejected sends, and read their client address.

    The union's columns take the types of its first part (login failures), so a rejected send's
    sealed columns arrive as stored and are opened here through their own column types.
    """
    dialect = session.get_bind().dialect
    columns = RejectedSend.__table__.c
    for row in rows:
        if row["type"] != "rejected_send":
            continue
        row["sender"] = _opened(columns.mail_from, row["sender"], dialect) or ""
        row["reason"] = _opened(columns.reason, row["reason"], dialect) or ""
        recipients = _opened(columns.recipients, row.get("recipients_json") or None, dialect) or []
        row["recipients"] = ", ".join(str(r) for r in recipients)
        row["client_ip"] = (json.loads(row.get("details_json") or "{}") or {}).get("client_ip") or ""


def _opened(column: Any, stored: Any, dialect: Any) -> Any:
    """A value as stored, read the way its column's type reads it (sealed columns are opened)."""
    read = column.type.result_processor(dialect, None)
    return read(stored) if read is not None else stored


SUPPRESSIONS = columns(
    ("email", "String", "Suppressed address (lower-case)"),
    ("reason", "String", "manual, bounce, complaint or unsubscribe"),
    ("source", "String", "What added it: api, bounce processing, feedback loop, unsubscribe link ..."),
    ("note", "String", "Free-text note"),
    ("created", "DATETIME", "When it was added (GMT)"),
    ("expires", "DATETIME", "When it lapses (GMT); empty = never"),
)


def suppressions() -> TableReport:
    """User-level (user scope) or account-level (account scope) suppressions; date = when added."""

    def build(scope: Scope, query: Query) -> tuple[Select, list[Any]]:
        model: Any = AccountSuppression if scope.user_id is None else UserSuppression
        owner = model.account_id == scope.account_id if scope.user_id is None else model.user_id == scope.user_id
        statement = (
            select(
                model.address.label("email"),
                model.reason,
                model.source,
                model.note,
                model.created_at.label("created"),
                model.expires_at.label("expires"),
            )
            .select_from(model)
            .where(owner, *query.window(model.created_at))
        )
        if "reason" in query.filters:
            statement = statement.where(model.reason == query.filters["reason"].lower())
        if "email" in query.filters:
            statement = statement.where(model.address_index == query.filters["email"])
        return statement, [model.created_at, model.id]

    return TableReport(SUPPRESSIONS, build, ("reason", "email"))
