"""Turn an escrowed MIME message into what the pickup page shows: headers, text, HTML, attachments."""

from __future__ import annotations

import email
from dataclasses import dataclass, field
from email.message import EmailMessage, Message, MIMEPart
from email.policy import default as default_policy

MAX_ATTACHMENTS = 500  # a pathological message must not make the page endless
MAX_INLINE_IMAGE = 2 * 1024 * 1024  # larger cid: images stay downloads instead of bloating the page


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """One downloadable part."""

    index: int
    filename: str
    content_type: str
    size: int


@dataclass
class MessageView:
    """The parts of a message a reader needs."""

    sender: str = ""
    to: str = ""
    cc: str = ""
    date: str = ""
    subject: str = ""
    text: str | None = None
    html: str | None = None
    attachments: list[AttachmentInfo] = field(default_factory=list)


def _parse(mime: bytes) -> EmailMessage:
    parsed = email.message_from_bytes(mime, policy=default_policy)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _text_of(part: MIMEPart | None) -> str | None:
    """A text part's content as str (undecodable bytes replaced, never an exception)."""
    if part is None:
        return None
    try:
        return str(part.get_content())
    except (LookupError, UnicodeError, KeyError, AssertionError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)


def _inline_images(message: EmailMessage, html: str | None) -> str | None:
    """`cid:` references replaced by data: URIs (the page's CSP allows only inline images)."""
    import base64

    if not html or "cid:" not in html:
        return html
    for part in message.walk():
        cid = str(part.get("Content-ID", "") or "").strip().strip("<>")
        if not cid or part.get_content_maintype() != "image":
            continue
        payload = part.get_payload(decode=True) or b""
        if isinstance(payload, bytes) and len(payload) <= MAX_INLINE_IMAGE:
            uri = f"data:{part.get_content_type()};base64,{base64.b64encode(payload).decode('ascii')}"
            html = html.replace(f"cid:{cid}", uri)
    return html


def _attachment_parts(message: EmailMessage, bodies: set[int]) -> list[EmailMessage]:
    """Leaf parts that are not the shown text/HTML bodies, in document order."""
    found = []
    for part in message.walk():
        if part.is_multipart() or id(part) in bodies:
            continue
        if (
            part.get_content_maintype() == "text"
            and not part.get_filename()
            and part.get_content_disposition() != "attachment"
        ):
            continue  # an alternative body we did not pick; nothing to download
        found.append(part)
        if len(found) >= MAX_ATTACHMENTS:
            break
    return found


def _payload_bytes(part: Message) -> bytes:
    """A leaf part's decoded content (empty when it has none)."""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def view(mime: bytes) -> MessageView:
    """Headers, the plain and HTML bodies, and the attachment list of a message."""
    message = _parse(mime)
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    bodies = {id(p) for p in (text_part, html_part) if p is not None}
    result = MessageView(
        sender=str(message.get("From", "")),
        to=str(message.get("To", "")),
        cc=str(message.get("Cc", "")),
        date=str(message.get("Date", "")),
        subject=str(message.get("Subject", "")),
        text=_text_of(text_part),
        html=_inline_images(message, _text_of(html_part)),
    )
    for index, part in enumerate(_attachment_parts(message, bodies)):
        payload = _payload_bytes(part)
        result.attachments.append(
            AttachmentInfo(
                index, part.get_filename() or f"attachment-{index + 1}", part.get_content_type(), len(payload)
            )
        )
    return result


def attachment(mime: bytes, index: int) -> tuple[AttachmentInfo, bytes] | None:
    """One attachment's description and bytes, or None when there is no such index."""
    message = _parse(mime)
    bodies = {
        id(p)
        for p in (message.get_body(preferencelist=("plain",)), message.get_body(preferencelist=("html",)))
        if p is not None
    }
    parts = _attachment_parts(message, bodies)
    if not 0 <= index < len(parts):
        return None
    part = parts[index]
    payload = _payload_bytes(part)
    return AttachmentInfo(
        index, part.get_filename() or f"attachment-{index + 1}", part.get_content_type(), len(payload)
    ), payload
