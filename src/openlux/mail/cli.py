"""`openlux send`, `openlux outbox` (captured mail) and `openlux queue` (the outbound queue)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from sqlalchemy import select

from openlux.accounts.models import User
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction, ReadChannel
from openlux.cli_kit import console, fail, load_settings, run_with_context
from openlux.core.errors import ApiError
from openlux.mail.models import CapturedMessage, OutboundMessage
from openlux.mail.states import Channel

outbox_app = typer.Typer(help="Mail kept by delivery_mode=capture.", no_args_is_help=True)
queue_app = typer.Typer(help="The outbound mail queue.", no_args_is_help=True)

DataDirOpt = Annotated[Path | None, typer.Option("--data-dir", help="Data directory (OPENLUX_DATA_DIR).")]
DbUrlOpt = Annotated[str | None, typer.Option("--database-url", help="Database URL (OPENLUX_DATABASE_URL).")]


def _run(data_dir: Path | None, database_url: str | None, work: Any) -> Any:

    return run_with_context(load_settings(data_dir=data_dir, database_url=database_url), work)


def _fail(message: str) -> None:

    fail(message)


async def _sender(session: Any, login: str | None) -> User:
    query = select(User).order_by(User.id).limit(1)
    if login:
        query = select(User).where(User.login == login.strip().lower())
    user = await session.scalar(query)
    if user is None:
        _fail(f"no user {login}" if login else "no user; run `openlux init` first")
    return user


def send(
    to: Annotated[list[str] | None, typer.Option("--to", help="Recipient; repeat for more.")] = None,
    cc: Annotated[list[str] | None, typer.Option("--cc")] = None,
    bcc: Annotated[list[str] | None, typer.Option("--bcc")] = None,
    subject: Annotated[str, typer.Option(help="Subject line.")] = "",
    text: Annotated[str | None, typer.Option(help="Plain-text body.")] = None,
    html: Annotated[str | None, typer.Option(help="HTML body.")] = None,
    sender: Annotated[str | None, typer.Option("--from", help="From address (default: the user's login).")] = None,
    attach: Annotated[list[Path] | None, typer.Option(help="File to attach; repeat for more.")] = None,
    eml: Annotated[Path | None, typer.Option(help="Send this .eml file as it is (recipients from --to).")] = None,
    user: Annotated[str | None, typer.Option(help="Sending user's login (default: the first user).")] = None,
    tls_policy: Annotated[str | None, typer.Option(help="opportunistic, required or no_tls.")] = None,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Queue a message through the same pipeline as sendEmail (limits, suppressions, DKIM, TLS policy)."""
    if not to and not cc and not bcc:
        _fail("give at least one --to, --cc or --bcc")
    for path in [*(attach or []), *([eml] if eml is not None else [])]:
        if not path.is_file():
            _fail(f"cannot read {path}: no such file")

    async def work(ctx: Any) -> Any:
        from openlux.mail import service, submission
        from openlux.mail.schemas import MessageIn

        async with ctx.db.transaction() as session:
            account_user = await _sender(session, user)
            if eml is not None:
                queue_id, _s = await submission.accept_raw(
                    ctx=ctx,
                    session=session,
                    user=account_user,
                    mail_from=sender or account_user.login,
                    rcpt_tos=[*(to or []), *(cc or []), *(bcc or [])],
                    data=eml.read_bytes(),
                    channel=Channel.API,
                )
                return operator_sent(session, account_user, [{"index": 0, "status": "queued", "id": queue_id}])
            files = [_Upload(p.name, p.read_bytes()) for p in attach or []]
            message = MessageIn.model_validate(
                {
                    "from": sender,
                    "to": to,
                    "cc": cc,
                    "bcc": bcc,
                    "subject": subject,
                    "text": text,
                    "html": html,
                    "tls_policy": tls_policy,
                    "attachments": [{"name": f.filename} for f in files],
                }
            )
            accepted = await service.accept(
                ctx=ctx,
                session=session,
                user=account_user,
                messages=[message],
                files=files,
                call_policy=None,
                call_no_tls=None,
                channel=Channel.API,
            )
            return operator_sent(session, account_user, accepted)

    try:
        result = _run(data_dir, database_url, work)
    except ApiError as exc:
        _fail(exc.message)
        return
    console.print_json(json.dumps(result))


