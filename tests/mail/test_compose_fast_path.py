"""compose() writes a 7bit text/plain body itself; the bytes must be exactly what the email generator
writes (headers, blank line, every line end as CRLF, no line end added or lost)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from email import message_from_bytes
from email.generator import BytesGenerator

import pytest

from openlux.mail import compose as compose_module
from openlux.mail.compose import GENERATOR_POLICY, Draft, compose, is_plain_7bit

DATE = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
TEXTS = [
    "",
    "one line",
    "one line\n",
    "a\nb\nc",
    "a\r\nb\r\n",
    "mixed\rends\r\nand\nmore\n\n\n",
    "\n",
    "\r",
    "\n\nleading blank lines",
    ".a dot line\n..two\nFrom the start\n",
    "x" * 998 + "\nshort",
    "tabs\tand  spaces  \n  indented\n",
    "Dear customer,\n\n" + "Your statement is ready.\n" * 400 + "-- \nsig\n",
]


def generator_bytes(draft: Draft, message_id: str) -> bytes:
    """What compose() returned before the fast path: the whole message through the generator."""
    message = compose_module._body(draft)
    for name, value in reference_headers(draft, message_id):
        message[name] = value
    buffer = io.BytesIO()
    BytesGenerator(buffer, mangle_from_=False, policy=GENERATOR_POLICY).flatten(message)
    return buffer.getvalue()


def reference_headers(draft: Draft, message_id: str) -> list[tuple[str, str]]:
    head = compose(draft, message_id=message_id, date=DATE).split(b"\r\n\r\n", 1)[0].decode()
    parsed = message_from_bytes(head.encode() + b"\r\n\r\n")
    body_headers = {"content-type", "mime-version", "content-transfer-encoding"}
    return [(k, v) for k, v in parsed.items() if k.lower() not in body_headers]


@pytest.mark.parametrize("text", TEXTS)
def test_a_7bit_text_body_is_byte_for_byte_what_the_generator_writes(text: str) -> None:
    draft = Draft("pat@example.com", "Pat", to=["a@example.org"], subject="Hello", text=text, headers=[("X-A", "1")])
    assert is_plain_7bit(draft)
    fast = compose(draft, message_id="m1@example.com", date=DATE)
    assert fast == generator_bytes(draft, "m1@example.com")
    assert b"Content-Transfer-Encoding: 7bit\r\n" in fast and b'charset="us-ascii"' in fast


@pytest.mark.parametrize(
    "draft",
    [
        Draft("p@example.com", text="caf\u00e9"),
        Draft("p@example.com", text="x" * 999),
        Draft("p@example.com", html="<p>t</p>"),
    ],
    ids=["non-ascii", "long-line", "html"],
)
def test_other_single_part_bodies_take_the_generator(draft: Draft) -> None:
    assert not is_plain_7bit(draft)
    assert compose(draft, message_id="m2@example.com", date=DATE) == generator_bytes(draft, "m2@example.com")


def test_multipart_and_attachments_are_not_the_fast_path() -> None:
    assert not is_plain_7bit(Draft("p@example.com", text="t", html="<p>t</p>"))
    assert not is_plain_7bit(Draft("p@example.com", text="t", attachments=[compose_module.Attachment("a.txt", b"x")]))
