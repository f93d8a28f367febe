"""Dashboard numbers per day, read through the report engine (so they equal the report endpoints),
and the server-rendered SVG charts that draw them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from typing import Any

from markupsafe import Markup, escape
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.console.service import is_admin
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.inbound.models import ComplaintEvent as C
from openlux.mail.models import OutboundMessage as M
from openlux.mail.models import OutboundRecipient as R
from openlux.reports import service as reports_service
from openlux.tracking.models import TrackingEvent as T

DAYS = 30
METRICS = ("sent", "delivered", "deferred", "bounced", "opened", "clicked", "complained")
# Which report rows make each metric (spec 30 §A.7 summary rows: category, value, count).
DELIVERY_SUMMARY = {
    "User": "getEmailSMTPDeliveryStatusSummaryReportUser",
    "Account": "getEmailSMTPDeliveryStatusSummaryReportAccount",
}
COMPLAINT_SUMMARY = {
    "User": "getEmailFeedBackLoopsSummaryReportUser",
    "Account": "getEmailFeedBackLoopsSummaryReportAccount",
}
FROM_ROWS: dict[str, list[tuple[str, str]]] = {
    "sent": [("recipients", "total")],
    "delivered": [("delivery_status", "Delivered"), ("delivery_status", "Escrowed")],
    "deferred": [("delivery_status", "Deferred")],
    "bounced": [("delivery_status", "Failed"), ("post_delivery_bounce", "hard"), ("post_delivery_bounce", "soft")],
    "opened": [("opens", "opened")],
    "clicked": [("clicks", "clicked")],
    "complained": [("complaints", "total")],
}
COLOURS = {
    "sent": "#1f5fa8",
    "delivered": "#1b7a3a",
    "deferred": "#9a6700",
    "bounced": "#b3261e",
    "opened": "#5b3fa0",
    "clicked": "#0f6f78",
    "complained": "#8a2b5c",
}


def window(today: date | None = None) -> list[date]:
    """The last 30 days, oldest first, today included (UTC)."""
    today = today or clock.utcnow().date()
    return [today - timedelta(days=n) for n in range(DAYS - 1, -1, -1)]


def day_params(day: date) -> dict[str, str]:
    """Report parameters for one whole UTC day."""
    return {
        "from_date": f"{day.isoformat()} 00:00:00",
        "through_date": f"{day.isoformat()} 23:59:59",
        "matches": "1000",
    }


def numbers_from_rows(rows: list[dict[str, Any]], into: dict[str, int]) -> None:
    """Add summary-report rows to the metric totals."""
    index = {(r["category"], str(r["value"])): int(r["count"]) for r in rows}
    for metric, keys in FROM_ROWS.items():
        into[metric] += sum(index.get(k, 0) for k in keys)


async def day_numbers(*, session: AsyncSession, ctx: AppContext, user: User, day: date) -> dict[str, int]:
    """The seven metrics of one day, from the same reports the API serves."""
    variant = "Account" if is_admin(user) else "User"
    scope = reports_service.scope_of(account_id=user.account_id, user=None if variant == "Account" else user)
    numbers = dict.fromkeys(METRICS, 0)
    for endpoint in (DELIVERY_SUMMARY[variant], COMPLAINT_SUMMARY[variant]):
        data = await reports_service.report(
            ctx=ctx, session=session, endpoint=endpoint, scope=scope, params=day_params(day)
        )
        numbers_from_rows(data["rows"], numbers)
    return numbers


async def active_days(*, session: AsyncSession, user: User, days: list[date]) -> set[date]:
    """Days on which anything the reports count happened (over-inclusive: every channel).

    A day without a message created, a recipient finished, a tracking event or a complaint has
    all seven numbers zero in the reports, so only active days are run through the report engine.
    One SELECT per source with a FILTERed count per day keeps this to four round trips.
    """
    admin = is_admin(user)
    starts = [datetime.combine(d, dt_time.min, tzinfo=UTC) for d in days]
    bounds = list(zip(starts, [*starts[1:], starts[-1] + timedelta(days=1)], strict=True))
    sources: list[tuple[Any, Any, list[Any]]] = [
        (M.created_at, M, [M.account_id == user.account_id] if admin else [M.user_id == user.id]),
        (R.completed_at, R, [M.account_id == user.account_id] if admin else [M.user_id == user.id]),
        (T.at, T, [T.account_id == user.account_id] if admin else [T.user_id == user.id]),
        (C.at, C, [C.account_id == user.account_id] if admin else [C.user_id == user.id]),
    ]
    active: set[date] = set()
    for column, table, owner in sources:
        query = select(*[func.count().filter(column >= lo, column < hi) for lo, hi in bounds]).select_from(table)
        if table is R:
            query = query.join(M, M.id == R.message_id)
        counts = (await session.execute(query.where(*owner, column >= bounds[0][0]))).one()
        active.update(day for day, n in zip(days, counts, strict=True) if n)
    return active


async def daily(*, session: AsyncSession, ctx: AppContext, user: User) -> list[tuple[date, dict[str, int]]]:
    """Metrics per day for the window, each active day read from the report engine (never cached)."""
    days = window()
    active = await active_days(session=session, user=user, days=days)
    out = []
    for day in days:
        if day in active:
            out.append((day, await day_numbers(session=session, ctx=ctx, user=user, day=day)))
        else:
            out.append((day, dict.fromkeys(METRICS, 0)))
    return out


@dataclass(frozen=True)
class Chart:
    """One metric's bar chart."""

    metric: str
    total: int
    svg: Markup


