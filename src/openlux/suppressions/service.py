"""Suppressions: the lookup the sending pipeline uses, automatic adds, and the API's rules.

An expired suppression is treated as absent everywhere (lookup, get, list, delete) and is replaced
when the address is suppressed again. Addresses are sealed at rest: every match is on
`address_index` (openlux.db.AddressIndex: bound as the address, compared as its keyed HMAC), so the
list's `email` filter takes a whole address. Decisions the spec leaves open: docs/compat.d/suppressions.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.addresses import normalise_address
from openlux.core.errors import BadRequest, LimitExceeded, NotFound
from openlux.core.reporting import Column, Paging, Report
from openlux.core.time import format_datetime, parse_datetime
from openlux.suppressions.models import NOTE_LENGTH, SOURCE_LENGTH, AccountSuppression, UserSuppression
from openlux.suppressions.schemas import SuppressionCreate, SuppressionQuery

# Issue 4 item 5: the four reasons a suppression can have.
REASONS = ("manual", "bounce", "complaint", "unsubscribe")
# Up to sendEmail's recipient limit per lookup statement; larger batches are split.
LOOKUP_CHUNK = 1000
# docs/compat.d/suppressions.md: addresses per create call, as many as one lookup statement takes.
MAX_PER_CALL = 1000
API_SOURCE = "api"  # source of every entry made through the create endpoints
_LIST_SEPARATORS = re.compile(r"[\s,;]+")
LIST_REPORT = Report(
    tuple(
        Column(k, t, d)
        for k, t, d in (
            ("email", "String", "Suppressed address (lower-case)"),
            ("reason", "String", "manual, bounce, complaint or unsubscribe"),
            ("source", "String", "What added it: api, bounce processing, feedback loop, unsubscribe link ..."),
            ("note", "String", "Free-text note"),
            ("source_message_id", "String", "Bounce/complaint entries: the Message-ID of the message OpenLux sent"),
            ("created", "DATETIME", "When it was added (GMT)"),
            ("expires", "DATETIME", "When it lapses (GMT); empty = never"),
        )
    )
)

Level = Literal["user", "account"]
Row = UserSuppression | AccountSuppression


@dataclass(frozen=True, slots=True)
class SuppressionHit:
    """Why one recipient is suppressed: its normalised address, the level and the entry's facts."""

    address: str
    level: Level
    reason: str
    source: str
    created_at: datetime
    expires_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Owner:
    """Whose list: the account's own (user_id None) or one user's."""

    account_id: int
    user_id: int | None = None

    @property
    def level(self) -> Level:
        """'user' or 'account'."""
        return "account" if self.user_id is None else "user"

    @property
    def model(self) -> type[Row]:
        """The table of this level."""
        return AccountSuppression if self.user_id is None else UserSuppression

    def matches(self) -> ColumnElement[bool]:
        """WHERE clause selecting this owner's rows."""
        if self.user_id is None:
            return AccountSuppression.account_id == self.account_id
        return UserSuppression.user_id == self.user_id

    def columns(self) -> dict[str, int]:
        """Owner columns of a new row."""
        if self.user_id is None:
            return {"account_id": self.account_id}
        return {"account_id": self.account_id, "user_id": self.user_id}


def active(model: type[Row], now: datetime) -> ColumnElement[bool]:
    """WHERE clause: the entry has not expired."""
    return or_(model.expires_at.is_(None), model.expires_at > now)


def _normalised_set(addresses: Iterable[str]) -> list[str]:
    """The valid addresses, normalised and de-duplicated (invalid ones cannot be suppressed)."""
    seen: dict[str, None] = {}
    for raw in addresses:
        try:
            seen[normalise_address(raw)] = None
        except BadRequest:
            continue
    return list(seen)


async def find_suppressed(
    session: AsyncSession, *, account_id: int, user_id: int | None, addresses: Iterable[str]
) -> dict[str, SuppressionHit]:
    """Suppressed addresses among `addresses` (normalised keys); account-level hits win over user-level."""
    wanted = _normalised_set(addresses)
    hits: dict[str, SuppressionHit] = {}
    if not wanted:
        return hits
    now = clock.utcnow()
    # User level first so the account-level entry overwrites it: it is the one a user cannot lift.
    owners = ([Owner(account_id, user_id)] if user_id is not None else []) + [Owner(account_id)]
    for owner in owners:
        model = owner.model
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start : start + LOOKUP_CHUNK]
            rows = await session.execute(
                select(model.address, model.reason, model.source, model.created_at, model.expires_at).where(
                    owner.matches(), model.address_index.in_(chunk), active(model, now)
                )
            )
            for address, reason, source, created_at, expires_at in rows:
                hits[address] = SuppressionHit(address, owner.level, reason, source, created_at, expires_at)
    return hits


