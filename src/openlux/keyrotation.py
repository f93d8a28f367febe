"""`openlux key rotate`: re-seal everything sealed with the master key under a new key, resumably.

Like openlux/tables.py this module is wiring: it names every place a sealed value lives, in every
area, so one command can walk them all:
- sealed columns (openlux.db.SealedText / SealedJSON), found on Base.metadata;
- columns sealed through ctx.box with a context of their own (BYTE_COLUMNS);
- sealed files under the data directory (content library blobs, Secure Form uploads).

Append-only tables (the audit log) refuse UPDATEs by trigger; each batch of theirs lifts the trigger
inside its own transaction and restores it before committing (openlux.db.append_only).

The procedure (docs/operations.md, "Rotating the master key"):
1. The key file gets a new current key; the old one stays as a `previous:` line (and the
   installation's first key as the `derive:` line, which HMAC keys keep being derived from).
2. Rows are re-sealed in batches of BATCH, one transaction each; a value the new key already opens
   is skipped, so an interrupted rotation is resumed by running the command again.
3. When every value opens with the new key, the `previous:` lines are dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import sqlalchemy as sa
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from openlux import tables
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction
from openlux.cli_kit import DataDirOpt, DbUrlOpt, console, fail, load_settings, run_with_context
from openlux.console import service as console_service
from openlux.core import sealing
from openlux.core.context import AppContext
from openlux.core.crypto import KeyFile, master_key_path, new_master_key, read_key_file, write_key_file
from openlux.core.datadir import write_private_atomically
from openlux.db import Base, SealedJSON, SealedText
from openlux.db.append_only import append_only_trigger, updates_allowed
from openlux.inbound import listener as inbound_listener
from openlux.mail import dkim, outbox, queue
from openlux.reports import destinations as report_destinations
from openlux.reports import jobs as report_jobs
from openlux.secureline.escrow import sealing_context
from openlux.securetext import service as securetext_service
from openlux.webhooks import service as webhook_service

BATCH = 200  # rows re-sealed per transaction (--batch-size)

assert tables.MODEL_MODULES  # importing it registered every table on Base.metadata


@dataclass(frozen=True)
class SealedBytes:
    """A LargeBinary column sealed through ctx.box; `context` gives a row's authenticated context."""

    table: str
    column: str
    context: Callable[[Mapping[str, Any]], bytes]
    needs: tuple[str, ...] = ()
    key: str = "id"  # the single-column primary key the walk pages by


def _fixed(context: bytes) -> Callable[[Mapping[str, Any]], bytes]:
    return lambda _row: context


# Each context is the one its area seals with: its constant where the area exports one, else the
# literal its code uses (auth.service, secureforms.posts), which tests/test_key_rotation.py exercises.
BYTE_COLUMNS = (
    SealedBytes("api_integration", "secret_sealed", _fixed(b"api_integration")),
    SealedBytes("outbound_message", "mime_sealed", _fixed(queue.SEAL_CONTEXT)),
    SealedBytes("captured_message", "mime_sealed", _fixed(outbox.SEAL_CONTEXT)),
    SealedBytes("dkim_key", "private_key_sealed", _fixed(dkim.SEAL_CONTEXT)),
    SealedBytes("mailbox_message", "content", _fixed(inbound_listener.SEAL_CONTEXT)),
    SealedBytes("sms_message", "body_sealed", _fixed(securetext_service.SEAL_CONTEXT)),
    SealedBytes("webhook_endpoint", "secret_sealed", _fixed(webhook_service.SEAL_CONTEXT)),
    SealedBytes("report_job", "destination_secret_sealed", _fixed(report_jobs.SEAL_CONTEXT)),
    SealedBytes("console_second_factor", "secret_sealed", _fixed(console_service.SECOND_FACTOR_SEAL), key="user_id"),
    SealedBytes("escrow_message", "content", lambda row: sealing_context(row["link_hash"]), ("link_hash",)),
    SealedBytes("secure_form_row", "content", lambda row: f"secure_form_row:{row['id']}".encode()),
    SealedBytes("secure_form_file", "meta", lambda row: f"secure_form_file_meta:{row['id']}".encode()),
)


@dataclass(frozen=True)
class SealedFiles:
    """Sealed files under the data directory; `context` gives a file's context from its path."""

    directory: str
    context: Callable[[Path], bytes]
    pattern: str = "*"  # which files under the directory are sealed


