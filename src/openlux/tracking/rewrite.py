"""Rewriting a message for tracking: the HTML parts get an open pixel and tracked links.

Only text/html parts that are not attachments change; every other part (text/plain above all)
keeps its exact bytes, because the message is re-serialised from the parsed original, which keeps
each untouched part's encoded payload as it was. CPU-bound: callers run it in a thread.
"""

from __future__ import annotations

import base64
import html
import io
import quopri
import re
from collections.abc import Callable
from email import message_from_bytes
from email.generator import BytesGenerator
from email.message import Message

from openlux.mail.compose import GENERATOR_POLICY

# An <a …href="http(s)://…"> attribute (quoted either way); other schemes (mailto:, tel:, #) stay.
_HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])(https?://[^"'\s>]+)\2""", re.IGNORECASE | re.DOTALL)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
PIXEL = (
    '<img src="{url}" width="1" height="1" alt="" border="0" '
    'style="display:block;width:1px;height:1px;border:0;margin:0;padding:0" />'
)


def rewrite_html(
    text: str, *, click_url: Callable[[int, str], str] | None, pixel_url: str | None, keep: Callable[[str], bool]
) -> str:
    """Links replaced by click_url(index, original) (1-based, document order) unless keep(url); pixel added."""
    if click_url is not None:
        counter = iter(range(1, 1 << 16))

        def replace(match: re.Match[str]) -> str:
            original = html.unescape(match.group(3))
            if keep(original):
                return match.group(0)
            index = next(counter)
            return f"{match.group(1)}{match.group(2)}{html.escape(click_url(index, original))}{match.group(2)}"

        text = _HREF.sub(replace, text)
    if pixel_url is not None:
        tag = PIXEL.format(url=html.escape(pixel_url))
        ends = list(_BODY_END.finditer(text))
        text = text[: ends[-1].start()] + tag + text[ends[-1].start() :] if ends else text + tag
    return text


def _html_parts(message: Message) -> list[Message]:
    return [
        part
        for part in message.walk()
        if part.get_content_type() == "text/html"
        and not part.is_multipart()
        and part.get_content_disposition() != "attachment"
    ]


def _set_text(part: Message, text: str) -> None:
    """Replace the part's text, encoded the way it was (7bit/8bit, quoted-printable or base64)."""
    charset = part.get_content_charset() or "us-ascii"
    encoding = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    data = (
        text.encode(charset, "xmlcharrefreplace")
        if charset.lower() in ("us-ascii", "ascii")
        else text.encode(charset, "replace")
    )
    if encoding == "quoted-printable":
        payload = quopri.encodestring(data).decode("ascii")
    elif encoding == "base64":
        payload = base64.encodebytes(data).decode("ascii")
    else:
        payload = (
            data.decode(charset, "surrogateescape")
            if charset.lower() not in ("us-ascii", "ascii")
            else data.decode("ascii")
        )
    part.set_payload(payload)


def track_mime(
    mime: bytes, *, click_url: Callable[[int, str], str] | None, pixel_url: str | None, keep: Callable[[str], bool]
) -> bytes:
    """The message with its HTML parts rewritten; unchanged bytes when it has no HTML part."""
    message = message_from_bytes(mime)
    parts = _html_parts(message)
    if not parts:
        return mime
    for part in parts:
        charset = part.get_content_charset() or "us-ascii"
        raw = part.get_payload(decode=True)
        text = raw.decode(charset, "replace") if isinstance(raw, bytes) else ""
        _set_text(part, rewrite_html(text, click_url=click_url, pixel_url=pixel_url, keep=keep))
    buffer = io.BytesIO()
    BytesGenerator(buffer, mangle_from_=False, policy=GENERATOR_POLICY).flatten(message)
    return buffer.getvalue()
