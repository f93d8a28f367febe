"""Changes that must end authentication, wherever they are made (API, console, CLI).

Session events see every ORM change, so no caller can forget:
- a user's password changed, or the user disabled → its auth codes are revoked, its web sessions
  deleted and its unused SSO links spent, in the same transaction (issue 9 item 8);
- any of those, any other change of a user but its last-access time (cached user records), an
  integration changed or deleted, or an auth session revoked → the auth generation
  is bumped in the same transaction, and this process's session cache is dropped when it commits;
  other processes drop theirs at their next poll (openlux.auth.runtime).

Code that changes these tables with Core UPDATE statements must call `bump_generation` itself.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, event, inspect, update
from sqlalchemy.orm import Session

from openlux.accounts.models import SsoToken, User, WebSession
from openlux.auth.models import ApiIntegration, AuthGeneration, AuthSession
from openlux.auth.runtime import invalidate_all
from openlux.core import time as clock

AUTH_CHANGED = "openlux_auth_changed"  # session.info: commit must drop cached authentications
_REVOKE_USERS = "openlux_auth_revoke_users"  # session.info: user ids whose credentials must end


def bump_generation_statement() -> Any:
    """UPDATE that tells every process its cached authentications are stale."""
    return update(AuthGeneration).where(AuthGeneration.id == 1).values(value=AuthGeneration.value + 1)


async def bump_generation(session: Any) -> None:
    """For Core writers: bump the generation in the caller's transaction and drop caches at commit."""
    await session.execute(bump_generation_statement())
    session.info[AUTH_CHANGED] = True


def revoke_user_credentials_statements(user_id: int) -> list[Any]:
    """Statements that end every auth code, web session and unused SSO link of one user."""
    now = clock.utcnow()
    return [
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now),
        delete(WebSession).where(WebSession.user_id == user_id),
        update(SsoToken).where(SsoToken.user_id == user_id, SsoToken.used_at.is_(None)).values(used_at=now),
    ]


def _changed_beyond(obj: Any, *ignored: str) -> bool:
    state = inspect(obj)
    return any(attr.history.has_changes() for attr in state.attrs if attr.key not in ignored)


def _changed(obj: Any, *names: str) -> bool:
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


@event.listens_for(Session, "before_flush")
def _note_auth_changes(session: Session, _context: Any, _instances: Any) -> None:
    revoke: set[int] = session.info.setdefault(_REVOKE_USERS, set())
    changed = False
    for obj in session.dirty:
        if isinstance(obj, User):
            if _changed(obj, "password_hash") or (_changed(obj, "status") and obj.status != "enabled"):
                revoke.add(obj.id)
                changed = True
            elif session.is_modified(obj) and _changed_beyond(obj, "last_access_at"):
                changed = True  # cached user records (openlux.auth.hotpath) must not outlive it
        elif (isinstance(obj, ApiIntegration) and session.is_modified(obj)) or (
            isinstance(obj, AuthSession) and _changed(obj, "revoked_at")
        ):
            changed = True
    if any(isinstance(obj, (User, ApiIntegration, AuthSession)) for obj in session.deleted):
        changed = True
    if changed:
        session.info["openlux_auth_bump"] = True


@event.listens_for(Session, "after_flush")
def _apply_auth_changes(session: Session, _context: Any) -> None:
    revoke: set[int] = session.info.pop(_REVOKE_USERS, set())
    if not session.info.pop("openlux_auth_bump", False):
        return
    connection = session.connection()
    for user_id in revoke:
        for statement in revoke_user_credentials_statements(user_id):
            connection.execute(statement)
    connection.execute(bump_generation_statement())
    session.info[AUTH_CHANGED] = True


@event.listens_for(Session, "after_commit")
def _drop_caches(session: Session) -> None:
    if session.info.pop(AUTH_CHANGED, False):
        invalidate_all()


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(AUTH_CHANGED, None)
    session.info.pop(_REVOKE_USERS, None)
    session.info.pop("openlux_auth_bump", None)
