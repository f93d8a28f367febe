"""The splicing path of track_mime gives the same message as the email package's parse-and-rewrite path,
for every shape OpenLux composes, and hands anything else to that path."""

from __future__ import annotations

from email import message_from_bytes
from email.message import Message
from email.parser import BytesHeaderParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openlux.mail import compose
from openlux.tracking import rewrite

LINKS = "<p><a href=\"https://example.org/a?x=1&amp;y=2\">A</a> <a href='http://example.org/b'>B</a></p>"
OWN = '<a href="https://openlux.test/unsubscribe/tok">unsubscribe</a>'
HTML_ASCII = (
    f"<html><body><h1>Hello</h1>{LINKS}{OWN}\n" + "<p>Lorem ipsum dolor sit amet.</p>\n" * 30 + "</body></html>"
)
HTML_UTF8 = HTML_ASCII.replace("Hello", "Grüße, Zoë — ✓")
HTML_LONG_LINE = "<html><body>" + LINKS * 200 + "</body></html>"  # one line over 998 characters: QP
TEXT = "Hello,\nplain text https://example.org/a stays as it is.\n"


def click(index: int, url: str) -> str:
    return f"https://openlux.test/t/c/{index}/{url.encode().hex()}"


def keep(url: str) -> bool:
    return url.startswith("https://openlux.test/")


def draft(**parts: object) -> compose.Draft:
    return compose.Draft(mail_from="news@example.com", to=["pat@example.org"], subject="News", **parts)  # type: ignore[arg-type]


SHAPES = {
    "html only, ascii (7bit)": draft(html=HTML_ASCII),
    "html only, utf-8 (quoted-printable)": draft(html=HTML_UTF8),
    "html with a long line (quoted-printable)": draft(html=HTML_LONG_LINE),
    "text and html (alternative)": draft(text=TEXT, html=HTML_UTF8),
    "text, html and attachments (mixed around alternative)": draft(
        text=TEXT,
        html=HTML_ASCII,
        attachments=[
            compose.Attachment("report.html", HTML_ASCII.encode(), "text/html"),  # an attachment: never rewritten
            compose.Attachment("data.bin", bytes(range(256)) * 20),
        ],
    ),
    "text only": draft(text=TEXT),
}


def rewrite_of(mime: bytes) -> tuple[bytes | None, bytes]:
    def change(text: str) -> str:
        return rewrite.rewrite_html(text, click_url=click, pixel_url="https://openlux.test/t/o/p", keep=keep)

    return rewrite._spliced(mime, change), rewrite.parsed_and_tracked(mime, change)


def parts_of(mime: bytes) -> list[tuple[str, str | None, list[tuple[str, str]], bytes]]:
    """Each part: content type, disposition, headers (unfolded), decoded payload."""
    out = []
    for part in message_from_bytes(mime).walk():
        assert isinstance(part, Message)
        payload = b"" if part.is_multipart() else part.get_payload(decode=True)
        headers = [(k, " ".join(str(v).split())) for k, v in part.items()]
        out.append((part.get_content_type(), part.get_content_disposition(), headers, payload))
    return out


@pytest.mark.parametrize("shape", list(SHAPES))
def test_splicing_gives_the_parsed_paths_message(shape: str) -> None:
    mime = compose.compose(SHAPES[shape], message_id="m1@example.com")
    spliced, parsed = rewrite_of(mime)
    assert spliced is not None, "a composed message is spliced"
    assert parts_of(spliced) == parts_of(parsed)
    assert spliced.count(b"\n") == spliced.count(b"\r\n"), "CRLF line ends only"
    if "html" in shape:
        html = b"".join(
            p for ctype, disposition, _h, p in parts_of(spliced) if ctype == "text/html" and not disposition
        )
        assert b"https://openlux.test/t/o/p" in html
        assert b"https://openlux.test/t/c/1/" in html and b"https://openlux.test/t/c/2/" in html
        if OWN.encode() in mime.replace(b"=\r\n", b"").replace(b"=3D", b"="):
            assert OWN.encode() in html  # our own unsubscribe link is kept as it is
    else:
        assert spliced == mime


def test_parts_other_than_the_html_keep_their_exact_bytes() -> None:
    mime = compose.compose(SHAPES["text, html and attachments (mixed around alternative)"], message_id="m2@example.com")
    spliced, _parsed = rewrite_of(mime)
    assert spliced is not None
    html_part = next(
        p
        for p in message_from_bytes(mime).walk()
        if p.get_content_type() == "text/html" and not p.get_content_disposition()
    )
    body = html_part.get_payload()
    assert isinstance(body, str)
    before, _, after = mime.partition(body.encode("ascii"))
    assert spliced.startswith(before) and spliced.endswith(after)


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda m: m.replace(b"\r\n", b"\n"), id="bare LF"),
        pytest.param(
            lambda m: m.replace(b"Content-Transfer-Encoding: 7bit", b"Content-Transfer-Encoding: x-uuencode"),
            id="unknown encoding",
        ),
    ],
)
def test_other_shapes_go_through_the_email_package(mangle: object) -> None:
    mime = mangle(compose.compose(SHAPES["text and html (alternative)"], message_id="m3@example.com"))  # type: ignore[operator]
    out = rewrite.track_mime(mime, click_url=click, pixel_url="https://openlux.test/t/o/p", keep=keep)
    assert b"https://openlux.test/t/o/p" in out or b"x-uuencode" in out
    assert parts_of(out)[0][0] == "multipart/alternative"


def test_a_delimiter_line_with_trailing_text_is_not_spliced() -> None:
    mime = compose.compose(SHAPES["text and html (alternative)"], message_id="m4@example.com")
    boundary = message_from_bytes(mime).get_boundary()
    assert boundary is not None
    first = mime.index(f"--{boundary}\r\n".encode())
    mangled = mime[: first + 2 + len(boundary)] + b" trailing" + mime[first + 2 + len(boundary) :]
    assert rewrite._spliced(mangled, str) is None


FIELD_LINES = [
    b"To: pat@example.org\r\n",
    b"Subject: News\r\n\tfolded on\r\n",
    b'Content-Type: text/html; charset="utf-8"\r\n',
    b'content-type :  multipart/alternative;\r\n boundary="=_b1"\r\n',
    b"CONTENT-TYPE: text/plain\r\n",
    b"Content-Transfer-Encoding: Quoted-Printable\r\n",
    b'Content-Disposition: attachment; filename="a.html"\r\n',
    b"Content-Disposition: inline\r\n",
    b"X-Content-Type: text/html\r\n",
    b"Content-Type: text/html;\r\n charset=iso-8859-1\r\n",
    b"Content-Type: multipart/mixed; boundary*=us-ascii''%3Db2\r\n",
    b"not a field line\r\n",  # the email package stops reading fields here
    b" a continuation where no field is\r\n",
    b"From pat@example.org Mon Jan  1 00:00:00 2026\r\n",  # an mbox separator
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FIELD_LINES), max_size=8))
def test_the_header_shortcut_reads_what_the_email_package_reads(lines: list[bytes]) -> None:
    """Splicing reads only the Content-* fields (cached); for any header section it decides as the full parse does."""
    head = b"".join(lines) + b"\r\n"
    full = BytesHeaderParser().parsebytes(head)
    read = rewrite._part_headers(head)
    assert read == rewrite._PartHeaders(
        full.get_content_maintype(),
        full.get_content_type(),
        full.get_boundary(),
        full.get_content_disposition(),
        full.get_content_charset(),
        str(full.get("Content-Transfer-Encoding", "7bit")).strip().lower(),
    )
