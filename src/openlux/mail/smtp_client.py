"""Outbound SMTP: opening connections with the TLS rule asked for, a per-destination connection pool
(bounded connections, messages per connection, sending rate) and one mail transaction per message.
"""

from __future__ import annotations

import _ssl
import asyncio
import hashlib
import os
import re
import ssl
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import cast

import aiosmtplib
from aiosmtplib import (
    SMTPException,
    SMTPReadTimeoutError,
    SMTPRecipientRefused,
    SMTPResponseException,
    SMTPServerDisconnected,
)
from aiosmtplib.email import quote_address
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.verification import DNSName, PolicyBuilder, Store, VerificationError

from openlux.mail.dns import Tlsa
from openlux.mail.states import Outcome


# STARTTLS rule of one connection: never try it, try it (fall back to plain), or insist (never downgrade).
class StartTls(StrEnum):
    """Whether a connection uses STARTTLS: never, when offered, or must (else no delivery)."""

    NEVER = "never"
    TRY = "try"
    MUST = "must"


NEVER, TRY, MUST = StartTls.NEVER, StartTls.TRY, StartTls.MUST
IDLE_SECONDS = 30.0  # close pooled connections idle this long: servers drop them after a minute or so
MAX_REPLY_BYTES = 64 * 1024  # a server answering more than this to one transaction is broken or hostile
ANY_LINE_END = re.compile(rb"\r\n|\r|\n")
SAFE_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]*@?[A-Za-z0-9.-]*")  # dot-atom local part, plain domain


class TlsUnavailable(Exception):
    """STARTTLS was required but the server does not offer it or it failed."""


@dataclass(frozen=True, slots=True)
class Destination:
    """Where to connect and how."""

    host: str
    port: int
    starttls: StartTls = TRY
    implicit_tls: bool = False
    username: str | None = None
    password: str | None = None
    name: str = ""  # the host name behind an address (MX name), for SNI and logs
    verify: bool = False  # check certificate chain and name (always, when a policy requires TLS)
    tlsa: tuple[Tlsa, ...] = ()  # DANE: usable TLSA records; the certificate must match one of them

    @property
    def label(self) -> str:
        return f"{self.name}[{self.host}]:{self.port}" if self.name else f"{self.host}:{self.port}"


@dataclass(slots=True)
class Reply:
    """One recipient's answer from the server."""

    address: str
    code: int | None
    text: str

    @property
    def outcome(self) -> Outcome:
        if self.code is not None and 200 <= self.code < 300:
            return Outcome.SENT
        return Outcome.FAILED if self.code is not None and self.code >= 500 else Outcome.DEFERRED


