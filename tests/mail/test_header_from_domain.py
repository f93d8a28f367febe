"""delivery.pipeline.header_from_domain (which domain's DKIM key may sign) reads the From: field the way the
email package does, from the header section only."""

from __future__ import annotations

from email.parser import BytesHeaderParser
from email.utils import getaddresses

import pytest

from openlux.delivery.pipeline import header_from_domain

CASES = {
    b"From: Pat <pat@Example.COM>\r\nTo: x@y.org\r\n\r\nbody\r\nFrom: evil@bad.test\r\n": "example.com",
    b'Subject: x\r\nFrom:\r\n "Lee, Pat" <lee@clinic.test>\r\n\r\n': "clinic.test",
    b'Subject: x\r\nFROM :\r\n "Lee, Pat" <lee@clinic.test>\r\n\r\n': "",  # not a From: field to the parser
    b"To: a@b.c\r\n\r\nFrom: body@only.test\r\n": "",
    b"From: undisclosed\r\nFrom: second@two.test\r\n\r\n": "two.test",
    b"From: =?utf-8?q?J=C3=BCrgen?= <j@umlaut.test>\r\n\r\n": "umlaut.test",
    b"From: a@x.test, b@y.test\r\n\r\n": "x.test",
    b"X-From: spoof@no.test\r\nFrom: real@yes.test\r\n\r\n": "yes.test",
    b"From: group: a@g.test;\r\n\r\n": "g.test",
    b"From: lf@only.test\nTo: x@y.org\n\nbody\n": "only.test",
    b"To: x@y.org\n\nFrom: evil@bad.test\n": "",  # LF-only: the body still is not the header
    b"To: x@y.org\r\n\r\nFrom: evil@bad.test\r\n\r\n": "",
    b"\r\nFrom: evil@bad.test\r\n\r\n": "",  # an empty header section
}


def parser_reading(mime: bytes) -> str:
    """What the email package makes of it (the former implementation)."""
    values = BytesHeaderParser().parsebytes(mime).get_all("From", [])
    addresses = [a for _n, a in getaddresses([str(v) for v in values]) if "@" in a]
    return addresses[0].rsplit("@", 1)[1].lower().rstrip(">") if addresses else ""


@pytest.mark.parametrize("mime", list(CASES))
def test_same_domain_as_the_email_parser(mime: bytes) -> None:
    assert header_from_domain(mime) == CASES[mime] == parser_reading(mime)
