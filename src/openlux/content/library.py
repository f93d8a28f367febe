"""Content library: a directory tree per user; metadata in the database, bytes in blobs.

Documented rules (spec 11-user-content §3): a new directory must not exist and its parent must;
only empty directories are deleted. Decisions where the spec is silent (docs/compat.d/content.md):
uploads need an existing parent too; an existing file is replaced only with `overwrite=1` (its
public URL stays the same); each file has an unguessable public URL for images in mail.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import mimetypes
import secrets
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.content.blobs import BlobStore, clean_path, clean_segment, display, split
from openlux.content.common import flush_unique
from openlux.content.models import LibraryEntry
from openlux.content.schemas import LibraryUpload
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, Conflict, LimitExceeded, NotFound, PayloadTooLarge
from openlux.core.time import format_datetime
from openlux.core.uploads import attachment_hashes

if TYPE_CHECKING:  # the multipart part type; services import nothing from the HTTP layer at run time
    from openlux.auth.deps import UploadedFile

log = logging.getLogger("openlux.content")
PUBLIC_PREFIX = "/content/files"  # public file URLs: <base>/content/files/<token>/<name>
MAX_ENTRIES_PER_USER = 20_000
MAX_FILES_PER_UPLOAD = 100
_gc_tasks: set[asyncio.Task[None]] = set()


def blob_store(ctx: AppContext) -> BlobStore:
    """The process's blob store under the data dir."""
    store = ctx.blob_store
    if store is None:
        store = ctx.blob_store = BlobStore(ctx.settings.data_dir / "content_library" / "blobs", ctx.box)
    return store


def public_url(ctx: AppContext, row: LibraryEntry) -> str:
    """The unguessable URL a mail can use for this file."""
    return f"{ctx.settings.base_url}{PUBLIC_PREFIX}/{row.public_token}/{quote(row.name)}"


def entry_record(ctx: AppContext, row: LibraryEntry) -> dict[str, Any]:
    """The wire shape of a directory or file."""
    out: dict[str, Any] = {"name": row.name, "path": display(row.path), "type": row.kind}
    if row.kind == "file":
        out.update(
            {"size": row.size, "content_type": row.content_type, "sha256": row.sha256, "url": public_url(ctx, row)}
        )
    out.update({"created": format_datetime(row.created_at), "modified": format_datetime(row.modified_at)})
    return out


async def _entry(session: AsyncSession, user: User, path: str) -> LibraryEntry | None:
    return await session.scalar(select(LibraryEntry).where(LibraryEntry.user_id == user.id, LibraryEntry.path == path))


async def _require_directory(session: AsyncSession, user: User, path: str, *, role: str) -> None:
    """NotFound unless `path` is the root or an existing directory."""
    if path == "":
        return
    row = await _entry(session, user, path)
    if row is None or row.kind != "directory":
        raise NotFound(f"The {role} directory {display(path)} does not exist in {user.login}'s content library.")


async def _check_entry_limit(session: AsyncSession, user: User, adding: int) -> None:
    count = await session.scalar(select(func.count()).where(LibraryEntry.user_id == user.id)) or 0
    if count + adding > MAX_ENTRIES_PER_USER:
        raise LimitExceeded(f"A content library may hold at most {MAX_ENTRIES_PER_USER} files and directories.")


async def list_directory(*, session: AsyncSession, ctx: AppContext, user: User, directory: str) -> dict[str, Any]:
    """getContentLibraryDirectory: the subdirectories and files directly inside."""
    path = clean_path(directory, field="directory")
    await _require_directory(session, user, path, role="requested")
    rows = (
        await session.scalars(
            select(LibraryEntry)
            .where(LibraryEntry.user_id == user.id, LibraryEntry.parent == path)
            .order_by(LibraryEntry.name)
        )
    ).all()
    return {
        "directory": display(path),
        "directories": [entry_record(ctx, r) for r in rows if r.kind == "directory"],
        "files": [entry_record(ctx, r) for r in rows if r.kind == "file"],
    }


async def create_directory(*, session: AsyncSession, ctx: AppContext, user: User, directory: str) -> dict[str, Any]:
    """createContentLibraryDirectory: the directory must be new and its parent must exist."""
    path = clean_path(directory, field="directory")
    if path == "":
        raise Conflict("The root of the content library always exists.")
    if await _entry(session, user, path) is not None:
        raise Conflict(f"{display(path)} already exists in {user.login}'s content library.")
    parent, name = split(path)
    await _require_directory(session, user, parent, role="parent")
    await _check_entry_limit(session, user, 1)
    row = LibraryEntry(user_id=user.id, kind="directory", path=path, parent=parent, name=name)
    session.add(row)
    await flush_unique(session, f"{display(path)} already exists in {user.login}'s content library.")
    return entry_record(ctx, row)