FILE_STORES = (
    SealedFiles("content_library/blobs", lambda path: b"content_blob:" + path.name.encode()),  # content.blobs
    SealedFiles("secureforms", lambda path: f"secure_form_file:{path.stem}".encode()),  # secureforms.blobs
    # Kept report CSVs (reports.destinations); the job's temporary file and older clear CSVs are not sealed.
    SealedFiles(
        report_destinations.KEPT_DIRECTORY,
        report_destinations.kept_file_context,
        f"*{report_destinations.SEALED_SUFFIX}",
    ),
)


def text_columns() -> list[tuple[str, str, str]]:
    """(table, column, purpose) of every SealedText/SealedJSON column."""
    return [
        (table.name, column.name, column.type.purpose)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, SealedText | SealedJSON)
    ]


class Interrupted(Exception):
    """The batch budget ran out (--stop-after-batches): the rotation stops as if killed between batches."""


@dataclass
class Budget:
    """Rows per batch, and how many batches may still run (None: all)."""

    size: int = BATCH
    batches_left: int | None = None

    def spend(self) -> None:
        """Count one batch; Interrupted when none is left."""
        if self.batches_left is not None:
            if self.batches_left <= 0:
                raise Interrupted
            self.batches_left -= 1


@dataclass
class Tally:
    """What a rotation pass saw."""

    checked: int = 0
    resealed: int = 0


async def _count(ctx: AppContext, table: str, column: str) -> int:
    t = sa.table(table, sa.column(column))
    async with ctx.db.transaction() as session:
        return int(await session.scalar(sa.select(sa.func.count()).select_from(t).where(t.c[column].is_not(None))) or 0)


@dataclass(frozen=True)
class ColumnWalk:
    """One column to walk: `fresh(row)` gives the re-sealed value, or None when it is current."""

    table: str
    column: str
    needs: tuple[str, ...]
    fresh: Callable[[Mapping[str, Any]], Any]
    key: str = "id"


async def _batches(ctx: AppContext, walk: ColumnWalk, budget: Budget, advance: Callable[[int], None]) -> Tally:
    """Walk the column by id, one transaction per batch (a batch is re-sealed whole or not at all)."""
    table, column, fresh = walk.table, walk.column, walk.fresh
    key_name = walk.key
    t = sa.table(table, sa.column(key_name), sa.column(column), *(sa.column(n) for n in walk.needs if n != key_name))
    key = t.c[key_name]
    declared = Base.metadata.tables.get(table)
    tally, last = Tally(), 0
    while True:
        async with ctx.db.transaction() as session:
            query = sa.select(t).where(key > last, t.c[column].is_not(None)).order_by(key).limit(budget.size)
            rows = (await session.execute(query)).all()
            if rows:
                budget.spend()  # Interrupted here rolls this batch back, as a kill would
            changes = [(row._mapping[key_name], fresh(dict(row._mapping))) for row in rows]
            changes = [(row_key, value) for row_key, value in changes if value is not None]
            lifted: contextlib.AbstractAsyncContextManager[None] = contextlib.nullcontext()
            if changes and declared is not None and append_only_trigger(declared):
                lifted = updates_allowed(session, declared)  # re-sealing is the one UPDATE they allow
            async with lifted:
                for row_key, value in changes:
                    await session.execute(sa.update(t).where(key == row_key).values({column: value}))
            tally.resealed += len(changes)
        if not rows:
            return tally
        tally.checked += len(rows)
        last = rows[-1]._mapping[key_name]
        advance(len(rows))


def _fresh_text(purpose: str, box: Any) -> Callable[[Mapping[str, Any]], str | None]:
    def fresh(row: Mapping[str, Any]) -> str | None:
        stored = row[purpose.split(".", 1)[1]]
        clear, current = sealing.open_value_reporting(stored, purpose)
        return None if current else sealing.seal_value(clear, purpose, box)

    return fresh


def _fresh_bytes(target: SealedBytes, box: Any) -> Callable[[Mapping[str, Any]], bytes | None]:
    def fresh(row: Mapping[str, Any]) -> bytes | None:
        context = target.context(row)
        clear, current = box.open_reporting(bytes(row[target.column]), context=context)
        return None if current else box.seal(clear, context=context)

    return fresh


def _reseal_file(path: Path, context: bytes, box: Any) -> bool:
    """Re-seal one file in place (write aside, then rename); False when the new key already opens it."""
    clear, current = box.open_reporting(path.read_bytes(), context=context)
    if current:
        return False
    write_private_atomically(path, box.seal(clear, context=context), aside_suffix=".rotating")
    return True


