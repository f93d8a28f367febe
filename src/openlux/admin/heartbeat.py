"""Background role of every OpenLux process: register it in `server_node` and pace rate-limited accounts.

- Heartbeat: every HEARTBEAT_SECONDS the process writes what it runs (its roles, listeners and
  whether they accept connections, delivery mode, relays, worker concurrency). getServers and
  getServerStatus read these rows, so they describe the processes actually running.
- Liveness (processes with the delivery role): every PACE_SECONDS the row's last_seen_at is refreshed,
  so a killed worker is seen dead within seconds and its leased mail is claimed again at once
  (openlux.delivery.leases) instead of after the 300 s lease.
- Pacing (processes with the delivery role): every PACE_SECONDS the accounts whose sending rate
  (setServerSendngRate) is used up for the last hour are put in ctx.held_accounts; this
  process's delivery claimer (mail/queue.py) leaves their mail queued until the hour allows more.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, func, select, update

from openlux import __version__
from openlux.admin.models import SendingRate, ServerNode
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.mail.models import OutboundMessage
from openlux.mail.transports import parse_relays

log = logging.getLogger("openlux.admin")
HEARTBEAT_SECONDS = 10.0
PACE_SECONDS = 1.0  # how often the held accounts are recomputed (see docs/compat.d/admin.md)
FORGET_AFTER = timedelta(days=7)  # nodes silent this long are removed from the registry
_SELF = ("server-heartbeat", "server-heartbeat-smtp")  # heartbeat roles are not listed
LISTENER_PORTS = {"submission": "submission_port", "inbound": "inbound_port"}


def node_name() -> str:
    """`<machine>:<pid>`: also the prefix of the delivery worker's claim name (delivery/worker.py)."""
    return f"{socket.gethostname()}:{os.getpid()}"


def running_roles(ctx: AppContext) -> list[str]:
    """The roles this process runs (the role runner sets ctx.role_names; "http" is the API server)."""
    roles = sorted(n for n in ctx.role_names if n not in _SELF and n != "http")
    return (["api"] if "http" in ctx.role_names else []) + roles


async def _accepting(host: str, port: int) -> bool:
    """True when a TCP connection to the listener succeeds (checked from inside its own process)."""
    try:
        # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow the task's own cancellation
        # (when the connection completes as the timeout fires), and then shutdown never ends.
        async with asyncio.timeout(2.0):
            _reader, writer = await asyncio.open_connection(host, port)
    except (OSError, TimeoutError):
        return False
    writer.close()
    return True


async def describe(ctx: AppContext) -> dict[str, Any]:
    """What this process is and how it is configured, as stored in `server_node.info`."""
    s = ctx.settings
    roles = running_roles(ctx)
    listeners = []
    for role, attr in LISTENER_PORTS.items():
        if role in roles:
            port = getattr(s, attr)
            listeners.append(
                {"role": role, "host": s.smtp_host, "port": port, "accepting": int(await _accepting(s.smtp_host, port))}
            )
    if "api" in roles:
        listeners.append(
            {
                "role": "api",
                "host": s.http_host,
                "port": s.http_port,
                "accepting": int(await _accepting(s.http_host, s.http_port)),
            }
        )
    return {
        "machine": socket.gethostname(),
        "pid": os.getpid(),
        "hostname": s.hostname,
        "version": __version__,
        "roles": roles,
        "listeners": listeners,
        "delivery_mode": s.delivery_mode,
        "relays": [{"host": r.host, "port": r.port, "weight": r.weight} for r in parse_relays(s.relays)]
        if s.delivery_mode == "relay"
        else [],
        "delivery_workers": s.delivery_workers if "delivery" in roles else 0,
        "connections_per_destination": s.delivery_connections_per_destination,
        "rate_per_destination": s.delivery_rate_per_destination,
    }


async def beat(ctx: AppContext, *, started: bool = False) -> None:
    """Insert or refresh this process's row (a fresh start resets started_at)."""
    now, name, info = clock.utcnow(), node_name(), await describe(ctx)
    async with ctx.db.transaction() as session:
        row = await session.scalar(select(ServerNode).where(ServerNode.name == name))
        if row is None:
            session.add(ServerNode(name=name, info=info, started_at=now, last_seen_at=now))
        else:
            row.info, row.last_seen_at = info, now
            if started:
                row.started_at = now
        if started:
            await session.execute(delete(ServerNode).where(ServerNode.last_seen_at < now - FORGET_AFTER))


async def touch(ctx: AppContext) -> None:
    """Refresh this process's last_seen_at only (cheap: no description, no listener probes)."""
    async with ctx.db.transaction() as session:
        await session.execute(
            update(ServerNode).where(ServerNode.name == node_name()).values(last_seen_at=clock.utcnow())
        )


async def pace(ctx: AppContext) -> None:
    """Tell this process's claimer which accounts have used their hourly budget (it skips their mail)."""
    async with ctx.db.sessions() as session:
        rates = (
            await session.execute(select(SendingRate.account_id, SendingRate.per_hour).where(SendingRate.per_hour > 0))
        ).all()
        held = {
            account_id
            for account_id, per_hour in rates
            if await used_last_hour(session, account_id, lifetime_seconds=ctx.settings.delivery_lifetime_seconds)
            >= per_hour
        }
    ctx.held_accounts = frozenset(held)


async def used_last_hour(session: Any, account_id: int, *, lifetime_seconds: int) -> int:
    """Messages of the account taken for delivery in the last hour (a retried message counts once)."""
    since = clock.utcnow() - timedelta(hours=1)
    # Only messages still within their delivery lifetime can be claimed, so the (account_id,
    # created_at) report index bounds the scan to that window instead of the account's history.
    born_after = since - timedelta(seconds=lifetime_seconds)
    return int(
        await session.scalar(
            select(func.count(OutboundMessage.id)).where(
                OutboundMessage.account_id == account_id,
                OutboundMessage.created_at >= born_after,
                OutboundMessage.claimed_at >= since,
            )
        )
        or 0
    )


async def run(ctx: AppContext) -> None:
    """Heartbeat (and pacing, with the delivery role) until cancelled; one per process."""
    if ctx.heartbeat_owner:
        await asyncio.Event().wait()  # `serve` starts both registrations; the first one does the work
    ctx.heartbeat_owner = True
    await asyncio.sleep(0)  # let the sibling role tasks (and the HTTP task) be created first
    loop = asyncio.get_running_loop()
    next_beat, started = 0.0, True
    while True:
        try:
            if loop.time() >= next_beat:
                await beat(ctx, started=started)
                # The second beat comes soon: listeners still binding at start show up as accepting.
                next_beat = loop.time() + (2.0 if started else HEARTBEAT_SECONDS)
                started = False
            elif "delivery" in running_roles(ctx):
                await touch(ctx)  # the delivery leases of this process stay ours (delivery.leases)
            if "delivery" in running_roles(ctx):
                await pace(ctx)
        except Exception:  # the registry is informative; it must never stop the process
            log.exception("server heartbeat failed; retrying")
        await asyncio.sleep(PACE_SECONDS)


async def heartbeat_role(ctx: AppContext) -> None:
    """Background role of every process: server registry, and sending-rate pacing with delivery."""
    await run(ctx)