def check_reason(reason: str | None, *, field: str = "reason") -> str:
    """A known reason (default 'manual'); BadRequest lists the allowed ones."""
    value = (reason or "manual").strip().lower()
    if value not in REASONS:
        raise BadRequest(f"Field '{field}' must be one of {', '.join(REASONS)}; got {reason!r}.")
    return value


def check_expiry(expires_at: datetime | None, *, field: str = "expires") -> datetime | None:
    """The expiry when it lies in the future; BadRequest otherwise."""
    if expires_at is not None and expires_at <= clock.utcnow():
        raise BadRequest(f"Field '{field}' must be in the future (GMT).")
    return expires_at


def check_text(value: str | None, *, field: str, limit: int) -> str:
    """Trimmed free text of at most `limit` characters."""
    text = (value or "").strip()
    if len(text) > limit:
        raise BadRequest(f"Field '{field}' must be at most {limit} characters long.")
    return text


async def insert_new(
    session: AsyncSession,
    *,
    owner: Owner,
    addresses: Sequence[str],
    reason: str,
    source: str,
    note: str = "",
    expires_at: datetime | None = None,
    source_message_id: str = "",
) -> set[str]:
    """Insert entries for addresses not yet actively suppressed; return those inserted (two statements)."""
    if not addresses:
        return set()
    model, now = owner.model, clock.utcnow()
    # An expired entry counts as absent: drop it so the fresh one takes its place.
    await session.execute(
        delete(model)
        .where(
            owner.matches(), model.address_index.in_(addresses), model.expires_at.is_not(None), model.expires_at <= now
        )
        .execution_options(synchronize_session=False)
    )
    rows = [
        {
            **owner.columns(),
            "address": a,
            "address_index": a,  # AddressIndex: hashed when bound (a multi-VALUES insert runs no column defaults)
            "reason": reason,
            "source": source,
            "note": note,
            "source_message_id": source_message_id[:250],
            "created_at": now,
            "expires_at": expires_at,
        }
        for a in addresses
    ]
    insert = sqlite_insert if session.get_bind().dialect.name == "sqlite" else pg_insert
    # ON CONFLICT DO NOTHING + RETURNING: concurrent adds of the same address stay idempotent.
    result = await session.execute(insert(model).values(rows).on_conflict_do_nothing().returning(model.address))
    return set(result.scalars())


async def suppress(
    session: AsyncSession,
    *,
    account_id: int,
    user_id: int | None = None,
    address: str,
    reason: str,
    source: str,
    expires_at: datetime | None = None,
    note: str = "",
    source_message_id: str = "",
) -> bool:
    """Suppress one address (user level when user_id is given); True when a new entry was made.

    Idempotent: an active entry is kept, with its expiry extended when the new one lasts longer.
    """
    owner = Owner(account_id, user_id)
    normalised = normalise_address(address, field="address")
    source = check_text(source, field="source", limit=SOURCE_LENGTH) or "api"
    created = await insert_new(
        session,
        owner=owner,
        addresses=[normalised],
        reason=check_reason(reason),
        source=source,
        note=check_text(note, field="note", limit=NOTE_LENGTH),
        expires_at=expires_at,
        source_message_id=source_message_id,
    )
    if created:
        return True
    model = owner.model
    longer = model.expires_at.is_not(None) if expires_at is None else model.expires_at < expires_at
    await session.execute(
        update(model)
        .where(owner.matches(), model.address_index == normalised, longer)
        .values(expires_at=expires_at)
        .execution_options(synchronize_session=False)
    )
    return False


async def get_row(session: AsyncSession, *, owner: Owner, email: str) -> Row:
    """The owner's active entry for the address, or NotFound."""
    address = normalise_address(email, field="email")
    model = owner.model
    row = await session.scalar(
        select(model).where(owner.matches(), model.address_index == address, active(model, clock.utcnow()))
    )
    if row is None:
        raise NotFound(f"{address} is not on the {owner.level}-level suppression list.")
    return cast(Row, row)  # select() of a type[Row] is typed as the union's base class, Base


def record(row: Row) -> dict[str, Any]:
    """The wire form of one suppression."""
    return {
        "email": row.address,
        "reason": row.reason,
        "source": row.source,
        "note": row.note,
        "source_message_id": row.source_message_id,
        "created": format_datetime(row.created_at),
        "expires": format_datetime(row.expires_at),
    }


async def get_one(*, session: AsyncSession, owner: Owner, email: str) -> dict[str, Any]:
    """getUserSuppression / getAccountSuppression."""
    return record(await get_row(session, owner=owner, email=email))