def bar_chart(metric: str, series: list[tuple[date, int]], *, width: int = 320, height: int = 120) -> Chart:
    """A 30-bar SVG chart (no script; each bar has a <title> for hover and screen readers)."""
    top = max([v for _, v in series] + [1])
    pad_left, pad_bottom, pad_top = 28, 18, 8
    plot_w, plot_h = width - pad_left - 4, height - pad_bottom - pad_top
    bar_w = plot_w / len(series)
    total = sum(v for _, v in series)
    colour = COLOURS[metric]
    label = f"{metric.capitalize()} per day, last {len(series)} days: {total} in total"
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg" data-metric="{metric}" data-total="{total}">',
        f"<title>{escape(label)}</title>",
        f'<line x1="{pad_left}" y1="{pad_top + plot_h}" x2="{width - 4}" y2="{pad_top + plot_h}" class="axis"/>',
        f'<text x="{pad_left - 4}" y="{pad_top + 8}" class="tick" text-anchor="end">{top}</text>',
        f'<text x="{pad_left - 4}" y="{pad_top + plot_h}" class="tick" text-anchor="end">0</text>',
    ]
    for i, (day, value) in enumerate(series):
        h = 0 if value == 0 else max(1.5, plot_h * value / top)
        x = pad_left + i * bar_w + 1
        y = pad_top + plot_h - h
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(bar_w - 2, 1):.1f}" height="{h:.1f}" '
            f'fill="{colour}" data-day="{day.isoformat()}" data-value="{value}">'
            f"<title>{day.isoformat()}: {value}</title></rect>"
        )
    first, last = series[0][0], series[-1][0]
    out.append(f'<text x="{pad_left}" y="{height - 4}" class="tick">{first.strftime("%b %d")}</text>')
    out.append(f'<text x="{width - 4}" y="{height - 4}" class="tick" text-anchor="end">{last.strftime("%b %d")}</text>')
    out.append("</svg>")
    return Chart(metric, total, Markup("".join(out)))


def charts(days: list[tuple[date, dict[str, int]]]) -> list[Chart]:
    """One chart per metric."""
    return [bar_chart(metric, [(d, n[metric]) for d, n in days]) for metric in METRICS]
