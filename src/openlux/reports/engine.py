"""The report engine: common query parameters, scope, and one run path for JSON pages and CSV.

Quirks of LuxSci clients this honours (spec 00-mechanics §7, spec 30 §A.2):
- every parameter arrives as a query-string string; unknown parameters are ignored;
- `first_row` is also accepted as `start_row`, `through_date` also as `to_date`;
- `matches=0` returns no rows but still the total count; synchronous `matches` ≤ 50,000.
Rows are sorted by the report's date, then by row id, so `first_row` paging is stable.

Keyset pagination (issue 11 item 5). Every report's order ends in a unique id, so a row's sort key
names its position exactly. A page past the first one is read as "rows whose key is ≥ the key of
row `first_row`": that key comes from a narrow query over the sort columns alone (index-only where
the report indexes cover them), and the page itself is an index range read of `matches` rows,
never a scan that materialises and throws away `first_row` full rows. The rows are the same as
OFFSET's, ties in the date included. Clients that page deep can go further (an OpenLux
extension): `keyset=1` adds `next_page_after` to `data`, and `page_after=<that token>` reads the
next page straight from the key, with no offset at all (`first_row` is then the token's position).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from openlux.core.errors import BadRequest
from openlux.core.reporting import Column, Paging, Report
from openlux.core.time import format_datetime, parse_datetime

# spec 30 §A.2: the four date bounds and what they keep.
DATE_PARAMETERS = ("after_date", "before_date", "from_date", "through_date")
ALIASES = {"start_row": "first_row", "to_date": "through_date"}  # spec 30 §A.6 notes; common spelling
SECOND = timedelta(seconds=1)
STREAM_BATCH = 1000  # rows fetched per round trip when a job streams a whole report
KEYSET_FLAG, PAGE_AFTER = "keyset", "page_after"  # extension parameters (module docstring)
NEXT_PAGE_AFTER = "next_page_after"  # the `data` key answering them


@dataclass(frozen=True, slots=True)
class PageKey:
    """Where a keyset page starts: the position of its first row and the sort key of the row before it."""

    position: int
    values: tuple[Any, ...]

    def encode(self) -> str:
        """An opaque URL-safe token."""
        values = [{"d": v.isoformat()} if isinstance(v, datetime) else v for v in self.values]
        text = json.dumps([self.position, values], separators=(",", ":"))
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, token: str) -> PageKey:
        """The key a token names; BadRequest naming `page_after` when it is not one of ours."""
        try:
            position, values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            decoded = tuple(datetime.fromisoformat(v["d"]) if isinstance(v, dict) else v for v in values)
            if not isinstance(position, int) or position < 0:
                raise ValueError(position)
        except (ValueError, TypeError, KeyError, binascii.Error):
            raise BadRequest(f"Parameter '{PAGE_AFTER}' is not a page token this server gave out.") from None
        return cls(position, decoded)


def keyset_after(order: Sequence[Any], values: Sequence[Any], *, inclusive: bool) -> ColumnElement[bool]:
    """WHERE (order…) > values (or ≥), spelled out so both SQLite and PostgreSQL use the index for it.

    The leading `order[0] >= values[0]` is implied by the rest; it gives the planner a plain range.
    """
    if len(order) != len(values):
        raise BadRequest(f"Parameter '{PAGE_AFTER}' belongs to another report.")
    column, value = order[-1], values[-1]
    tail: ColumnElement[bool] = column >= value if inclusive else column > value
    for column, value in zip(reversed(order[:-1]), reversed(values[:-1]), strict=True):
        tail = or_(column > value, and_(column == value, tail))
    return and_(order[0] >= values[0], tail)


@dataclass(frozen=True, slots=True)
class Scope:
    """Whose data: the whole account, or one user of it (user-scope reports)."""

    account_id: int
    user_id: int | None = None
    login: str = ""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed report request: date bounds, paging and the report's own filters."""

    paging: Paging = field(default_factory=Paging)
    after: datetime | None = None
    before: datetime | None = None
    since: datetime | None = None
    through: datetime | None = None
    filters: Mapping[str, str] = field(default_factory=dict)
    keyset: bool = False  # the client asked for `next_page_after` (extension)
    page_after: PageKey | None = None  # start after this key (extension; paging.first_row is its position)

    def to_params(self) -> dict[str, Any]:
        """A JSON form (stored with a job) that parse() reads back."""
        dates = {
            "after_date": self.after,
            "before_date": self.before,
            "from_date": self.since,
            "through_date": self.through,
        }
        out: dict[str, Any] = {k: format_datetime(v) for k, v in dates.items() if v is not None}
        out.update(first_row=self.paging.first_row, matches=self.paging.matches, **self.filters)
        return out

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        """The four date bounds as one half-open range [since, until) (None: open).

        Bounds have whole-second resolution while stored times have microseconds, so a bound names
        the whole second: `through_date` keeps all of its second, `after_date` none of it.
        """
        lows = [t for t in (None if self.after is None else self.after + SECOND, self.since) if t is not None]
        highs = [t for t in (self.before, None if self.through is None else self.through + SECOND) if t is not None]
        return (max(lows) if lows else None), (min(highs) if highs else None)

    def window(self, column: Any) -> list[ColumnElement[bool]]:
        """WHERE clauses for the date bounds (bounds()) on one date column."""
        return between(column, *self.bounds())


