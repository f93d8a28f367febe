"""WebAide containers: list, read, create (with sharing) and delete.

The owner holds `admin`. Sharing is set when the WebAide is created (spec 40: no sharing endpoint is
known); audiences are one user, every user of one of the account's domains, or the whole account.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain, User
from openlux.content.common import flush_unique, logins, required_name
from openlux.core import time as clock
from openlux.core.errors import BadRequest, LimitExceeded
from openlux.core.time import format_datetime
from openlux.webaides.access import PERMISSIONS, Access, permissions_of, reach, require_service, visible_to
from openlux.webaides.fields import check_type
from openlux.webaides.models import NAME_LENGTH, WebAide, WebAideEntry, WebAideShare
from openlux.webaides.schemas import WebAideCreate, WebAideQuery

MAX_WEBAIDES_PER_USER = 1000
MAX_SHARES = 100
MAX_DESCRIPTION = 2000
AUDIENCES = ("user", "domain", "account")


def record(access: Access, owner_login: str, entry_count: int, shares: list[dict[str, Any]] | None) -> dict[str, Any]:
    """The wire shape of one WebAide (shares only for those holding admin)."""
    row = access.webaide
    out: dict[str, Any] = {
        "webaide_id": row.id,
        "webaide_type": row.webaide_type,
        "name": row.name,
        "description": row.description,
        "owner": owner_login,
        "is_owner": int(access.is_owner),
        "permissions": access.sorted_permissions(),
        "entry_count": entry_count,
        "sync_token": str(row.revision),
        "created": format_datetime(row.created_at),
        "modified": format_datetime(row.modified_at),
    }
    if shares is not None:
        out["shares"] = shares
    return out


async def _share_records(session: AsyncSession, webaide_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    rows = (
        await session.execute(
            select(WebAideShare, User.login, Domain.name)
            .outerjoin(User, User.id == WebAideShare.user_id)
            .outerjoin(Domain, Domain.id == WebAideShare.domain_id)
            .where(WebAideShare.webaide_id.in_(webaide_ids))
            .order_by(WebAideShare.id)
        )
    ).all()
    found: dict[int, list[dict[str, Any]]] = {i: [] for i in webaide_ids}
    for share, login, domain in rows:
        target = login if share.audience == "user" else domain if share.audience == "domain" else ""
        found[share.webaide_id].append(
            {
                "audience": share.audience,
                "target": target or "",
                "permissions": [p for p in PERMISSIONS if p in share.permissions],
            }
        )
    return found


async def _records(session: AsyncSession, accesses: list[Access]) -> list[dict[str, Any]]:
    ids = [a.webaide.id for a in accesses]
    if not ids:
        return []
    owners = await logins(session, (a.webaide.user_id for a in accesses))
    counts = dict(
        (
            await session.execute(
                select(WebAideEntry.webaide_id, func.count())
                .where(WebAideEntry.webaide_id.in_(ids), WebAideEntry.deleted_at.is_(None))
                .group_by(WebAideEntry.webaide_id)
            )
        ).all()
    )
    admin_ids = [a.webaide.id for a in accesses if a.has("admin")]
    shares = await _share_records(session, admin_ids) if admin_ids else {}
    return [
        record(
            a,
            owners.get(a.webaide.user_id, ""),
            counts.get(a.webaide.id, 0),
            shares.get(a.webaide.id) if a.has("admin") else None,
        )
        for a in accesses
    ]


async def list_webaides(
    *, session: AsyncSession, user: User, webaide_type: str, query: WebAideQuery
) -> list[dict[str, Any]]:
    """getWebAides: the user's own and shared WebAides of one type, by name."""
    require_service(user)
    check_type(webaide_type)
    clauses = [WebAide.webaide_type == webaide_type, visible_to(user)]
    if query.owned_only:
        clauses.append(WebAide.user_id == user.id)
    if query.name:
        clauses.append(func.lower(WebAide.name).contains(query.name.strip().lower(), autoescape=True))
    rows = list((await session.scalars(select(WebAide).where(*clauses).order_by(WebAide.name, WebAide.id))).all())
    permissions = await permissions_of(session, user, rows)
    return await _records(session, [Access(r, user, permissions.get(r.id, frozenset())) for r in rows])


