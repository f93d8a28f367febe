"""The merge engine with a user's content tags and custom fields: what sendEmail and campaigns call.

compiled = await rendering.compile_template(session=s, user=u, template_id=7)
fields = await rendering.fields_for(session=s, user=u)
for contact in contacts:
    message = compiled.render(rendering.variables(fields, contact))
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.content import fields as custom_fields
from openlux.content import merge, tags
from openlux.content.common import check_visible
from openlux.content.models import CustomField, EmailTemplate


def template_label(row: EmailTemplate) -> str:
    """How errors name a stored template."""
    return f"template {row.id} {row.name!r}"


async def compile_for_user(
    *, session: AsyncSession, user: User, subject: str | None, html: str | None, text: str | None, name: str = "message"
) -> merge.CompiledMessage:
    """Compile ad-hoc parts (sendEmail bodies) against the user's content tags."""
    sources = await tags.sources_for(session=session, user=user)
    return await merge.compile_message_async(subject, html, text, tags=sources, name=name)


async def load_template(session: AsyncSession, user: User, template_id: int) -> EmailTemplate:
    """A template the user may use (own or shared with the account), or NotFound."""
    row = await session.get(EmailTemplate, template_id)
    return check_visible(row, user, what="template", row_id=template_id)


async def compile_template(*, session: AsyncSession, user: User, template_id: int) -> merge.CompiledMessage:
    """Compile a stored template for rendering by `user` (parsed once; render per recipient)."""
    row = await load_template(session, user, template_id)
    return await compile_for_user(
        session=session, user=user, subject=row.subject, html=row.html, text=row.text, name=template_label(row)
    )


async def fields_for(*, session: AsyncSession, user: User) -> list[CustomField]:
    """The user's custom field definitions, loaded once per batch."""
    return await custom_fields.fields_of(session=session, user=user)


def variables(fields: list[CustomField], values: dict[str, Any]) -> dict[str, Any]:
    """One recipient's merge variables: typed custom fields with defaults, other keys as given."""
    return custom_fields.merge_variables(fields, values)
