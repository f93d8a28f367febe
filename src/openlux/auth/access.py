"""Authorisation of a verified call: scope rules, per-area access controls, rate limits.

Rules (spec/00-mechanics.md §2, decisions in docs/compat.md):
- A user-scope auth code acts only on `/user/<its own login>/…`; `/account/…` is refused (403).
- An account-scope code acts on `/account/<its account>/…`, and on `/user/<login>/…` for the
  account's users when the integration allows user-level functions. A login that is not a user of
  the account is answered 404, so other accounts' logins are not revealed.
- Access controls are per area of the endpoint table: `none`, `read` (GET only) or `write`.
- Limits are counted per integration in fixed minute and day windows, in memory, reconciled through
  the database at least every second (openlux.auth.runtime).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import User
from openlux.auth.models import ApiIntegration
from openlux.auth.runtime import AuthRuntime
from openlux.auth.service import Credentials
from openlux.contract import Endpoint, access_area
from openlux.core.context import AppContext
from openlux.core.errors import Forbidden, NotFound

ACCESS_LEVELS = ("none", "read", "write")


async def authorise(
    *, session: AsyncSession, credentials: Credentials, endpoint: Endpoint, path_params: Mapping[str, Any]
) -> User | None:
    """Check scope and access control; return the `{username}` user when the path names one."""
    integration = credentials.integration
    check_access_control(integration, endpoint, area=access_area(endpoint, path_params))
    if "account" in path_params:
        if integration.scope != "account":
            raise Forbidden("A user-scope API integration cannot call account functions.")
        if str(path_params["account"]) != str(integration.account_id):
            raise Forbidden(
                f"This API integration belongs to account {integration.account_id}, not {path_params['account']}."
            )
    if "username" not in path_params or endpoint.scope != "user":
        return None
    login = unquote(str(path_params["username"])).strip().lower()
    if integration.scope == "user":
        user = await session.get(User, credentials.session_user_id)
        if user is None or user.login != login:
            raise Forbidden("A user-scope auth code may only act for the user who authenticated.")
    else:
        if not integration.allow_user_functions:
            raise Forbidden("This account-scope API integration may not call user functions.")
        user = await session.scalar(select(User).where(User.login == login, User.account_id == integration.account_id))
        if user is None:
            raise NotFound(f"No user {login} in this account.")
    if user.status != "enabled":
        raise Forbidden(f"User {user.login} is disabled.")
    return user


def check_access_control(integration: ApiIntegration, endpoint: Endpoint, *, area: str | None = None) -> None:
    """Forbidden unless the integration grants the call's area at the needed level.

    `area` is the call's access area (contract.access_area: WebAides are limited per type); a
    per-type WebAide area falls back to the grant on `webaides`, then to the default level.
    """
    if endpoint.scope == "none":
        return  # auth/revoke belong to every integration
    area = area or endpoint.area
    grants = integration.access or {}
    level = grants.get(area, grants.get(endpoint.area, integration.default_access))
    needed = "write" if endpoint.writes else "read"
    if ACCESS_LEVELS.index(level if level in ACCESS_LEVELS else "none") < ACCESS_LEVELS.index(needed):
        raise Forbidden(f"This API integration has no {needed} access to '{area}' (needed for {endpoint.name}).")


def count_request(*, ctx: AppContext, integration: ApiIntegration) -> None:
    """Count the call against the integration's minute and day limits; RateLimited when over.

    Counted in memory and reconciled through the database by the auth sync task (at least every
    `auth_rate_sync_seconds`): no transaction on the request path (issue 9 item 1, issue 11 item 1).
    """
    AuthRuntime.of(ctx).admit(integration)
