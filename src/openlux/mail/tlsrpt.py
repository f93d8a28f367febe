"""TLS-RPT (RFC 8460): what MX delivery saw under MTA-STS / DANE policies, and the daily JSON report.

Delivery records one `tls_session_result` row per policy-governed attempt (success or the failure
type of RFC 8460 §4.3), plus every required-TLS failure even without a policy. `daily_report`
aggregates one UTC day of an account's sending into the report format of RFC 8460 §4.4, one
`policies` entry per (recipient domain, policy type, policy) — what the recipient domain's
`rua` would receive. `openlux tlsrpt report` prints it; the `tlsrpt` role (mail/tlsrpt_daily.py)
sends one report per policy domain to that domain's `rua` every day for accounts that asked.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.mail.models import TlsSessionResult

log = logging.getLogger("openlux.mail.tlsrpt")
REPORT_ORGANIZATION = "OpenLux"


def result_type(error: str) -> str:
    """RFC 8460 §4.3 result-type of a TLS failure message."""
    text = error.lower()
    if "starttls" in text and ("not offer" in text or "refused" in text):
        return "starttls-not-supported"
    if "tlsa" in text:
        return "tlsa-invalid"
    if "mismatch" in text or "doesn't match" in text or "not valid for" in text:
        return "certificate-host-mismatch"
    if "expired" in text:
        return "certificate-expired"
    if (
        "self-signed" in text
        or "self signed" in text
        or "unable to get local issuer" in text
        or "verify failed" in text
    ):
        return "certificate-not-trusted"
    return "validation-failure"


@dataclass
class Collector:
    """The results of one delivery to one recipient domain, stored together afterwards."""

    account_id: int
    domain: str
    rows: list[dict[str, Any]] = field(default_factory=list)

    def success(self, kind: str, policy: list[str], mx: str, ip: str) -> None:
        self.rows.append(
            dict(
                policy_type=kind,
                policy_string=policy,
                mx_host=mx,
                receiving_ip=ip,
                success=True,
                result_type="",
                detail="",
            )
        )

    def failure(self, kind: str, policy: list[str], mx: str, ip: str, result: str, detail: str) -> None:
        self.rows.append(
            dict(
                policy_type=kind,
                policy_string=policy,
                mx_host=mx,
                receiving_ip=ip,
                success=False,
                result_type=result,
                detail=detail[:500],
            )
        )


async def store(ctx: Any, collector: Collector) -> None:
    """Write the collected rows (best effort: reporting never fails a delivery)."""
    if not collector.rows:
        return
    try:
        async with ctx.db.transaction() as session:
            session.add_all(
                [
                    TlsSessionResult(account_id=collector.account_id, policy_domain=collector.domain, **row)
                    for row in collector.rows
                ]
            )
    except Exception:
        log.exception("storing TLS-RPT results for %s failed", collector.domain)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """[start, end) of one UTC day."""
    start = datetime.combine(day, time(0), tzinfo=UTC)
    return start, start + timedelta(days=1)


async def daily_report(
    session: AsyncSession, *, account_id: int, day: date, contact: str, policy_domain: str | None = None
) -> dict[str, Any]:
    """The RFC 8460 §4.4 report of one UTC day of the account's MX deliveries (to one policy domain only
    when `policy_domain` is given: what that domain's `rua` receives)."""
    start, end = day_bounds(day)
    query = select(TlsSessionResult).where(
        TlsSessionResult.account_id == account_id, TlsSessionResult.at >= start, TlsSessionResult.at < end
    )
    if policy_domain is not None:
        query = query.where(TlsSessionResult.policy_domain == policy_domain)
    rows = (await session.scalars(query.order_by(TlsSessionResult.id))).all()
    groups: dict[tuple[str, str, tuple[str, ...]], list[TlsSessionResult]] = defaultdict(list)
    for row in rows:
        groups[(row.policy_domain, row.policy_type, tuple(row.policy_string or []))].append(row)
    policies = []
    for (domain, kind, policy), results in sorted(groups.items()):
        failures: dict[tuple[str, str, str], int] = defaultdict(int)
        for r in results:
            if not r.success:
                failures[(r.result_type, r.receiving_ip, r.mx_host)] += 1
        entry: dict[str, Any] = {
            "policy": {"policy-type": kind, "policy-string": list(policy), "policy-domain": domain},
            "summary": {
                "total-successful-session-count": sum(1 for r in results if r.success),
                "total-failure-session-count": sum(1 for r in results if not r.success),
            },
        }
        if kind == "sts":
            entry["policy"]["mx-host"] = sorted({r.mx_host for r in results if r.mx_host})
        if failures:
            entry["failure-details"] = [
                {"result-type": rt, "receiving-ip": ip, "receiving-mx-hostname": mx, "failed-session-count": n}
                for (rt, ip, mx), n in sorted(failures.items())
            ]
        policies.append(entry)
    return {
        "organization-name": REPORT_ORGANIZATION,
        "date-range": {"start-datetime": _stamp(start), "end-datetime": _stamp(end - timedelta(seconds=1))},
        "contact-info": contact,
        "report-id": f"{day.isoformat()}.{account_id}{'.' + policy_domain if policy_domain else ''}@openlux",
        "policies": policies,
    }
