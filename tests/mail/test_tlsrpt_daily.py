"""Daily TLS-RPT reports (issue 8, item 7): the `tlsrpt` role sends the previous UTC day's report of each
policy domain once, to the `rua` that domain publishes — by mail through OpenLux's own delivery to a
loopback MX sink, and by HTTPS POST to a loopback receiver — for accounts whose domain asked for it.

There is no clock seam on main: the TLS results of real MX deliveries are back-dated one day.
"""

from __future__ import annotations

import asyncio
import contextlib
import email
import gzip
import hashlib
import http.server
import json
import ssl
import tempfile
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select, update

from openlux.accounts import domains
from openlux.accounts.models import Domain
from openlux.accounts.schemas import DomainUpdate
from openlux.core import time as clock
from openlux.mail import tlsrpt_daily
from openlux.mail.models import TlsRptReport, TlsSessionResult
from tests.mail.conftest import Mailbox, recipients_of, running_worker, wait_final
from tests.mail.test_delivery import message, queue
from tests.support import pki
from tests.support.dns_server import DnsServer
from tests.support.https_server import TlsThreadingHTTPServer
from tests.support.smtp_sinks import Sink, free_port, start_sink

MX_IP, HTTPS_IP = "127.0.0.36", "127.0.0.37"  # inside the test certificates' 127.0.0.1-39


class Receiver:
    """A loopback HTTPS server recording POSTs (the https: rua)."""

    def __init__(self, cert: tuple[Path, Path]) -> None:
        self.posts: list[tuple[dict[str, str], bytes]] = []
        posts = self.posts

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                posts.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return None

        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*map(str, cert))
        self.httpd = TlsThreadingHTTPServer((HTTPS_IP, 0), Handler, context)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"https://{HTTPS_IP}:{self.httpd.server_address[1]}/v1/tlsrpt"


@pytest.fixture(scope="module")
def loopback() -> Iterator[tuple[Sink, Receiver, Path]]:
    tmp = Path(tempfile.mkdtemp(prefix="openlux-tlsrpt-"))
    cert = pki.issue(tmp, ["mx.tlsrpt.test"])  # signed by the test CA, valid for every 127.0.0.x
    sink = start_sink("starttls", host=MX_IP, port=free_port(MX_IP), cert=cert)
    receiver = Receiver(cert)
    try:
        yield sink, receiver, cert[0]
    finally:
        sink.stop()
        receiver.httpd.shutdown()
        receiver.httpd.server_close()


def _spki_sha256(cert_path: Path) -> str:
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).hexdigest()


async def _deliver(mailbox: Mailbox, to: str) -> str:
    ids = await queue(mailbox, message(to))
    async with running_worker(mailbox.ctx):
        await wait_final(mailbox.ctx, ids)
    [rcpt] = await recipients_of(mailbox.ctx, ids[0])
    return f"{rcpt.state}/{rcpt.method}"