def operator_sent(session: Any, user: User, results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Record each message the operator queued in a user's name (the message itself shows only the
    user); the results unchanged."""
    for item in results:
        if item.get("id") is not None:
            audit.record_operator(
                session, user.account_id, AuditAction.MESSAGE_SEND, f"message {item['id']}", {"as_user": user.login}
            )
    return results


class _Upload:
    """A local file shaped like an uploaded `files` part."""

    def __init__(self, filename: str, content: bytes) -> None:
        self.filename, self.content, self.content_type = filename, content, "application/octet-stream"


@outbox_app.command("list")
def outbox_list(
    limit: int = 50,
    address: Annotated[str | None, typer.Option(help="Only mail from or to this whole address (any case).")] = None,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Captured messages, newest first."""
    from openlux.mail import outbox

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            listed = await outbox.list_captured(session=session, limit=limit, address=address)
            # Subjects and recipients on screen: one audit event per account whose mail was listed.
            owners = await session.execute(
                select(CapturedMessage.id, CapturedMessage.account_id).where(
                    CapturedMessage.id.in_([m["id"] for m in listed])
                )
            )
            by_account: dict[int | None, list[int]] = {}
            for captured_id, account_id in owners:
                by_account.setdefault(account_id, []).append(captured_id)
            for account_id, ids in by_account.items():
                audit.record_operator(
                    session,
                    account_id,
                    AuditAction.MESSAGE_LIST,
                    "captured mail",
                    {"channel": ReadChannel.CLI.value, "count": len(ids), "captured_ids": sorted(ids, reverse=True)},
                )
            return listed

    try:
        listed = _run(data_dir, database_url, work)
    except ApiError as exc:
        _fail(exc.message)
        return
    table = Table("id", "captured (GMT)", "from", "to", "subject", "size")
    for m in listed:
        table.add_row(
            str(m["id"]), m["captured"], m["mail_from"], ", ".join(m["recipients"]), m["subject"], str(m["size"])
        )
    console.print(table)