def _sealed_files(root: Path, pattern: str = "*") -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob(pattern)
        if p.is_file() and not p.name.startswith(".") and not p.name.endswith(".rotating")
    )


async def reseal_everything(ctx: AppContext, progress: Progress, budget: Budget) -> Tally:
    """Re-seal every sealed value the current key does not open yet; the totals (Interrupted: budget spent)."""
    box, total = ctx.box, Tally()
    work: list[tuple[str, int, Callable[[Callable[[int], None]], Any]]] = []
    walks = [ColumnWalk(table, column, (), _fresh_text(purpose, box)) for table, column, purpose in text_columns()]
    walks += [ColumnWalk(t.table, t.column, t.needs, _fresh_bytes(t, box), t.key) for t in BYTE_COLUMNS]
    for walk in walks:
        count = await _count(ctx, walk.table, walk.column)
        work.append((f"{walk.table}.{walk.column}", count, _column_job(ctx, walk, budget)))
    for store in FILE_STORES:
        files = _sealed_files(ctx.settings.data_dir / store.directory, store.pattern)
        work.append((f"files in {store.directory}", len(files), _file_job(files, store, box)))
    for name, count, job in work:
        task = progress.add_task(name, total=count)
        tally = await job(_advancer(progress, task))
        total.checked += tally.checked
        total.resealed += tally.resealed
    return total


def _advancer(progress: Progress, task: TaskID) -> Callable[[int], None]:
    def advance(done: int) -> None:
        progress.advance(task, done)

    return advance


def _column_job(ctx: AppContext, walk: ColumnWalk, budget: Budget) -> Callable[[Callable[[int], None]], Any]:
    return lambda advance: _batches(ctx, walk, budget, advance)


def _file_job(files: list[Path], store: SealedFiles, box: Any) -> Callable[[Callable[[int], None]], Any]:
    async def job(advance: Callable[[int], None]) -> Tally:
        tally = Tally()
        for path in files:
            try:
                changed = await asyncio.to_thread(_reseal_file, path, store.context(path), box)
            except FileNotFoundError:
                continue  # deleted meanwhile
            tally.checked += 1
            tally.resealed += int(changed)
            advance(1)
        return tally

    return job


key_app = typer.Typer(help="The master key that seals data at rest.", no_args_is_help=True)


@key_app.command("rotate")
def rotate(
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Rows re-sealed per transaction.")] = BATCH,
    stop_after_batches: Annotated[
        int | None, typer.Option(hidden=True, help="Stop as if interrupted after this many batches (tests).")
    ] = None,
) -> None:
    """Put a new master key in the key file and re-seal everything with it (run again to resume)."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)
    if settings.master_key:
        fail(
            "the master key comes from OPENLUX_MASTER_KEY; keep it in a key file (OPENLUX_MASTER_KEY_FILE) "
            "to rotate it with this command (docs/operations.md)"
        )
    path = master_key_path(settings.data_dir, settings.master_key_file)
    if not path.exists():
        fail(f"no master key file at {path} (OPENLUX_MASTER_KEY_FILE); nothing is sealed with a key yet")
    keys = read_key_file(path)
    if keys.previous:
        console.print(
            f"Resuming the rotation started earlier ({path} holds the new key and {len(keys.previous)} previous)."
        )
    else:
        keys = KeyFile(new_master_key(), (keys.current,), keys.derive or keys.current)
        write_key_file(path, keys.lines())
        console.print(f"New master key written to {path}; the previous key stays there until every value is re-sealed.")
    tally = run_with_context(settings, _run_rotation(Budget(batch_size, stop_after_batches)))
    if tally is None:
        console.print("Stopped before the end; run `openlux key rotate` again to resume.")
        raise typer.Exit(3)
    write_key_file(path, KeyFile(keys.current, (), keys.derive).lines())
    console.print(
        f"Rotation complete: {tally.checked} sealed values checked, {tally.resealed} re-sealed; "
        f"{path} now holds only the new key (and the derive: line). Restart every OpenLux process."
    )


def _run_rotation(budget: Budget) -> Callable[[AppContext], Any]:
    async def work(ctx: AppContext) -> Tally | None:
        columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
        with Progress(*columns, console=console, transient=False) as progress:
            try:
                tally = await reseal_everything(ctx, progress, budget)
            except Interrupted:
                return None
        async with ctx.db.transaction() as session:  # the whole installation: no account
            audit.record_operator(
                session,
                None,
                AuditAction.MASTER_KEY_ROTATE,
                "master key",
                {"checked": tally.checked, "resealed": tally.resealed},
            )
        return tally

    return work
