"""Small rules shared by the content services: names, parts, ownership and sharing (ids and flags: core.types)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.core.errors import BadRequest, Conflict, Forbidden, NotFound

MAX_NAME = 200
# One template or tag part. Gmail clips HTML bodies past ~100 KB; parsing 500,000 characters takes
# Jinja about 2.5 s (in a worker thread), 2,000,000 about 10 s.
MAX_PART_CHARS = 500_000


def required_name(value: str | None, *, field: str = "name", max_length: int = MAX_NAME) -> str:
    """A trimmed, non-empty, single-line name of bounded length."""
    name = (value or "").strip()
    if not name:
        raise BadRequest(f"Field '{field}' is required.")
    if len(name) > max_length:
        raise BadRequest(f"Field '{field}' must be at most {max_length} characters long.")
    if any(ch in name for ch in "\r\n\x00"):
        raise BadRequest(f"Field '{field}' must be one line of text.")
    return name


def part_text(value: str | None, *, field: str) -> str:
    """A template or tag part (subject, html, text) of bounded size."""
    text = value or ""
    if len(text) > MAX_PART_CHARS:
        raise BadRequest(f"Field '{field}' must be at most {MAX_PART_CHARS} characters long.")
    if "\x00" in text:
        raise BadRequest(f"Field '{field}' must not contain NUL characters.")
    return text


class SharedAsset(Protocol):
    """A row a user owns and may share with the account (templates, tags)."""

    @property
    def user_id(self) -> int: ...
    @property
    def account_id(self) -> int: ...
    @property
    def shared(self) -> bool: ...


AssetT = TypeVar("AssetT", bound=SharedAsset)


def check_visible(row: AssetT | None, user: User, *, what: str, row_id: int) -> AssetT:
    """The row; NotFound unless the user owns it or it is shared with the user's account."""
    if row is None or not (row.user_id == user.id or (row.shared and row.account_id == user.account_id)):
        raise NotFound(f"No {what} {row_id} for {user.login}.")
    return row


def check_owner(row: AssetT | None, user: User, *, what: str, row_id: int) -> AssetT:
    """Like check_visible, then Forbidden unless the user owns it (shared assets are read-only to others)."""
    row = check_visible(row, user, what=what, row_id=row_id)
    if row.user_id != user.id:
        raise Forbidden(f"The {what} {row_id} is shared by another user; only its owner can change it.")
    return row


async def logins(session: AsyncSession, user_ids: Iterable[int]) -> dict[int, str]:
    """Login of each user id (owners of shared assets)."""
    ids = set(user_ids)
    if not ids:
        return {}
    rows = await session.execute(select(User.id, User.login).where(User.id.in_(ids)))
    return {uid: login for uid, login in rows.all()}


async def flush_unique(session: AsyncSession, conflict: str) -> None:
    """Flush; losing a unique-name race to a concurrent request is a 409, not a 500."""
    try:
        await session.flush()
    except IntegrityError:
        raise Conflict(conflict) from None
