"""Background role: send queued texts through the configured SMS transport."""

from __future__ import annotations

import logging

from openlux.core.context import AppContext
from openlux.securetext.service import deliver_due
from openlux.securetext.transports import make_sms_transport

log = logging.getLogger("openlux.securetext")
POLL_SECONDS = 0.5


async def sms_role(ctx: AppContext) -> None:
    """Deliver due SMS until cancelled; a failing round is logged and retried."""
    transport = make_sms_transport(ctx.settings)
    while True:
        try:
            handled = await deliver_due(ctx, transport)
        except Exception:
            log.exception("sending queued SMS failed; retrying")
            handled = 0
        if not handled:
            await ctx.sms_queued.wait(POLL_SECONDS)
