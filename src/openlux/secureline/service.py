"""retrieveSecureLineRecipientListEncryptionData: the method each recipient would get, without sending."""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.core.addresses import normalise_address
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, LimitExceeded
from openlux.mail import vet
from openlux.mail.schemas import MessageIn
from openlux.secureline import keys, policy, tlscheck
from openlux.secureline.policy import KeyKind, SecureLineMethod


def resolve_policy(query: MessageIn, sender: vet.Sender) -> str:
    """The TLS policy exactly as sendEmail resolves it for a message (tls_policy, no_tls, no_tls_only, setting)."""
    return vet.tls_policy_of(query, call_policy=None, call_no_tls=None, sender=sender)


def _recipients(query: MessageIn, extra: list[str] | None, limit: int) -> list[tuple[str, str]]:
    """(kind, normalised address) of to/cc/bcc and `recipients`, duplicates dropped; 400 names a bad one."""
    raw = [*query.recipients(), *(("to", value) for value in (extra or []))]
    seen: dict[str, str] = {}
    for index, (kind, value) in enumerate(raw):
        if not value or not value.strip():
            continue
        address = normalise_address(_bare(value), field=f"{kind}[{index}]")
        seen.setdefault(address, kind)
    if not seen:
        raise BadRequest("Field 'to' must list at least one recipient.")
    if len(seen) > limit:
        raise LimitExceeded(f"{len(seen)} recipients; the limit is {limit} recipients per message.")
    return [(kind, address) for address, kind in seen.items()]


def _bare(value: str) -> str:
    """The address inside `Name <addr>` (clients sometimes send display forms)."""
    value = value.strip()
    return value[value.rindex("<") + 1 : -1] if value.endswith(">") and "<" in value else value


async def encryption_data(
    *, ctx: AppContext, session: AsyncSession, user: User, query: MessageIn, extra_recipients: list[str] | None = None
) -> dict[str, Any]:
    """Per recipient: the method (tls, pgp, smime, escrow, none) sendEmail would use now, and why."""
    from openlux.mail.service import sender_of

    chosen = resolve_policy(query, await sender_of(session, user))
    recipients = _recipients(query, extra_recipients, ctx.settings.send_max_recipients_per_message)
    domains = sorted({address.rpartition("@")[2] for _, address in recipients})
    capability: dict[str, tlscheck.DomainTls] = {}
    if chosen in policy.PROBING_POLICIES:
        reports = await asyncio.gather(*(tlscheck.check_domain(ctx=ctx, domain=d) for d in domains))
        capability = dict(zip(domains, reports, strict=True))
    known = await keys.usable_many(session=session, account_id=user.account_id, addresses=[a for _, a in recipients])
    rows = []
    for kind, address in recipients:
        found = known.get(address, {})
        report = capability.get(address.rpartition("@")[2])
        tls_ok = bool(report and report.tls_capable)
        method = policy.choose(chosen, tls_ok=tls_ok, has_pgp=KeyKind.PGP in found, has_smime=KeyKind.SMIME in found)
        rows.append(
            {
                "address": address,
                "type": kind,
                "method": method,
                "tls": -1 if report is None else int(tls_ok),  # -1: not checked under this policy
                "pgp": int(KeyKind.PGP in found),
                "smime": int(KeyKind.SMIME in found),
                "more_info_needed": 0,  # escrow pickup proves identity by one-time code; nothing to ask
                "reason": _reason(method, report),
            }
        )
    return {"tls_policy": chosen, "recipients": rows}


def _reason(method: SecureLineMethod, report: tlscheck.DomainTls | None) -> str:
    """One sentence on why the method was chosen."""
    if method == SecureLineMethod.TLS:
        return "The recipient's mail servers accept TLS."
    if method == SecureLineMethod.NONE:
        if report is None:
            return "The TLS policy no_tls delivers without encryption."
        return f"Delivered without encryption: {report.reason or 'TLS is not available.'}"
    tls_part = (
        f"TLS is not usable ({report.reason})"
        if report is not None and report.reason
        else "TLS alone is not accepted by the policy"
    )
    what = {
        SecureLineMethod.PGP: "a PGP key is known",
        SecureLineMethod.SMIME: "an S/MIME certificate is known",
        SecureLineMethod.ESCROW: "no key is known, so the message is kept for pickup",
    }[method]
    return f"{tls_part}; {what}."