class PipelinedSession(asyncio.Protocol):
    """RFC 2920 command pipelining on a session aiosmtplib opened (EHLO, STARTTLS, AUTH), by taking over
    its transport: aiosmtplib 5 reads one reply per command and drops replies that arrive while an
    earlier one is unread, so it cannot pipeline. Sending MAIL, every RCPT and DATA in one write
    turns four round trips per message into two (the body waits for the 354, RFC 2920 §3.1)."""

    def __init__(self, transport: asyncio.Transport, timeout: float) -> None:
        self.transport = transport
        self.timeout = timeout
        self.buffer = bytearray()
        self.replies: deque[tuple[int, str]] = deque()
        self.waiter: asyncio.Future[None] | None = None
        self.lost: Exception | None = None
        transport.set_protocol(self)

    @property
    def is_connected(self) -> bool:
        return self.lost is None and not self.transport.is_closing()

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            reply = self._parse_one()
            if reply is None:
                break
            self.replies.append(reply)
        if len(self.buffer) > MAX_REPLY_BYTES:
            self._fail(SMTPResponseException(-1, "Response too long"))
            self.transport.close()
        self._wake()

    def _parse_one(self) -> tuple[int, str] | None:
        """The first complete (possibly multi-line) reply in the buffer, removed from it."""
        offset, lines = 0, []
        while True:
            end = self.buffer.find(b"\n", offset)
            if end < 0:
                return None
            line = bytes(self.buffer[offset : end + 1])
            offset = end + 1
            try:
                code = int(line[:3])
            except ValueError:
                self._fail(SMTPResponseException(-1, f"Malformed SMTP response line: {line[:80]!r}"))
                self.transport.close()
                return None
            lines.append(line[4:].strip(b" \t\r\n").decode("utf-8", "surrogateescape"))
            if line[3:4] != b"-":
                del self.buffer[:offset]
                return code, "\n".join(lines)

    def connection_lost(self, exc: Exception | None) -> None:
        self._fail(SMTPServerDisconnected(f"Connection lost: {exc}" if exc else "Connection lost"))

    def eof_received(self) -> bool:
        self._fail(SMTPServerDisconnected("Unexpected EOF received"))
        return False  # close the transport

    def _fail(self, exc: Exception) -> None:
        if self.lost is None:
            self.lost = exc
        self._wake()

    def _wake(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(None)

    def write(self, data: bytes) -> None:
        if not self.is_connected:
            raise self.lost or SMTPServerDisconnected("Connection lost")
        self.transport.write(data)

    async def reply(self) -> tuple[int, str]:
        """The next reply, in command order."""
        while not self.replies:
            if self.lost is not None:
                raise self.lost
            self.waiter = asyncio.get_running_loop().create_future()
            try:
                async with asyncio.timeout(self.timeout):
                    await self.waiter
            except TimeoutError:
                self.transport.close()  # a late reply would pair with the wrong command
                raise SMTPReadTimeoutError("Timed out waiting for server response") from None
        return self.replies.popleft()

    async def close(self) -> None:
        try:
            async with asyncio.timeout(2):
                self.write(b"QUIT\r\n")
                await self.reply()
        except Exception:  # noqa: BLE001 - the peer may already be gone; closing is best effort
            pass
        finally:
            self.transport.close()


@dataclass(eq=False)
class Connection:
    """An open SMTP session, reusable for several messages (pipelined when the server offers PIPELINING)."""

    smtp: aiosmtplib.SMTP
    destination: Destination
    tls_version: str | None
    tls_cipher: str | None
    used: int = 0
    last_used: float = field(default_factory=time.monotonic)
    pipe: PipelinedSession | None = None

    @property
    def server(self) -> str:
        return self.destination.label

    @property
    def is_connected(self) -> bool:
        return self.pipe.is_connected if self.pipe is not None else self.smtp.is_connected

    async def close(self) -> None:
        if self.pipe is not None:
            await self.pipe.close()
            return
        try:
            async with asyncio.timeout(2):  # not wait_for: it can swallow cancellation on 3.11
                await self.smtp.quit()
        except Exception:  # noqa: BLE001 - the peer may already be gone; closing is best effort
            self.smtp.close()


def verifies(dest: Destination, verify: bool) -> bool:
    """Whether the PKIX chain and name are checked against the system store: when asked, and always when TLS
    is a must — unless DANE decides instead (RFC 7672 §3.1: DANE-EE ignores names and chains, DANE-TA
    checks them against the anchor the TLSA record names; tlsa_matches)."""
    return not dest.tlsa and (verify or dest.verify or dest.starttls == MUST)


def _association(record: Tlsa, cert: x509.Certificate) -> bool:
    """RFC 6698 §2.1: whether the certificate (selector 0) or its SPKI (1), exact or SHA-2 digest, is the record's."""
    der = cert.public_bytes(serialization.Encoding.DER)
    spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    content = der if record.selector == 0 else spki if record.selector == 1 else None
    if content is None:
        return False
    digest = {0: content, 1: hashlib.sha256(content).digest(), 2: hashlib.sha512(content).digest()}.get(record.mtype)
    return digest is not None and digest == record.data


def _chains_to(
    leaf: x509.Certificate, intermediates: list[x509.Certificate], anchor: x509.Certificate, name: str
) -> bool:
    """RFC 7672 §3.1.2 / §3.2: a PKIX path from the leaf to `anchor` (the only trust anchor; validity dates and
    CA constraints checked by cryptography's verifier) and the leaf valid for the MX host name."""
    verifier = (
        PolicyBuilder().store(Store([anchor])).time(datetime.now(UTC)).build_server_verifier(DNSName(name.rstrip(".")))
    )
    try:
        verifier.verify(leaf, intermediates)
    except (VerificationError, ValueError):
        return False
    return True


def tlsa_matches(records: tuple[Tlsa, ...], chain_der: list[bytes], name: str) -> bool:
    """DANE authentication of the chain a server presented (leaf first), RFC 7672 §3.1.

    DANE-EE (usage 3): the leaf itself matches a record; names and dates are not checked.
    DANE-TA (usage 2): a certificate the record designates — one of the presented chain, or the record's
    own full certificate (`2 0 0`, which servers need not send) — is the trust anchor, and the leaf must
    chain to it and be valid for the MX host `name`.
    """
    if not chain_der:
        return False
    chain = [x509.load_der_x509_certificate(der) for der in chain_der]
    leaf, presented = chain[0], chain[1:]
    for record in records:
        if record.usage == 3 and _association(record, leaf):
            return True
        if record.usage != 2 or not name:
            continue
        anchors = [c for c in presented if _association(record, c)]
        if record.selector == 0 and record.mtype == 0:
            with suppress(ValueError):
                anchors.append(x509.load_der_x509_certificate(record.data))
        if any(_chains_to(leaf, presented, anchor, name) for anchor in anchors):
            return True
    return False


def presented_chain(ssl_object: ssl.SSLObject | None) -> list[bytes]:
    """The certificates the server sent, leaf first, DER (unverified: DANE decides, not the system store)."""
    if ssl_object is None:
        return []
    # Public as SSLObject.get_unverified_chain() from Python 3.13 (bytes); on 3.11/3.12 only on the
    # underlying _ssl object, whose items are certificates with public_bytes().
    public = getattr(ssl_object, "get_unverified_chain", None)
    items = public() if public is not None else ssl_object._sslobj.get_unverified_chain()  # type: ignore[attr-defined]
    return [item if isinstance(item, bytes) else item.public_bytes(_ssl.ENCODING_DER) for item in items or []]


# TLS contexts of outgoing connections, by (certificates checked, CA file, its modification time).
# aiosmtplib otherwise builds one per connection, loading the system's CA store each time (21 ms
# of CPU per connection, measured: a platform delivering to many domains opens many). A CA file
# replaced in place gets a new context on the next connection, as it did when each connection read it.
_CLIENT_TLS_CONTEXTS: dict[tuple[bool, str | None, int], ssl.SSLContext] = {}
_BUILDING_TLS_CONTEXT = threading.Lock()


async def client_tls_context(verify: bool, cafile: str | None) -> ssl.SSLContext:
    """The context for connections that check certificates (against `cafile` too, if given) or not."""
    key = (verify, cafile, os.stat(cafile).st_mtime_ns if cafile else 0)
    context = _CLIENT_TLS_CONTEXTS.get(key)
    if context is None:
        context = await asyncio.to_thread(_cached_client_tls_context, key, verify, cafile)
    return context


def _cached_client_tls_context(key: tuple[bool, str | None, int], verify: bool, cafile: str | None) -> ssl.SSLContext:
    # Built once per key: the connections a worker opens at once all missed the cache, and each built its
    # own context (about 21 ms of CPU, mostly loading the system's CA bundle) before the first was stored.
    with _BUILDING_TLS_CONTEXT:
        context = _CLIENT_TLS_CONTEXTS.get(key)
        if context is None:
            context = _CLIENT_TLS_CONTEXTS[key] = _build_client_tls_context(verify, cafile)
        return context


def _build_client_tls_context(verify: bool, cafile: str | None) -> ssl.SSLContext:
    # What aiosmtplib builds from validate_certs and cert_bundle (SMTP._build_tls_context).
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context.check_hostname = verify
    context.verify_mode = ssl.CERT_REQUIRED if verify else ssl.CERT_NONE
    if cafile is not None:
        context.load_verify_locations(cafile=cafile)
    return context


async def open_connection(
    dest: Destination,
    *,
    local_hostname: str,
    timeout: float,
    verify: bool,
    cafile: str | None = None,
    pipelining: bool = True,
) -> Connection:
    """Connect, EHLO, STARTTLS by the destination's rule (certificate checked as `verifies` says), AUTH."""
    check = verifies(dest, verify)
    tls = await client_tls_context(check, cafile if check else None)
    smtp = aiosmtplib.SMTP(
        hostname=dest.host,
        port=dest.port,
        local_hostname=local_hostname,
        timeout=timeout,
        use_tls=dest.implicit_tls,
        start_tls=False,
        tls_context=tls,
    )
    await smtp.connect()
    try:
        await smtp.ehlo()
        if not dest.implicit_tls and dest.starttls != NEVER:
            await _starttls(smtp, dest, tls)
        if dest.tlsa:
            _check_tlsa(smtp, dest)
        if dest.username and dest.password:
            await smtp.login(dest.username, dest.password)
    except BaseException:
        smtp.close()
        raise
    ssl_object = smtp.get_transport_info("ssl_object")
    version = ssl_object.version() if ssl_object else None
    cipher = ssl_object.cipher()[0] if ssl_object else None
    pipe = None
    transport = smtp.protocol.transport if smtp.protocol is not None else None
    # Not isinstance(transport, asyncio.Transport): uvloop's transports (the loop `openlux worker` runs
    # on) implement the interface without subclassing it, and that check silently turned pipelining off.
    if pipelining and smtp.supports_extension("pipelining") and hasattr(transport, "set_protocol"):
        pipe = PipelinedSession(cast(asyncio.Transport, transport), timeout)
    return Connection(smtp, dest, version, cipher, pipe=pipe)


def _check_tlsa(smtp: aiosmtplib.SMTP, dest: Destination) -> None:
    chain = presented_chain(smtp.get_transport_info("ssl_object"))
    if not tlsa_matches(dest.tlsa, chain, dest.name):
        raise TlsUnavailable(f"the certificate of {dest.label} matches none of its DANE TLSA records")


async def _starttls(smtp: aiosmtplib.SMTP, dest: Destination, tls: ssl.SSLContext) -> None:
    if not smtp.supports_extension("starttls"):
        if dest.starttls == MUST:
            raise TlsUnavailable(f"{dest.label} does not offer STARTTLS")
        return
    try:
        await smtp.starttls(server_hostname=dest.name or dest.host, tls_context=tls)
        await smtp.ehlo()
    except SMTPResponseException as exc:
        # A refused STARTTLS leaves the session in plain text (RFC 3207 §4): usable unless TLS is a must.
        if dest.starttls == MUST:
            raise TlsUnavailable(f"{dest.label} refused STARTTLS: {exc.code} {exc.message}") from None
    except (ssl.SSLError, SMTPException, OSError) as exc:
        if dest.starttls == MUST:
            raise TlsUnavailable(f"TLS negotiation with {dest.label} failed: {exc}") from None
        raise _RetryPlain() from None


class _RetryPlain(Exception):
    """A failed TLS handshake killed the session; opportunistic TLS reconnects in plain text (RFC 7435)."""


def envelope_address(address: str) -> bytes:
    """`<address>` for MAIL / RCPT. Queue addresses are bare and checked already, so the email parser that
    aiosmtplib's quote_address runs (two per message in the worker's profile) is kept for odd ones."""
    if SAFE_ADDRESS.fullmatch(address):
        return b"<" + address.encode("ascii") + b">"
    return quote_address(address).encode("ascii")


def data_block(mime: bytes) -> bytes:
    """The message as DATA sends it: CRLF line ends, leading dots doubled (RFC 5321 §4.5.2), `.` line."""
    pairs = mime.count(b"\r\n")
    if mime.count(b"\n") != pairs or mime.count(b"\r") != pairs:
        mime = ANY_LINE_END.sub(b"\r\n", mime)
    if mime.startswith(b"."):
        mime = b"." + mime
    mime = mime.replace(b"\r\n.", b"\r\n..")
    if not mime.endswith(b"\r\n"):
        mime += b"\r\n"
    return mime + b".\r\n"


async def transact_pipelined(pipe: PipelinedSession, mail_from: str, recipients: list[str], mime: bytes) -> list[Reply]:
    """MAIL, every RCPT and DATA in one write, then the body once the server said 354."""
    commands = [b"MAIL FROM:" + envelope_address(mail_from) + b"\r\n"]
    commands += [b"RCPT TO:" + envelope_address(r) + b"\r\n" for r in recipients]
    pipe.write(b"".join(commands) + b"DATA\r\n")
    mail_code, mail_text = await pipe.reply()
    rcpt_replies = [await pipe.reply() for _r in recipients]
    data_code, data_text = await pipe.reply()
    accepted = [r for r, (code, _t) in zip(recipients, rcpt_replies, strict=True) if code in (250, 251)]
    if data_code == 354:
        # A server should refuse DATA without a valid recipient (RFC 2920 §3.1); one that does not gets an
        # empty message, so nothing of ours is delivered to nobody, then RSET below.
        pipe.write(data_block(mime) if accepted and mail_code == 250 else b".\r\n")
        data_code, data_text = await pipe.reply()
    if mail_code != 250:
        await _rset_pipelined(pipe)
        return [Reply(r, mail_code, mail_text) for r in recipients]
    if not accepted:
        await _rset_pipelined(pipe)
        return [Reply(r, code, text) for r, (code, text) in zip(recipients, rcpt_replies, strict=True)]
    if not 200 <= data_code < 300:
        await _rset_pipelined(pipe)
    return [
        Reply(r, data_code, data_text) if code in (250, 251) else Reply(r, code, text)
        for r, (code, text) in zip(recipients, rcpt_replies, strict=True)
    ]


async def _rset_pipelined(pipe: PipelinedSession) -> None:
    with suppress(SMTPException):  # as _rset: a broken session fails the next transaction, which is retried
        pipe.write(b"RSET\r\n")
        await pipe.reply()


async def transact(conn: Connection, mail_from: str, recipients: list[str], mime: bytes) -> list[Reply]:
    """MAIL, RCPT per recipient, DATA; one Reply per recipient (server errors propagate)."""
    conn.used += 1
    if conn.pipe is not None:
        return await transact_pipelined(conn.pipe, mail_from, recipients, mime)
    smtp = conn.smtp
    try:
        await smtp.mail(mail_from)
    except SMTPResponseException as exc:
        await _rset(smtp)
        return [Reply(r, exc.code, exc.message) for r in recipients]
    replies: dict[str, Reply] = {}
    accepted = []
    for rcpt in recipients:
        try:
            await smtp.rcpt(rcpt)
            accepted.append(rcpt)
        except SMTPRecipientRefused as exc:
            replies[rcpt] = Reply(rcpt, exc.code, exc.message)
    if not accepted:
        await _rset(smtp)
        return [replies[r] for r in recipients]
    try:
        response = await smtp.data(mime)
        code, text = response.code, response.message
    except SMTPResponseException as exc:
        code, text = exc.code, exc.message
        await _rset(smtp)
    for rcpt in accepted:
        replies[rcpt] = Reply(rcpt, code, text)
    return [replies[r] for r in recipients]


async def _rset(smtp: aiosmtplib.SMTP) -> None:
    with suppress(SMTPException):  # the next transaction on a broken session fails and is retried anew
        await smtp.rset()


@dataclass
class _Slot:
    semaphore: asyncio.Semaphore
    idle: list[Connection] = field(default_factory=list)
    next_send: float = 0.0


class Pool:
    """Connections per destination: at most `per_destination` open, each reused `per_connection` times,
    messages spaced to at most `rate` per second (0 = unlimited)."""

    def __init__(
        self,
        *,
        per_destination: int,
        per_connection: int,
        rate: float,
        local_hostname: str,
        timeout: float,
        verify: bool,
        cafile: str | None = None,
    ) -> None:
        self.per_destination, self.per_connection, self.rate = per_destination, per_connection, rate
        self.local_hostname, self.timeout, self.verify, self.cafile = local_hostname, timeout, verify, cafile
        self._slots: dict[Destination, _Slot] = {}

    def _slot(self, dest: Destination) -> _Slot:
        slot = self._slots.get(dest)
        if slot is None:
            slot = self._slots[dest] = _Slot(asyncio.Semaphore(self.per_destination))
        return slot

    async def _pace(self, slot: _Slot) -> None:
        if self.rate <= 0:
            return
        now = time.monotonic()
        wait = slot.next_send - now
        slot.next_send = max(now, slot.next_send) + 1.0 / self.rate
        if wait > 0:
            await asyncio.sleep(wait)

    async def _open(self, dest: Destination) -> Connection:
        try:
            return await open_connection(
                dest, local_hostname=self.local_hostname, timeout=self.timeout, verify=self.verify, cafile=self.cafile
            )
        except _RetryPlain:
            plain = Destination(dest.host, dest.port, NEVER, False, dest.username, dest.password, dest.name)
            conn = await open_connection(
                plain, local_hostname=self.local_hostname, timeout=self.timeout, verify=self.verify, cafile=self.cafile
            )
            conn.destination = dest  # pooled under the rule it was asked for
            return conn

    @asynccontextmanager
    async def connection(self, dest: Destination) -> AsyncIterator[Connection]:
        """A connection to `dest` (reused when one is idle); broken ones are dropped, not returned."""
        slot = self._slot(dest)
        async with slot.semaphore:
            await self._pace(slot)
            conn = slot.idle.pop() if slot.idle else None
            if conn is not None and time.monotonic() - conn.last_used > IDLE_SECONDS:
                await conn.close()
                conn = None
            if conn is None:
                conn = await self._open(dest)
            try:
                yield conn
            except BaseException:
                await conn.close()
                raise
            if conn.used >= self.per_connection or not conn.is_connected:
                await conn.close()
            else:
                conn.last_used = time.monotonic()
                slot.idle.append(conn)

    async def close(self) -> None:
        """Close every idle connection."""
        for slot in self._slots.values():
            while slot.idle:
                await slot.idle.pop().close()
