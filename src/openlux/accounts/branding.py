"""Branding (private label) and the time-zone list: read-only data for client UIs."""

from __future__ import annotations

import re
import zoneinfo
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Account, User
from openlux.core import time as clock
from openlux.core.context import AppContext

# Keys an operator may set per account (`openlux branding set`); the rest follow the server.
BRANDING_KEYS = (
    "brand_name",
    "company",
    "logo_url",
    "favicon_url",
    "support_email",
    "support_url",
    "primary_color",
    "secondary_color",
)
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def branding_defaults(base: str, account: Account | None, domain: str) -> dict[str, Any]:
    """OpenLux's own branding: every link points at a page this server serves."""
    return {
        "brand_name": "OpenLux",
        "company": account.name if account else "",
        "logo_url": f"{base}/static/logo.svg",
        "favicon_url": f"{base}/static/logo.svg",
        "webmail_url": f"{base}/console/",
        "login_url": f"{base}/console/login",
        "api_host": base.split("://", 1)[-1],
        "support_email": f"support@{domain}",
        "support_url": f"{base}/",
        "primary_color": "#1f4e79",
        "secondary_color": "#f2f6fa",
    }


async def branding(*, session: AsyncSession, ctx: AppContext, user: User) -> dict[str, Any]:
    """getUserBrandingInformation: the account's branding (openlux branding set) on top of OpenLux's own."""
    account = await session.get(Account, user.account_id)
    defaults = branding_defaults(ctx.settings.base_url, account, user.login.split("@", 1)[1])
    overrides = (account.settings or {}).get("branding", {}) if account else {}
    return {**defaults, **{k: v for k, v in overrides.items() if k in BRANDING_KEYS}}


def checked_branding(changes: dict[str, str]) -> dict[str, str]:
    """Operator input for `openlux branding set`: known keys, https/http URLs, #rrggbb colours."""
    out: dict[str, str] = {}
    for key, value in changes.items():
        if key not in BRANDING_KEYS:
            raise ValueError(f"unknown branding key {key!r}; known: {', '.join(BRANDING_KEYS)}")
        value = value.strip()
        if not value:  # restores the default
            out[key] = value
            continue
        if key.endswith("_url") and value and not value.startswith(("https://", "http://")):
            raise ValueError(f"{key} must be an http(s) URL")
        if key.endswith("_color") and not _COLOR.match(value):
            raise ValueError(f"{key} must be a colour as #rrggbb")
        if "\n" in value or "\r" in value or len(value) > 500:
            raise ValueError(f"{key} must be one line of at most 500 characters")
        out[key] = value
    return out


async def set_branding(session: AsyncSession, account: Account, changes: dict[str, str]) -> dict[str, str]:
    """Store branding overrides on the account (an empty value removes one); returns what is stored."""
    stored = dict((account.settings or {}).get("branding", {}))
    for key, value in checked_branding(changes).items():
        if value:
            stored[key] = value
        else:
            stored.pop(key, None)
    account.settings = {**(account.settings or {}), "branding": stored}
    await session.flush()
    return stored


@cache
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(z for z in zoneinfo.available_timezones() if "/" in z or z == "UTC"))


def time_zones(now: datetime | None = None) -> list[dict[str, str]]:
    """getTimeZonesList: every IANA zone with its current UTC offset (+HH:MM)."""
    now = now or clock.utcnow()
    result = []
    for name in _zone_names():
        offset = now.astimezone(zoneinfo.ZoneInfo(name)).utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        sign = "+" if minutes >= 0 else "-"
        result.append({"name": name, "offset": f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"})
    return result
