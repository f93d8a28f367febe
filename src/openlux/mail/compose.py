"""MIME composition with the standard `email` package (compat32 classes: about twice as fast as EmailMessage).

Lines end in CRLF so the stored bytes are exactly what DKIM signs and SMTP sends.
"""

from __future__ import annotations

import functools
import io
import mimetypes
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from email import charset as email_charset
from email.generator import BytesGenerator
from email.header import Header
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime, formataddr

from openlux.core import time as clock


class _FastCompat32(type(compat32)):  # type: ignore[misc]  # the Compat32 class is public only as its instance
    """compat32 that writes short one-line ASCII headers directly, and folds long printable-ASCII ones
    from a cached fold of their shape: folding through email.header.Header cost over half of the
    composition time (a campaign's List-Unsubscribe is always long), for an identical result."""

    def fold_binary(self, name: str, value: object) -> bytes:
        if (
            isinstance(value, str)
            and value.isascii()
            and len(name) + len(value) + 2 <= self.max_line_length
            and "\n" not in value
            and "\r" not in value
        ):
            return f"{name}: {value}{self.linesep}".encode("ascii")
        if isinstance(value, str) and _PRINTABLE_ASCII.fullmatch(value) and self.max_line_length:
            folded = _folded_like_its_shape(name, value, self.linesep, self.max_line_length)
            if folded is not None:
                return folded
        return super().fold_binary(name, value)


# Header's ASCII folding (email.header._ValueFormatter) tells characters apart only as folding white
# space, the split characters `;` and `,`, and anything else; it never adds or drops anything else.
# So a value folds like its "shape" (every other character made `x`), whose fold is cached per header
# name and shape: a campaign's List-Unsubscribe values differ only in their tokens, not their shapes.
_PRINTABLE_ASCII = re.compile(r"[\x20-\x7e]*")
_TO_SHAPE = str.maketrans({chr(c): "x" for c in range(0x20, 0x7F) if chr(c) not in " ,;"})
_NOT_SHAPED = str.maketrans("", "", " ,;")
_X_RUN = re.compile(r"(x+)")


@functools.lru_cache(maxsize=512)
def _fold_of_shape(name: str, shape: str, linesep: str, max_line_length: int) -> tuple[str, ...] | None:
    """compat32's fold of `shape` after the `name: ` prefix, split into text and runs of x (odd items)."""
    folded = compat32.clone(linesep=linesep, max_line_length=max_line_length).fold(name, shape)
    prefix = f"{name}: "
    if not folded.startswith(prefix):
        return None
    return tuple(_X_RUN.split(folded[len(prefix) :]))


def _folded_like_its_shape(name: str, value: str, linesep: str, max_line_length: int) -> bytes | None:
    pieces = _fold_of_shape(name, value.translate(_TO_SHAPE), linesep, max_line_length)
    if pieces is None:
        return None
    letters = value.translate(_NOT_SHAPED)  # the characters the x's stand for, in order
    out, used = [f"{name}: "], 0
    for i, piece in enumerate(pieces):
        if i % 2:
            out.append(letters[used : used + len(piece)])
            used += len(piece)
        else:
            out.append(piece)
    return "".join(out).encode("ascii") if used == len(letters) else None


GENERATOR_POLICY = _FastCompat32(linesep="\r\n")  # also what tracking re-serialises with
_POLICY = GENERATOR_POLICY
_UTF8_QP = email_charset.Charset("utf-8")
_UTF8_QP.body_encoding = email_charset.QP  # readable in raw form, unlike the default base64
_MAX_7BIT_LINE = 998  # RFC 5322 §2.1.1: a line is at most 998 characters
# RFC 2045 §5.1: type "/" subtype, each a token (no parameters here: the part's own are generated).
MIME_TYPE = re.compile(r"[A-Za-z0-9!#$&^_.+-]{1,127}/[A-Za-z0-9!#$&^_.+-]{1,127}")
# Line breaks and other control characters: nothing that came from a caller may start a new header line.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def is_mime_type(value: str) -> bool:
    """True for a bare `type/subtype` (what an attachment's content_type may be)."""
    return MIME_TYPE.fullmatch(value) is not None


