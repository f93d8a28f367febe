"""Vetting one message: addresses, sender domain, headers, body, attachments, TLS policy → a Draft.

Each check raises BadRequest with a sentence naming the field; the caller turns that into a
per-message rejection (sendEmail) or a 400 (the one-message deprecated endpoint, SMTP).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from openlux.core.addresses import normalise_address, normalise_phone
from openlux.core.errors import BadRequest
from openlux.core.uploads import attachment_hashes
from openlux.mail.compose import Attachment, Draft, is_mime_type, one_line
from openlux.mail.schemas import MessageIn
from openlux.mail.states import TlsPolicy

MAX_SUBJECT = 1000  # spec 10-user.md sendSecureEmailOrSecureText: subject ≤ 1000 characters
MAX_FROM_NAME = 100  # same table: from_name ≤ 100 characters
MAX_HEADERS = 50
MAX_HEADER_VALUE = 2000
# What a client may ask for; `secureline` is chosen only through no_tls / no_tls_only.
CLIENT_TLS_POLICIES = (TlsPolicy.OPPORTUNISTIC, TlsPolicy.REQUIRED, TlsPolicy.NO_TLS)
_HEADER_NAME = re.compile(r"^[!-9;-~]{1,76}$")  # RFC 5322 §2.2: printable ASCII except ':'
# Headers the pipeline owns: a caller setting them could forge routing, threading or signatures.
RESERVED_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "reply-to",
        "subject",
        "date",
        "message-id",
        "mime-version",
        "content-type",
        "content-transfer-encoding",
        "content-disposition",
        "dkim-signature",
        "received",
        "return-path",
        "sender",
        "arc-seal",
        "arc-message-signature",
        "arc-authentication-results",
        "authentication-results",
    }
)


class SenderRefused(BadRequest):
    """A From/envelope address the user may not send as (SMTP answers 553)."""


@dataclass(frozen=True, slots=True)
class Sender:
    """Who sends: the user's login, display name, the account's domains and what the user may send as.

    `any_sender` is decided at send time from the delivery mode (capture: yes, the developer case;
    relay/mx: no) and never stored. `unverified` maps each unverified domain of the account to the
    TXT record that would verify it.
    """

    login: str
    contact: str
    domains: frozenset[str]
    allow_no_tls: bool
    default_policy: str
    # Capture mode keeps every message, so any sender address is accepted (a developer's unmodified
    # demo sends from a domain the account does not own). Decided at send time, never stored.
    any_sender: bool = False
    # The sender domain's tls_policy setting (updateDomain): "required" is a floor no message lowers.
    domain_policy: str = TlsPolicy.OPPORTUNISTIC
    unverified: Mapping[str, str] = field(default_factory=dict)
    allowed: frozenset[str] = frozenset()  # own aliases and addresses an administrator granted
    any_address_domains: frozenset[str] = frozenset()  # domains with the per-domain "any address" flag
    any_address: bool = False  # account-wide exception (operator, CLI only)


def check_sender(address: str, sender: Sender, *, field: str = "from_address") -> None:
    """Refuse (400 / SMTP 553) an address outside the account, on an unverified domain, or not the user's.

    Capture mode (`any_sender`) accepts every address; relay and mx apply all three rules.
    """
    if sender.any_sender:
        return
    domain = address.rsplit("@", 1)[1]
    if domain not in sender.domains:
        raise BadRequest(f"Field '{field}': {address} is not in one of this account's domains.")
    if domain in sender.unverified:
        raise BadRequest(
            f"Field '{field}': domain {domain} is not verified; publish the DNS record "
            f"{sender.unverified[domain]} and run `openlux domain verify {domain}` "
            "(or ask the operator to mark it verified)."
        )
    if (
        address == sender.login
        or address in sender.allowed
        or domain in sender.any_address_domains
        or sender.any_address
    ):
        return
    raise SenderRefused(
        f"Field '{field}': user {sender.login} may not send as {address} (allowed: the login, "
        "the user's aliases and addresses an administrator granted)."
    )


def tls_policy_of(
    message: MessageIn, *, call_policy: str | None, call_no_tls: bool | None, sender: Sender
) -> TlsPolicy:
    """The message's policy: its own, else the call's, else the user's setting; LuxSci no_tls=1 → secureline."""
    # spec 10-user.md: no_tls / no_tls_only = 1 means "not by TLS only": PGP, S/MIME or escrow instead.
    if message.no_tls or message.no_tls_only or (message.no_tls is None and call_no_tls):
        return TlsPolicy.SECURELINE
    policy = (message.tls_policy or call_policy or sender.default_policy or TlsPolicy.OPPORTUNISTIC).strip().lower()
    if policy not in CLIENT_TLS_POLICIES:
        raise BadRequest(f"Field 'tls_policy' must be one of {', '.join(CLIENT_TLS_POLICIES)}; got {policy!r}.")
    if policy == TlsPolicy.NO_TLS and not sender.allow_no_tls:
        raise BadRequest("Field 'tls_policy': no_tls is not allowed for this user (setting allow_no_encryption is 0).")
    if sender.domain_policy == TlsPolicy.REQUIRED and policy != TlsPolicy.REQUIRED:
        return TlsPolicy.REQUIRED  # the domain's setting wins: mail of a TLS-required domain never goes in clear
    return TlsPolicy(policy)


def _addresses(values: list[str] | None, field: str) -> list[str]:
    return [normalise_address(_bare(v), field=field) for v in (values or []) if v and v.strip()]


