"""Per-account retention lifetimes: how long each kind of retained data is kept, in days.

The settings live here (accounts is below every area that keeps such data, so SecureLine can cap
an escrow's expiry by them); the `retention` role (openlux/retention/purge.py) enforces them.
Defaults are documented in docs/operations.md ("Retention"); a lifetime is 1…3650 days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Account, AccountRetention
from openlux.core.errors import BadRequest, NotFound

MIN_DAYS = 1
MAX_DAYS = 3650  # as SecureLine's escrow expiry: a typo must not keep personal data for centuries


class RetainedData(StrEnum):
    """A kind of data an account keeps for a limited time (its column is `<value>_days`)."""

    SENT_CONTENT = "sent_content"  # the MIME of sent mail; delivery metadata stays for reports
    CAPTURED_MAIL = "captured_mail"  # delivery_mode=capture copies
    ESCROWED_MAIL = "escrowed_mail"  # SecureLine escrow, whatever the sender's escrow_expiration
    TRACKING_CLIENT = "tracking_client"  # client IP and user agent of opens, clicks and unsubscribes
    WEBHOOK_HISTORY = "webhook_history"  # finished webhook deliveries (pending ones are never purged)


DEFAULT_DAYS: dict[RetainedData, int] = {
    RetainedData.SENT_CONTENT: 30,
    RetainedData.CAPTURED_MAIL: 7,
    RetainedData.ESCROWED_MAIL: 365,
    RetainedData.TRACKING_CLIENT: 30,
    RetainedData.WEBHOOK_HISTORY: 30,
}


def column_of(kind: RetainedData) -> str:
    """The AccountRetention attribute holding `kind`'s lifetime."""
    return f"{kind.value}_days"


@dataclass(frozen=True, slots=True)
class Lifetimes:
    """One account's effective lifetimes (defaults filled in) and which of them it chose itself."""

    account_id: int
    days: dict[RetainedData, int]
    chosen: frozenset[RetainedData]

    def cutoff(self, kind: RetainedData, now: datetime) -> datetime:
        """Data of `kind` older than this instant is due for purging."""
        return now - timedelta(days=self.days[kind])


def lifetimes_from(account_id: int, row: AccountRetention | None) -> Lifetimes:
    """Lifetimes of an account from its settings row (None: every default)."""
    days = dict(DEFAULT_DAYS)
    chosen = set()
    for kind in RetainedData:
        value = getattr(row, column_of(kind)) if row is not None else None
        if value is not None:
            days[kind] = int(value)
            chosen.add(kind)
    return Lifetimes(account_id=account_id, days=days, chosen=frozenset(chosen))


async def lifetimes_of(session: AsyncSession, account_id: int) -> Lifetimes:
    """One account's lifetimes."""
    return lifetimes_from(account_id, await session.get(AccountRetention, account_id))


async def every_account(session: AsyncSession) -> list[Lifetimes]:
    """The lifetimes of every account, by account id."""
    rows = await session.execute(
        select(Account.id, AccountRetention)
        .outerjoin(AccountRetention, AccountRetention.account_id == Account.id)
        .order_by(Account.id)
    )
    return [lifetimes_from(account_id, row) for account_id, row in rows]


def parse_kind(text: str) -> RetainedData:
    """A RetainedData from its name (`sent_content` or `sent-content`); BadRequest lists the names."""
    try:
        return RetainedData(text.strip().lower().replace("-", "_"))
    except ValueError:
        names = ", ".join(kind.value for kind in RetainedData)
        raise BadRequest(f"Unknown kind of retained data {text!r}; one of: {names}.") from None


def check_days(days: int) -> int:
    """A lifetime within MIN_DAYS…MAX_DAYS, else BadRequest."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise BadRequest(f"A retention lifetime is {MIN_DAYS} to {MAX_DAYS} days, got {days}.")
    return days


async def set_lifetime(session: AsyncSession, *, account_id: int, kind: RetainedData, days: int | None) -> Lifetimes:
    """Set one lifetime of an account (None: back to the default); the account's lifetimes after."""
    if await session.get(Account, account_id) is None:
        raise NotFound(f"No account {account_id}.")
    row = await session.get(AccountRetention, account_id)
    if row is None:
        row = AccountRetention(account_id=account_id)
        session.add(row)
    setattr(row, column_of(kind), None if days is None else check_days(days))
    await session.flush()
    return lifetimes_from(account_id, row)