def one_line(value: str) -> str:
    """`value` with every run of control characters (CR, LF, NUL …) replaced by one space."""
    return _CONTROL.sub(" ", value)


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file to attach."""

    name: str
    content: bytes
    content_type: str | None = None


@dataclass(slots=True)
class Draft:
    """Everything a message needs, already validated."""

    mail_from: str
    from_name: str = ""
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    bcc: list[str] = field(default_factory=list)
    reply_to: str | None = None
    subject: str = ""
    text: str | None = None
    html: str | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def envelope_recipients(self) -> list[str]:
        """to + cc + bcc without duplicates, in order."""
        return list(dict.fromkeys([*self.to, *self.cc, *self.bcc]))


def new_message_id(domain: str) -> str:
    """A globally unique Message-ID (without angle brackets) in the sender's domain."""
    return f"{clock.utcnow():%Y%m%d%H%M%S}.{secrets.token_hex(10)}@{domain}"


def _text_part(text: str, subtype: str) -> MIMEText:
    if text.isascii() and longest_line(text) <= _MAX_7BIT_LINE:
        return MIMEText(text, subtype, "us-ascii")
    return MIMEText(text, subtype, _UTF8_QP)  # type: ignore[arg-type]  # set_payload takes a Charset; typeshed says str


def _header_value(value: str) -> str | Header:
    value = one_line(value)
    return value if value.isascii() else Header(value, "utf-8")


def _attachment_part(item: Attachment) -> MIMEBase:
    ctype = item.content_type or mimetypes.guess_type(item.name)[0] or "application/octet-stream"
    if not is_mime_type(ctype):
        ctype = "application/octet-stream"  # never copied into the part's header (API input is checked too)
    maintype, _, subtype = ctype.partition("/")
    part = MIMEBase(maintype or "application", subtype or "octet-stream")
    part.set_payload(item.content)
    from email import encoders

    encoders.encode_base64(part)
    name = one_line(item.name)
    filename: str | tuple[str, str, str] = name if name.isascii() else ("utf-8", "", name)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def _body(draft: Draft) -> MIMEBase:
    parts = []
    if draft.text is not None or draft.html is None:
        parts.append(_text_part(draft.text or "", "plain"))
    if draft.html is not None:
        parts.append(_text_part(draft.html, "html"))
    body: MIMEBase = parts[0] if len(parts) == 1 else MIMEMultipart("alternative", _boundary(), _subparts=parts)
    if draft.attachments:
        body = MIMEMultipart("mixed", _boundary(), _subparts=[body, *(_attachment_part(a) for a in draft.attachments)])
    return body


def _boundary() -> str:
    """A random MIME boundary chosen up front.

    Left unset, the email generator picks one and compiles a regex per message to prove the body
    does not contain it (most of the composing time in campaigns); 128 random bits cannot collide.
    """
    return f"=_openlux_{secrets.token_hex(16)}"


# Every line end the email generator turns into its linesep (email.generator.NLCRE).
ANY_LINE_END = re.compile(r"\r\n|\r|\n")


def crlf(text: str) -> str:
    """`text` with every line end (CRLF, CR or LF) as CRLF."""
    return text.replace("\n", "\r\n") if "\r" not in text else ANY_LINE_END.sub("\r\n", text)


def is_plain_7bit(draft: Draft) -> bool:
    """A lone text/plain part that goes as it is (7bit, us-ascii): most API and campaign mail."""
    text = draft.text or ""
    return draft.html is None and not draft.attachments and _is_7bit(text)


def _is_7bit(text: str) -> bool:
    return text.isascii() and longest_line(text) <= _MAX_7BIT_LINE


def longest_line(text: str) -> int:
    """The length of the longest line (line ends not counted)."""
    return max(map(len, text.splitlines()), default=0)