async def delete_one(*, session: AsyncSession, owner: Owner, email: str) -> dict[str, Any]:
    """deleteUserSuppression / deleteAccountSuppression: lift the suppression."""
    row = await get_row(session, owner=owner, email=email)
    model = owner.model
    await session.execute(delete(model).where(owner.matches(), model.address_index == row.address))
    return {"email": row.address, "deleted": 1}


def requested_entries(body: SuppressionCreate) -> list[Any]:
    """The addresses of a create body in the order given: `email` first, then `emails`."""
    items: list[Any] = [body.email] if body.email is not None else []
    if isinstance(body.emails, str):
        items.extend(part for part in _LIST_SEPARATORS.split(body.emails) if part)
    elif body.emails:
        items.extend(body.emails)
    if not items:
        raise BadRequest("Field 'email' (one address) or 'emails' (a list) is required.")
    if len(items) > MAX_PER_CALL:
        raise LimitExceeded(f"At most {MAX_PER_CALL} addresses may be suppressed per call; got {len(items)}.")
    return items


def classify_entries(items: list[Any], *, single: bool) -> list[dict[str, Any]]:
    """One result per item: normalised address, or `invalid` with the reason (single form: BadRequest)."""
    results = []
    for index, raw in enumerate(items):
        field = "email" if single else f"emails[{index}]"
        try:
            if not isinstance(raw, str):
                raise BadRequest(f"Field '{field}' must be a string, got {raw!r}.")
            results.append({"email": normalise_address(raw, field=field), "status": None})
        except BadRequest as exc:
            if single:
                raise
            results.append(
                {"email": raw if isinstance(raw, str) else str(raw), "status": "invalid", "error": exc.message}
            )
    return results


async def create_many(*, session: AsyncSession, owner: Owner, body: SuppressionCreate) -> dict[str, Any]:
    """createUserSuppression / createAccountSuppression: per-address outcome, valid ones all added."""
    single = body.emails is None
    reason = check_reason(body.reason)
    note = check_text(body.note, field="note", limit=NOTE_LENGTH)
    expires_at = check_expiry(parse_datetime(body.expires, field="expires") if body.expires else None)
    results = classify_entries(requested_entries(body), single=single)
    wanted = list(dict.fromkeys(r["email"] for r in results if r["status"] is None))
    created = await insert_new(
        session, owner=owner, addresses=wanted, reason=reason, source=API_SOURCE, note=note, expires_at=expires_at
    )
    for result in results:
        if result["status"] is None:
            # A repeat within one call finds the entry its first mention just made.
            result["status"] = "created" if result["email"] in created else "exists"
            created.discard(result["email"])
    counts = {status: sum(r["status"] == status for r in results) for status in ("created", "exists", "invalid")}
    return {**counts, "results": results}


def created_addresses(result: dict[str, Any]) -> list[str]:
    """The addresses a create call (create_many, the marketing list's add) newly suppressed, in order."""
    return [r["email"] for r in result["results"] if r["status"] == "created"]


def _filters(owner: Owner, query: SuppressionQuery) -> list[ColumnElement[bool]]:
    """WHERE clauses of a list query; BadRequest names a bad parameter."""
    model = owner.model
    clauses = [owner.matches(), active(model, clock.utcnow())]
    if query.email:  # a whole address: sealed at rest, matched through its blind index (no substring search)
        clauses.append(model.address_index == normalise_address(query.email, field="email"))
    if query.reason:
        clauses.append(model.reason == check_reason(query.reason))
    # spec 30-reports §A.2: after/before are strict, from/through inclusive; the date is `created`.
    bounds = (
        ("after_date", model.created_at.__gt__),
        ("before_date", model.created_at.__lt__),
        ("from_date", model.created_at.__ge__),
        ("through_date", model.created_at.__le__),
    )
    for name, compare in bounds:
        text = getattr(query, name)
        if text:
            clauses.append(compare(parse_datetime(text, field=name)))
    return clauses


async def list_page(*, session: AsyncSession, owner: Owner, query: SuppressionQuery) -> dict[str, Any]:
    """getUserSuppressionList / getAccountSuppressionList: a report page, oldest first."""
    paging = Paging.parse(query.first_row, query.matches)
    model, clauses = owner.model, _filters(owner, query)
    total = await session.scalar(select(func.count()).select_from(model).where(*clauses)) or 0
    rows: Sequence[Row] = []
    if paging.matches:
        rows = cast(
            Sequence[Row],
            (
                await session.scalars(  # see get_row on the cast
                    select(model)
                    .where(*clauses)
                    .order_by(model.created_at, model.id)
                    .offset(paging.first_row)
                    .limit(paging.matches)
                )
            ).all(),
        )
    return LIST_REPORT.page([record(row) for row in rows], total=total, paging=paging)
