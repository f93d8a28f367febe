"""Email templates (subject, HTML and text parts) and the groups that organise them.

A template belongs to its owner and may be shared with the owner's account: other users of the
account can read and use it, only the owner changes it. Groups are the owner's folders; a group
that still holds templates is deleted only with `move_to` (another group id, or 0 for none).
Every save compiles the parts with the owner's content tags, so broken templates never get stored.
"""

from __future__ import annotations

import asyncio
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.content import merge, rendering, tags
from openlux.content.common import check_owner, flush_unique, logins, part_text, required_name
from openlux.content.models import EmailTemplate, TemplateGroup
from openlux.content.schemas import TemplateCreate, TemplateGroupCreate, TemplateUpdate
from openlux.core import time as clock
from openlux.core.errors import BadRequest, Conflict, LimitExceeded, NotFound
from openlux.core.jsonbody import parse_json
from openlux.core.time import format_datetime

MAX_TEMPLATES_PER_USER = 5000
MAX_GROUPS_PER_USER = 500
PARTS = ("subject", "html", "text")


def group_record(row: TemplateGroup, template_count: int) -> dict[str, Any]:
    """The wire shape of one group."""
    return {
        "group_id": row.id,
        "name": row.name,
        "template_count": template_count,
        "created": format_datetime(row.created_at),
        "modified": format_datetime(row.modified_at),
    }


def record(
    row: EmailTemplate, user: User, owner_login: str, group_name: str | None, *, with_parts: bool = True
) -> dict[str, Any]:
    """The wire shape of one template (the list leaves out the HTML and text bodies)."""
    out: dict[str, Any] = {
        "template_id": row.id,
        "name": row.name,
        "description": row.description,
        "subject": row.subject,
    }
    if with_parts:
        out.update({"html": row.html, "text": row.text})
    out.update(
        {
            "group_id": row.group_id,
            "group_name": group_name or "",
            "owner": owner_login,
            "shared": int(row.shared),
            "is_owner": int(row.user_id == user.id),
            "content_tags": list(row.tag_names or []),
            "created": format_datetime(row.created_at),
            "modified": format_datetime(row.modified_at),
        }
    )
    return out


async def _group_names(session: AsyncSession, rows: list[EmailTemplate]) -> dict[int, str]:
    ids = {r.group_id for r in rows if r.group_id is not None}
    if not ids:
        return {}
    return dict(
        (await session.execute(select(TemplateGroup.id, TemplateGroup.name).where(TemplateGroup.id.in_(ids)))).all()
    )


async def _records(session: AsyncSession, user: User, rows: list[EmailTemplate], **kw: Any) -> list[dict[str, Any]]:
    owners = await logins(session, (r.user_id for r in rows))
    groups = await _group_names(session, rows)
    return [record(r, user, owners.get(r.user_id, ""), groups.get(r.group_id or 0), **kw) for r in rows]


# -- groups ------------------------------------------------------------------------------------


async def _own_group(session: AsyncSession, user: User, group_id: int, *, field: str | None = None) -> TemplateGroup:
    """One of the user's groups; BadRequest naming `field` for body references, else NotFound."""
    row = await session.get(TemplateGroup, group_id)
    if row is None or row.user_id != user.id:
        missing = f"No template group {group_id} for {user.login}."
        raise BadRequest(f"Field '{field}': {missing}") if field else NotFound(missing)
    return row


