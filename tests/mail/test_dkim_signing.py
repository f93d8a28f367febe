"""DKIM signatures made with OpenSSL (openlux.mail.dkim_signer), each one verified by dkimpy against the
record published in the loopback DNS server: RSA 1024/2048 and Ed25519, simple and relaxed
canonicalisation, dual signing, key rotation, and delivery through the worker in both pool kinds."""

from __future__ import annotations

import asyncio
import base64
from email import message_from_bytes

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from openlux.mail import dkim as mail_dkim
from openlux.mail import dkim_signer
from openlux.mail.dkim_signer import Algorithm, Canon, KeyMaterial, sign_message
from tests.mail.conftest import Mailbox, running_worker, wait_final
from tests.mail.test_delivery import message, queue
from tests.support.dns_server import DnsServer
from tests.support.smtp_sinks import smtp_sink

DOMAIN = "signer.test"
NAMES = mail_dkim.SIGNED_HEADERS
CANONS = [(h, b) for h in Canon for b in Canon]
MESSAGES = {
    "plain": b"From: Pat <pat@signer.test>\r\nTo: lee@example.org\r\nSubject: Lab results\r\n"
    b"Date: Sat, 28 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@signer.test>\r\n\r\nYour results are ready.\r\n",
    # Folded and padded headers, WSP runs and tabs, trailing WSP, trailing empty lines.
    "whitespace": b"From:   Pat\t <pat@signer.test>  \r\nTo: a@example.org,\r\n\tb@example.org\r\n"
    b"Subject:  Lab \t results  \r\nContent-Type: text/plain;\r\n  charset=utf-8\r\n\r\n"
    b"Line  one \t \r\n\tindented\r\n\r\nlast line  \r\n\r\n\r\n\r\n",
    # Repeated fields: h= takes them bottom-up (RFC 6376 §5.4.2).
    "repeated": b"Received: by relay\r\nFrom: pat@signer.test\r\nSubject: first\r\nTo: x@example.org\r\n"
    b"Subject: second\r\nX-OpenLux-Ref: abc\r\n\r\nbody\r\n",
    "bare-lf": b"From: pat@signer.test\nTo: lee@example.org\nSubject: lf only\n\nline one\nline two\n",
    "empty-body": b"From: pat@signer.test\r\nTo: lee@example.org\r\nSubject: nothing\r\n\r\n",
    "no-body": b"From: pat@signer.test\r\nSubject: no separator\r\n",
}


