"""getDomainSmtpTlsCapability's engine against real SMTP servers and a real DNS server on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from openlux.config import Settings
from openlux.core.context import AppContext
from openlux.secureline import tlscheck
from tests.secureline.conftest import HOSTS, MailWorld


def _context(world: MailWorld, tmp_path: Path, **overrides: object) -> AppContext:
    values: dict[str, object] = dict(
        data_dir=tmp_path / "data",
        dns_servers=world.dns.address,
        mx_port=world.port,
        tls_ca_file=world.ca_file,
        tls_check_timeout_seconds=5,
    )
    values.update(overrides)
    settings = Settings.load(**values)
    # Settings.load drops None overrides (flags not given), so an explicit None is applied afterwards:
    # tests/conftest.py points OPENLUX_TLS_CA_FILE at the test CA for every test.
    nones = {k: None for k, v in overrides.items() if v is None}
    return AppContext.build(settings.model_copy(update=nones) if nones else settings)


@pytest.fixture
async def tls_ctx(mail_world: MailWorld, tmp_path: Path) -> AsyncIterator[AppContext]:
    ctx = _context(mail_world, tmp_path)
    yield ctx
    await ctx.close()


async def test_starttls_host_passes_with_version_cipher_and_verified_certificate(tls_ctx: AppContext) -> None:
    report = await tlscheck.check_domain(ctx=tls_ctx, domain="TLS.test")
    assert (report.domain, report.valid_domain, report.has_mx, report.tls_capable, report.all_mx_tls) == (
        "tls.test",
        1,
        1,
        1,
        1,
    )
    [mx] = report.mx
    assert (mx.host, mx.priority, mx.address, mx.connected, mx.starttls, mx.tls) == (
        "sink.test",
        10,
        HOSTS["tls"],
        1,
        1,
        1,
    )
    assert mx.tls_version in ("TLSv1.2", "TLSv1.3") and mx.cipher and mx.cipher_bits >= 128
    assert (mx.certificate_cn, mx.certificate_verified, mx.certificate_error) == ("sink.test", 1, "")
    assert mx.certificate_names == ["sink.test"] and mx.certificate_expires


async def test_untrusted_certificate_is_reported_but_tls_still_counts(mail_world: MailWorld, tmp_path: Path) -> None:
    ctx = _context(mail_world, tmp_path, tls_ca_file=None)  # system store: the test CA is unknown
    try:
        report = await tlscheck.check_domain(ctx=ctx, domain="tls.test")
    finally:
        await ctx.close()
    [mx] = report.mx
    assert report.tls_capable == 1 and mx.tls == 1
    assert mx.certificate_verified == 0 and "self-signed" in mx.certificate_error


async def test_server_refusing_starttls_fails(tls_ctx: AppContext) -> None:
    report = await tlscheck.check_domain(ctx=tls_ctx, domain="refuse.test")
    [mx] = report.mx
    assert report.tls_capable == 0 and (mx.connected, mx.starttls, mx.tls) == (1, 1, 0)
    assert "454" in mx.error and "mx.refuse.test" in report.reason and report.all_mx_tls == 0


async def test_one_tls_mx_is_enough_as_delivery_tries_the_next_host(tls_ctx: AppContext) -> None:
    report = await tlscheck.check_domain(ctx=tls_ctx, domain="mixed.test")
    assert [(m.host, m.priority, m.tls) for m in report.mx] == [("mx.plain.test", 10, 0), ("sink.test", 20, 1)]
    assert (report.tls_capable, report.all_mx_tls, report.reason) == (1, 0, "")


async def test_server_without_starttls_fails(tls_ctx: AppContext) -> None:
    report = await tlscheck.check_domain(ctx=tls_ctx, domain="plain.test")
    assert report.tls_capable == 0 and report.mx[0].starttls == 0 and "STARTTLS" in report.mx[0].error


async def test_down_host_gives_negative_verdict_quickly(tls_ctx: AppContext) -> None:
    report = await tlscheck.check_domain(ctx=tls_ctx, domain="down.test")
    [mx] = report.mx
    assert report.tls_capable == 0 and mx.connected == 0 and "failed" in mx.error
    assert report.reason == "No MX host could be reached."


async def test_unresponsive_host_is_cut_off_by_the_per_host_timeout(mail_world: MailWorld, tmp_path: Path) -> None:
    import asyncio
    import time

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # never greets; returns when the prober hangs up
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.25", mail_world.port)
    mail_world.dns.add_mx("silent.test", "mx.silent.test", "127.0.0.25")
    ctx = _context(mail_world, tmp_path, tls_check_timeout_seconds=0.5)
    try:
        started = time.monotonic()
        report = await tlscheck.check_domain(ctx=ctx, domain="silent.test")
        assert time.monotonic() - started < 3
    finally:
        await ctx.close()
        server.close()
    assert report.tls_capable == 0 and "0.5 seconds" in report.mx[0].error


@pytest.mark.parametrize(
    ("domain", "valid", "reason"),
    [
        ("nomx.test", 1, "neither MX nor address"),
        ("implicit.test", 1, "publishes no MX records"),
        ("missing.test", 1, "NXDOMAIN"),
        ("not a domain", 0, "not valid"),
    ],
)
async def test_no_mx_or_invalid_domain_is_a_negative_verdict(
    tls_ctx: AppContext, domain: str, valid: int, reason: str
) -> None:
    report = await tlscheck.check_domain(ctx=tls_ctx, domain=domain)
    assert (report.valid_domain, report.has_mx, report.tls_capable, report.mx) == (valid, 0, 0, [])
    assert reason in report.reason


async def test_results_are_cached_until_the_ttl_and_refresh_bypasses(
    tls_ctx: AppContext, mail_world: MailWorld
) -> None:
    first = await tlscheck.check_domain(ctx=tls_ctx, domain="tls.test")
    asked = len(mail_world.dns.queries)
    second = await tlscheck.check_domain(ctx=tls_ctx, domain="tls.test")
    assert (first.cached, second.cached) == (0, 1) and len(mail_world.dns.queries) == asked
    third = await tlscheck.check_domain(ctx=tls_ctx, domain="tls.test", refresh=True)
    assert third.cached == 0 and third.mx[0].tls == 1  # probed again (DNS answers come from the resolver cache)


async def test_unreadable_ca_bundle_is_reported_per_host_not_raised(mail_world: MailWorld, tmp_path: Path) -> None:
    ctx = _context(mail_world, tmp_path, tls_ca_file=tmp_path / "missing.pem")
    try:
        report = await tlscheck.check_domain(ctx=ctx, domain="tls.test")
    finally:
        await ctx.close()
    assert report.tls_capable == 0 and "could not run" in report.mx[0].error
