"""What every recipient-facing page shares: templates, security headers, and the one rule for reading.

Reading an escrowed message is the same wherever the recipient comes from (pickup link or portal
login): decrypt, mark it viewed, send the read receipt on the first view, render; attachments
always download and never render inline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.core.context import AppContext
from openlux.core.time import format_datetime
from openlux.secureline.models import EscrowMessage
from openlux.securesend import mimeview, notices, pickup

_HERE = Path(__file__).parent
_env = Environment(
    loader=ChoiceLoader([FileSystemLoader(_HERE / "templates"), FileSystemLoader(_HERE.parent / "web" / "templates")]),
    autoescape=select_autoescape(default=True, default_for_string=True),
)
templates = Jinja2Templates(env=_env)
# No scripts anywhere; inline styles only; images only inline (data:), so no tracking pixels load.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template rendered with the recipient pages' security headers."""
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers.update(SECURITY_HEADERS)
    return response


def disposition(filename: str) -> str:
    """attachment; filename="…" plus RFC 6266 filename* for names that are not ASCII."""
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


async def message_page(
    request: Request, ctx: AppContext, session: AsyncSession, row: EscrowMessage, *, base: str
) -> HTMLResponse:
    """The escrowed message; the first view marks it read and sends the sender's receipt when asked for."""
    mime = pickup.content(ctx, row)
    view = mimeview.view(mime)
    await pickup.mark_viewed(session=session, row=row)
    if row.view_count == 1:  # spec 10-user.md: escrow sends its receipt on the first view, unasked
        await notices.send_receipt(ctx=ctx, session=session, row=row, mime=mime)
    return page(
        request,
        "pickup_message.html",
        title=view.subject or "Secure message",
        view=view,
        base=base,
        expires=format_datetime(row.expires_at),
    )


def attachment_response(request: Request, ctx: AppContext, row: EscrowMessage, index: int, *, title: str) -> Response:
    """One attachment as a download (never rendered inline: it could be active content)."""
    found = mimeview.attachment(pickup.content(ctx, row), index)
    if found is None:
        return page(request, "message.html", status=404, title=title, message="No such attachment.")
    info, payload = found
    safe_name = "".join(ch for ch in info.filename if ch.isprintable() and ch not in '"\\/;') or "attachment"
    headers = {**SECURITY_HEADERS, "Content-Disposition": disposition(safe_name)}
    return Response(payload, media_type="application/octet-stream", headers=headers)