def rsa_material(bits: int, selector: str) -> tuple[KeyMaterial, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    record = f"v=DKIM1; k=rsa; p={base64.b64encode(public).decode()}"
    return KeyMaterial.of(Algorithm.RSA_SHA256, DOMAIN, selector, pem), record


def ed25519_material(selector: str) -> tuple[KeyMaterial, str]:
    key = ed25519.Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    record = f"v=DKIM1; k=ed25519; p={base64.b64encode(public).decode()}"
    return KeyMaterial.of(Algorithm.ED25519_SHA256, DOMAIN, selector, pem), record


@pytest.fixture(scope="module")
def published(dns_server: DnsServer) -> dict[str, KeyMaterial]:
    """Three keys of signer.test, their records published in the loopback DNS server."""
    keys = {}
    for name, (material, record) in {
        "rsa1024": rsa_material(1024, "r1024"),
        "rsa2048": rsa_material(2048, "r2048"),
        "ed25519": ed25519_material("ed"),
    }.items():
        dns_server.remove(f"{material.selector}._domainkey.{DOMAIN}")
        dns_server.add_txt(f"{material.selector}._domainkey.{DOMAIN}", record)
        keys[name] = material
    return keys


def dns_lookup(dns_server: DnsServer):
    """dkimpy's dnsfunc answered by the loopback DNS server."""
    resolver = dns_server.sync_resolver()

    def txt(name: bytes, timeout: int = 5) -> bytes:
        answer = resolver.resolve(name.decode().rstrip("."), "TXT")
        return b"".join(b"".join(r.strings) for r in answer)

    return txt


def verified(signed: bytes, dns_server: DnsServer) -> list[bool]:
    """dkimpy's verdict on every DKIM-Signature of the message, top first."""
    checker = dkim.DKIM(signed)
    count = sum(1 for name, _v in checker.headers if name.lower() == b"dkim-signature")
    verdicts = []
    for i in range(count):
        try:
            verdicts.append(checker.verify(idx=i, dnsfunc=dns_lookup(dns_server)))
        except dkim.DKIMException:  # what dkim.verify() turns into False: body hash mismatch and the like
            verdicts.append(False)
    return verdicts


@pytest.mark.parametrize("kind", ["rsa1024", "rsa2048", "ed25519"])
@pytest.mark.parametrize("canon", CANONS, ids=lambda c: f"{c[0]}-{c[1]}")
@pytest.mark.parametrize("sample", list(MESSAGES))
def test_dkimpy_verifies_every_signature(
    published: dict[str, KeyMaterial], dns_server: DnsServer, kind: str, canon: tuple[Canon, Canon], sample: str
) -> None:
    signed = sign_message(MESSAGES[sample], (published[kind],), NAMES, canon)
    assert signed.startswith(b"DKIM-Signature: v=1; a=")
    assert f"c={canon[0]}/{canon[1]}".encode() in signed
    assert verified(signed, dns_server) == [True]


@pytest.mark.parametrize("canon", CANONS, ids=lambda c: f"{c[0]}-{c[1]}")
def test_a_changed_message_fails_verification(
    published: dict[str, KeyMaterial], dns_server: DnsServer, canon: tuple[Canon, Canon]
) -> None:
    signed = sign_message(MESSAGES["plain"], (published["rsa2048"], published["ed25519"]), NAMES, canon)
    assert verified(signed, dns_server) == [True, True]
    assert verified(signed.replace(b"results are ready", b"results are READY"), dns_server) == [False, False]
    assert verified(signed.replace(b"Subject: Lab results", b"Subject: Lab result"), dns_server) == [False, False]
    # An added Cc: is caught too: h= names the absent field (oversigning, as dkimpy does).
    assert verified(signed.replace(b"\r\n\r\n", b"\r\nCc: intruder@example.org\r\n\r\n", 1), dns_server) == [
        False,
        False,
    ]


def test_relaxed_canonicalisation_matches_dkimpy() -> None:
    """Our canonical forms are dkimpy's, byte for byte (it is the reference verifier)."""
    from dkim.canonicalization import Relaxed, Simple

    for raw in MESSAGES.values():
        mime = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        headers, body = dkim.rfc822_parse(mime)
        fields, our_body = dkim_signer.split_message(mime)
        assert our_body == body
        assert [(bytes(n), bytes(v)) for n, v in headers] == fields
        for ours, theirs in ((Canon.RELAXED, Relaxed), (Canon.SIMPLE, Simple)):
            assert dkim_signer.canonical_body(our_body, ours) == theirs.canonicalize_body(body)
            assert [dkim_signer.canonical_header(n, v, ours) for n, v in fields] == [
                n + b":" + v for n, v in theirs.canonicalize_headers(headers)
            ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"a", b"b.", b" ", b"  ", b"\t", b"\r\n", b"\r\n\r\n", b"=20", b"\r"]), max_size=40))
def test_relaxed_body_is_dkimpys_for_any_mix_of_spaces_tabs_and_line_ends(pieces: list[bytes]) -> None:
    """Bodies with nothing to change take a shortcut (no tab, no run of spaces, no space ending a line);
    either way the canonical body is dkimpy's. Bodies end in CRLF, as SMTP carries them (data_block):
    dkimpy keeps trailing spaces on a last line without one, which no receiver ever sees."""
    from dkim.canonicalization import Relaxed

    body = b"".join(pieces) + b"\r\n"
    assert dkim_signer.canonical_body(body, Canon.RELAXED) == Relaxed.canonicalize_body(body)


def test_opened_keys_are_cached_per_content(published: dict[str, KeyMaterial]) -> None:
    material = published["rsa2048"]
    sign_message(MESSAGES["plain"], (material,), NAMES)
    before = dkim_signer.opened_key_count()
    first = dkim_signer.opened_key(material)
    for _ in range(5):
        sign_message(MESSAGES["plain"], (material,), NAMES)
    assert dkim_signer.opened_key_count() == before and dkim_signer.opened_key(material) is first
    rotated, _record = rsa_material(1024, "r1024")  # same selector, new key: a new entry, never the old key
    assert dkim_signer.opened_key(rotated) is not first
    assert dkim_signer.opened_key_count() == min(before + 1, dkim_signer.KEY_CACHE_SIZE)


