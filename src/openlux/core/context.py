"""What every request and worker shares in one process: settings, database, at-rest crypto, caches."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from openlux.config import Settings
from openlux.core import sealing
from openlux.core.crypto import SecretBox, load_master_box, use_password_hash_cost
from openlux.core.datadir import make_private
from openlux.core.doorbell import Doorbell
from openlux.db import Database

if TYPE_CHECKING:
    from openlux.auth.runtime import AuthRuntime
    from openlux.content.blobs import BlobStore
    from openlux.mail.dns import Resolver


def master_box(settings: Settings) -> SecretBox:
    """The at-rest box of these settings: OPENLUX_MASTER_KEY, or the key file (and keys a rotation still needs)."""
    return load_master_box(settings.master_key, settings.data_dir, settings.master_key_file)


@dataclass
class AppContext:
    """Process-wide services, built once from Settings.

    The per-process caches and the little state roles share are named fields, so a reader can see
    who writes what: the heartbeat writes `held_accounts`, the delivery claimer reads it.
    """

    settings: Settings
    db: Database
    box: SecretBox
    # Names of the background roles this process runs (set by the role runner; read by the heartbeat).
    role_names: frozenset[str] = frozenset()
    # Listener roles that have bound their socket (core.listeners.listen; the runner waits for them).
    bound_listeners: set[str] = field(default_factory=set)
    # True in the one heartbeat task of this process (`serve` starts both heartbeat roles).
    heartbeat_owner: bool = False
    # Accounts over their hourly sending rate: written by admin.heartbeat, skipped by mail.queue.claim.
    held_accounts: frozenset[int] = frozenset()
    # Sealed integration secret → its clear text (auth.service.integration_secret).
    integration_secrets: dict[bytes, str] = field(default_factory=dict)
    # Domain → (valid until monotonic time, mail.dkim.SigningKey or None).
    dkim_keys: dict[str, tuple[float, Any]] = field(default_factory=dict)
    # Loads in flight of the caches above (openlux.core.cache: concurrent misses share one load).
    cache_loads: dict[tuple[int, Any], asyncio.Future[Any]] = field(default_factory=dict)
    # The DKIM signing pool (threads or processes, mail.dkim.signing_pool), made on first use.
    dkim_pool: Executor | None = None
    # Domain → (valid until, secureline.tlscheck.DomainTls), and probes under way.
    tls_reports: dict[str, tuple[float, Any]] = field(default_factory=dict)
    tls_probes: dict[str, asyncio.Future[Any]] = field(default_factory=dict)
    # HMAC key of tracking, unsubscribe and VERP tokens (derived from the master key in build()).
    link_key: bytes = b""
    # Open/click events waiting for the tracking flusher (openlux.tracking.recorder), and
    # account → (valid until, bounce-domain facts) for VERP return paths (openlux.tracking.verp).
    tracking_events: list[Any] = field(default_factory=list)
    bounce_domains: dict[tuple[int, str], tuple[float, Any]] = field(default_factory=dict)
    # User id → (valid until, disk usage in MB) (accounts.disk_usage).
    disk_usage: dict[int, tuple[float, float]] = field(default_factory=dict)
    # Rung when this process queues work for a polling role (openlux.core.doorbell): report jobs
    # (reports.jobs.submit → reports.worker), text messages (securetext.service.queue_sms → its worker)
    # and mail (mail.queue.enqueue_many and a campaign's batches → the delivery claimer).
    report_job_submitted: Doorbell = field(default_factory=Doorbell)
    sms_queued: Doorbell = field(default_factory=Doorbell)
    mail_queued: Doorbell = field(default_factory=Doorbell)
    resolver: Resolver | None = None
    blob_store: BlobStore | None = None
    # The signed-call hot path of this process (openlux.auth.runtime.AuthRuntime), made on first use.
    auth_runtime: AuthRuntime | None = None
    # (account id, login) → cached getUser record (openlux.auth.hotpath).
    user_records: dict[tuple[int, str], Any] = field(default_factory=dict)
    # Run by close(), newest first, before the pool goes: buffered writes flush here.
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    @classmethod
    def build(cls, settings: Settings, *, pool_size: int | None = None) -> AppContext:
        """Open the database and load (or create) the master key."""
        make_private(settings.data_dir)
        use_password_hash_cost(settings.password_hash_cost)
        box = master_box(settings)
        sealing.install(box)  # sealed columns (openlux.db.SealedText) seal and open with it
        db = Database(settings.resolved_database_url, pool_size=pool_size or settings.database_pool_size)
        for dialect in db.dialects:
            sealing.bind(dialect, box)  # this database's rows: this installation's key
        return cls(settings=settings, db=db, box=box, link_key=box.derive_prf_key(b"openlux tracking links v1"))

    def forget_caches(self) -> None:
        """Drop every per-process cache (after the settings they were built from changed)."""
        self.integration_secrets.clear()
        self.dkim_keys.clear()
        self.cache_loads.clear()
        self.bounce_domains.clear()
        self.tls_reports.clear()
        self.disk_usage.clear()
        self.resolver = None
        self.blob_store = None
        self.user_records.clear()
        if self.auth_runtime is not None:
            self.auth_runtime.invalidate()

    async def close(self) -> None:
        """Run the registered closers (buffered writes flush), then release the database pool."""
        while self.closers:
            await self.closers.pop()()
        await self.db.dispose()
        sealing.forget(self.box)
