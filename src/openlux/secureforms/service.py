"""A form's database through the API: post metadata, full rows, one row, files; deleting rows and files."""

from __future__ import annotations

import base64
import json
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, NotFound
from openlux.core.reporting import Column, Paging, Report
from openlux.core.time import format_datetime
from openlux.secureforms import blobs
from openlux.secureforms.models import SecureForm, SecureFormFile, SecureFormRow
from openlux.secureforms.schemas import RowQuery

ROWS_DEFAULT, ROWS_MAX = 100, 1000  # full rows are decrypted one by one, so pages are smaller than reports
POSTS_REPORT = Report(
    tuple(
        Column(k, t, d)
        for k, t, d in (
            ("row_id", "Integer", "The row's number (use it with getSecureFormDatabaseRow)"),
            ("created", "DATETIME", "When the post arrived (GMT)"),
            ("ip", "String", "Address the post came from"),
            ("size", "Integer", "Bytes of posted field data"),
            ("fields", "Integer", "Number of fields"),
            ("files", "Integer", "Number of attached files"),
        )
    )
)


def _filters(form: SecureForm, query: RowQuery) -> list[ColumnElement[bool]]:
    """WHERE clauses of a posts/rows query: the form, date bounds, rows after a known one."""
    clauses: list[ColumnElement[bool]] = [SecureFormRow.form_id == form.id]
    if query.after_date is not None:
        clauses.append(SecureFormRow.created_at > query.after_date)
    if query.from_date is not None:
        clauses.append(SecureFormRow.created_at >= query.from_date)
    if query.before_date is not None:
        clauses.append(SecureFormRow.created_at < query.before_date)
    if query.through_date is not None:
        clauses.append(SecureFormRow.created_at <= query.through_date)
    if query.after_row is not None:
        clauses.append(SecureFormRow.id > query.after_row)
    return clauses


async def _file_counts(session: AsyncSession, row_ids: list[int]) -> dict[int, int]:
    if not row_ids:
        return {}
    result = await session.execute(
        select(SecureFormFile.row_id, func.count())
        .where(SecureFormFile.row_id.in_(row_ids))
        .group_by(SecureFormFile.row_id)
    )
    return {row_id: count for row_id, count in result.all()}


async def posts(*, session: AsyncSession, form: SecureForm, query: RowQuery) -> dict[str, Any]:
    """getSecureFormDatabasePosts: metadata of matching rows, report-shaped, oldest first."""
    paging = Paging.parse(query.first_row, query.matches)
    clauses = _filters(form, query)
    total = await session.scalar(select(func.count()).select_from(SecureFormRow).where(*clauses)) or 0
    rows = (
        list(
            await session.scalars(
                select(SecureFormRow)
                .where(*clauses)
                .order_by(SecureFormRow.id)
                .offset(paging.first_row)
                .limit(paging.matches)
            )
        )
        if paging.matches
        else []
    )
    counts = await _file_counts(session, [r.id for r in rows])
    data = [
        {
            "row_id": r.id,
            "created": format_datetime(r.created_at),
            "ip": r.client_ip,
            "size": r.size,
            "fields": r.field_count,
            "files": counts.get(r.id, 0),
        }
        for r in rows
    ]
    return POSTS_REPORT.page(data, total=total, paging=paging)


def _file_record(ctx: AppContext, item: SecureFormFile) -> dict[str, Any]:
    meta = json.loads(ctx.box.open(item.meta, context=f"secure_form_file_meta:{item.id}".encode()))
    return {
        "file_id": item.id,
        "field": meta["field"],
        "name": meta["name"],
        "content_type": meta["content_type"],
        "size": item.size,
    }


