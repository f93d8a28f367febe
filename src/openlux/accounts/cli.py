"""Operator commands of accounts: `openlux domain` (verification), `openlux sender` (who may send as what),
`openlux branding` (an account's private label, which getUserBrandingInformation answers with)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table
from sqlalchemy import select

from openlux.accounts import branding as branding_rules
from openlux.accounts import senders, verification
from openlux.accounts.models import Account, AllowedSender, Domain, User
from openlux.audit import service as audit
from openlux.audit.schemas import AuditAction, Outcome
from openlux.cli_kit import DataDirOpt, DbUrlOpt, console, fail, first_account, load_settings, run_with_context
from openlux.core.addresses import normalise_address, normalise_domain
from openlux.core.errors import ApiError

domain_app = typer.Typer(help="Domains: verification status, DNS checks, operator overrides.", no_args_is_help=True)
sender_app = typer.Typer(help="Addresses users may send as (relay and mx modes).", no_args_is_help=True)


async def _domain(session: Any, name: str) -> Domain:
    try:
        wanted = normalise_domain(name)
    except ApiError as exc:
        fail(exc.message)
    row = await session.scalar(select(Domain).where(Domain.name == wanted))
    if row is None:
        fail(f"no domain {wanted}")
    return row


@domain_app.command("verify")
def domain_verify(
    name: str,
    mark: Annotated[bool, typer.Option("--mark", help="Mark verified without DNS (air-gapped installs).")] = False,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Check the domain's `_openlux-verify` TXT record (or mark it verified); prints record and status."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> tuple[bool, str, dict[str, Any]]:
        async with ctx.db.transaction() as session:
            domain = await _domain(session, name)
            if mark:
                verification.mark_verified(domain)
                await session.flush()
                ok, why = True, f"{domain.name} marked verified by the operator."
            else:
                ok, why = await verification.check_dns(ctx, session, domain)
            audit.record_operator(
                session,
                domain.account_id,
                AuditAction.DOMAIN_VERIFY,
                domain.name,
                {"method": "operator" if mark else "dns", "verified": domain.is_verified},
                outcome=Outcome.SUCCESS if ok else Outcome.FAILURE,
            )
            return ok, why, verification.status(domain)

    ok, why, status = run_with_context(settings, work)
    console.print(f'record: {status["record_name"]} TXT "{status["record_value"]}"', soft_wrap=True)
    console.print(f"status: {status['status']}")
    if not ok:
        fail(why)
    console.print(why, soft_wrap=True)


@domain_app.command("list")
def domain_list(data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Every domain with its account and verification status."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> list[Domain]:
        async with ctx.db.sessions() as session:
            return list((await session.scalars(select(Domain).order_by(Domain.account_id, Domain.name))).all())

    table = Table("domain", "account", "status", "record")
    for d in run_with_context(settings, work):
        table.add_row(
            d.name,
            str(d.account_id),
            "verified" if d.is_verified else "pending",
            "" if d.is_verified else verification.record_text(d),
        )
    console.print(table)


@domain_app.command("release")
def domain_release(name: str, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Delete an unverified claim without users, so its real owner can add the domain."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> str:
        async with ctx.db.transaction() as session:
            domain = await _domain(session, name)
            if domain.is_verified:
                fail(f"{domain.name} is verified; delete it through its account instead")
            if await session.scalar(select(User.id).where(User.domain_id == domain.id).limit(1)):
                fail(f"{domain.name} has users; delete them first")
            await session.delete(domain)
            audit.record_operator(
                session, domain.account_id, AuditAction.DOMAIN_DELETE, domain.name, {"released": True}
            )
            return domain.name

    console.print(f"released {run_with_context(settings, work)}")


async def _user(session: Any, login: str) -> User:
    user = await session.scalar(select(User).where(User.login == login.strip().lower()))
    if user is None:
        fail(f"no user {login}")
    return user


@sender_app.command("allow")
def sender_allow(login: str, address: str, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Let user LOGIN send as ADDRESS (an address in one of the account's domains)."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> bool:
        async with ctx.db.transaction() as session:
            user = await _user(session, login)
            wanted = normalise_address(address, field="address")
            owner = await session.scalar(select(Domain.account_id).where(Domain.name == wanted.rsplit("@", 1)[1]))
            if owner != user.account_id:
                fail(f"{wanted} is not in a domain of account {user.account_id}")
            added = await senders.grant(session, user, wanted)
            if added:
                audit.record_operator(
                    session, user.account_id, AuditAction.SENDER_ALLOW, user.login, {"address": wanted}
                )
            return added

    added = run_with_context(settings, work)
    console.print(f"{login} may send as {address}" + ("" if added else " (already granted)"))


@sender_app.command("revoke")
def sender_revoke(login: str, address: str, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Withdraw a grant made with `openlux sender allow`."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> bool:
        async with ctx.db.transaction() as session:
            user, wanted = await _user(session, login), address.strip().lower()
            revoked = await senders.revoke(session, user, wanted)
            if revoked:
                audit.record_operator(
                    session, user.account_id, AuditAction.SENDER_REVOKE, user.login, {"address": wanted}
                )
            return revoked

    if not run_with_context(settings, work):
        fail(f"{login} had no grant for {address}")
    console.print(f"revoked: {login} may no longer send as {address}")


@sender_app.command("list")
def sender_list(login: str, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """What LOGIN may send as besides the login: aliases and grants."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> tuple[list[str], list[str]]:
        async with ctx.db.sessions() as session:
            user = await _user(session, login)
            grants = (await session.scalars(select(AllowedSender).where(AllowedSender.user_id == user.id))).all()
            everything = await senders.allowed_addresses(session, user)
            granted = senders.describe(list(grants))
            return granted, sorted(everything - set(granted))

    granted, aliases = run_with_context(settings, work)
    console.print(f"granted: {', '.join(granted) or '-'}", soft_wrap=True)
    console.print(f"aliases: {', '.join(aliases) or '-'}", soft_wrap=True)


