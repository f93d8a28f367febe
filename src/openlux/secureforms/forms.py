"""Secure Form configurations: created by the operator (`openlux secureform create`), read through the API."""

from __future__ import annotations

import secrets
import string
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.addresses import normalise_address
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, NotFound
from openlux.core.ids import ascii_digits, parse_row_id
from openlux.core.time import format_datetime
from openlux.secureforms.models import NAME_LENGTH, URL_LENGTH, SecureForm

POST_PATH = "/perl/post"  # spec 50-account: forms post to …/perl/post/{account}-{form_id}-{code}
CODE_CHARS = string.ascii_lowercase + string.digits
CODE_SIZE = 8  # LuxSci's examples use 4 characters; 8 makes guessing a live post URL impractical
MAX_EMAIL_TO = 20


def post_url(ctx: AppContext, form: SecureForm) -> str:
    """The URL a web page's <form action> posts to."""
    return f"{ctx.settings.base_url}{POST_PATH}/{form.account_id}-{form.id}-{form.code}"


def record(ctx: AppContext, form: SecureForm) -> dict[str, Any]:
    """The wire record of a form configuration."""
    return {
        "form_id": form.id,
        "name": form.name,
        "post_url": post_url(ctx, form),
        "code": form.code,
        "enabled": int(form.enabled),
        "email_to": list(form.email_to or []),
        "save_to_database": int(form.save_to_database),
        "allow_files": int(form.allow_files),
        "redirect_url": form.redirect_url,
        "created": format_datetime(form.created_at),
        "modified": format_datetime(form.modified_at),
    }


def _redirect(value: str) -> str:
    parts = urlsplit(value)
    if value and (parts.scheme not in ("http", "https") or not parts.netloc or len(value) > URL_LENGTH):
        raise BadRequest("Field 'redirect_url' must be an http(s) URL of at most 2000 characters.")
    return value


async def create(
    *,
    session: AsyncSession,
    account_id: int,
    name: str,
    email_to: list[str] | None = None,
    save_to_database: bool = True,
    allow_files: bool = False,
    redirect_url: str = "",
) -> SecureForm:
    """A new, enabled form with a fresh code."""
    name = name.strip()
    if not name or len(name) > NAME_LENGTH:
        raise BadRequest(f"Field 'name' must be 1 to {NAME_LENGTH} characters.")
    recipients = [normalise_address(a, field="email_to") for a in (email_to or []) if a.strip()]
    if len(recipients) > MAX_EMAIL_TO:
        raise BadRequest(f"Field 'email_to' may list at most {MAX_EMAIL_TO} addresses.")
    if not save_to_database:  # notices carry no content, so a post kept nowhere would be lost
        raise BadRequest("Field 'save_to_database': OpenLux keeps every post in the form's database.")
    form = SecureForm(
        account_id=account_id,
        name=name,
        code="".join(secrets.choice(CODE_CHARS) for _ in range(CODE_SIZE)),
        enabled=True,
        save_to_database=save_to_database,
        allow_files=allow_files,
        email_to=recipients,
        redirect_url=_redirect(redirect_url.strip()),
        created_at=clock.utcnow(),
        modified_at=clock.utcnow(),
    )
    session.add(form)
    await session.flush()
    return form


async def list_forms(*, session: AsyncSession, account_id: int) -> list[SecureForm]:
    """The account's forms, oldest first."""
    return list(
        await session.scalars(select(SecureForm).where(SecureForm.account_id == account_id).order_by(SecureForm.id))
    )


async def get(*, session: AsyncSession, account_id: int, form_id: int) -> SecureForm:
    """One of the account's forms; 404 when it is not the account's."""
    form = await session.get(SecureForm, form_id)
    if form is None or form.account_id != account_id:
        raise NotFound(f"No Secure Form {form_id} in this account.")
    return form


async def set_enabled(*, session: AsyncSession, account_id: int, form_id: int, enabled: bool) -> SecureForm:
    """Turn a form's post URL on or off (its database stays readable either way)."""
    form = await get(session=session, account_id=account_id, form_id=form_id)
    form.enabled, form.modified_at = enabled, clock.utcnow()
    await session.flush()
    return form


async def by_post_path(*, session: AsyncSession, target: str) -> SecureForm:
    """The enabled form a `{account}-{form_id}-{code}` post target names; NotFound otherwise."""
    account, _, rest = target.partition("-")
    form_id, _, code = rest.partition("-")
    form = None
    if ascii_digits(account) and parse_row_id(form_id) is not None and code:
        form = await session.get(SecureForm, int(form_id))
    if form is None or str(form.account_id) != account or not secrets.compare_digest(form.code, code[:64]):
        raise NotFound("There is no such secure form.")
    if not form.enabled:
        raise NotFound("This secure form is not accepting posts.")
    return form
