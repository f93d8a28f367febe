"""Tokens keep their bytes when the MAC is computed from a cached keyed state: every token is the
payload followed by the first 12 bytes of HMAC-SHA256(key, payload), whatever key came before."""

from __future__ import annotations

import base64
import hashlib
import hmac

from openlux.tracking.tokens import LinkToken, TokenKind, make_link, make_pair, read_link, read_pair


def _raw(token: str) -> bytes:
    return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))


def test_link_and_pair_tokens_are_the_payload_and_its_hmac_under_each_key() -> None:
    keys = [bytes([n]) * 32 for n in range(12)]  # more keys than the cache keeps
    for round_no in range(2):
        for key in keys:
            link = LinkToken(TokenKind.CLICK, 7, 9, 2, 1_700_000_000 + round_no, "https://example.org/a?b=c")
            raw = _raw(make_link(key, link))
            payload, mac = raw[:-12], raw[-12:]
            assert mac == hmac.digest(key, payload, hashlib.sha256)[:12]
            assert read_link(key, make_link(key, link)) == link
            assert read_link(keys[(keys.index(key) + 1) % len(keys)], make_link(key, link)) is None
            pair = make_pair(key, TokenKind.UNSUBSCRIBE, 3, 4)
            padded = pair.upper() + "=" * (-len(pair) % 8)
            raw_pair = base64.b32decode(padded)
            assert raw_pair[-12:] == hmac.digest(key, raw_pair[:-12], hashlib.sha256)[:12]
            assert read_pair(key, TokenKind.UNSUBSCRIBE, pair) == (3, 4)
