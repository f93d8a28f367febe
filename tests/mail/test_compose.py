"""Composition and raw-message preparation (no database): MIME shapes, headers, SMTP policy header."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from openlux.core.errors import BadRequest
from openlux.mail.compose import Attachment, Draft, compose
from openlux.mail.submission import prepare


def parsed(draft: Draft) -> object:
    return message_from_bytes(compose(draft, message_id="m1@example.com"), policy=policy.default)


def test_text_html_attachments_and_non_ascii_headers() -> None:
    message = parsed(
        Draft(
            mail_from="a@example.com",
            from_name="Zoë Müller",
            to=["b@example.org"],
            cc=["c@example.org"],
            bcc=["secret@example.org"],
            reply_to="r@example.com",
            subject="Résultats",
            text="Grüße",
            html="<p>Grüße</p>",
            headers=[("X-Note", "Ünï")],
            attachments=[Attachment("rapport é.pdf", b"\x00\x01", "application/pdf")],
        )
    )
    assert message["From"] == "Zoë Müller <a@example.com>" and message["Subject"] == "Résultats"
    assert message["Cc"] == "c@example.org" and message["Bcc"] is None and message["Reply-To"] == "r@example.com"
    assert message["Message-ID"] == "<m1@example.com>" and message["Date"] and message["X-Note"] == "Ünï"
    assert message.get_body(("plain",)).get_content().strip() == "Grüße"
    assert message.get_body(("html",)).get_content().strip() == "<p>Grüße</p>"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "rapport é.pdf" and attachment.get_content() == b"\x00\x01"


def test_lines_are_crlf_and_short() -> None:
    raw = compose(
        Draft(mail_from="a@example.com", to=["b@example.org"], subject="s" * 300, text="x" * 5000),
        message_id="m@example.com",
    )
    assert b"\n" not in raw.replace(b"\r\n", b"") and max(len(line) for line in raw.split(b"\r\n")) <= 998


def test_prepare_consumes_the_policy_header_and_adds_missing_ids() -> None:
    mime, tls, message_id = prepare(
        b"From: a@example.com\r\nX-OpenLux-Secure: required\r\nSubject: s\r\n\r\nbody\r\n",
        sender_domain="example.com",
        default_policy="opportunistic",
    )
    assert tls == "required" and b"X-OpenLux-Secure" not in mime and mime.endswith(b"\r\n\r\nbody\r\n")
    assert f"Message-ID: <{message_id}>".encode() in mime and b"\r\nDate: " in b"\r\n" + mime


def test_prepare_reads_luxsci_encrypt_tag_and_refuses_unknown_policies() -> None:
    mime, tls, _ = prepare(
        b"Subject: +encrypt+ Lab results\r\nMessage-ID: <x@y.z>\r\nDate: now\r\n\r\nb\r\n",
        sender_domain="example.com",
        default_policy="opportunistic",
    )
    assert tls == "secureline" and b"Subject: Lab results" in mime
    with pytest.raises(BadRequest):
        prepare(b"X-OpenLux-Secure: maybe\r\n\r\nb\r\n", sender_domain="example.com", default_policy="opportunistic")


def test_multipart_boundaries_are_random_per_message_and_parse_back() -> None:
    draft = Draft(
        mail_from="a@example.com",
        to=["b@example.org"],
        subject="Hi",
        text="plain",
        html="<p>html</p>",
        attachments=[Attachment("a.txt", b"x", "text/plain")],
    )
    first, second = (message_from_bytes(compose(draft, message_id=f"{i}@x"), policy=policy.default) for i in (1, 2))
    assert first.get_boundary() != second.get_boundary()
    assert first.get_boundary().startswith("=_openlux_")
    body = first.get_body(("plain",))
    assert body is not None and body.get_content().strip() == "plain"
    assert [p.get_filename() for p in first.iter_attachments()] == ["a.txt"]
