"""The background roles a process runs beside the HTTP API: one explicit table.

`openlux serve` runs every role, `openlux api` the `api` ones beside its HTTP server, `openlux
worker` the `worker` ones, `openlux smtp` the `smtp` ones. Order matters: tasks are created in table
order and the heartbeat comes last, so that when it first reports what this process runs, its
sibling roles already exist.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any

from openlux.admin import heartbeat
from openlux.core.context import AppContext
from openlux.delivery import worker as delivery_worker
from openlux.inbound import listener as inbound_listener
from openlux.mail import smtpd, tlsrpt_daily
from openlux.marketing import worker as campaign_worker
from openlux.reports import worker as report_worker
from openlux.retention import purge as retention
from openlux.secureline import fallback as secureline_fallback
from openlux.securetext import worker as sms_worker
from openlux.webhooks import worker as webhook_worker


class RoleKind(StrEnum):
    """Which scale-out command runs a role (`openlux api`, `openlux worker` or `openlux smtp`)."""

    API = "api"
    WORKER = "worker"
    SMTP = "smtp"


@dataclass(frozen=True, slots=True)
class Role:
    """A named long-running task: `run(ctx)` until cancelled."""

    name: str
    kind: RoleKind
    run: Callable[[AppContext], Coroutine[Any, Any, None]]
    # A listener marks itself bound (core.listeners.listen); the runner waits for it before "ready".
    listener: bool = False


ROLES: tuple[Role, ...] = (
    Role("delivery", RoleKind.WORKER, partial(delivery_worker.delivery_role, fallback=secureline_fallback)),
    # Campaign composition (rendering, MIME, queue writes) beside the API, not the delivery worker: in one
    # process both share an interpreter lock, and a campaign's composing slowed its own delivery (docs/
    # operations.md, "Where campaigns are composed"); an API process is idle while its campaign is sent.
    Role("marketing-campaigns", RoleKind.API, campaign_worker.campaign_role),
    Role("report_jobs", RoleKind.WORKER, report_worker.report_jobs),
    # PostgreSQL's report-counter deltas folded every 10 s (reports/state_counts.py); SQLite: zero counts only.
    Role("report-counters", RoleKind.WORKER, report_worker.report_counters),
    # Per-account lifetimes (accounts/retention.py) and expired escrow, in bounded batches.
    Role("retention", RoleKind.WORKER, retention.retention_role),
    Role("webhooks", RoleKind.WORKER, webhook_worker.webhook_role),
    Role("sms", RoleKind.WORKER, sms_worker.sms_role),  # SecureText notices and pickup codes
    Role("tlsrpt", RoleKind.WORKER, tlsrpt_daily.tlsrpt_role),  # daily TLS-RPT reports (RFC 8460)
    Role("submission", RoleKind.SMTP, smtpd.submission_role, listener=True),
    Role("inbound", RoleKind.SMTP, inbound_listener.inbound_role, listener=True),
    # Last: one heartbeat per process, whichever kinds it runs (the second one only waits).
    Role("server-heartbeat", RoleKind.WORKER, heartbeat.heartbeat_role),
    Role("server-heartbeat-smtp", RoleKind.SMTP, heartbeat.heartbeat_role),
)
ROLE_NAMES = frozenset(role.name for role in ROLES)


def roles_of(kind: RoleKind | None) -> list[Role]:
    """Every role (kind None, as `serve` runs them) or those of one kind."""
    return [role for role in ROLES if kind is None or role.kind == kind]
