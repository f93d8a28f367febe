"""The `tlsrpt` role: each finished UTC day, the TLS-RPT reports (RFC 8460) of the accounts that asked.

An account asks by setting `tlsrpt_reports: 1` on one of its verified domains (updateDomain); that
domain submits the reports (`TLS-Report-Submitter`, the From address, contact-info, DKIM key). For
every policy (recipient) domain the account's MX deliveries saw on the previous UTC day, one report
covering that domain only goes to the `rua` the domain publishes at `_smtp._tls.<domain>` (§3):
`mailto:` through OpenLux's own queue (a multipart/report with the gzipped JSON, §5.3), `https:`
as a POST of the gzipped JSON (§5.4) through the outbound guard (core/netguard.py: resolved once,
to the checked address, no redirects). A `tlsrpt_report` row, unique per account, policy domain
and day, is claimed before anything is sent, so a report goes out once however often the role runs
and however many workers run it; a domain without a valid rua gets a row with no outcomes.
"""

from __future__ import annotations

import asyncio
import email.utils
import gzip
import ipaddress
import json
import logging
import re
import ssl
import urllib.parse
from dataclasses import dataclass
from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.netguard import DestinationRefused, OutboundGuard
from openlux.db import rows_matched
from openlux.db.upsert import insert_ignore
from openlux.mail import tlsrpt
from openlux.mail.dns import DnsError, resolver_for
from openlux.mail.models import TlsRptReport, TlsSessionResult
from openlux.mail.queue import enqueue_message
from openlux.mail.states import Channel

log = logging.getLogger("openlux.mail.tlsrpt")
DOMAIN_FLAG = "tlsrpt_reports"  # domain.settings (accounts/domains.py DEFAULT_DOMAIN_SETTINGS)
MAX_RUA = 5  # URIs of one rua used; more are ignored (a domain cannot make us send a report a hundred times)
POST_TIMEOUT = 30.0
_VERSION = re.compile(r"^\s*v\s*=\s*TLSRPTv1\s*(;|$)")
_ON = (1, "1", True)


@dataclass(frozen=True, slots=True)
class Reporter:
    """An account that asked for reports and the domain that submits them."""

    account_id: int
    domain: str

    @property
    def address(self) -> str:
        """From address and contact-info (RFC 2142: postmaster exists at every mail domain)."""
        return f"postmaster@{self.domain}"


def rua_of(records: list[str]) -> list[str]:
    """The rua URIs of the `_smtp._tls` TXT records (RFC 8460 §3): none unless exactly one record is TLSRPTv1."""
    found = [r for r in records if _VERSION.match(r)]
    if len(found) != 1:
        return []
    for part in found[0].split(";"):
        key, _, value = part.partition("=")
        if key.strip().lower() == "rua":
            uris = [u.strip() for u in value.split(",") if u.strip()]
            return [u for u in uris if u.lower().startswith(("mailto:", "https:"))][:MAX_RUA]
    return []


async def reporters(session: AsyncSession) -> list[Reporter]:
    """Accounts with a verified, enabled domain that asked for TLS-RPT reports (first such domain by name)."""
    domains = await session.scalars(
        select(Domain).where(Domain.is_enabled.is_(True), Domain.is_verified.is_(True)).order_by(Domain.name)
    )
    chosen: dict[int, str] = {}
    for domain in domains:
        if (domain.settings or {}).get(DOMAIN_FLAG, 0) in _ON:
            chosen.setdefault(domain.account_id, domain.name)
    return [Reporter(account, name) for account, name in sorted(chosen.items())]


def report_bytes(report: dict[str, Any]) -> bytes:
    """The gzipped JSON body (RFC 8460 §5.1: application/tlsrpt+gzip)."""
    return gzip.compress(json.dumps(report, separators=(",", ":")).encode("utf-8"), mtime=0)


def report_mail(reporter: Reporter, policy_domain: str, to: str, report: dict[str, Any], day: date) -> bytes:
    """The report as mail (RFC 8460 §5.3): multipart/report; report-type="tlsrpt", gzipped JSON attached."""
    start, end = tlsrpt.day_bounds(day)
    message = EmailMessage()
    message["From"] = reporter.address
    message["To"] = to
    message["Date"] = email.utils.format_datetime(clock.utcnow())
    message["Message-ID"] = email.utils.make_msgid(domain=reporter.domain)
    message["Subject"] = (
        f"Report Domain: {policy_domain} Submitter: {reporter.domain} Report-ID: <{report['report-id']}>"
    )
    message["TLS-Report-Domain"] = policy_domain
    message["TLS-Report-Submitter"] = reporter.domain
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(
        f"This is an aggregate TLS report (RFC 8460) from {reporter.domain} about mail to {policy_domain} "
        f"on {day.isoformat()} (UTC).\n"
    )
    name = f"{reporter.domain}!{policy_domain}!{int(start.timestamp())}!{int(end.timestamp()) - 1}.json.gz"
    message.add_attachment(report_bytes(report), maintype="application", subtype="tlsrpt+gzip", filename=name)
    message.set_type("multipart/report")
    message.set_param("report-type", "tlsrpt")
    return message.as_bytes()


