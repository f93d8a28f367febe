"""Mail fixtures: a loopback DNS server, SMTP sinks, a configured AppContext with a user, a worker runner."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from openlux.accounts.models import User
from openlux.core.context import AppContext
from openlux.mail.models import OutboundMessage, OutboundRecipient
from tests.support.dns_server import DnsServer
from tests.support.polling import wait_until_async

PASSWORD = "Correct-Horse-2024"
# Fast retries for tests (production: 60 s doubling); the lifetime stays long unless a test shortens it.
FAST = {
    "delivery_retry_base_seconds": 0.2,
    "delivery_retry_max_seconds": 0.5,
    "delivery_poll_seconds": 0.05,
    "delivery_timeout_seconds": 5.0,
}


@pytest.fixture(scope="session")
def dns_server() -> Iterator[DnsServer]:
    """One loopback DNS server for the whole run; tests add the names they need."""
    with DnsServer() as server:
        yield server


@dataclass
class Mailbox:
    """A configured context plus the admin user of its account."""

    ctx: AppContext
    user_id: int
    account_id: int
    login: str

    def configure(self, **overrides: Any) -> None:
        """Replace settings (delivery mode, relays …) for this test."""
        self.ctx.settings = self.ctx.settings.model_copy(update=overrides)
        self.ctx.forget_caches()

    async def user(self, session: Any) -> User:
        return await session.get(User, self.user_id)


@pytest.fixture
async def mailbox(ctx: AppContext, dns_server: DnsServer) -> AsyncIterator[Mailbox]:
    """ctx (both backends) with an account, an admin user and fast retry settings."""
    from openlux.accounts.bootstrap import initialise

    info = await initialise(ctx, admin_login="admin@example.com", password=PASSWORD)
    async with ctx.db.sessions() as session:
        user = await session.scalar(select(User).where(User.login == info["user"]))
    box = Mailbox(ctx, user.id, user.account_id, user.login)
    box.configure(dns_servers=dns_server.address, **FAST)
    yield box


@contextlib.asynccontextmanager
async def running_worker(ctx: AppContext) -> AsyncIterator[Any]:
    """An in-process delivery worker for the duration of the block."""
    from openlux.delivery.worker import Worker
    from openlux.secureline import fallback as secureline_fallback

    worker = Worker(ctx, secureline_fallback)
    task = asyncio.create_task(worker.run())
    try:
        yield worker
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def wait_final(ctx: AppContext, queue_ids: list[int], timeout: float = 20.0) -> list[OutboundMessage]:
    """Poll until every message has left the `queued` state; returns them."""

    async def final() -> list[OutboundMessage] | None:
        async with ctx.db.sessions() as session:
            rows = (await session.scalars(select(OutboundMessage).where(OutboundMessage.id.in_(queue_ids)))).all()
        return list(rows) if rows and all(r.state != "queued" for r in rows) else None

    return await wait_until_async(final, timeout=timeout, what=f"messages {queue_ids} leaving `queued`")


async def recipients_of(ctx: AppContext, queue_id: int) -> list[OutboundRecipient]:
    """The recipient rows of a message."""
    async with ctx.db.sessions() as session:
        return list(
            (
                await session.scalars(
                    select(OutboundRecipient)
                    .where(OutboundRecipient.message_id == queue_id)
                    .order_by(OutboundRecipient.id)
                )
            ).all()
        )
