"""Branding (private label) and the time-zone list: read-only data for client UIs."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Account, User
from openlux.core.context import AppContext
from openlux.core import time as clock


async def branding(*, session: AsyncSession, ctx: AppContext, user: User) -> dict[str, Any]:
    """getUserBrandingInformation: account branding overrides on top of OpenLux's own."""
    account = await session.get(Account, user.account_id)
    base = ctx.settings.base_url
    defaults = {
        "brand_name": "OpenLux",
        "company": account.name if account else "",
        "logo_url": f"{base}/static/logo.svg",
        "favicon_url": f"{base}/static/logo.svg",
        "webmail_url": f"{base}/web/",
        "login_url": f"{base}/web/",
        "api_host": base.split("://", 1)[-1],
        "support_email": f"support@{user.login.split('@', 1)[1]}",
        "support_url": "",
        "primary_color": "#1f4e79",
        "secondary_color": "#f2f6fa",
    }
    overrides = (account.settings or {}).get("branding", {}) if account else {}
    return {**defaults, **{k: v for k, v in overrides.items() if k in defaults}}


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
