"""Content tags: named HTML/text snippets that templates insert with `{{ tag("Name") }}`.

A name resolves for the user who renders: their own tag of that name first, else the oldest tag of
that name shared with their account (docs/compat.d/content.md).
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.content import merge
from openlux.content.common import (
    check_owner,
    check_visible,
    flush_unique,
    logins,
    part_text,
    required_name,
)
from openlux.content.models import ContentTag, EmailTemplate
from openlux.content.schemas import ContentTagCreate, ContentTagUpdate
from openlux.core import time as clock
from openlux.core.errors import BadRequest, Conflict, LimitExceeded
from openlux.core.time import format_datetime

# Letters, digits, space, `_ . -`: names stay readable inside `{{ tag("…") }}` without escaping.
NAME_PATTERN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9 _.\-]{0,99}$")
MAX_PER_USER = 1000


def record(row: ContentTag, user: User, owner_login: str) -> dict[str, Any]:
    """The wire shape of one tag."""
    return {
        "tag_id": row.id,
        "name": row.name,
        "description": row.description,
        "html": row.html,
        "text": row.text,
        "owner": owner_login,
        "shared": int(row.shared),
        "is_owner": int(row.user_id == user.id),
        "usage": f'{{{{ tag("{row.name}") }}}}',
        "created": format_datetime(row.created_at),
        "modified": format_datetime(row.modified_at),
    }


def _visible(user: User) -> Any:
    return or_(ContentTag.user_id == user.id, (ContentTag.account_id == user.account_id) & ContentTag.shared.is_(True))


async def list_visible(*, session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """getEmailContentTagList: own tags and tags shared with the account, by name."""
    rows = (
        await session.scalars(select(ContentTag).where(_visible(user)).order_by(ContentTag.name, ContentTag.id))
    ).all()
    owners = await logins(session, (r.user_id for r in rows))
    return [record(r, user, owners.get(r.user_id, "")) for r in rows]


async def load(session: AsyncSession, user: User, tag_id: int, *, for_change: bool) -> ContentTag:
    """The tag, if visible (and owned when it is to be changed)."""
    row = await session.get(ContentTag, tag_id)
    return (check_owner if for_change else check_visible)(row, user, what="content tag", row_id=tag_id)


async def get(*, session: AsyncSession, user: User, tag_id: int) -> dict[str, Any]:
    """getEmailContentTag."""
    row = await load(session, user, tag_id, for_change=False)
    return record(row, user, (await logins(session, [row.user_id])).get(row.user_id, ""))


def _checked_name(value: str | None) -> str:
    name = required_name(value, max_length=100)
    if not NAME_PATTERN.match(name):
        raise BadRequest("Field 'name' may hold letters, digits, spaces, '_', '.' and '-' only.")
    return name


async def _name_taken(session: AsyncSession, user: User, name: str, *, except_id: int | None = None) -> None:
    query = select(ContentTag.id).where(ContentTag.user_id == user.id, ContentTag.name == name)
    if except_id is not None:
        query = query.where(ContentTag.id != except_id)
    if await session.scalar(query) is not None:
        raise Conflict(f"{user.login} already has a content tag named {name!r}.")


async def _check_sources(row: ContentTag, known: dict[str, merge.TagSource]) -> None:
    """Compile the tag as a message so syntax errors and unknown inner tags are refused on save."""
    await merge.compile_message_async(
        "",
        row.html,
        row.text,
        tags={**known, row.name: merge.TagSource(row.html, row.text)},
        name=f"content tag {row.name!r}",
    )


async def create(*, session: AsyncSession, user: User, body: ContentTagCreate) -> dict[str, Any]:
    """createEmailContentTag."""
    name = _checked_name(body.name)
    await _name_taken(session, user, name)
    count = await session.scalar(select(func.count()).where(ContentTag.user_id == user.id)) or 0
    if count >= MAX_PER_USER:
        raise LimitExceeded(f"A user may have at most {MAX_PER_USER} content tags.")
    row = ContentTag(
        user_id=user.id,
        account_id=user.account_id,
        name=name,
        description=part_text(body.description, field="description"),
        html=part_text(body.html, field="html"),
        text=part_text(body.text, field="text"),
        shared=bool(body.shared),
    )
    await _check_sources(row, await sources_for(session=session, user=user))
    session.add(row)
    await flush_unique(session, f"{user.login} already has a content tag named {name!r}.")
    return record(row, user, user.login)


async def update(*, session: AsyncSession, user: User, tag_id: int, body: ContentTagUpdate) -> dict[str, Any]:
    """updateEmailContentTag: change the fields given."""
    row = await load(session, user, tag_id, for_change=True)
    given = body.given()
    if "name" in given:
        name = _checked_name(body.name)
        if name != row.name:
            await _refuse_if_used(session, row, action="rename")
            await _name_taken(session, user, name, except_id=row.id)
            row.name = name
    for part in ("description", "html", "text"):
        if part in given:
            setattr(row, part, part_text(given[part], field=part))
    if "shared" in given:
        shared = bool(body.shared)
        if row.shared and not shared:
            await _refuse_if_used(session, row, action="unshare", others_only=True)
        row.shared = shared
    await _check_sources(row, await sources_for(session=session, user=user))
    row.modified_at = clock.utcnow()
    await flush_unique(session, f"{user.login} already has a content tag named {row.name!r}.")
    return record(row, user, user.login)


async def delete(*, session: AsyncSession, user: User, tag_id: int, force: bool) -> dict[str, Any]:
    """deleteEmailContentTag; 409 while templates use it, unless `force=1`."""
    row = await load(session, user, tag_id, for_change=True)
    if not force:
        await _refuse_if_used(session, row, action="delete")
    await session.delete(row)
    await session.flush()
    return {"tag_id": row.id, "deleted": 1}


async def _refuse_if_used(session: AsyncSession, row: ContentTag, *, action: str, others_only: bool = False) -> None:
    """Conflict naming the templates and other tags that call this tag by name and can see it."""
    in_scope = (EmailTemplate.account_id == row.account_id) if row.shared else (EmailTemplate.user_id == row.user_id)
    found = [
        f"template {tid}"
        for tid, names, uid in (
            await session.execute(
                select(EmailTemplate.id, EmailTemplate.tag_names, EmailTemplate.user_id).where(in_scope)
            )
        ).all()
        if row.name in (names or []) and not (others_only and uid == row.user_id)
    ]
    tag_scope = (ContentTag.account_id == row.account_id) if row.shared else (ContentTag.user_id == row.user_id)
    others = [
        t
        for t in (await session.scalars(select(ContentTag).where(tag_scope, ContentTag.id != row.id))).all()
        if not (others_only and t.user_id == row.user_id)
    ]
    found += await asyncio.to_thread(_tags_calling, row.name, [(t.name, t.html, t.text) for t in others])
    if found:
        hint = " (delete with force=1 to do it anyway)" if action == "delete" else ""
        raise Conflict(f"Cannot {action} content tag {row.name!r}: used by {', '.join(sorted(found)[:10])}{hint}.")


def _tags_calling(name: str, sources: list[tuple[str, str, str]]) -> list[str]:
    """Which of these tags call `name` (parsing may take a while: run in a thread)."""
    return [
        f"content tag {other!r}"
        for other, html, text in sources
        if name in merge.called_tags(html) | merge.called_tags(text)
    ]


async def sources_for(*, session: AsyncSession, user: User) -> dict[str, merge.TagSource]:
    """The tags a user's templates resolve: own tags over the account's shared ones."""
    rows = (await session.scalars(select(ContentTag).where(_visible(user)).order_by(ContentTag.id))).all()
    found: dict[str, merge.TagSource] = {}
    for row in sorted(rows, key=lambda r: (r.user_id != user.id, r.id)):
        found.setdefault(row.name, merge.TagSource(html=row.html, text=row.text))
    return found