def test_from_must_be_signed(published: dict[str, KeyMaterial]) -> None:
    with pytest.raises(ValueError, match="From"):
        dkim_signer.signature_headers(MESSAGES["plain"], (published["rsa2048"],), names=(b"subject",))


async def _create(box: Mailbox, selector: str, **kwargs: object) -> str:
    async with box.ctx.db.transaction() as session:
        key = await mail_dkim.create_key(
            session=session, ctx=box.ctx, account_id=box.account_id, domain="example.com", selector=selector, **kwargs
        )
        mail_dkim.forget_key(box.ctx, "example.com")
        return mail_dkim.dns_record(key)


async def _deliver_one(box: Mailbox, to: str) -> bytes:
    with smtp_sink("plain") as sink:
        box.configure(delivery_mode="relay", relays=sink.address)
        ids = await queue(box, message(to, html="<p>Ready</p>"))
        async with running_worker(box.ctx):
            [row] = await wait_final(box.ctx, ids)
        assert row.state == "sent"
        [got] = sink.messages
    return got.data


@pytest.mark.parametrize("pool", ["thread", "process"])
async def test_worker_dual_signs_and_rotation_counts_at_once(
    mailbox: Mailbox, dns_server: DnsServer, backend: str, pool: str
) -> None:
    """Through the worker: RSA-2048 + Ed25519 (RFC 8463 dual signing), then a rotated RSA key."""
    mailbox.configure(dkim_sign_pool=pool)
    published = {}
    for selector, kind in ((f"rsa-{backend}-{pool}", mail_dkim.KeyType.RSA), (f"ed-{backend}-{pool}", "ed25519")):
        record = await _create(mailbox, selector, key_type=mail_dkim.KeyType(kind))
        dns_server.remove(f"{selector}._domainkey.example.com")
        dns_server.add_txt(f"{selector}._domainkey.example.com", record)
        published[kind] = selector
    assert published["ed25519"] and (await mail_dkim.signing_key(mailbox.ctx, "example.com")).selector.startswith(
        "rsa-"
    )
    data = await _deliver_one(mailbox, "pat@clinic.test")
    signatures = message_from_bytes(data).get_all("DKIM-Signature")
    assert [("a=rsa-sha256" in s, "a=ed25519-sha256" in s) for s in signatures] == [(True, False), (False, True)]
    assert await asyncio.to_thread(verified, data, dns_server) == [True, True]

    rotated = f"rot-{backend}-{pool}"
    record = await _create(mailbox, rotated, bits=2048)
    dns_server.remove(f"{rotated}._domainkey.example.com")
    dns_server.add_txt(f"{rotated}._domainkey.example.com", record)
    data = await _deliver_one(mailbox, "lee@clinic.test")
    signatures = message_from_bytes(data).get_all("DKIM-Signature")
    assert f"s={rotated};" in signatures[0] and f"s={published['ed25519']};" in signatures[1]
    assert await asyncio.to_thread(verified, data, dns_server) == [True, True]


async def test_concurrent_deliveries_read_a_domains_keys_once(mailbox: Mailbox) -> None:
    """Sixteen delivery tasks missing the key cache together make one database read, not sixteen."""
    await _create(mailbox, "once", bits=1024)
    reads: list[str] = []

    def count(_conn, _cursor, statement: str, *_args) -> None:
        if "FROM dkim_key" in statement:
            reads.append(statement)

    engine = mailbox.ctx.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        keys = await asyncio.gather(*(mail_dkim.signing_key(mailbox.ctx, "example.com") for _ in range(16)))
        assert len(reads) == 1 and {k.selector for k in keys} == {"once"}
        mail_dkim.forget_key(mailbox.ctx, "example.com")
        await mail_dkim.signing_key(mailbox.ctx, "example.com")
        assert len(reads) == 2  # forgetting (key created or deleted here) reads again at once
    finally:
        event.remove(engine, "before_cursor_execute", count)