async def delete_directory(*, session: AsyncSession, user: User, directory: str) -> dict[str, Any]:
    """deleteContentLibraryDirectory: only an empty directory is deleted."""
    path = clean_path(directory, field="directory")
    if path == "":
        raise Conflict("The root of the content library cannot be deleted.")
    row = await _entry(session, user, path)
    if row is None or row.kind != "directory":
        raise NotFound(f"No directory {display(path)} in {user.login}'s content library.")
    inside = (
        await session.scalar(select(func.count()).where(LibraryEntry.user_id == user.id, LibraryEntry.parent == path))
        or 0
    )
    if inside:
        raise Conflict(f"The directory {display(path)} is not empty ({inside} entries); delete them first.")
    await session.delete(row)
    await session.flush()
    return {"path": display(path), "deleted": 1}


async def _file(session: AsyncSession, user: User, file_path: str) -> LibraryEntry:
    path = clean_path(file_path, field="file_path")
    row = await _entry(session, user, path) if path else None
    if row is None or row.kind != "file":
        raise NotFound(f"No file {display(path)} in {user.login}'s content library.")
    return row


async def get_file(
    *, session: AsyncSession, ctx: AppContext, user: User, file_path: str, include_content: bool
) -> dict[str, Any]:
    """getContentLibraryFile: details, and the bytes as base64 with `include_content=1`."""
    row = await _file(session, user, file_path)
    out = entry_record(ctx, row)
    if include_content:
        out["content"] = base64.b64encode(await _read(ctx, row)).decode("ascii")
    return out


async def _read(ctx: AppContext, row: LibraryEntry) -> bytes:
    try:
        return await blob_store(ctx).get(row.sha256 or "")
    except FileNotFoundError:
        log.error("content library blob %s of %s is missing", row.sha256, row.path)
        raise NotFound(f"The bytes of {display(row.path)} are missing on this server.") from None


async def delete_file(*, session: AsyncSession, ctx: AppContext, user: User, file_path: str) -> dict[str, Any]:
    """deleteContentLibraryFile; the blob goes once no file refers to it."""
    row = await _file(session, user, file_path)
    collect_after_commit(session, ctx, [row.sha256 or ""])
    await session.delete(row)
    await session.flush()
    return {"path": display(row.path), "deleted": 1}


async def upload(
    *,
    session: AsyncSession,
    ctx: AppContext,
    user: User,
    file_path: str,
    files: list[UploadedFile],
    body: LibraryUpload,
) -> dict[str, Any]:
    """uploadContentLibraryFile: one file to `file_path`, or several into the directory it names."""
    if not files:
        raise BadRequest("No file given: send it as a multipart 'files' part.")
    if len(files) > MAX_FILES_PER_UPLOAD:
        raise LimitExceeded(f"At most {MAX_FILES_PER_UPLOAD} files per upload.")
    targets = await _targets(session, user, clean_path(file_path, field="file_path"), files)
    _check_sizes(ctx, files)
    _check_hashes(files, body.attachments or [])
    overwrite = bool(body.overwrite)
    existing = {}
    for path, _ in targets:
        row = await _entry(session, user, path)
        if row is not None and row.kind == "directory":
            raise Conflict(f"{display(path)} is a directory.")
        if row is not None and not overwrite:
            raise Conflict(f"{display(path)} already exists; send overwrite=1 to replace it.")
        existing[path] = row
    await _check_quota(session, ctx, user, targets, existing)
    await _check_entry_limit(session, user, sum(1 for row in existing.values() if row is None))
    stored = [await _store(session, ctx, user, path, item, existing[path]) for path, item in targets]
    await flush_unique(session, "Another upload to the same path finished first; try again.")
    return {"files": [entry_record(ctx, row) for row in stored]}


async def _targets(
    session: AsyncSession, user: User, path: str, files: list[UploadedFile]
) -> list[tuple[str, UploadedFile]]:
    """(library path, file) pairs: into a directory by file name, or the one file to `path`."""
    row = await _entry(session, user, path) if path else None
    if path == "" or (row is not None and row.kind == "directory"):
        names = [clean_segment(f.filename, field="files") for f in files]
        if len(set(names)) != len(names):
            raise BadRequest("Field 'files': two uploaded files have the same name.")
        return [(f"{path}/{name}" if path else name, f) for name, f in zip(names, files, strict=True)]
    if len(files) != 1:
        raise BadRequest("Field 'files': several files go to a directory; give a directory path.")
    await _require_directory(session, user, split(path)[0], role="parent")
    return [(path, files[0])]