async def _row_record(session: AsyncSession, ctx: AppContext, row: SecureFormRow) -> dict[str, Any]:
    fields = json.loads(ctx.box.open(row.content, context=f"secure_form_row:{row.id}".encode()))
    files = await session.scalars(
        select(SecureFormFile).where(SecureFormFile.row_id == row.id).order_by(SecureFormFile.id)
    )
    return {
        "row_id": row.id,
        "form_id": row.form_id,
        "created": format_datetime(row.created_at),
        "ip": row.client_ip,
        "fields": fields,
        "files": [_file_record(ctx, f) for f in files],
    }


async def rows(*, session: AsyncSession, ctx: AppContext, form: SecureForm, query: RowQuery) -> dict[str, Any]:
    """getSecureFormDatabaseRows: matching rows in full (decrypted), oldest first."""
    first = query.first_row or 0
    count = ROWS_DEFAULT if query.matches is None else query.matches
    if count > ROWS_MAX:
        raise BadRequest(f"Parameter 'matches' may be at most {ROWS_MAX} for full rows.")
    clauses = _filters(form, query)
    total = await session.scalar(select(func.count()).select_from(SecureFormRow).where(*clauses)) or 0
    found = (
        list(
            await session.scalars(
                select(SecureFormRow).where(*clauses).order_by(SecureFormRow.id).offset(first).limit(count)
            )
        )
        if count
        else []
    )
    return {
        "rows": [await _row_record(session, ctx, r) for r in found],
        "total_matches": total,
        "first_row": first,
        "matches": count,
    }


async def _row(session: AsyncSession, form: SecureForm, row_id: int) -> SecureFormRow:
    row = await session.get(SecureFormRow, row_id)
    if row is None or row.form_id != form.id:
        raise NotFound(f"No row {row_id} in Secure Form {form.id}.")
    return row


async def row(*, session: AsyncSession, ctx: AppContext, form: SecureForm, row_id: int) -> dict[str, Any]:
    """getSecureFormDatabaseRow: one row, decrypted."""
    return await _row_record(session, ctx, await _row(session, form, row_id))


async def delete_row(*, session: AsyncSession, ctx: AppContext, form: SecureForm, row_id: int) -> dict[str, Any]:
    """deleteSecureFormDatabaseRow: the row and its files (blobs included)."""
    found = await _row(session, form, row_id)
    file_ids = list(await session.scalars(select(SecureFormFile.id).where(SecureFormFile.row_id == found.id)))
    await session.execute(delete(SecureFormFile).where(SecureFormFile.row_id == found.id))
    await session.delete(found)
    await session.flush()
    await blobs.remove(ctx, account_id=form.account_id, form_id=form.id, file_ids=file_ids)
    return {"row_id": found.id, "deleted": 1, "files_deleted": len(file_ids)}


async def _file(session: AsyncSession, form: SecureForm, row_id: int, file_id: int) -> SecureFormFile:
    found = await _row(session, form, row_id)
    item = await session.get(SecureFormFile, file_id)
    if item is None or item.row_id != found.id:
        raise NotFound(f"No file {file_id} in row {found.id}.")
    return item


async def get_file(
    *, session: AsyncSession, ctx: AppContext, form: SecureForm, row_id: int, file_id: int
) -> dict[str, Any]:
    """getSecureFormDatabaseFile: the file's record plus its content in base64."""
    item = await _file(session, form, row_id, file_id)
    content = await blobs.load(ctx, account_id=form.account_id, form_id=form.id, file_id=item.id)
    if content is None:
        raise NotFound(f"The content of file {item.id} is missing from storage.")
    return {**_file_record(ctx, item), "row_id": item.row_id, "content": base64.b64encode(content).decode("ascii")}


async def delete_file(
    *, session: AsyncSession, ctx: AppContext, form: SecureForm, row_id: int, file_id: int
) -> dict[str, Any]:
    """deleteSecureFormDatabaseFile: remove one file from a row."""
    item = await _file(session, form, row_id, file_id)
    await session.delete(item)
    await session.flush()
    await blobs.remove(ctx, account_id=form.account_id, form_id=form.id, file_ids=[item.id])
    return {"file_id": item.id, "row_id": item.row_id, "deleted": 1}
