"""The public post endpoint of Secure Forms: `POST /perl/post/{account}-{form_id}-{code}` from any web page.

No signature (browsers post here); the secret code in the URL names the form. Bodies are capped
while they stream in, every value on the confirmation page is HTML-escaped by Jinja2, and pages
carry a strict Content-Security-Policy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from openlux.auth.deps import ContextDep, SessionDep
from openlux.core import bodylimit
from openlux.core.errors import ApiError, BadRequest, PayloadTooLarge, RateLimited
from openlux.core.forms import read_form
from openlux.core.ids import ascii_digits
from openlux.secureforms import forms, posts

router = APIRouter(include_in_schema=False)
# Public: anyone may post, so the post limit applies (while streaming) whoever sends it.
bodylimit.public_limit(forms.POST_PATH + "/", posts.MAX_POST_BYTES)
_HERE = Path(__file__).parent
_env = Environment(
    loader=ChoiceLoader([FileSystemLoader(_HERE / "templates"), FileSystemLoader(_HERE.parent / "web" / "templates")]),
    autoescape=select_autoescape(default=True, default_for_string=True),
)
templates = Jinja2Templates(env=_env)
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
SHOWN_VALUE_CHARS = 2000  # the confirmation page shortens long values


def _page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, context, status_code=status)
    response.headers.update(_HEADERS)
    return response


async def _capped_body(request: Request) -> None:
    """Read the body up to MAX_POST_BYTES (a lying or absent Content-Length cannot get past it)."""
    declared = request.headers.get("content-length", "")
    if ascii_digits(declared) and len(declared) <= 18 and int(declared) > posts.MAX_POST_BYTES:
        raise PayloadTooLarge(f"The post is larger than {posts.MAX_POST_BYTES} bytes.")
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > posts.MAX_POST_BYTES:
            raise PayloadTooLarge(f"The post is larger than {posts.MAX_POST_BYTES} bytes.")
        chunks.append(chunk)
    request._body = b"".join(chunks)  # Starlette's form parser reads the cached body


async def _parse(request: Request) -> posts.Posted:
    """The post's fields and files; BadRequest for anything malformed or over a limit."""
    if not request.headers.get("content-type", "").lower().startswith(_FORM_TYPES):
        raise BadRequest("A secure form post must be multipart/form-data or application/x-www-form-urlencoded.")
    await _capped_body(request)
    try:
        form = await read_form(
            request,
            max_files=posts.MAX_FILES + 1,
            max_fields=posts.MAX_FIELDS + 1,
            max_part_size=posts.MAX_VALUE_CHARS * 4,
        )
    except HTTPException as exc:
        raise BadRequest(f"The post could not be read: {exc.detail}") from None
    posted = posts.Posted()
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            content = await value.read()
            await value.close()  # held in memory (openlux.core.forms): drop the part's copy once read
            if value.filename or content:  # browsers send an empty part for an unused file input
                posted.files.append(
                    posts.PostedFile(
                        name, value.filename or "", value.content_type or "application/octet-stream", content
                    )
                )
        else:
            posted.add(name, value)
    return posted


@router.post(forms.POST_PATH + "/{target}")
async def secureform_post(request: Request, ctx: ContextDep, session: SessionDep, target: str) -> Response:
    """Store one post; redirect to the form's thank-you URL or show the confirmation page."""
    try:
        form = await forms.by_post_path(session=session, target=target)
        posted = await _parse(request)
        row = await posts.accept(
            session=session,
            ctx=ctx,
            form=form,
            posted=posted,
            client_ip=request.client.host if request.client else None,
        )
    except ApiError as exc:
        page = _page(request, "message.html", status=exc.status, title="Secure form", message=exc.message)
        if isinstance(exc, RateLimited):
            page.headers["Retry-After"] = str(exc.retry_after)
        return page
    if form.redirect_url:
        return RedirectResponse(form.redirect_url, status_code=303)
    shown = [(name, ", ".join(value) if isinstance(value, list) else value) for name, value in posted.fields.items()]
    shown = [
        (name, value if len(value) <= SHOWN_VALUE_CHARS else value[:SHOWN_VALUE_CHARS] + "…") for name, value in shown
    ]
    files = [(posts.safe_name(f.name), len(f.content)) for f in posted.files]
    return _page(
        request,
        "secureform_posted.html",
        title="Secure form",
        form_name=form.name,
        row_id=row.id,
        fields=shown,
        files=files,
    )