def _check_sizes(ctx: AppContext, files: Iterable[UploadedFile]) -> None:
    limit = ctx.settings.content_max_file_bytes
    for item in files:
        if len(item.content) > limit:
            raise PayloadTooLarge(
                f"File {item.filename!r} is {len(item.content)} bytes; "
                f"the content library accepts at most {limit} bytes per file."
            )


def _check_hashes(files: list[UploadedFile], attachments: list[dict[str, Any]]) -> None:
    """Uploads carry `attachments: [{name, hash}]` (spec 00-mechanics §6); a given hash must match.

    The C# sample hashes the file read as text (BOM dropped), so those digests are accepted too.
    """
    by_name = {str(a.get("name")): str(a.get("hash") or "").lower() for a in attachments}
    for item in files:
        expected = by_name.get(item.filename)
        if not expected:
            continue
        digests = attachment_hashes(item.content)
        if expected not in digests:
            raise BadRequest(f"Field 'attachments': the hash given for {item.filename!r} does not match its content.")


async def _check_quota(
    session: AsyncSession,
    ctx: AppContext,
    user: User,
    targets: list[tuple[str, UploadedFile]],
    existing: dict[str, LibraryEntry | None],
) -> None:
    used = (
        await session.scalar(
            select(func.coalesce(func.sum(LibraryEntry.size), 0)).where(LibraryEntry.user_id == user.id)
        )
        or 0
    )
    replaced = sum(row.size for row in existing.values() if row is not None)
    adding = sum(len(item.content) for _, item in targets)
    quota = ctx.settings.content_quota_bytes
    if int(used) - replaced + adding > quota:
        raise PayloadTooLarge(f"The upload would take {user.login}'s content library over its quota of {quota} bytes.")


async def _store(
    session: AsyncSession, ctx: AppContext, user: User, path: str, item: UploadedFile, row: LibraryEntry | None
) -> LibraryEntry:
    sha = await blob_store(ctx).put(item.content)
    parent, name = split(path)
    content_type = mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"
    if row is None:
        row = LibraryEntry(
            user_id=user.id, kind="file", path=path, parent=parent, name=name, public_token=secrets.token_urlsafe(24)
        )
        session.add(row)
    elif row.sha256 and row.sha256 != sha:
        collect_after_commit(session, ctx, [row.sha256])
    row.size, row.sha256, row.content_type, row.modified_at = len(item.content), sha, content_type, clock.utcnow()
    return row


async def public_file(*, session: AsyncSession, ctx: AppContext, token: str) -> tuple[LibraryEntry, bytes] | None:
    """The file behind a public URL token and its bytes, or None."""
    if not token or len(token) > 64:
        return None
    row = await session.scalar(select(LibraryEntry).where(LibraryEntry.public_token == token))
    if row is None or row.kind != "file":
        return None
    try:
        return row, await blob_store(ctx).get(row.sha256 or "")
    except FileNotFoundError:
        log.error("content library blob %s of %s is missing", row.sha256, row.path)
        return None


def collect_after_commit(session: AsyncSession, ctx: AppContext, shas: list[str]) -> None:
    """Once the session commits, delete those blobs no file refers to (services never commit)."""
    pending: set[str] = session.info.setdefault("content_blob_gc", set())
    if not pending:
        event.listen(session.sync_session, "after_commit", lambda _s: _start_gc(ctx, session), once=True)
    pending.update(s for s in shas if s)


def _start_gc(ctx: AppContext, session: AsyncSession) -> None:
    shas = session.info.pop("content_blob_gc", set())
    task = asyncio.get_running_loop().create_task(_collect(ctx, shas))
    _gc_tasks.add(task)
    task.add_done_callback(_gc_tasks.discard)


async def _collect(ctx: AppContext, shas: set[str]) -> None:
    try:
        async with ctx.db.transaction() as session:
            used = set((await session.scalars(select(LibraryEntry.sha256).where(LibraryEntry.sha256.in_(shas)))).all())
        for sha in shas - used:
            await blob_store(ctx).discard(sha)
    except Exception:  # a leftover blob wastes space but loses nothing; never crash the loop
        log.exception("content library blob collection failed")