async def list_groups(*, session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """getEmailTemplateGroups: the user's groups with the number of templates in each."""
    rows = (
        await session.scalars(
            select(TemplateGroup).where(TemplateGroup.user_id == user.id).order_by(TemplateGroup.name, TemplateGroup.id)
        )
    ).all()
    counts = dict(
        (
            await session.execute(
                select(EmailTemplate.group_id, func.count())
                .where(EmailTemplate.user_id == user.id)
                .group_by(EmailTemplate.group_id)
            )
        ).all()
    )
    return [group_record(r, counts.get(r.id, 0)) for r in rows]


async def _group_name_free(session: AsyncSession, user: User, name: str, except_id: int | None = None) -> None:
    query = select(TemplateGroup.id).where(TemplateGroup.user_id == user.id, TemplateGroup.name == name)
    if except_id is not None:
        query = query.where(TemplateGroup.id != except_id)
    if await session.scalar(query) is not None:
        raise Conflict(f"{user.login} already has a template group named {name!r}.")


async def create_group(*, session: AsyncSession, user: User, body: TemplateGroupCreate) -> dict[str, Any]:
    """createEmailTemplateGroup."""
    name = required_name(body.name)
    await _group_name_free(session, user, name)
    count = await session.scalar(select(func.count()).where(TemplateGroup.user_id == user.id))
    if (count or 0) >= MAX_GROUPS_PER_USER:
        raise LimitExceeded(f"A user may have at most {MAX_GROUPS_PER_USER} template groups.")
    row = TemplateGroup(user_id=user.id, name=name)
    session.add(row)
    await flush_unique(session, f"{user.login} already has a template group named {name!r}.")
    return group_record(row, 0)


async def update_group(
    *, session: AsyncSession, user: User, group_id: int, body: TemplateGroupCreate
) -> dict[str, Any]:
    """updateEmailTemplateGroup: rename."""
    row = await _own_group(session, user, group_id)
    name = required_name(body.name)
    await _group_name_free(session, user, name, except_id=row.id)
    row.name, row.modified_at = name, clock.utcnow()
    await flush_unique(session, f"{user.login} already has a template group named {name!r}.")
    count = await session.scalar(select(func.count()).where(EmailTemplate.group_id == row.id))
    return group_record(row, count or 0)


async def delete_group(*, session: AsyncSession, user: User, group_id: int, move_to: int | None) -> dict[str, Any]:
    """deleteEmailTemplateGroup: 409 while it holds templates, unless `move_to` says where they go."""
    row = await _own_group(session, user, group_id)
    count = await session.scalar(select(func.count()).where(EmailTemplate.group_id == row.id)) or 0
    target: int | None = None
    if count and move_to is None:
        raise Conflict(
            f"Template group {row.id} still holds {count} template(s); move them first or "
            "give move_to (another group id, or 0 for no group)."
        )
    if move_to:
        target = (await _own_group(session, user, move_to, field="move_to")).id
        if target == row.id:
            raise BadRequest("Field 'move_to' must name a different group.")
    await session.execute(
        sql_update(EmailTemplate)
        .where(EmailTemplate.group_id == row.id)
        .values(group_id=target, modified_at=clock.utcnow())
    )
    await session.delete(row)
    await session.flush()
    return {"group_id": row.id, "deleted": 1, "moved": count, "move_to": target}


# -- templates ---------------------------------------------------------------------------------


def _visible(user: User) -> Any:
    return or_(
        EmailTemplate.user_id == user.id, (EmailTemplate.account_id == user.account_id) & EmailTemplate.shared.is_(True)
    )


async def list_templates(
    *, session: AsyncSession, user: User, group_id: int | None, owned_only: bool
) -> list[dict[str, Any]]:
    """getEmailTemplateList: own and shared templates (no bodies), filtered by group or owner."""
    query = select(EmailTemplate).where(_visible(user))
    if group_id == 0:  # templates in no group
        query = query.where(EmailTemplate.group_id.is_(None))
    elif group_id is not None:
        query = query.where(EmailTemplate.group_id == group_id)
    if owned_only:
        query = query.where(EmailTemplate.user_id == user.id)
    rows = list((await session.scalars(query.order_by(EmailTemplate.name, EmailTemplate.id))).all())
    return await _records(session, user, rows, with_parts=False)


async def get(*, session: AsyncSession, user: User, template_id: int, preview: str | None) -> dict[str, Any]:
    """getEmailTemplate; with `preview` (a JSON object of merge values, or 1) also the rendered parts."""
    row = await rendering.load_template(session, user, template_id)
    out = (await _records(session, user, [row]))[0]
    if preview is not None and str(preview).strip() not in ("", "0"):
        out["preview"] = await _preview(session, user, row, preview)
    return out


async def _preview(session: AsyncSession, user: User, row: EmailTemplate, preview: str) -> dict[str, str]:
    values: Any = {}
    if preview.strip() != "1":
        try:
            values = parse_json(preview)
        except BadRequest:
            values = None
        if not isinstance(values, dict):
            raise BadRequest("Field 'preview' must be 1 or a JSON object of merge values.")
    compiled = await rendering.compile_template(session=session, user=user, template_id=row.id)
    fields = await rendering.fields_for(session=session, user=user)
    rendered = await asyncio.to_thread(compiled.render, rendering.variables(fields, values))
    return {"subject": rendered.subject, "html": rendered.html, "text": rendered.text}


async def create(*, session: AsyncSession, user: User, body: TemplateCreate) -> dict[str, Any]:
    """createEmailTemplate."""
    count = await session.scalar(select(func.count()).where(EmailTemplate.user_id == user.id))
    if (count or 0) >= MAX_TEMPLATES_PER_USER:
        raise LimitExceeded(f"A user may have at most {MAX_TEMPLATES_PER_USER} templates.")
    row = EmailTemplate(
        user_id=user.id,
        account_id=user.account_id,
        name=required_name(body.name),
        description=part_text(body.description, field="description"),
        shared=bool(body.shared),
        tag_names=[],
    )
    for part in PARTS:
        setattr(row, part, part_text(getattr(body, part), field=part))
    row.group_id = await _group_ref(session, user, body.group_id)
    await _check_parts(session, user, row)
    session.add(row)
    await session.flush()
    return (await _records(session, user, [row]))[0]


async def update(*, session: AsyncSession, user: User, template_id: int, body: TemplateUpdate) -> dict[str, Any]:
    """updateEmailTemplate: change the fields given."""
    row = check_owner(await session.get(EmailTemplate, template_id), user, what="template", row_id=template_id)
    given = body.given()
    if "name" in given:
        row.name = required_name(body.name)
    for part in ("description", *PARTS):
        if part in given:
            setattr(row, part, part_text(given[part], field=part))
    if "shared" in given:
        row.shared = bool(body.shared)
    if "group_id" in given:
        row.group_id = await _group_ref(session, user, body.group_id)
    await _check_parts(session, user, row)
    row.modified_at = clock.utcnow()
    await session.flush()
    return (await _records(session, user, [row]))[0]


async def delete(*, session: AsyncSession, user: User, template_id: int) -> dict[str, Any]:
    """deleteEmailTemplate."""
    row = check_owner(await session.get(EmailTemplate, template_id), user, what="template", row_id=template_id)
    await session.delete(row)
    await session.flush()
    return {"template_id": template_id, "deleted": 1}


async def _group_ref(session: AsyncSession, user: User, value: int | None) -> int | None:
    if not value:  # not given, "" or 0: no group
        return None
    return (await _own_group(session, user, value, field="group_id")).id


async def _check_parts(session: AsyncSession, user: User, row: EmailTemplate) -> None:
    """Compile with the owner's tags: syntax errors, unknown tags and sandbox escapes are 400 now."""
    sources = await tags.sources_for(session=session, user=user)
    compiled = await merge.compile_message_async(
        row.subject, row.html, row.text, tags=sources, name=f"template {row.id or '(new)'} {row.name!r}"
    )
    row.tag_names = sorted(compiled.tag_names)
