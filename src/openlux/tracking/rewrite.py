"""Rewriting a message for tracking: the HTML parts get an open pixel and tracked links.

Only text/html parts that are not attachments change; every other part (text/plain above all)
keeps its exact bytes. CPU-bound: callers run it in a thread.

Two ways, one result: messages in the shape OpenLux composes (CRLF lines, multipart bodies split by
exact delimiter lines) are rewritten by splicing: only each part's headers are parsed and only the
HTML payloads re-encoded, every other byte copied (a campaign's tracked copies cost a fraction of
a full parse and re-serialisation). Anything else (bare LF, a delimiter with trailing text, an
unknown transfer encoding) goes through the email package: parsed, rewritten and re-serialised,
which keeps each untouched part's encoded payload as it was.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import quopri
import re
from collections.abc import Callable
from dataclasses import dataclass
from email import message_from_bytes
from email.generator import BytesGenerator
from email.message import Message
from email.parser import BytesHeaderParser

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


def _in_charset(text: str, charset: str) -> bytes:
    """`text` in the part's charset (what US-ASCII cannot hold as HTML character references)."""
    ascii_only = charset.lower() in ("us-ascii", "ascii")
    return text.encode(charset, "xmlcharrefreplace" if ascii_only else "replace")


def _transfer_encoded(data: bytes, encoding: str) -> bytes | None:
    """`data` in quoted-printable or base64; None for any other transfer encoding (bytes as they are)."""
    if encoding == "quoted-printable":
        return quopri.encodestring(data)
    if encoding == "base64":
        return base64.encodebytes(data)
    return None


