"""What every request and worker shares in one process: settings, database, at-rest crypto."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from openlux.config import Settings
from openlux.core.crypto import SecretBox, load_master_key
from openlux.db import Database


@dataclass
class AppContext:
    """Process-wide services, built once from Settings."""

    settings: Settings
    db: Database
    box: SecretBox
    caches: dict[str, Any] = field(default_factory=dict)
    # Run by close(), newest first, before the pool goes: buffered writes flush here.
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    @classmethod
    def build(cls, settings: Settings, *, pool_size: int = 10) -> "AppContext":
        """Open the database and load (or create) the master key."""
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        box = SecretBox(load_master_key(settings.master_key, settings.data_dir))
        return cls(settings=settings, db=Database(settings.resolved_database_url, pool_size=pool_size), box=box)

    async def close(self) -> None:
        """Run the registered closers (buffered writes flush), then release the database pool."""
        while self.closers:
            await self.closers.pop()()
        await self.db.dispose()
