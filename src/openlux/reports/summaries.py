"""Summary reports: (category, value, count) rows over the date window (spec 30 §A.7)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, distinct, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.inbound.models import BounceEvent, ComplaintEvent, UnmatchedReport
from openlux.mail.states import DELIVERED_RECIPIENT_STATES, RecipientState
from openlux.reports.engine import Query, Scope, SummaryReport, count_of
from openlux.reports.mail_reports import ENCRYPTION, RECIPIENT_STATUS, M, R
from openlux.suppressions.models import AccountSuppression, UserSuppression
from openlux.suppressions.service import REASONS
from openlux.tracking.models import TrackingEvent

Rows = list[tuple[str, str, int]]


def _owner(model: Any, scope: Scope) -> Any:
    return model.account_id == scope.account_id if scope.user_id is None else model.user_id == scope.user_id


def _sent_or_updated(query: Query) -> list[Any]:
    """spec 30 §A.7: a recipient counts when its message was sent or its status changed in the window."""
    sent, updated = query.window(M.created_at), query.window(R.completed_at)
    return [or_(and_(*sent), and_(*updated))] if sent else []


def delivery_summary(channels: tuple[str, ...]) -> SummaryReport:
    """Delivery, encryption, suppression, open, click and bounce totals of recipients."""

    async def compute(session: AsyncSession, scope: Scope, query: Query) -> Rows:
        where = [_owner(M, scope), M.channel.in_(channels), *_sent_or_updated(query)]
        base = select(R.id).select_from(R).join(M, M.id == R.message_id).where(*where)
        by_state = dict.fromkeys(RECIPIENT_STATUS, 0)
        by_method = dict.fromkeys(ENCRYPTION, 0)
        grouped = select(R.state, R.method, func.count()).select_from(R).join(M, M.id == R.message_id).where(*where)
        for state, method, n in await session.execute(grouped.group_by(R.state, R.method)):
            by_state[state] = by_state.get(state, 0) + n
            if state in DELIVERED_RECIPIENT_STATES and method:
                by_method[method] = by_method.get(method, 0) + n
        messages = await session.scalar(
            select(func.count(distinct(M.id))).select_from(R).join(M, M.id == R.message_id).where(*where)
        )
        delivered = by_state[RecipientState.SENT] + by_state[RecipientState.ESCROWED]
        rows: Rows = [("messages", "total", int(messages or 0)), ("recipients", "total", sum(by_state.values()))]
        rows += [("delivery_status", RECIPIENT_STATUS.get(k, k), n) for k, n in by_state.items()]
        rows += [("encryption", ENCRYPTION.get(k, k), n) for k, n in by_method.items()]
        suppressed = by_state[RecipientState.SUPPRESSED]
        rows += [
            ("suppression", "suppressed", suppressed),
            ("suppression", "not_suppressed", sum(by_state.values()) - suppressed),
        ]
        for kind, label in (("open", "opens"), ("click", "clicks")):
            hit = exists().where(
                TrackingEvent.outbound_message_id == R.message_id,
                TrackingEvent.recipient_index == R.address_index,  # both keyed HMACs of the address
                TrackingEvent.kind == kind,
            )
            n = int(await session.scalar(count_of(base.where(hit))) or 0)
            rows += [
                (label, f"{kind}ed" if kind == "click" else "opened", n),
                (label, "not_clicked" if kind == "click" else "not_opened", max(delivered - n, 0)),
            ]
        for kind in ("hard", "soft"):
            hit = exists().where(BounceEvent.recipient_id == R.id, BounceEvent.kind == kind)
            rows.append(("post_delivery_bounce", kind, int(await session.scalar(count_of(base.where(hit))) or 0)))
        return rows

    return SummaryReport(compute)


def tracking_summary(kind: str, channels: tuple[str, ...]) -> SummaryReport:
    """Open or click totals: all, human, automated, unique recipients and messages (clicks: per URL)."""

    async def compute(session: AsyncSession, scope: Scope, query: Query) -> Rows:
        T = TrackingEvent
        where = [_owner(T, scope), T.kind == kind, T.channel.in_(channels), *query.window(T.at)]
        counts = {
            automated: n
            for automated, n in await session.execute(
                select(T.automated, func.count()).where(*where).group_by(T.automated)
            )
        }
        pairs = select(T.outbound_message_id, T.recipient_index).where(*where).distinct()  # sealed: count by HMAC
        messages = select(T.outbound_message_id).where(*where).distinct()
        label = f"{kind}s"
        rows: Rows = [
            (label, "total", sum(counts.values())),
            (label, "human", int(counts.get(False, 0))),
            (label, "automated", int(counts.get(True, 0))),
            (label, "unique_recipients", int(await session.scalar(count_of(pairs)) or 0)),
            (label, "unique_messages", int(await session.scalar(count_of(messages)) or 0)),
        ]
        if kind == "click":
            per_url = select(T.url, func.count().label("n")).where(*where).group_by(T.url)
            rows += [("url", url, n) for url, n in await session.execute(per_url.order_by(func.count().desc(), T.url))]
        return rows

    return SummaryReport(compute)


def feedback_loop_summary() -> SummaryReport:
    """Complaint totals, per provider and per feedback type; reports tied to no message we sent
    (unmatched DSN/ARF, which changed nothing) are counted apart as `unmatched`."""

    async def compute(session: AsyncSession, scope: Scope, query: Query) -> Rows:
        C, U = ComplaintEvent, UnmatchedReport
        where = [_owner(C, scope), *query.window(C.at)]
        total = int(await session.scalar(select(func.count()).select_from(C).where(*where)) or 0)
        rows: Rows = [("complaints", "total", total)]
        grouped_unmatched = select(U.kind, func.count()).where(_owner(U, scope), *query.window(U.at)).group_by(U.kind)
        unmatched = dict.fromkeys(("complaint", "bounce"), 0) | {
            k: int(n) for k, n in await session.execute(grouped_unmatched)
        }
        rows += [("unmatched", kind, n) for kind, n in unmatched.items()]
        for column, label in ((C.provider, "provider"), (C.feedback_type, "feedback_type")):
            grouped = select(column, func.count()).where(*where).group_by(column).order_by(column)
            rows += [(label, value, n) for value, n in await session.execute(grouped)]
        return rows

    return SummaryReport(compute)


def suppression_summary() -> SummaryReport:
    """Suppressions added in the window, in total and per reason (every reason listed, zeros too)."""

    async def compute(session: AsyncSession, scope: Scope, query: Query) -> Rows:
        model: Any = AccountSuppression if scope.user_id is None else UserSuppression
        owner = model.account_id == scope.account_id if scope.user_id is None else model.user_id == scope.user_id
        grouped = (
            select(model.reason, func.count()).where(owner, *query.window(model.created_at)).group_by(model.reason)
        )
        by_reason = dict.fromkeys(REASONS, 0) | {r: int(n) for r, n in await session.execute(grouped)}
        return [("suppressions", "total", sum(by_reason.values()))] + [("reason", r, n) for r, n in by_reason.items()]

    return SummaryReport(compute)