def _set_text(part: Message, text: str) -> None:
    """Replace the part's text, encoded the way it was (7bit/8bit, quoted-printable or base64)."""
    charset = part.get_content_charset() or "us-ascii"
    encoding = str(part.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    data = _in_charset(text, charset)
    encoded = _transfer_encoded(data, encoding)
    if encoded is not None:
        payload = encoded.decode("ascii")
    elif charset.lower() in ("us-ascii", "ascii"):
        payload = data.decode("ascii")
    else:
        payload = data.decode(charset, "surrogateescape")
    part.set_payload(payload)


def _encoded(text: str, charset: str, encoding: str) -> bytes | None:
    """`text` in the part's charset and transfer encoding, with CRLF line ends (None: an encoding we don't write)."""
    data = _in_charset(text, charset)
    encoded = data if encoding in ("7bit", "8bit") else _transfer_encoded(data, encoding)
    # CRLF line ends by two bytes.replace: a regex substitution per line took ten times as long.
    return None if encoded is None else encoded.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


_HEADER_PARSER = BytesHeaderParser()
# A header section (with its final CRLF) that is nothing but fields and their folded continuations:
# the email parser would stop reading fields at any other line, so only such a section is read here.
_WELL_FORMED_FIELDS = re.compile(rb"(?:[\x21-\x39\x3b-\x7e]+[\t ]*:[^\r\n]*\r\n(?:[\t ][^\r\n]*\r\n)*)*")
_CONTENT_FIELD = re.compile(
    rb"^content-(?:type|disposition|transfer-encoding)[\t ]*:[^\r\n]*\r\n(?:[\t ][^\r\n]*\r\n)*",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class _PartHeaders:
    """What splicing reads of an entity's header section (the email package's reading of it)."""

    maintype: str
    content_type: str
    boundary: str | None
    disposition: str | None
    charset: str | None
    encoding: str


@functools.lru_cache(maxsize=1024)
def _read_content_fields(fields: bytes) -> _PartHeaders:
    """The email package's reading of the Content-* fields; cached: a campaign's parts repeat them."""
    headers = _HEADER_PARSER.parsebytes(fields + b"\r\n")
    return _PartHeaders(
        headers.get_content_maintype(),
        headers.get_content_type(),
        headers.get_boundary(),
        headers.get_content_disposition(),
        headers.get_content_charset(),
        str(headers.get("Content-Transfer-Encoding", "7bit")).strip().lower(),
    )


def _part_headers(head: bytes) -> _PartHeaders:
    """`head` (the fields and the blank line after them) as splicing reads it.

    Only the Content-* fields decide what splicing does, and every other field (To, Message-ID, …)
    differs per message: parsing just those (cached) instead of the whole section took most of a
    tracked copy's time. A section in any other shape is parsed whole, as before.
    """
    section = head[:-2]
    if _WELL_FORMED_FIELDS.fullmatch(section) is None:
        return _read_content_fields.__wrapped__(section)
    return _read_content_fields(b"".join(_CONTENT_FIELD.findall(section)))


def _decoded(payload: bytes, charset: str, encoding: str) -> str | None:
    if encoding == "quoted-printable":
        raw = quopri.decodestring(payload)
    elif encoding == "base64":
        raw = base64.decodebytes(payload)
    elif encoding in ("7bit", "8bit"):
        raw = payload
    else:
        return None
    return raw.decode(charset, "replace")


def _spliced(entity: bytes, rewrite: Callable[[str], str]) -> bytes | None:
    """`entity` (headers, blank line, body) with its HTML parts rewritten and every other byte kept;
    None when it is not in the plain CRLF shape this reads (the caller parses it instead)."""
    split = entity.find(b"\r\n\r\n")
    if split < 0:
        return None
    head, body = entity[: split + 4], entity[split + 4 :]
    headers = _part_headers(head)
    if headers.maintype == "multipart":
        boundary = headers.boundary
        if not boundary or not boundary.isascii():
            return None
        inner = _spliced_parts(body, boundary.encode("ascii"), rewrite)
        return None if inner is None else head + inner
    if headers.content_type != "text/html" or headers.disposition == "attachment":
        return entity
    charset = headers.charset or "us-ascii"
    encoding = headers.encoding
    try:
        text = _decoded(body, charset, encoding)
        encoded = None if text is None else _encoded(rewrite(text), charset, encoding)
    except (LookupError, ValueError):  # an unknown charset, broken base64: the parser decides
        return None
    return None if encoded is None else head + encoded


def _spliced_parts(body: bytes, boundary: bytes, rewrite: Callable[[str], str]) -> bytes | None:
    """A multipart body with each part spliced (RFC 2046 §5.1.1: parts between exact delimiter lines)."""
    text = b"\r\n" + body  # the first delimiter may open the body
    delimiter = b"\r\n--" + boundary
    at = text.find(delimiter)
    if at < 0:
        return None
    out = [text[:at]]
    while True:
        after = at + len(delimiter)
        if text.startswith(b"--", after):  # the close delimiter: the epilogue is copied as it is
            out.append(text[at:])
            break
        line_end = text.find(b"\r\n", after)
        if line_end < 0 or text[after:line_end].strip(b" \t"):
            return None  # not an exact delimiter line (a longer boundary, transport padding we don't expect)
        following = text.find(delimiter, line_end)
        if following < 0:
            return None
        part = _spliced(text[line_end + 2 : following], rewrite)
        if part is None:
            return None
        out += [text[at : line_end + 2], part]
        at = following
    return b"".join(out)[2:]


def track_mime(
    mime: bytes, *, click_url: Callable[[int, str], str] | None, pixel_url: str | None, keep: Callable[[str], bool]
) -> bytes:
    """The message with its HTML parts rewritten; unchanged bytes when it has no HTML part."""

    def rewrite(text: str) -> str:
        return rewrite_html(text, click_url=click_url, pixel_url=pixel_url, keep=keep)

    spliced = _spliced(mime, rewrite) if mime.count(b"\n") == mime.count(b"\r\n") else None  # no bare LF
    if spliced is not None:
        return spliced
    return parsed_and_tracked(mime, rewrite)


def parsed_and_tracked(mime: bytes, rewrite: Callable[[str], str]) -> bytes:
    """track_mime through the email package: for any MIME the splicing path does not read."""
    message = message_from_bytes(mime)
    parts = _html_parts(message)
    if not parts:
        return mime
    for part in parts:
        charset = part.get_content_charset() or "us-ascii"
        raw = part.get_payload(decode=True)
        text = raw.decode(charset, "replace") if isinstance(raw, bytes) else ""
        _set_text(part, rewrite(text))
    buffer = io.BytesIO()
    BytesGenerator(buffer, mangle_from_=False, policy=GENERATOR_POLICY).flatten(message)
    return buffer.getvalue()
