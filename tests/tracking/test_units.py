"""Tokens, classification rules and HTML rewriting, without a server."""

from __future__ import annotations

import email

import pytest

from openlux.mail import compose
from openlux.tracking.classify import Classification, classify
from openlux.tracking.rewrite import rewrite_html, track_mime
from openlux.tracking.tokens import LinkToken, TokenKind, make_link, make_pair, read_link, read_pair

KEY, OTHER = b"k" * 32, b"o" * 32


def test_link_tokens_round_trip_and_refuse_any_change() -> None:
    token = LinkToken(TokenKind.CLICK, 12, 34, 2, 1_700_000_000, "https://example.org/a?b=c&d=é")
    text = make_link(KEY, token)
    assert read_link(KEY, text) == token
    assert read_link(OTHER, text) is None
    for i in range(len(text)):
        changed = text[:i] + ("A" if text[i] != "A" else "B") + text[i + 1 :]
        assert read_link(KEY, changed) != token
    assert read_link(KEY, "") is None and read_link(KEY, "!!!") is None


def test_address_tokens_are_lower_case_and_kind_bound() -> None:
    text = make_pair(KEY, TokenKind.BOUNCE, 5, 6)
    assert text == text.lower() and len("b-" + text) <= 64
    assert read_pair(KEY, TokenKind.BOUNCE, text.upper()) == (5, 6)
    assert read_pair(KEY, TokenKind.UNSUBSCRIBE, text) is None


@pytest.mark.parametrize(
    ("kind", "method", "agent", "ip", "after", "expected"),
    [
        ("open", "GET", "Mozilla/5.0 (Macintosh) AppleWebKit/605 Safari/605", "203.0.113.5", 60, "human"),
        ("open", "GET", "Mozilla/5.0", "203.0.113.5", 60, "automated"),  # Apple Mail Privacy Protection
        ("open", "GET", "Mozilla/5.0 (Macintosh)", "17.58.1.2", 60, "automated"),  # Apple's network
        ("open", "GET", "Mozilla/5.0 (via ggpht.com GoogleImageProxy)", "66.249.1.1", 60, "automated"),
        ("click", "HEAD", "Mozilla/5.0 (Windows NT 10.0) Chrome/120", "203.0.113.5", 60, "automated"),
        ("click", "GET", "Mozilla/5.0 (Windows NT 10.0) Chrome/120", "203.0.113.5", 2, "automated"),  # scanner
        ("click", "GET", "python-requests/2.31", "203.0.113.5", 60, "automated"),
        ("click", "GET", "", "203.0.113.5", 60, "automated"),
        ("click", "GET", "Mozilla/5.0", "203.0.113.5", 60, "human"),  # the Apple rule is for opens only
    ],
)
def test_classification_rules(kind: str, method: str, agent: str, ip: str, after: float, expected: str) -> None:
    assert classify(
        kind=kind, method=method, user_agent=agent, client_ip=ip, seconds_after_send=after, scanner_seconds=10
    ) == Classification(expected)


def test_rewrite_wraps_http_links_only_and_keeps_our_own() -> None:
    html = (
        "<a href=\"https://a.test/x?y=1&amp;z=2\">a</a> <A HREF='http://b.test'>b</A> "
        '<a href="mailto:x@y.test">m</a> <a href="https://ours.test/unsubscribe/t">u</a></body>'
    )
    out = rewrite_html(
        html,
        click_url=lambda i, u: f"https://ours.test/t/c/{i}?{u}",
        pixel_url="https://ours.test/o",
        keep=lambda u: u.startswith("https://ours.test/"),
    )
    assert 'href="https://ours.test/t/c/1?https://a.test/x?y=1&amp;z=2"' in out
    assert "https://ours.test/t/c/2?http://b.test" in out and 'href="mailto:x@y.test"' in out
    assert 'href="https://ours.test/unsubscribe/t"' in out and out.endswith("/></body>")


def test_track_mime_changes_only_the_html_part() -> None:
    draft = compose.Draft(
        mail_from="a@x.test",
        to=["b@y.test"],
        subject="Hi",
        text="Ünïcode text https://a.test\n" * 40,
        html='<p><a href="https://a.test/">x</a> é</p>',
    )
    mime = compose.compose(draft, message_id="1@x.test")
    out = track_mime(
        mime, click_url=lambda i, u: f"https://t.test/{i}", pixel_url="https://t.test/o", keep=lambda u: False
    )
    text_start = mime.index(b"Content-Type: text/plain")
    text_bytes = mime[text_start : mime.index(b"--=_openlux", text_start)]
    assert text_bytes in out
    html = next(p for p in email.message_from_bytes(out).walk() if p.get_content_type() == "text/html")
    assert html.get_payload(decode=True).decode() == (
        '<p><a href="https://t.test/1">x</a> é</p>'
        '<img src="https://t.test/o" width="1" height="1" alt="" '
        'border="0" style="display:block;width:1px;height:1px;border:0;'
        'margin:0;padding:0" />'
    )
    plain = compose.compose(compose.Draft(mail_from="a@x.test", to=["b@y.test"], text="only text"), message_id="2@x")
    assert track_mime(plain, click_url=None, pixel_url="https://t.test/o", keep=lambda u: False) == plain
