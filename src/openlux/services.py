"""Long-running roles that `openlux serve` runs beside the HTTP API.

Each area that owns a background role (delivery workers, SMTP listeners, report jobs) adds a
factory to ROLE_FACTORIES; `serve` starts them all, `worker`/`smtp` start a subset.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from openlux.core.context import AppContext

# role name → (kind, factory). kind is "worker" or "smtp" so `openlux worker` / `openlux smtp` can pick.
RoleFactory = Callable[[AppContext], Awaitable[None]]
ROLE_FACTORIES: dict[str, tuple[str, RoleFactory]] = {}


def register_role(name: str, kind: str) -> Callable[[RoleFactory], RoleFactory]:
    """Decorator: make `factory(ctx)` a background role of the given kind."""

    def add(factory: RoleFactory) -> RoleFactory:
        ROLE_FACTORIES[name] = (kind, factory)
        return factory

    return add


def load_roles() -> None:
    """Import the modules that register roles (kept explicit so start-up order is known)."""
    import importlib

    for module in ROLE_MODULES:
        importlib.import_module(module)


# Modules whose import registers background roles; areas append theirs here.
ROLE_MODULES: list[str] = [
    "openlux.mail.worker", "openlux.mail.smtpd", "openlux.mail.secureline.purge", "openlux.admin.heartbeat",
    "openlux.reports.worker", "openlux.marketing.worker", "openlux.inbound.listener",
]