def _bare(value: str) -> str:
    """The address inside `Name <addr>` (clients sometimes send display forms)."""
    value = value.strip()
    if value.endswith(">") and "<" in value:
        return value[value.rindex("<") + 1 : -1]
    return value


def _sender_address(message: MessageIn, sender: Sender) -> str:
    raw = message.from_address or message.from_ or sender.login
    address = normalise_address(_bare(raw), field="from_address")
    check_sender(address, sender)
    return address


def _headers(given: dict[str, str] | None) -> list[tuple[str, str]]:
    items = list((given or {}).items())
    if len(items) > MAX_HEADERS:
        raise BadRequest(f"Field 'headers': at most {MAX_HEADERS} custom headers.")
    for name, value in items:
        if not _HEADER_NAME.match(name):
            raise BadRequest(f"Field 'headers': {name!r} is not a valid header name.")
        if name.lower() in RESERVED_HEADERS:
            raise BadRequest(f"Field 'headers': {name} is set by the server and cannot be given.")
        if "\r" in str(value) or "\n" in str(value) or len(str(value)) > MAX_HEADER_VALUE:
            raise BadRequest(f"Field 'headers': the value of {name} has a line break or is too long.")
    return [(name, str(value)) for name, value in items]


def _body(message: MessageIn) -> tuple[str | None, str | None]:
    text, html = message.text, message.html
    if message.body is not None and text is None and html is None:
        body_type = (message.body_type or "text").strip().lower()
        if body_type not in ("text", "html"):
            raise BadRequest("Field 'body_type' must be 'text' or 'html'.")
        text, html = (message.body, None) if body_type == "text" else (None, message.body)
    if text is None and html is None:
        raise BadRequest("Field 'text' (or 'html', or 'body') is required.")
    return text, html


def _attachments(message: MessageIn, files: dict[str, list[bytes]], max_bytes: int) -> list[Attachment]:
    found = []
    for i, ref in enumerate(message.attachments or []):
        name = (ref.name or "").strip()
        if not name:
            raise BadRequest(f"Field 'attachments[{i}].name' is required.")
        want = (ref.hash or "").strip().lower()
        match = next((c for c in files.get(name, []) if not want or want in attachment_hashes(c)), None)
        if match is None:
            raise BadRequest(f"Field 'attachments[{i}]': no uploaded file named {name!r} with that SHA-256 hash.")
        if len(match) > max_bytes:
            raise BadRequest(
                f"Attachment {name!r} is {len(match)} bytes; the limit is {max_bytes} (send_max_attachment_bytes)."
            )
        content_type = (ref.content_type or "").strip() or None
        if content_type is not None and not is_mime_type(content_type):
            raise BadRequest(f"Field 'attachments[{i}].content_type' must be a MIME type such as application/pdf.")
        if one_line(name) != name:
            raise BadRequest(f"Field 'attachments[{i}].name' must not contain line breaks or control characters.")
        found.append(Attachment(name, match, content_type))
    return found


def secure_text_numbers(message: MessageIn) -> list[str]:
    """The SecureText phone numbers of a message (`securetext: 1` with `sms_to`), checked and de-duplicated."""
    if not message.securetext:
        if message.sms_to:
            raise BadRequest("Field 'sms_to' needs 'securetext': 1.")
        return []
    phones = [normalise_phone(v, field=f"sms_to[{i}]") for i, v in enumerate(message.sms_to or []) if v.strip()]
    if not phones:
        raise BadRequest("Field 'sms_to' must list the SecureText recipients' mobile numbers (+15551234567).")
    return list(dict.fromkeys(phones))


def draft_of(
    message: MessageIn, *, sender: Sender, files: dict[str, list[bytes]], max_attachment: int, max_recipients: int
) -> Draft:
    """The validated Draft of one message (BadRequest names the first problem)."""
    to, cc, bcc = _addresses(message.to, "to"), _addresses(message.cc, "cc"), _addresses(message.bcc, "bcc")
    phones = secure_text_numbers(message)
    count = len(dict.fromkeys([*to, *cc, *bcc]))
    if count == 0 and not phones:
        raise BadRequest("Field 'to' (or 'cc', 'bcc', or 'sms_to' with securetext) must name at least one recipient.")
    if count > max_recipients:
        raise BadRequest(
            f"{count} recipients in one message; the limit is {max_recipients} (send_max_recipients_per_message)."
        )
    subject = (message.subject or "").replace("\r", " ").replace("\n", " ").strip()
    if not subject:  # spec 10-user.md: subject is a required field of a message
        raise BadRequest("Field 'subject' is required.")
    if len(subject) > MAX_SUBJECT:
        raise BadRequest(f"Field 'subject' is longer than {MAX_SUBJECT} characters.")
    mail_from = _sender_address(message, sender)
    # spec 10-user.md: from_name defaults to the from address (never an empty display name).
    from_name = (message.from_name or "").strip() or mail_from
    if len(from_name) > MAX_FROM_NAME or "\n" in from_name or "\r" in from_name:
        raise BadRequest(f"Field 'from_name' must be one line of at most {MAX_FROM_NAME} characters.")
    reply = message.reply_address or message.reply_to
    text, html = _body(message)
    headers = _headers(message.headers)
    if message.receipt:  # RFC 8098: ask the recipient's client for a read receipt to the sender
        headers.append(("Disposition-Notification-To", mail_from))
    return Draft(
        mail_from=mail_from,
        from_name=from_name,
        to=to,
        cc=cc,
        bcc=bcc,
        reply_to=normalise_address(_bare(reply), field="reply_address") if reply else None,
        subject=subject,
        text=text,
        html=html,
        headers=headers,
        attachments=_attachments(message, files, max_attachment),
    )