@sender_app.command("any-address")
def sender_any_address(
    account: Annotated[int, typer.Option(help="Account id.")],
    allow: Annotated[bool, typer.Option("--allow/--deny", help="Allow or withdraw the exception.")] = True,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """The account-wide exception: every user may send as any address of the account's domains."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> None:
        async with ctx.db.transaction() as session:
            row: Account | None = await session.get(Account, account)
            if row is None:
                fail(f"no account {account}")
            senders.set_account_any_address(row, allow)
            audit.record_operator(
                session,
                row.id,
                AuditAction.ACCOUNT_SETTING_CHANGE,
                f"account {row.id}",
                {"setting": senders.ACCOUNT_FLAG, "value": allow},
            )

    run_with_context(settings, work)
    console.print(f"account {account}: any address {'allowed' if allow else 'not allowed'}")


branding_app = typer.Typer(help="Branding (private label) of an account.", no_args_is_help=True)
BrandingAccountOpt = Annotated[int | None, typer.Option("--account", help="Account id; default: the first account.")]


@branding_app.command("show")
def show(account: BrandingAccountOpt = None, data_dir: DataDirOpt = None, database_url: DbUrlOpt = None) -> None:
    """Print the account's branding as getUserBrandingInformation answers it (JSON)."""
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> dict[str, Any]:
        async with ctx.db.sessions() as session:
            owner = await first_account(session, account)
            defaults = branding_rules.branding_defaults(ctx.settings.base_url, owner, "example.com")
            stored = (owner.settings or {}).get("branding", {})
            return {**defaults, **{k: v for k, v in stored.items() if k in branding_rules.BRANDING_KEYS}}

    console.print_json(json.dumps(run_with_context(settings, work)))


@branding_app.command("set")
def set_(
    values: Annotated[
        list[str],
        typer.Argument(
            help=f"key=value … (an empty value restores the default); keys: {', '.join(branding_rules.BRANDING_KEYS)}"
        ),
    ],
    account: BrandingAccountOpt = None,
    data_dir: DataDirOpt = None,
    database_url: DbUrlOpt = None,
) -> None:
    """Set branding keys of the account, e.g. brand_name="Acme Health" primary_color=#0a7d52."""
    changes: dict[str, str] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep:
            fail(f"{item!r} is not key=value")
        changes[key.strip()] = value
    try:
        branding_rules.checked_branding(changes)
    except ValueError as exc:
        fail(str(exc))
    settings = load_settings(data_dir=data_dir, database_url=database_url)

    async def work(ctx: Any) -> dict[str, str]:
        async with ctx.db.transaction() as session:
            owner = await first_account(session, account)
            shown = await branding_rules.set_branding(session, owner, changes)
            audit.record_operator(
                session, owner.id, AuditAction.BRANDING_CHANGE, f"account {owner.id}", {"keys": sorted(changes)}
            )
            return shown

    console.print_json(json.dumps(run_with_context(settings, work)))
