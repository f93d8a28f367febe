"""Accepting a post to a Secure Form: limits, sealed storage of fields and files, the owner's notice.

The notice e-mail names the form and the row only; the posted content never travels by e-mail.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, RateLimited
from openlux.core.time import format_datetime
from openlux.mail.queue import enqueue_message
from openlux.mail.states import Channel
from openlux.secureforms import blobs
from openlux.secureforms.models import SecureForm, SecureFormFile, SecureFormRow

MAX_POST_BYTES = 32 * 1024 * 1024  # whole request body, files included
MAX_FIELDS = 500
MAX_FIELD_NAME = 200
MAX_VALUE_CHARS = 256 * 1024  # one field value
MAX_FILES = 20
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_FILE_NAME = 255  # common file-system limit
# Posts per client address per form per minute: a person filling a form never comes close; a script
# filling the disk does. Uses ix_secure_form_row_form_created.
POSTS_PER_MINUTE = 30


@dataclass
class PostedFile:
    """One uploaded file as received."""

    field: str
    name: str
    content_type: str
    content: bytes


@dataclass
class Posted:
    """A parsed post: field values (a list when a name repeats) and files."""

    fields: dict[str, Any] = field(default_factory=dict)
    files: list[PostedFile] = field(default_factory=list)

    def add(self, name: str, value: str) -> None:
        """Record one value; a repeated name (checkboxes) collects a list."""
        if len(name) > MAX_FIELD_NAME or not name:
            raise BadRequest(f"A field name must be 1 to {MAX_FIELD_NAME} characters.")
        if len(value) > MAX_VALUE_CHARS:
            raise BadRequest(f"Field '{name[:50]}' is longer than {MAX_VALUE_CHARS} characters.")
        if name in self.fields:
            old = self.fields[name]
            self.fields[name] = (old if isinstance(old, list) else [old]) + [value]
        else:
            self.fields[name] = value
        if len(self.fields) > MAX_FIELDS:
            raise BadRequest(f"A post may have at most {MAX_FIELDS} fields.")


def safe_name(raw: str) -> str:
    """A file name for display and download: last path component, printable, no leading dots."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if ch.isprintable() and ch not in '"<>:|?*')
    name = name.strip().lstrip(".").strip()
    return name[:MAX_FILE_NAME] or "file"


def _check_files(form: SecureForm, files: list[PostedFile]) -> None:
    if files and not form.allow_files:
        raise BadRequest("This form does not accept file uploads.")
    if len(files) > MAX_FILES:
        raise BadRequest(f"A post may carry at most {MAX_FILES} files.")
    for item in files:
        if len(item.content) > MAX_FILE_BYTES:
            raise BadRequest(f"File '{safe_name(item.name)}' is larger than {MAX_FILE_BYTES} bytes.")


async def accept(
    *, session: AsyncSession, ctx: AppContext, form: SecureForm, posted: Posted, client_ip: str | None
) -> SecureFormRow:
    """Store one post (fields sealed in the row, files sealed on disk) and queue the owner's notice."""
    _check_files(form, posted.files)
    if not posted.fields and not posted.files:
        raise BadRequest("The post is empty.")
    await _check_rate(session, form, (client_ip or "")[:64])
    clear = json.dumps(posted.fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    row = SecureFormRow(
        form_id=form.id,
        account_id=form.account_id,
        created_at=clock.utcnow(),
        client_ip=(client_ip or "")[:64],
        content=b"",
        size=len(clear),
        field_count=len(posted.fields),
    )
    session.add(row)
    await session.flush()  # the row id binds the ciphertext to this row
    row.content = ctx.box.seal(clear, context=f"secure_form_row:{row.id}".encode())
    for item in posted.files:
        meta = {"field": item.field, "name": safe_name(item.name), "content_type": item.content_type[:200]}
        record = SecureFormFile(
            row_id=row.id,
            form_id=form.id,
            account_id=form.account_id,
            meta=b"",
            size=len(item.content),
            created_at=row.created_at,
        )
        session.add(record)
        await session.flush()
        record.meta = ctx.box.seal(json.dumps(meta).encode(), context=f"secure_form_file_meta:{record.id}".encode())
        await blobs.store(ctx, account_id=form.account_id, form_id=form.id, file_id=record.id, content=item.content)
    await session.flush()
    if form.email_to:
        await _notify(session=session, ctx=ctx, form=form, row=row, files=len(posted.files))
    return row


async def _check_rate(session: AsyncSession, form: SecureForm, client_ip: str) -> None:
    recent = await session.scalar(
        select(func.count())
        .select_from(SecureFormRow)
        .where(
            SecureFormRow.form_id == form.id,
            SecureFormRow.created_at > clock.utcnow() - timedelta(minutes=1),
            SecureFormRow.client_ip == client_ip,
        )
    )
    if (recent or 0) >= POSTS_PER_MINUTE:
        raise RateLimited("Too many posts to this form from your address; try again in a minute.", retry_after=60)


async def _notify(*, session: AsyncSession, ctx: AppContext, form: SecureForm, row: SecureFormRow, files: int) -> None:
    """Tell the form's recipients a post arrived (no content: it is read through the API)."""
    sender = f"secureform@{ctx.settings.hostname}"
    message = EmailMessage()
    message["From"], message["To"] = sender, ", ".join(form.email_to)
    message["Subject"] = f"New post to secure form {form.name}"
    message["Date"], message["Message-ID"] = formatdate(usegmt=True), make_msgid(domain=ctx.settings.hostname)
    message.set_content(
        f'A new post to secure form "{form.name}" (form {form.id}) was stored as row {row.id} '
        f"at {format_datetime(row.created_at)} GMT: {row.field_count} fields, {files} files.\n\n"
        "The content is kept encrypted on the server and is not sent by e-mail. Read it with the API "
        "(getSecureFormDatabaseRow).\n"
    )
    await enqueue_message(
        session,
        ctx,
        account_id=form.account_id,
        user_id=None,
        mail_from=sender,
        recipients=list(form.email_to),
        mime=message.as_bytes(),
        channel=Channel.SYSTEM,
    )
