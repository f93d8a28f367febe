"""Who may see and do what on a WebAide: the owner holds `admin`; shares grant permission sets.

spec 40 webaide_permission: `admin` means everything; `*_all` includes `*_self`. A WebAide the caller
can neither own nor see through a share answers 404, so its existence is not revealed; one the caller
sees but may not change answers 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement

from openlux.accounts.models import User
from openlux.core.errors import Forbidden, NotFound
from openlux.webaides.fields import check_type
from openlux.webaides.models import WebAide, WebAideEntry, WebAideShare

# spec 40 / 00-mechanics §1.5: the exact permission strings.
PERMISSIONS = ("admin", "read", "create", "edit_self", "edit_all", "add_self", "add_all", "delete_self", "delete_all")
SERVICE = "webaides"  # the user service that grants WebAides (accounts.schemas.SERVICES)


@dataclass(frozen=True, slots=True)
class Access:
    """A WebAide as one user reaches it, with that user's effective permissions."""

    webaide: WebAide
    user: User
    permissions: frozenset[str]

    @property
    def is_owner(self) -> bool:
        """True when the user owns the WebAide."""
        return self.webaide.user_id == self.user.id

    def has(self, permission: str) -> bool:
        """True when the user holds the permission (admin holds all; *_all covers *_self)."""
        held = self.permissions
        if "admin" in held or permission in held:
            return True
        return permission.endswith("_self") and permission.replace("_self", "_all") in held

    def require(self, permission: str, what: str) -> None:
        """Forbidden unless the user holds the permission."""
        if not self.has(permission):
            raise Forbidden(
                f"{self.user.login} has no '{permission}' permission on WebAide {self.webaide.id}, needed to {what}."
            )

    def require_on_entry(self, kind: str, entry: WebAideEntry, what: str) -> None:
        """`<kind>_all`, or `<kind>_self` when the user created the entry; Forbidden otherwise."""
        if self.has(f"{kind}_all") or (entry.created_by == self.user.id and self.has(f"{kind}_self")):
            return
        raise Forbidden(
            f"{self.user.login} may not {what} entry {entry.id} of WebAide {self.webaide.id} "
            f"(needs '{kind}_all', or '{kind}_self' on entries they created)."
        )

    def sorted_permissions(self) -> list[str]:
        """The held permissions in the documented order (admin implies all)."""
        if "admin" in self.permissions:
            return list(PERMISSIONS)
        return [p for p in PERMISSIONS if self.has(p)]


def require_service(user: User) -> None:
    """Forbidden when the user does not have the WebAides service."""
    if SERVICE not in (user.services or []):
        raise Forbidden(f"User {user.login} does not have the '{SERVICE}' service.")


def share_matches(user: User) -> ColumnElement[bool]:
    """WHERE clause: a share row that applies to the user."""
    return or_(
        WebAideShare.user_id == user.id,
        WebAideShare.domain_id == user.domain_id,
        WebAideShare.audience == "account",
    )


def visible_to(user: User) -> ColumnElement[bool]:
    """WHERE clause on WebAide: owned by the user, or shared with them within their account."""
    shared = exists().where(WebAideShare.webaide_id == WebAide.id, share_matches(user))
    return (WebAide.account_id == user.account_id) & or_(WebAide.user_id == user.id, shared)


async def permissions_of(session: AsyncSession, user: User, webaides: list[WebAide]) -> dict[int, frozenset[str]]:
    """Effective permissions per WebAide id (owner: admin; others: union of the shares that apply)."""
    result = {w.id: frozenset({"admin"}) for w in webaides if w.user_id == user.id}
    others = [w.id for w in webaides if w.user_id != user.id]
    if others:
        rows = await session.execute(
            select(WebAideShare.webaide_id, WebAideShare.permissions).where(
                WebAideShare.webaide_id.in_(others), share_matches(user)
            )
        )
        merged: dict[int, set[str]] = {}
        for webaide_id, permissions in rows.all():
            merged.setdefault(webaide_id, set()).update(permissions or [])
        result.update({k: frozenset(v) for k, v in merged.items()})
    return result


async def reach(session: AsyncSession, *, user: User, webaide_type: str, webaide_id: int, lock: bool = False) -> Access:
    """The WebAide of this type the user can see, with permissions; NotFound otherwise."""
    require_service(user)
    check_type(webaide_type)
    query = select(WebAide).where(WebAide.id == webaide_id, WebAide.webaide_type == webaide_type, visible_to(user))
    row = await session.scalar(query.with_for_update() if lock else query)
    if row is None:
        raise NotFound(f"No {webaide_type} WebAide {webaide_id} for {user.login}.")
    permissions = (await permissions_of(session, user, [row])).get(row.id, frozenset())
    return Access(row, user, permissions)
