"""compose() writes messages without attachments itself; the bytes must be exactly what the email
generator writes (headers, blank line, every line end as CRLF, no line end added or lost, multipart
boundaries and quoted-printable parts where the generator puts them)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from email import message_from_bytes
from email.generator import BytesGenerator
from email.policy import compat32

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
def test_other_single_part_bodies_are_what_the_generator_writes(draft: Draft) -> None:
    assert not is_plain_7bit(draft)
    assert compose(draft, message_id="m2@example.com", date=DATE) == generator_bytes(draft, "m2@example.com")


PARTS = [*TEXTS, "caf\u00e9 \u2014 na\u00efve\n", "x" * 1200 + "\n", "<p>=3D and = signs</p>\r\n", "\u00e9" * 200]


@pytest.mark.parametrize("html", PARTS, ids=range(len(PARTS)))
@pytest.mark.parametrize("text", [PARTS[1], PARTS[5], PARTS[-4], PARTS[-1]], ids=["7bit", "ends", "utf8", "long"])
def test_text_and_html_are_byte_for_byte_what_the_generator_writes(
    text: str, html: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One boundary for both (the generator's reference draws its own otherwise), of the real length:
    # the Content-Type field folds before boundary= because of it.
    boundary = compose_module._boundary()
    monkeypatch.setattr(compose_module, "_boundary", lambda: boundary)
    draft = Draft(
        "p@example.com",
        "P\u00e4t",
        to=["a@example.org"],
        subject="News",
        text=text,
        html=html,
        headers=[("List-Unsubscribe", "<https://example.com/u/1>"), ("X-Campaign", "7")],
    )
    fast = compose(draft, message_id="m3@example.com", date=DATE)
    assert fast == generator_bytes(draft, "m3@example.com")
    assert fast.count(boundary.encode()) == 4  # the Content-Type parameter, two delimiters, the close


def test_attachments_take_the_generator() -> None:
    draft = Draft("p@example.com", text="t", html="<p>t</p>", attachments=[compose_module.Attachment("a.txt", b"x")])
    assert not is_plain_7bit(draft)
    mime = compose(draft, message_id="m4@example.com", date=DATE)
    assert b"multipart/mixed" in mime and b"multipart/alternative" in mime and b'filename="a.txt"' in mime


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["List-Unsubscribe", "Subject", "To", "X-Mailbox-x", "X"]),
    st.lists(
        st.sampled_from(["a", "x", "<https://ex.org/u/", "TOKEN0123456789", ">", " ", "  ", ",", ", ", ";", "@"]),
        max_size=60,
    ),
)
def test_long_ascii_headers_fold_exactly_as_compat32_folds_them(name: str, pieces: list[str]) -> None:
    """Long printable-ASCII values fold from a cached fold of their shape; the bytes are compat32's."""
    value = "".join(pieces)
    assert GENERATOR_POLICY.fold_binary(name, value) == compat32.clone(linesep="\r\n").fold_binary(name, value)