def between(column: Any, since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    """WHERE clauses keeping `column` (a time, or a day) in [since, until); a None end is open."""
    return ([column >= since] if since is not None else []) + ([column < until] if until is not None else [])


def parse_query(params: Mapping[str, str | None], *, filters: Iterable[str], asynchronous: bool = False) -> Query:
    """Validate the common parameters and pick the report's filters out of a query string."""
    values = {ALIASES.get(k, k): v for k, v in params.items() if v is not None}
    dates = {
        name: parse_datetime(str(values[name]), field=name) if str(values.get(name) or "") else None
        for name in DATE_PARAMETERS
    }
    paging = Paging.parse(values.get("first_row"), values.get("matches"), asynchronous=asynchronous)
    chosen = {name: str(values[name]).strip() for name in filters if str(values.get(name) or "").strip()}
    token = str(values.get(PAGE_AFTER) or "").strip()
    page_after = PageKey.decode(token) if token else None
    if page_after is not None:
        paging = Paging(page_after.position, paging.matches)
    keyset = page_after is not None or str(values.get(KEYSET_FLAG) or "").strip() in ("1", "true", "yes")
    return Query(
        paging,
        dates["after_date"],
        dates["before_date"],
        dates["from_date"],
        dates["through_date"],
        chosen,
        keyset and not asynchronous,
        page_after,
    )


def cell(column: Column, value: Any) -> Any:
    """One value in its wire form: DATETIME as LuxSci text, Integer as int, missing text as ''."""
    if value is None:
        return "" if column.type in ("String", "DATETIME") else None
    if column.type == "DATETIME":
        return format_datetime(value) if isinstance(value, datetime) else str(value)
    if column.type == "Integer":
        return int(value)
    return value


Enrich = Callable[[AsyncSession, list[dict[str, Any]]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class TableReport:
    """A row report: `build(scope, query)` gives a SELECT whose labels are the column keywords."""

    report: Report
    build: Callable[[Scope, Query], tuple[Select, list[Any]]]  # (statement, order-by columns)
    filters: tuple[str, ...] = ()
    enrich: Enrich | None = None  # adds columns from other tables to fetched rows (per batch)
    # A cheaper statement giving the same count, or None when the query's filters rule it out.
    fast_count: Callable[[Scope, Query], Select | None] | None = None

    def shape(self, rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """Rows reduced to the report's columns in wire form."""
        return [{c.keyword: cell(c, row.get(c.keyword)) for c in self.report.columns} for row in rows]

    async def count(self, session: AsyncSession, scope: Scope, query: Query) -> int:
        """How many rows match (before paging)."""
        quick = self.fast_count(scope, query) if self.fast_count is not None else None
        if quick is not None:
            return int(await session.scalar(quick) or 0)
        statement, _order = self.build(scope, query)
        inner = statement.with_only_columns(func.count().label("n")).order_by(None)
        return int(await session.scalar(inner) or 0)

    async def fetch(self, session: AsyncSession, scope: Scope, query: Query) -> tuple[int, list[dict[str, Any]]]:
        """(total matches, the page of rows)."""
        total, rows, _next = await self.fetch_page(session, scope, query)
        return total, rows

    async def fetch_page(
        self, session: AsyncSession, scope: Scope, query: Query
    ) -> tuple[int, list[dict[str, Any]], PageKey | None]:
        """(total matches, the page of rows, the key the next page starts after; None at the end)."""
        total = await self.count(session, scope, query)
        start = query.paging.first_row
        if query.paging.matches == 0 or start >= total:
            return total, [], None
        statement, order = self.build(scope, query)
        if query.page_after is not None:
            statement = statement.where(keyset_after(order, query.page_after.values, inclusive=False))
        elif start > 0:
            first = await self.key_at(session, statement, order, start)
            if first is None:  # rows went away since the count
                return total, [], None
            if None in first:  # a NULL sort key has no range to seek to: read the page by offset
                statement = statement.offset(start)
            else:
                statement = statement.where(keyset_after(order, first, inclusive=True))
        keys = [f"page_key_{i}" for i in range(len(order))]
        page = (
            statement.add_columns(*(column.label(key) for column, key in zip(order, keys, strict=True)))
            .order_by(*order)
            .limit(query.paging.matches)
        )
        rows = [dict(r) for r in (await session.execute(page)).mappings()]
        following = None
        if rows and start + len(rows) < total:
            following = PageKey(start + len(rows), tuple(rows[-1][key] for key in keys))
        if self.enrich is not None:
            await self.enrich(session, rows)
        return total, self.shape(rows), following

    @staticmethod
    async def key_at(session: AsyncSession, statement: Select, order: list[Any], position: int) -> tuple | None:
        """The sort key of the row at `position` (0-based), read over the sort columns only."""
        narrow = statement.with_only_columns(*order).order_by(*order).offset(position).limit(1)
        row = (await session.execute(narrow)).first()
        return None if row is None else tuple(row)

    async def offset_page(self, session: AsyncSession, scope: Scope, query: Query) -> list[dict[str, Any]]:
        """The page as OFFSET/LIMIT reads it (the semantics keyset pages must equal; tests compare them)."""
        statement, order = self.build(scope, query)
        page = statement.order_by(*order).offset(query.paging.first_row).limit(query.paging.matches)
        rows = [dict(r) for r in (await session.execute(page)).mappings()]
        if self.enrich is not None:
            await self.enrich(session, rows)
        return self.shape(rows)

    async def stream(self, session: AsyncSession, scope: Scope, query: Query) -> AsyncIterator[list[dict[str, Any]]]:
        """Every row of the requested range, in batches (asynchronous jobs: no 50,000 cap)."""
        statement, order = self.build(scope, query)
        statement = statement.order_by(*order).offset(query.paging.first_row).limit(query.paging.matches)
        result = await session.stream(statement.execution_options(yield_per=STREAM_BATCH))
        async for partition in result.mappings().partitions(STREAM_BATCH):
            rows = [dict(r) for r in partition]
            if self.enrich is not None:
                await self.enrich(session, rows)
            yield self.shape(rows)


SUMMARY_COLUMNS = Report(
    (
        Column("category", "String", "What is counted: e.g. delivery_status, encryption, opens"),
        Column("value", "String", "The value within the category, e.g. Delivered, TLS, human"),
        Column("count", "Integer", "How many matched in the date window"),
    )
)


@dataclass(frozen=True, slots=True)
class SummaryReport:
    """A summary: `compute(session, scope, query)` gives (category, value, count) rows."""

    compute: Callable[[AsyncSession, Scope, Query], Awaitable[list[tuple[str, str, int]]]]
    filters: tuple[str, ...] = ()
    report: Report = SUMMARY_COLUMNS

    async def _all(self, session: AsyncSession, scope: Scope, query: Query) -> list[dict[str, Any]]:
        rows = await self.compute(session, scope, query)
        return [{"category": c, "value": v, "count": int(n)} for c, v, n in rows]

    async def fetch(self, session: AsyncSession, scope: Scope, query: Query) -> tuple[int, list[dict[str, Any]]]:
        """(number of summary rows, the requested slice of them)."""
        rows = await self._all(session, scope, query)
        start = query.paging.first_row
        return len(rows), rows[start : start + query.paging.matches]

    async def fetch_page(
        self, session: AsyncSession, scope: Scope, query: Query
    ) -> tuple[int, list[dict[str, Any]], PageKey | None]:
        """A summary is a handful of rows: the slice, and a plain position as the next key."""
        total, rows = await self.fetch(session, scope, query)
        end = query.paging.first_row + len(rows)
        return total, rows, PageKey(end, ()) if rows and end < total else None

    async def count(self, session: AsyncSession, scope: Scope, query: Query) -> int:
        """How many summary rows there are."""
        return len(await self._all(session, scope, query))

    async def stream(self, session: AsyncSession, scope: Scope, query: Query) -> AsyncIterator[list[dict[str, Any]]]:
        """The summary rows as one batch."""
        _total, rows = await self.fetch(session, scope, query)
        yield rows


AnyReport = TableReport | SummaryReport


async def run(*, session: AsyncSession, definition: AnyReport, scope: Scope, query: Query) -> dict[str, Any]:
    """The `data` of a synchronous report response (`next_page_after` only when the client asked)."""
    total, rows, following = await definition.fetch_page(session, scope, query)
    data = definition.report.page(rows, total=total, paging=query.paging)
    if query.keyset:
        data[NEXT_PAGE_AFTER] = following.encode() if following is not None else ""
    return data


def require_choice(value: str, allowed: Iterable[str], name: str) -> str:
    """A filter value from a closed list (case-insensitive); BadRequest names the parameter."""
    options = {a.lower(): a for a in allowed}
    if value.lower() not in options:
        raise BadRequest(f"Parameter '{name}' must be one of: {', '.join(options.values())}.")
    return options[value.lower()]


def chain(*steps: Enrich) -> Enrich:
    """One enrich step running several in order."""

    async def run_all(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
        for step in steps:
            await step(session, rows)

    return run_all


async def add_logins(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Fill `user` from `user_id` (one lookup per batch instead of a join on every counted row)."""
    from openlux.accounts.models import User

    ids = {r["user_id"] for r in rows if r.get("user_id") is not None}
    logins: dict[int | None, str] = (
        dict((await session.execute(select(User.id, User.login).where(User.id.in_(ids)))).all()) if ids else {}
    )
    for row in rows:
        row["user"] = logins.get(row.get("user_id"), "")


def user_id_of(login: str) -> Any:
    """Scalar subquery: the id of the user with this login (the `user` filter)."""
    from openlux.accounts.models import User

    return select(User.id).where(User.login == login.strip().lower()).scalar_subquery()


def count_of(statement: Select) -> Select:
    """SELECT count(*) over a statement (summary helpers)."""
    return select(func.count()).select_from(statement.subquery())