@outbox_app.command("show")
def outbox_show(captured_id: int, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Print one captured message's MIME source."""
    from openlux.mail import outbox

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            found = await outbox.get_captured(session=session, ctx=ctx, captured_id=captured_id)
            row = await session.get(CapturedMessage, captured_id)
            if found is not None and row is not None:  # the operator read a message: audited like a console read
                queue_id = found[0]["queue_id"]
                audit.record_operator(
                    session,
                    row.account_id,
                    AuditAction.MESSAGE_READ,
                    f"message {queue_id}" if queue_id is not None else f"captured {captured_id}",
                    {"channel": ReadChannel.CLI.value, "part": "raw", "captured_id": captured_id},
                )
            return found

    found = _run(data_dir, database_url, work)
    if found is None:
        _fail(f"no captured message {captured_id}")
        return
    typer.echo(found[1].decode("utf-8", "replace").replace("\r\n", "\n"))


@outbox_app.command("purge")
def outbox_purge(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Delete every captured message."""
    from openlux.mail import outbox

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            deleted = await outbox.purge_captured(session=session)
            audit.record_operator(session, None, AuditAction.OUTBOX_PURGE, "captured mail", {"deleted": deleted})
            return deleted

    console.print(f"deleted {_run(data_dir, database_url, work)} captured messages")


@queue_app.command("list")
def queue_list(
    state: Annotated[str | None, typer.Option(help="queued, sent, partial or failed.")] = None,
    limit: int = 50,
    message: Annotated[int | None, typer.Option(help="Show one message's recipients.")] = None,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Queue entries (or one entry's recipients with their last replies)."""
    from openlux.mail import admin

    async def work(ctx: Any) -> Any:
        async with ctx.db.sessions() as session:
            if message is not None:
                return await admin.recipients(session=session, queue_id=message)
            return await admin.list_messages(session=session, state=state, limit=limit)

    rows = _run(data_dir, database_url, work)
    if message is not None:
        table = Table("address", "kind", "state", "method", "attempts", "last reply")
        for r in rows:
            table.add_row(r["address"], r["kind"], r["state"], r["method"], str(r["attempts"]), r["reply"])
    else:
        table = Table("id", "state", "channel", "from", "tls", "attempts", "recipients", "created", "next attempt")
        for r in rows:
            summary = ", ".join(f"{k}:{v}" for k, v in sorted(r["recipients"].items()))
            table.add_row(
                str(r["id"]),
                r["state"],
                r["channel"],
                r["from"],
                r["tls_policy"],
                str(r["attempts"]),
                summary,
                r["created"],
                r["next_attempt"],
            )
    console.print(table)


async def _owner_of(session: Any, message: int | None) -> int | None:
    """The account of one queued message (None for the whole queue, an installation-wide action)."""
    row = None if message is None else await session.get(OutboundMessage, message)
    return None if row is None else row.account_id


def _queue_target(message: int | None) -> str:
    return "all messages" if message is None else f"message {message}"


@queue_app.command("retry")
def queue_retry(
    message: Annotated[int | None, typer.Argument(help="Queue id (default: every deferred one).")] = None,
    failed: Annotated[bool, typer.Option(help="Also retry failed recipients.")] = False,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Make deferred recipients due now."""
    from openlux.mail import admin

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            requeued = await admin.retry(session=session, queue_id=message, failed_too=failed)
            audit.record_operator(
                session,
                await _owner_of(session, message),
                AuditAction.QUEUE_RETRY,
                _queue_target(message),
                {"applied": requeued, "failed_too": failed},
            )
            return requeued

    console.print(f"requeued {_run(data_dir, database_url, work)} messages")


@queue_app.command("purge")
def queue_purge(
    message: Annotated[int | None, typer.Argument(help="Queue id (default: every finished one).")] = None,
    everything: Annotated[bool, typer.Option("--all", help="Also drop messages still queued.")] = False,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Delete finished queue entries (sent, partial, failed)."""
    from openlux.mail import admin

    async def work(ctx: Any) -> Any:
        async with ctx.db.transaction() as session:
            owner = await _owner_of(session, message)  # read before the row goes
            deleted = await admin.purge(session=session, queue_id=message, everything=everything)
            audit.record_operator(
                session,
                owner,
                AuditAction.QUEUE_PURGE,
                _queue_target(message),
                {"applied": deleted, "everything": everything},
            )
            return deleted

    console.print(f"deleted {_run(data_dir, database_url, work)} messages")


tlsrpt_app = typer.Typer(help="TLS-RPT (RFC 8460) reports of MX delivery under MTA-STS / DANE.", no_args_is_help=True)


@tlsrpt_app.command("report")
def tlsrpt_report(
    account: Annotated[int | None, typer.Option(help="Account id (default: the first).")] = None,
    day: Annotated[str | None, typer.Option("--date", help="UTC day, YYYY-MM-DD (default: yesterday).")] = None,
    contact: Annotated[str, typer.Option(help="contact-info of the report.")] = "postmaster",
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Print the daily TLS-RPT JSON report of one account's MX deliveries (RFC 8460 §4.4)."""
    from datetime import date, timedelta

    from openlux.cli_kit import first_account
    from openlux.core import time as clock
    from openlux.mail import tlsrpt

    try:
        wanted = date.fromisoformat(day) if day else (clock.utcnow() - timedelta(days=1)).date()
    except ValueError:
        _fail(f"--date must be YYYY-MM-DD, got {day!r}")
        return

    async def work(ctx: Any) -> Any:
        async with ctx.db.sessions() as session:
            acct = await first_account(session, account)
            return await tlsrpt.daily_report(session, account_id=acct.id, day=wanted, contact=contact)

    print(json.dumps(_run(data_dir, database_url, work), indent=2))