def _text_leaf(text: str, subtype: str) -> tuple[bytes, bytes]:
    """(MIME header lines, body) of a text part, byte for byte what the email generator writes for
    `_text_part(text, subtype)`.

    A 7bit part is written here: the generator copies its lines one by one in Python, and
    MIMEText's charset parameter handling costs as much again (together most of a campaign's CPU
    for 2-20 KB messages). Other text (UTF-8, or lines over 998 characters) is still encoded by
    MIMEText (quoted-printable); only the copying is done here.
    """
    if _is_7bit(text):
        return (
            b"Content-Type: text/" + subtype.encode("ascii") + b'; charset="us-ascii"\r\n'
            b"MIME-Version: 1.0\r\nContent-Transfer-Encoding: 7bit\r\n",
            crlf(text).encode("ascii"),
        )
    part = _text_part(text, subtype)
    head = b"".join(_POLICY.fold_binary(name, value) for name, value in part.raw_items())
    return head, crlf(str(part.get_payload())).encode("ascii")


def _header_fields(draft: Draft, message_id: str, date: datetime | None) -> list[tuple[str, str | Header]]:
    """The message's own header fields (after the MIME ones), in order; values as compat32 takes them."""
    fields: list[tuple[str, str | Header]] = [
        ("From", formataddr((one_line(draft.from_name), one_line(draft.mail_from)), charset="utf-8"))
    ]
    if draft.to:
        fields.append(("To", ", ".join(draft.to)))
    if draft.cc:
        fields.append(("Cc", ", ".join(draft.cc)))
    if draft.reply_to:
        fields.append(("Reply-To", one_line(draft.reply_to)))
    fields.append(("Subject", _header_value(draft.subject)))
    fields.append(("Date", format_datetime(date or clock.utcnow(), usegmt=True)))
    fields.append(("Message-ID", f"<{message_id}>"))
    fields.extend((name, _header_value(value)) for name, value in draft.headers)
    return fields


def _headers(draft: Draft, message_id: str, date: datetime | None) -> bytes:
    """The message's own header fields, folded as the generator folds them."""
    return b"".join(_POLICY.fold_binary(name, value) for name, value in _header_fields(draft, message_id, date))


def compose(draft: Draft, *, message_id: str, date: datetime | None = None) -> bytes:
    """The message as CRLF bytes; Bcc never appears in the headers.

    Messages without attachments (API mail and every campaign message) are written here, part by
    part, in the generator's exact layout (tests/mail/test_compose_fast_path.py holds the two to
    the same bytes); messages with attachments go through the email generator.
    """
    if draft.attachments:
        return _generated(draft, message_id, date)
    leaves = []
    if draft.text is not None or draft.html is None:
        leaves.append(_text_leaf(draft.text or "", "plain"))
    if draft.html is not None:
        leaves.append(_text_leaf(draft.html, "html"))
    headers = _headers(draft, message_id, date)
    if len(leaves) == 1:
        (mime_head, body) = leaves[0]
        return b"".join((mime_head, headers, b"\r\n", body))
    boundary = _boundary().encode("ascii")
    out = [
        b'Content-Type: multipart/alternative;\r\n boundary="' + boundary + b'"\r\nMIME-Version: 1.0\r\n',
        headers,
        b"\r\n",
    ]
    for i, (mime_head, body) in enumerate(leaves):
        out += [b"\r\n--" if i else b"--", boundary, b"\r\n", mime_head, b"\r\n", body]
    out += [b"\r\n--", boundary, b"--\r\n"]
    return b"".join(out)


def _generated(draft: Draft, message_id: str, date: datetime | None) -> bytes:
    """The message through the email generator (the reference layout; messages with attachments)."""
    message = _body(draft)
    for name, value in _header_fields(draft, message_id, date):
        message[name] = value  # type: ignore[assignment]  # compat32 takes a Header
    buffer = io.BytesIO()
    BytesGenerator(buffer, mangle_from_=False, policy=_POLICY).flatten(message)
    return buffer.getvalue()
