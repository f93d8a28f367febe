"""Sealed file blobs under `<data dir>/secureforms/`: paths are built from numeric ids only.

A posted file name never becomes part of a path; resolve() plus the root check is a second guard.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from openlux.core.context import AppContext
from openlux.core.datadir import write_private_atomically

ROOT = "secureforms"


def _context(file_id: int) -> bytes:
    return f"secure_form_file:{file_id}".encode()


def path_for(ctx: AppContext, *, account_id: int, form_id: int, file_id: int) -> Path:
    """Where a file's sealed blob lives; ValueError should a path ever leave the root."""
    root = (ctx.settings.data_dir / ROOT).resolve()
    path = (root / str(int(account_id)) / str(int(form_id)) / f"{int(file_id)}.bin").resolve()
    if not path.is_relative_to(root):
        raise ValueError(f"blob path {path} escapes {root}")
    return path


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # durable before the API or the confirmation page says the post was kept
    write_private_atomically(path, data, aside_suffix=".tmp")


async def store(ctx: AppContext, *, account_id: int, form_id: int, file_id: int, content: bytes) -> None:
    """Seal and write one file's content."""
    sealed = ctx.box.seal(content, context=_context(file_id))
    await asyncio.to_thread(_write, path_for(ctx, account_id=account_id, form_id=form_id, file_id=file_id), sealed)


async def load(ctx: AppContext, *, account_id: int, form_id: int, file_id: int) -> bytes | None:
    """One file's content in clear, or None when its blob is missing."""
    path = path_for(ctx, account_id=account_id, form_id=form_id, file_id=file_id)
    try:
        sealed = await asyncio.to_thread(path.read_bytes)
    except FileNotFoundError:
        return None
    return ctx.box.open(sealed, context=_context(file_id))


async def remove(ctx: AppContext, *, account_id: int, form_id: int, file_ids: list[int]) -> None:
    """Delete blobs (missing ones are fine: a retried delete must not fail)."""
    for file_id in file_ids:
        path = path_for(ctx, account_id=account_id, form_id=form_id, file_id=file_id)
        await asyncio.to_thread(path.unlink, True)