async def get_webaide(*, session: AsyncSession, user: User, webaide_type: str, webaide_id: int) -> dict[str, Any]:
    """getWebAide: one WebAide the user can see."""
    access = await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id)
    return (await _records(session, [access]))[0]


async def _resolve_share(session: AsyncSession, owner: User, item: Any, index: int) -> WebAideShare:
    """One `shares[i]` item as a row; BadRequest names the bad part."""
    where = f"shares[{index}]"
    if not isinstance(item, dict):
        raise BadRequest(f"Field '{where}' must be an object with audience, target and permissions.")
    audience = str(item.get("audience") or "").strip().lower()
    if audience not in AUDIENCES:
        raise BadRequest(f"Field '{where}.audience' must be one of {', '.join(AUDIENCES)}.")
    raw = item.get("permissions")
    given = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list) else []
    wanted = {str(p).strip() for p in given if str(p).strip()}
    if not wanted or wanted - set(PERMISSIONS):
        raise BadRequest(f"Field '{where}.permissions' must list some of {', '.join(PERMISSIONS)}.")
    share = WebAideShare(audience=audience, permissions=[p for p in PERMISSIONS if p in wanted])
    target = str(item.get("target") or "").strip().lower()
    if audience == "user":
        share.user_id = await session.scalar(
            select(User.id).where(User.login == target, User.account_id == owner.account_id)
        )
        if share.user_id is None or share.user_id == owner.id:
            raise BadRequest(f"Field '{where}.target' must be the login of another user of this account.")
    elif audience == "domain":
        share.domain_id = await session.scalar(
            select(Domain.id).where(Domain.name == target, Domain.account_id == owner.account_id)
        )
        if share.domain_id is None:
            raise BadRequest(f"Field '{where}.target' must be a domain of this account.")
    return share


async def create_webaide(
    *, session: AsyncSession, user: User, webaide_type: str, body: WebAideCreate
) -> dict[str, Any]:
    """newWebAide: a WebAide owned by the user, shared as the body says."""
    require_service(user)
    check_type(webaide_type)
    name = required_name(body.name, max_length=NAME_LENGTH)
    description = (body.description or "").strip()
    if len(description) > MAX_DESCRIPTION:
        raise BadRequest(f"Field 'description' must be at most {MAX_DESCRIPTION} characters long.")
    if len(body.shares or []) > MAX_SHARES:
        raise LimitExceeded(f"Field 'shares' may hold at most {MAX_SHARES} items.")
    owned = await session.scalar(select(func.count()).select_from(WebAide).where(WebAide.user_id == user.id)) or 0
    if owned >= MAX_WEBAIDES_PER_USER:
        raise LimitExceeded(f"A user may own at most {MAX_WEBAIDES_PER_USER} WebAides.")
    shares = [await _resolve_share(session, user, item, i) for i, item in enumerate(body.shares or [])]
    now = clock.utcnow()
    row = WebAide(
        account_id=user.account_id,
        user_id=user.id,
        webaide_type=webaide_type,
        name=name,
        description=description,
        revision=0,
        created_at=now,
        modified_at=now,
    )
    session.add(row)
    await flush_unique(session, f"{user.login} already has {webaide_type} WebAide named {name!r}.")
    for share in shares:
        share.webaide_id = row.id
        session.add(share)
    await session.flush()
    return (await _records(session, [Access(row, user, frozenset({"admin"}))]))[0]


async def delete_webaide(*, session: AsyncSession, user: User, webaide_type: str, webaide_id: int) -> dict[str, Any]:
    """deleteWebAide: the WebAide with all its entries and shares (needs admin)."""
    access = await reach(session, user=user, webaide_type=webaide_type, webaide_id=webaide_id, lock=True)
    access.require("admin", "delete it")
    number = access.webaide.id
    # Explicit deletes: SQLite enforces the cascades only when foreign keys are on for the connection.
    await session.execute(delete(WebAideEntry).where(WebAideEntry.webaide_id == number))
    await session.execute(delete(WebAideShare).where(WebAideShare.webaide_id == number))
    await session.execute(delete(WebAide).where(WebAide.id == number))
    return {"webaide_id": number, "deleted": 1}
