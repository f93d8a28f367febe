"""The webhook role: POST due deliveries, signed, and retry failures with back-off for webhook_retry_hours.

A claim moves `next_attempt_at` one lease ahead (as the mail queue does), so a delivery whose
worker died comes due again; receivers must treat the event `id` as idempotency key.
"""

from __future__ import annotations

import asyncio
import logging
import random
import ssl
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select, update

from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest
from openlux.core.time import as_utc
from openlux.webhooks import service
from openlux.webhooks.models import WebhookDelivery, WebhookEndpoint

if TYPE_CHECKING:
    import httpx

log = logging.getLogger("openlux.webhooks")
POLL_SECONDS = 0.5
BATCH = 50
LEASE = timedelta(minutes=2)
FIRST_RETRY_SECONDS = 30.0  # then doubling: 30 s, 1 min, 2 min … capped at MAX_RETRY_SECONDS
MAX_RETRY_SECONDS = 3600.0


def retry_delay(attempts: int) -> timedelta:
    """Back-off after `attempts` failed POSTs, ±10 % jitter."""
    seconds = min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** max(0, attempts - 1))
    return timedelta(seconds=seconds * random.uniform(0.9, 1.1))


async def claim(ctx: AppContext) -> list[tuple[int, int, dict, str, str, int]]:
    """Due deliveries: (id, attempts, payload, url, secret, created epoch)."""
    now = clock.utcnow()
    async with ctx.db.transaction() as session:
        due = (
            select(WebhookDelivery.id)
            .where(WebhookDelivery.state == "pending", WebhookDelivery.next_attempt_at <= now)
            .limit(BATCH)
        )
        if ctx.db.dialect == "postgresql":
            due = due.with_for_update(skip_locked=True)
        ids = list((await session.scalars(due)).all())
        if not ids:
            return []
        await session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id.in_(ids))
            .values(next_attempt_at=now + LEASE)
            .execution_options(synchronize_session=False)
        )
        rows = await session.execute(
            select(
                WebhookDelivery.id,
                WebhookDelivery.attempts,
                WebhookDelivery.payload,
                WebhookEndpoint.url,
                WebhookEndpoint.secret_sealed,
                WebhookDelivery.created_at,
            )
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(WebhookDelivery.id.in_(ids))
        )
        return [
            (
                i,
                n,
                payload,
                url,
                ctx.box.open_text(sealed, context=service.SEAL_CONTEXT),
                int(as_utc(created).timestamp()),
            )
            for i, n, payload, url, sealed, created in rows
        ]


async def post(
    ctx: AppContext, client: httpx.AsyncClient, url: str, secret: str, payload: dict
) -> tuple[int | None, str]:
    """One signed POST: (HTTP status or None, error text)."""
    import httpx  # imported on first use (see client_for)

    try:
        destination = await service.check_destination(ctx, url)  # again: DNS may have changed since it was added
    except BadRequest as exc:
        return None, exc.message
    body = service.body_of(payload)
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "OpenLux-Webhooks/1",
        service.TIMESTAMP_HEADER: timestamp,
        service.SIGNATURE_HEADER: service.sign(secret, timestamp, body),
        service.EVENT_HEADER: str(payload.get("type", "")),
        "Host": destination.host_header(),
    }
    # To the checked address, never the name (which could resolve elsewhere now); TLS SNI and the
    # certificate check use the name the tenant gave.
    request = client.build_request(
        "POST", destination.request_url(), content=body, headers=headers, extensions={"sni_hostname": destination.host}
    )
    try:
        response = await client.send(request)
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"[:1000]
    return response.status_code, "" if response.is_success else response.text[:500]


async def deliver_due(ctx: AppContext, connect: Callable[[], httpx.AsyncClient]) -> int:
    """POST every claimed delivery and record the outcomes; how many were handled.

    `connect` gives the HTTPS client; it is asked only when a delivery is due.
    """
    claimed = await claim(ctx)
    if not claimed:
        return 0
    client = connect()
    outcomes = await asyncio.gather(
        *(post(ctx, client, url, secret, payload) for _i, _n, payload, url, secret, _c in claimed)
    )
    now = clock.utcnow()
    give_up = now.timestamp() - ctx.settings.webhook_retry_hours * 3600
    async with ctx.db.transaction() as session:
        for (delivery_id, attempts, _p, _u, _s, created), (status, error) in zip(claimed, outcomes, strict=True):
            values: dict = dict(attempts=attempts + 1, last_status=status, last_error=error)
            if status is not None and 200 <= status < 300:
                values.update(state="delivered", completed_at=now)
            elif created <= give_up:
                values.update(state="failed", completed_at=now)
            else:
                values.update(next_attempt_at=now + retry_delay(attempts + 1))
            await session.execute(
                update(WebhookDelivery)
                .where(WebhookDelivery.id == delivery_id)
                .values(**values)
                .execution_options(synchronize_session=False)
            )
    return len(claimed)


def client_for(ctx: AppContext) -> httpx.AsyncClient:
    """The HTTPS client of webhook POSTs: certificates verified (webhook_ca_file or the system store), no redirects
    (a 3xx is a failed attempt), no proxy from the environment (it would connect to the name, not the address).

    httpx is imported here, not at the top: with it and the CA store a worker process is ~8 MB larger,
    and most installations never add a webhook.
    """
    import httpx

    ca = ctx.settings.webhook_ca_file
    verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=str(ca)) if ca else True
    return httpx.AsyncClient(
        timeout=ctx.settings.webhook_timeout_seconds, follow_redirects=False, verify=verify, trust_env=False
    )


async def webhook_role(ctx: AppContext) -> None:
    """Deliver webhooks until cancelled; the HTTPS client is made when the first delivery is due."""
    made: list[httpx.AsyncClient] = []

    def connect() -> httpx.AsyncClient:
        if not made:
            made.append(client_for(ctx))
        return made[0]

    try:
        while True:
            try:
                if not await deliver_due(ctx, connect):
                    await asyncio.sleep(POLL_SECONDS)
            except asyncio.CancelledError:
                raise
            except Exception:  # one bad batch must not stop the role; its lease runs out and it is retried
                log.exception("webhook delivery error")
                await asyncio.sleep(POLL_SECONDS)
    finally:
        for client in made:
            await client.aclose()
