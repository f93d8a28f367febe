"""MX mode end to end: SDK → `openlux serve` → loopback DNS (MX, DKIM key) → recipient's STARTTLS server."""

from __future__ import annotations

import shutil
import tempfile
from email import message_from_bytes
from pathlib import Path
from typing import Any

import dkim

from openlux.client import Client
from openlux.mail import dkim as mail_dkim
from tests.support import pki
from tests.support.databases import database_url, drop_postgres_database
from tests.support.dbquery import on_server_db
from tests.support.dns_server import DnsServer
from tests.support.server import start_server
from tests.support.smtp_sinks import free_port, smtp_sink


def test_mx_delivery_is_dkim_signed_and_tls_protected(backend: str, dns_server: DnsServer) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f"openlux-mx-{backend}-"))
    url = database_url(backend, str(tmp))
    port = free_port("127.0.0.3")
    domain, selector = f"{backend}.hospital.test", f"e2e{backend}"
    dns_server.add_mx(domain, f"mx.{domain}", "127.0.0.3")
    try:
        # Required TLS is verified: the MX presents a test-CA certificate for its name.
        with smtp_sink("starttls", host="127.0.0.3", port=port, cert=pki.issue(tmp, [f"mx.{domain}"])) as sink:
            server = start_server(
                tmp / "data",
                url,
                extra_env={
                    "OPENLUX_DELIVERY_MODE": "mx",
                    "OPENLUX_DNS_SERVERS": dns_server.address,
                    "OPENLUX_MX_PORT": str(port),
                    "OPENLUX_DELIVERY_POLL_SECONDS": "0.05",
                },
            )
            try:

                async def make_key(session: Any, ctx: Any) -> str:
                    key = await mail_dkim.create_key(
                        session=session,
                        ctx=ctx,
                        account_id=int(server.credentials["account"]),
                        domain="example.com",
                        selector=selector,
                    )
                    return mail_dkim.dns_record(key)

                dns_server.remove(f"{selector}._domainkey.example.com")
                dns_server.add_txt(f"{selector}._domainkey.example.com", on_server_db(server, make_key))
                creds = server.credentials
                with Client(
                    server.base_url,
                    creds["user_token"],
                    creds["user_secret"],
                    user=creds["user"],
                    password=creds["password"],
                ) as api:
                    reply = api.send_email(
                        tls_policy="required",
                        messages=[
                            {"to": [f"doctor@{domain}"], "subject": "Referral", "html": "<p>Patient referral</p>"}
                        ],
                    )
                assert reply[0]["status"] == "queued"
                [got] = sink.wait_for(1, timeout=30)
            finally:
                server.stop()
    finally:
        if backend == "postgresql":
            drop_postgres_database(url)
        shutil.rmtree(tmp, ignore_errors=True)
    resolver = dns_server.sync_resolver()

    def txt(name: bytes, timeout: int = 5) -> bytes:
        return b"".join(b"".join(r.strings) for r in resolver.resolve(name.decode().rstrip("."), "TXT"))

    assert got.tls_version and got.rcpt_tos == [f"doctor@{domain}"]
    assert dkim.verify(got.data, dnsfunc=txt)
    assert message_from_bytes(got.data)["Message-ID"].strip("<>") == reply[0]["message_id"]