async def _wait(predicate, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_daily_reports_go_once_to_each_policy_domains_rua(
    mailbox: Mailbox, dns_server: DnsServer, loopback: tuple[Sink, Receiver, Path]
) -> None:
    sink, receiver, cert = loopback
    t = uuid.uuid4().hex[:6]
    reported, quiet, mailroom = f"dane-{t}.test", f"quiet-{t}.test", f"reports-{t}.test"
    rua_mail = f"tls-{t}@{mailroom}"
    port = sink.port
    for domain in (reported, quiet):  # DANE-EE pinned, authenticated: policy-governed deliveries
        dns_server.add_mx(domain, f"mx.{domain}", MX_IP)
        name = f"_{port}._tcp.mx.{domain}"
        dns_server.add(name, "TLSA", f"3 1 1 {_spki_sha256(cert)}")
        dns_server.authenticated.add(name)
    dns_server.add_mx(mailroom, f"mx.{mailroom}", MX_IP)
    dns_server.add_txt(f"_smtp._tls.{reported}", f"v=TLSRPTv1; rua=mailto:{rua_mail},{receiver.url}")
    mailbox.configure(
        delivery_mode="mx",
        mx_port=port,
        tls_ca_file=pki.ca_file(),
        outbound_allowed_networks=f"{HTTPS_IP}/32",
        tlsrpt_poll_seconds=0.1,
    )
    assert await _deliver(mailbox, f"pat@{reported}") == "sent/tls"
    assert await _deliver(mailbox, f"sam@{quiet}") == "sent/tls"
    async with mailbox.ctx.db.transaction() as session:  # yesterday's deliveries (no clock seam on main)
        await session.execute(
            update(TlsSessionResult)
            .where(TlsSessionResult.policy_domain.in_([reported, quiet]))
            .values(at=clock.utcnow() - timedelta(days=1))
        )
        submitter = await session.scalar(select(Domain.name).where(Domain.account_id == mailbox.account_id))

    # Nothing is sent for an account that did not ask.
    assert await tlsrpt_daily.send_due(mailbox.ctx) == 0
    async with mailbox.ctx.db.transaction() as session:
        await domains.update(
            session=session,
            account_id=mailbox.account_id,
            name=submitter,
            body=DomainUpdate(settings={"tlsrpt_reports": 1}),
        )

    role = asyncio.create_task(tlsrpt_daily.tlsrpt_role(mailbox.ctx))
    try:
        async with running_worker(mailbox.ctx):
            await _wait(
                lambda: (
                    any(rua_mail in m.rcpt_tos for m in sink.messages)
                    and any(reported.encode() in gzip.decompress(b) for _h, b in receiver.posts)
                )
            )
            await asyncio.sleep(1.0)  # ten more rounds of the role: nothing is sent twice
    finally:
        role.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await role

    [mailed] = [m for m in sink.messages if rua_mail in m.rcpt_tos]
    [(headers, body)] = [(h, b) for h, b in receiver.posts if reported.encode() in gzip.decompress(b)]
    parsed = email.message_from_bytes(mailed.data)
    assert parsed.get_content_type() == "multipart/report" and parsed.get_param("report-type") == "tlsrpt"
    assert parsed["TLS-Report-Domain"] == reported and parsed["TLS-Report-Submitter"] == submitter
    assert parsed["From"] == f"postmaster@{submitter}" and f"Report Domain: {reported}" in parsed["Subject"]
    [attachment] = [p for p in parsed.walk() if p.get_content_type() == "application/tlsrpt+gzip"]
    assert attachment.get_filename().startswith(f"{submitter}!{reported}!")
    from_mail = json.loads(gzip.decompress(attachment.get_payload(decode=True)))
    assert headers["content-type"] == "application/tlsrpt+gzip" and headers["host"].startswith(HTTPS_IP)
    from_post = json.loads(gzip.decompress(body))
    assert from_mail == from_post
    yesterday = (clock.utcnow() - timedelta(days=1)).date().isoformat()
    assert from_post["date-range"]["start-datetime"] == f"{yesterday}T00:00:00Z"
    assert from_post["contact-info"] == f"postmaster@{submitter}"
    [policy] = from_post["policies"]  # only the reported domain's own results
    assert policy["policy"]["policy-domain"] == reported and policy["policy"]["policy-type"] == "tlsa"
    assert policy["summary"] == {"total-successful-session-count": 1, "total-failure-session-count": 0}

    async with mailbox.ctx.db.sessions() as session:
        rows = {
            r.policy_domain: r
            for r in await session.scalars(select(TlsRptReport).where(TlsRptReport.day == yesterday))
            if r.policy_domain in (reported, quiet)
        }
    assert rows[quiet].outcomes == {}  # no rua published: claimed, nothing sent
    assert rows[reported].outcomes[receiver.url] == "HTTP 201"
    assert rows[reported].outcomes[f"mailto:{rua_mail}"].startswith("queued as ")
    assert await tlsrpt_daily.send_due(mailbox.ctx) == 0  # and never again for that day


def test_rua_parsing_follows_rfc_8460() -> None:
    assert tlsrpt_daily.rua_of(["v=TLSRPTv1; rua=mailto:a@b.test, https://r.test/x"]) == [
        "mailto:a@b.test",
        "https://r.test/x",
    ]
    assert tlsrpt_daily.rua_of(["v=TLSRPTv1;rua=mailto:a@b.test", "v=TLSRPTv1;rua=mailto:c@d.test"]) == []
    assert tlsrpt_daily.rua_of(["v=spf1 -all", "rua=mailto:a@b.test"]) == []
    assert tlsrpt_daily.rua_of(["v=TLSRPTv1; rua=ftp://x.test/,http://y.test/"]) == []