async def post_report(ctx: AppContext, uri: str, body: bytes) -> str:
    """POST the gzipped report to an https: rua through the outbound guard; the outcome text."""
    parts = urllib.parse.urlsplit(uri)
    try:
        host, port = (parts.hostname or "").lower(), parts.port or 443
    except ValueError:
        return "refused: not a valid https URI"
    if parts.scheme.lower() != "https" or not host:
        return "refused: not a valid https URI"
    try:
        address = await OutboundGuard.from_setting(ctx.settings.outbound_allowed_networks).resolve(host, port)
    except DestinationRefused as exc:
        return f"refused: {exc.message}"
    literal = f"[{address}]" if isinstance(address, ipaddress.IPv6Address) else str(address)
    target = urllib.parse.urlunsplit(("https", f"{literal}:{port}", parts.path or "/", parts.query, ""))
    import httpx  # here, not at the top: worker processes that never POST a report stay ~6 MB smaller

    tls_ca = ctx.settings.tls_ca_file
    verify = ssl.create_default_context(cafile=str(tls_ca) if tls_ca else None)
    headers = {
        "Content-Type": "application/tlsrpt+gzip",
        "Host": host if port == 443 else f"{host}:{port}",
        "User-Agent": "OpenLux-TLSRPT/1",
    }
    async with httpx.AsyncClient(timeout=POST_TIMEOUT, verify=verify, follow_redirects=False, trust_env=False) as http:
        request = http.build_request("POST", target, content=body, headers=headers, extensions={"sni_hostname": host})
        try:
            reply = await http.send(request)
        except httpx.HTTPError as exc:
            log.warning("TLS-RPT POST to %s failed: %r", uri, exc)
            return "failed: no answer"
    return f"HTTP {reply.status_code}"


async def send_report(ctx: AppContext, reporter: Reporter, policy_domain: str, day: date) -> bool:
    """Claim, build and send one report; False when it was claimed before (sent already, or being sent)."""
    try:
        records = await resolver_for(ctx).txt(f"_smtp._tls.{policy_domain}")
    except DnsError as exc:
        if exc.temporary:
            raise  # the next round tries again; nothing is claimed yet
        records = []
    uris = rua_of(records)
    async with ctx.db.transaction() as session:
        report = await tlsrpt.daily_report(
            session, account_id=reporter.account_id, day=day, contact=reporter.address, policy_domain=policy_domain
        )
        claimed = await session.execute(
            insert_ignore(
                session,
                TlsRptReport,
                account_id=reporter.account_id,
                policy_domain=policy_domain,
                day=day.isoformat(),
                report_id=report["report-id"],
                created_at=clock.utcnow(),
                outcomes={},
            )
        )
        if rows_matched(claimed) != 1:
            return False
        outcomes: dict[str, str] = {}
        for uri in uris:
            if uri.lower().startswith("mailto:"):
                to = urllib.parse.unquote(uri[len("mailto:") :].split("?", 1)[0]).strip()
                if "@" not in to:
                    outcomes[uri] = "refused: not a mail address"
                    continue
                queue_id = await enqueue_message(
                    session,
                    ctx,
                    account_id=reporter.account_id,
                    user_id=None,
                    mail_from=reporter.address,
                    recipients=[to],
                    mime=report_mail(reporter, policy_domain, to, report, day),
                    channel=Channel.SYSTEM,
                )
                outcomes[uri] = f"queued as {queue_id}"
        await _record(session, reporter, policy_domain, day, outcomes)
    posted = {
        uri: await post_report(ctx, uri, report_bytes(report)) for uri in uris if uri.lower().startswith("https:")
    }
    if posted:
        async with ctx.db.transaction() as session:
            await _record(session, reporter, policy_domain, day, {**outcomes, **posted})
    return True


async def _record(
    session: AsyncSession, reporter: Reporter, policy_domain: str, day: date, outcomes: dict[str, str]
) -> None:
    await session.execute(
        update(TlsRptReport)
        .where(
            TlsRptReport.account_id == reporter.account_id,
            TlsRptReport.policy_domain == policy_domain,
            TlsRptReport.day == day.isoformat(),
        )
        .values(outcomes=outcomes)
        .execution_options(synchronize_session=False)
    )


async def send_due(ctx: AppContext, day: date | None = None) -> int:
    """Send every report of `day` (default: the previous UTC day) not sent yet; how many were sent now."""
    day = day or (clock.utcnow() - timedelta(days=1)).date()
    start, end = tlsrpt.day_bounds(day)
    async with ctx.db.sessions() as session:
        work = []
        for reporter in await reporters(session):
            seen = set(
                await session.scalars(
                    select(TlsSessionResult.policy_domain)
                    .distinct()
                    .where(
                        TlsSessionResult.account_id == reporter.account_id,
                        TlsSessionResult.at >= start,
                        TlsSessionResult.at < end,
                    )
                )
            )
            done = set(
                await session.scalars(
                    select(TlsRptReport.policy_domain).where(
                        TlsRptReport.account_id == reporter.account_id, TlsRptReport.day == day.isoformat()
                    )
                )
            )
            work += [(reporter, domain) for domain in sorted(seen - done)]
    sent = 0
    for reporter, domain in work:
        try:
            sent += await send_report(ctx, reporter, domain, day)
        except DnsError as exc:
            log.info("TLS-RPT report for %s postponed: %s", domain, exc.message)
    return sent


async def tlsrpt_role(ctx: AppContext) -> None:
    """Send the previous UTC day's reports, then look again every tlsrpt_poll_seconds, until cancelled."""
    while True:
        try:
            await send_due(ctx)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bad round must not stop the role; unsent reports are tried next round
            log.exception("TLS-RPT round failed")
        await asyncio.sleep(ctx.settings.tlsrpt_poll_seconds)
