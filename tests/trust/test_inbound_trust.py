"""The mail-trust attacks (issue 8, items 1-5) over real sockets: inbound port, submission port, relay sink."""

from __future__ import annotations

import asyncio
import email
import re

import aiosmtplib
import dkim
import pytest
from sqlalchemy import select, type_coerce

from openlux.client import LuxSciError
from openlux.db import AddressIndex
from openlux.inbound.models import BounceEvent, ComplaintEvent, MailboxMessage, UnmatchedReport
from tests.support.cli import run_cli
from tests.support.dbquery import queue_drained, select_rows
from tests.support.failures import assert_fails
from tests.trust.conftest import PASSWORD, Trust, delivered, inbound, message, submit, tag


def _dkim_domains(data: bytes) -> list[str]:
    parsed = email.message_from_bytes(data)
    return [
        re.search(r"\bd=([^;\s]+)", " ".join(str(v).split())).group(1) for v in parsed.get_all("DKIM-Signature", [])
    ]


def _dkim_key(world: Trust, api, domain: str, selector: str) -> None:
    try:
        key = api.create_dkim(domain=domain, selector=selector, key_size="1024")
    except LuxSciError as exc:
        assert exc.status == 409  # made by an earlier test of this backend
        return
    world.dns.add_txt(key["dns_name"], key["dns_value"])


def _txt(world: Trust):
    resolver = world.dns.sync_resolver()

    def txt(name: bytes, timeout: int = 5) -> bytes:
        return b"".join(b"".join(r.strings) for r in resolver.resolve(name.decode().rstrip("."), "TXT"))

    return txt


# -- item 1: forged mail never leaves with our DKIM signature -------------------------------------------


async def test_forged_sender_forwarded_across_accounts_is_not_signed_with_its_domain(trust: Trust) -> None:
    t = tag()
    with trust.account_api() as a1, trust.other_account_api() as a2:
        _dkim_key(trust, a1, trust.domain, "trust")
        _dkim_key(trust, a2, "neighbour.test", "trust")
    outside = f"ext-{t}@elsewhere.test"
    with trust.other_user_api() as bob:
        bob.update_email_forwarding(action="forward", destinations=[outside])
    try:
        ceo = f"ceo@{trust.domain}"  # a domain of account 1, forged by an unauthenticated client
        await inbound(trust, ceo, ["bob@neighbour.test"], message(ceo, "bob@neighbour.test", f"wire {t}"))
        [copy] = await delivered(trust, lambda m: outside in m.rcpt_tos)
    finally:
        with trust.other_user_api() as bob:
            bob.update_email_forwarding(action="deliver")
    assert trust.domain not in _dkim_domains(copy.data)
    assert _dkim_domains(copy.data) == ["neighbour.test"]  # the forwarding domain's key, if any
    assert copy.mail_from.startswith("SRS0=") and copy.mail_from.endswith(f"={trust.domain}=ceo@neighbour.test")


async def test_forged_sender_through_an_alias_of_the_same_account_is_not_signed(trust: Trust) -> None:
    t = tag()
    with trust.account_api() as a1:
        _dkim_key(trust, a1, trust.domain, "trust")
        a1.create_alias(user=f"sales-{t}", domain=trust.domain, action="email", dest=f"team-{t}@elsewhere.test")
    ceo = f"ceo@{trust.domain}"
    await inbound(trust, ceo, [f"sales-{t}@{trust.domain}"], message(ceo, f"sales-{t}@{trust.domain}", t))
    [copy] = await delivered(trust, lambda m: f"team-{t}@elsewhere.test" in m.rcpt_tos)
    assert _dkim_domains(copy.data) == []  # the forwarding domain is the author's: no signature at all
    assert copy.mail_from.startswith("SRS0=")


async def test_authenticated_and_own_mail_is_signed_and_verifies(trust: Trust) -> None:
    t = tag()
    with trust.account_api() as a1:
        _dkim_key(trust, a1, trust.domain, "trust")
    with trust.user_api() as admin:
        admin.send_email(messages=[{"to": [f"api-{t}@elsewhere.test"], "subject": "signed", "text": "x"}])
        responder = admin.new_email_auto_responder(subject=f"Away {t}", body="Back soon.", interval=1)
    try:
        [sent] = await delivered(trust, lambda m: f"api-{t}@elsewhere.test" in m.rcpt_tos)
        assert _dkim_domains(sent.data) == [trust.domain] and dkim.verify(sent.data, dnsfunc=_txt(trust))
        human = f"human-{t}@remote.test"
        await inbound(trust, human, [trust.login], message(human, trust.login, f"hi {t}"))
        [reply] = await delivered(trust, lambda m: human in m.rcpt_tos)
    finally:
        with trust.user_api() as admin:
            admin.delete_email_auto_responder(autoresponder_id=responder["autoresponder_id"])
    # OpenLux's own mail (an auto-reply) is signed with the responding user's domain.
    assert _dkim_domains(reply.data) == [trust.domain] and dkim.verify(reply.data, dnsfunc=_txt(trust))


async def test_bounce_to_srs_address_returns_only_when_the_hash_verifies(trust: Trust) -> None:
    t = tag()
    outside, author = f"fw-{t}@elsewhere.test", f"author-{t}@remote.test"
    with trust.other_user_api() as bob:
        bob.update_email_forwarding(action="forward", destinations=[outside])
    try:
        await inbound(trust, author, ["bob@neighbour.test"], message(author, "bob@neighbour.test", t))
        [copy] = await delivered(trust, lambda m: outside in m.rcpt_tos)
    finally:
        with trust.other_user_api() as bob:
            bob.update_email_forwarding(action="deliver")
    srs = copy.mail_from
    await inbound(trust, "", [srs], message("MAILER-DAEMON@elsewhere.test", srs, f"bounce {t}"))
    [back] = await delivered(trust, lambda m: author in m.rcpt_tos)
    assert back.mail_from in ("", "<>") and f"bounce {t}".encode() in back.data
    forged = re.sub(r"^SRS0=[^=]{4}=", "SRS0=AAAA=", srs)
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as err:
        await inbound(
            trust,
            "",
            [forged.replace(author.split("@")[0], f"victim-{t}")],
            message("x@elsewhere.test", forged, "forged"),
        )
    assert err.value.recipients[0].code == 550 and "SRS" in err.value.recipients[0].message


# -- item 2: forged DSN / ARF change nothing ---------------------------------------------------------


def _dsn(to: str, message_id: str, recipient: str) -> str:
    return (
        f"From: MAILER-DAEMON@mx.remote.test\r\nTo: {to}\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"\r\n\r\n'
        "--B1\r\nContent-Type: text/plain\r\n\r\nFailed.\r\n\r\n"
        "--B1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.remote.test\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\r\n"
        f"--B1\r\nContent-Type: text/rfc822-headers\r\n\r\nFrom: {to}\r\nMessage-ID: <{message_id}>\r\n\r\n--B1--\r\n"
    )


def _arf(to: str, complainer: str, ref: str = "") -> str:
    ref_line = f"X-OpenLux-Ref: {ref}\r\n" if ref else ""
    return (
        f"From: fbl@provider.test\r\nTo: {to}\r\nSubject: abuse\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=feedback-report; boundary="F1"\r\n\r\n'
        "--F1\r\nContent-Type: text/plain\r\n\r\nAbuse report.\r\n\r\n"
        "--F1\r\nContent-Type: message/feedback-report\r\n\r\nFeedback-Type: abuse\r\nVersion: 1\r\n"
        f"Original-Rcpt-To: <{complainer}>\r\nReporting-MTA: dns; mail.provider.test\r\n\r\n"
        f"--F1\r\nContent-Type: message/rfc822\r\n\r\n{ref_line}From: {to}\r\nTo: {complainer}\r\n"
        "Message-ID: <whatever@x>\r\nSubject: hi\r\n\r\nHello\r\n\r\n--F1--\r\n"
    )


def _suppressed(call, address: str) -> dict | None:
    try:
        return call(email=address)
    except LuxSciError as exc:
        assert exc.status == 404
        return None


async def test_forged_reports_suppress_no_one_and_are_counted_unmatched(trust: Trust) -> None:
    t = tag()
    real, victim = f"real-{t}@remote.test", f"victim-{t}@remote.test"
    with trust.user_api() as admin, trust.account_api() as acct:
        [sent] = admin.send_email(messages=[{"to": [real], "subject": "Results", "text": "x"}])
        [copy] = await delivered(trust, lambda m: real in m.rcpt_tos)
        ref = email.message_from_bytes(copy.data)["X-OpenLux-Ref"]
        acct.create_alias(user=f"info-{t}", domain=trust.domain, action="email", dest=f"info-{t}@elsewhere.test")
        alias = f"info-{t}@{trust.domain}"
        attacks = [
            (trust.login, _dsn(trust.login, sent["message_id"], victim)),  # real Message-ID, foreign recipient
            (trust.login, _dsn(trust.login, f"{t}@nowhere.test", victim)),  # made-up message
            (alias, _dsn(alias, sent["message_id"], victim)),  # to an alias (account-level list)
            (trust.login, _arf(trust.login, victim)),  # no ref
            (trust.login, _arf(trust.login, victim, ref=f"{sent['id']}.{'0' * 32}")),  # forged ref
            (trust.login, _arf(trust.login, victim, ref=ref)),  # genuine ref, not a recipient of it
        ]
        for rcpt, report in attacks:
            await inbound(trust, "", [rcpt], report)
        assert _suppressed(admin.get_user_suppression, victim) is None
        assert _suppressed(acct.get_account_suppression, victim) is None
        # addresses are sealed: matched through their blind indexes, with the server's key
        named = UnmatchedReport.recipients_index.contains(type_coerce(victim, AddressIndex))
        rows = await asyncio.to_thread(select_rows, trust.server, select(UnmatchedReport.kind).where(named))
        assert sorted(r["kind"] for r in rows) == ["bounce"] * 3 + ["complaint"] * 3
        # ... and the feedback-loop report's `recipient` filter finds them through the same index, in any case
        report = "getEmailFeedBackLoopsReportAccount"  # account scope: the alias's report has no user
        unmatched = acct.call(report, status="unmatched", recipient=victim.upper())
        assert unmatched["total_matches"] == 6 and all(victim in r["recipient"] for r in unmatched["rows"])
        assert acct.call(report, status="unmatched", recipient=f"victim-{t}")["rows"] == []
        for model in (BounceEvent, ComplaintEvent):
            hits = select(model.id).where(model.recipient_index == victim)
            assert await asyncio.to_thread(select_rows, trust.server, hits) == []
        summary = admin.call("getEmailFeedBackLoopsSummaryReportUser")
        counts = (
            {(r["category"], r["value"]): r["count"] for r in summary["rows"]}
            if isinstance(summary, dict)
            else {(r["category"], r["value"]): r["count"] for r in summary}
        )
        assert counts[("unmatched", "complaint")] >= 3 and counts[("unmatched", "bounce")] >= 2

        # The genuine bounce of the real recipient counts, carries its source message id, can be removed.
        await inbound(trust, "", [trust.login], _dsn(trust.login, sent["message_id"], real))
        entry = _suppressed(admin.get_user_suppression, real)
        assert entry and entry["reason"] == "bounce" and entry["source_message_id"] == sent["message_id"]
        listed = admin.get_user_suppression_list(email=real)
        assert [r["source_message_id"] for r in listed["rows"]] == [sent["message_id"]]
        admin.delete_user_suppression(email=real)
        assert _suppressed(admin.get_user_suppression, real) is None


# -- item 3: domains must be verified ---------------------------------------------------------------


async def test_unverified_domain_cannot_send_or_receive_until_dns_proves_it(trust: Trust) -> None:
    t = tag()
    bank = f"bank-{t}.test"
    with trust.other_account_api() as a2:
        created = a2.create_domain(domain=bank)
        assert created["is_verified"] == 0
        details = a2.get_domain_details(domain=bank)
        record = details["verification"]
        assert record["status"] == "pending" and record["record_name"] == f"_openlux-verify.{bank}"
        assert record["record_value"].startswith("openlux-verify=")
        a2.create_user(user=f"ceo@{bank}", password=PASSWORD)
        assert_fails(400, a2.update_domain, message_has="is_verified", domain=bank, is_verified=1)
    with trust.account_api() as a1:  # nobody else can claim the name meanwhile
        assert_fails(409, a1.create_domain, message_has=bank, domain=bank)
    with trust.other_user_api(f"ceo@{bank}") as ceo:
        error = assert_fails(
            400,
            ceo.send_email,
            message_has=bank,
            messages=[{"to": [f"x-{t}@elsewhere.test"], "subject": "s", "text": "x"}],
        )
        assert f"_openlux-verify.{bank}" in error.message and record["record_value"] in error.message
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as err:
        await inbound(trust, "a@remote.test", [f"ceo@{bank}"], message("a@remote.test", f"ceo@{bank}", "x"))
    assert err.value.recipients[0].code == 550 and "not verified" in err.value.recipients[0].message

    refused = run_cli(trust.server, "domain", "verify", bank, check=False)
    assert refused.returncode != 0 and f"_openlux-verify.{bank}" in refused.stdout + refused.stderr
    trust.dns.add_txt(f"_openlux-verify.{bank}", record["record_value"])
    assert "verified" in run_cli(trust.server, "domain", "verify", bank).stdout

    with trust.other_account_api() as a2:
        assert a2.get_domain_details(domain=bank)["verification"]["status"] == "verified"
    with trust.account_api() as a1:
        assert_fails(409, a1.create_domain, message_has="already exists", domain=bank)
    with trust.other_user_api(f"ceo@{bank}") as ceo:
        ceo.send_email(messages=[{"to": [f"ok-{t}@elsewhere.test"], "subject": "s", "text": "x"}])
    assert await delivered(trust, lambda m: f"ok-{t}@elsewhere.test" in m.rcpt_tos)
    await inbound(trust, "a@remote.test", [f"ceo@{bank}"], message("a@remote.test", f"ceo@{bank}", "x"))


async def test_operator_marks_a_domain_verified(trust: Trust) -> None:
    gap = f"airgap-{tag()}.test"
    with trust.other_account_api() as a2:
        a2.create_domain(domain=gap)
    run_cli(trust.server, "domain", "verify", gap, "--mark")
    with trust.other_account_api() as a2:
        assert a2.get_domain_details(domain=gap)["is_verified"] == 1


# -- item 4: users send as themselves, their aliases and what an admin granted ---------------------------


async def test_user_cannot_send_as_another_address_of_the_account(trust: Trust) -> None:
    t = tag()
    alice = f"alice-{t}@{trust.domain}"
    with trust.account_api() as a1:
        a1.create_user(user=alice, password=PASSWORD)
        a1.create_alias(user=f"desk-{t}", domain=trust.domain, action="email", dest=alice)
    admin_address = trust.login
    with trust.user_api(alice) as api:
        assert_fails(
            400,
            api.send_email,
            message_has=admin_address,
            messages=[{"from_address": admin_address, "to": [f"a-{t}@elsewhere.test"], "subject": "s", "text": "x"}],
        )
        api.send_email(messages=[{"to": [f"own-{t}@elsewhere.test"], "subject": "s", "text": "x"}])
        api.send_email(
            messages=[
                {
                    "from_address": f"desk-{t}@{trust.domain}",
                    "to": [f"alias-{t}@elsewhere.test"],
                    "subject": "s",
                    "text": "x",
                }
            ]
        )
    with pytest.raises(aiosmtplib.SMTPResponseException) as err:
        await submit(
            trust,
            alice,
            PASSWORD,
            alice,
            [f"b-{t}@elsewhere.test"],
            message(admin_address, f"b-{t}@elsewhere.test", "spoof"),
        )
    assert err.value.code == 553 and admin_address in err.value.message
    with pytest.raises(aiosmtplib.SMTPResponseException) as err:
        await submit(
            trust,
            alice,
            PASSWORD,
            admin_address,
            [f"c-{t}@elsewhere.test"],
            message(alice, f"c-{t}@elsewhere.test", "spoof envelope"),
        )
    assert err.value.code == 553 and admin_address in err.value.message

    boss = f"boss-{t}@{trust.domain}"
    run_cli(trust.server, "sender", "allow", alice, boss)
    await submit(trust, alice, PASSWORD, boss, [f"d-{t}@elsewhere.test"], message(boss, f"d-{t}@elsewhere.test", "ok"))
    assert await delivered(trust, lambda m: f"d-{t}@elsewhere.test" in m.rcpt_tos)
    assert await delivered(trust, lambda m: f"alias-{t}@elsewhere.test" in m.rcpt_tos)
    run_cli(trust.server, "sender", "revoke", alice, boss)
    with trust.user_api(alice) as api:
        assert_fails(
            400,
            api.send_email,
            message_has=boss,
            messages=[{"from_address": boss, "to": [f"e-{t}@elsewhere.test"], "subject": "s", "text": "x"}],
        )
    with trust.account_api() as a1:
        a1.update_domain(domain=trust.domain, settings={"any_sender": 1})
    try:
        with trust.user_api(alice) as api:
            api.send_email(
                messages=[{"from_address": boss, "to": [f"f-{t}@elsewhere.test"], "subject": "s", "text": "x"}]
            )
    finally:
        with trust.account_api() as a1:
            a1.update_domain(domain=trust.domain, settings={"any_sender": 0})


# -- item 5: inbound STARTTLS -----------------------------------------------------------------------


async def kept_from(trust: Trust, sender: str) -> list[dict]:
    """The hosted-mailbox rows from `sender`: the envelope is sealed at rest, so they are matched once opened."""
    statement = select(MailboxMessage.mail_from, MailboxMessage.tls_version, MailboxMessage.tls_cipher)
    return [row for row in await asyncio.to_thread(select_rows, trust.server, statement) if row["mail_from"] == sender]


async def test_inbound_offers_starttls_records_it_and_can_require_it(trust: Trust) -> None:
    t = tag()
    sender = f"tls-{t}@remote.test"
    await inbound(trust, sender, [trust.login], message(sender, trust.login, t), starttls=True)
    [row] = await kept_from(trust, sender)
    assert row["tls_version"].startswith("TLS") and row["tls_cipher"]
    with trust.account_api() as a1:
        a1.update_domain(domain=trust.domain, settings={"require_inbound_tls": 1})
    try:
        with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as err:
            await inbound(trust, sender, [trust.login], message(sender, trust.login, "clear"))
        assert err.value.recipients[0].code == 530
        await inbound(trust, sender, [trust.login], message(sender, trust.login, "secure"), starttls=True)
    finally:
        with trust.account_api() as a1:
            a1.update_domain(domain=trust.domain, settings={"require_inbound_tls": 0})
    assert len(await kept_from(trust, sender)) == 2


# -- item 6: no backscatter to forged senders; RFC 3834 once per window ----------------------------------


def _signed(world: Trust, domain: str, data: str) -> str:
    """The message DKIM-signed for `domain` with a fresh key published in the loopback DNS."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    import base64

    world.dns.add_txt(f"sel._domainkey.{domain}", "v=DKIM1; k=rsa; p=" + base64.b64encode(public).decode())
    raw = data.encode()
    return (dkim.sign(raw, b"sel", domain.encode(), pem, include_headers=[b"from", b"to", b"subject"]) + raw).decode()


async def test_no_auto_reply_to_a_sender_failing_spf_without_aligned_dkim(trust: Trust) -> None:
    t = tag()
    strict, allowed = f"spf-{t}.test", f"spfok-{t}.test"
    trust.dns.add_txt(strict, "v=spf1 ip4:192.0.2.1 -all")  # the connecting 127.0.0.1 fails
    trust.dns.add_txt(allowed, "v=spf1 ip4:127.0.0.1 -all")
    with trust.user_api() as admin:
        responder = admin.new_email_auto_responder(subject=f"Away {t}", body="Back soon.", interval=7)
    try:
        forged, signed, honest = f"forged@{strict}", f"signed@{strict}", f"honest@{allowed}"
        await inbound(trust, forged, [trust.login], message(forged, trust.login, f"forged {t}"))
        await inbound(trust, signed, [trust.login], _signed(trust, strict, message(signed, trust.login, f"dkim {t}")))
        for n in range(2):  # RFC 3834: one answer per sender per window
            await inbound(trust, honest, [trust.login], message(honest, trust.login, f"honest {t} {n}"))
        assert await delivered(trust, lambda m: honest in m.rcpt_tos)
        assert await delivered(trust, lambda m: signed in m.rcpt_tos)
        await queue_drained(trust.server.database_url)  # the forged sender's answer, if any, would be out by now
    finally:
        with trust.user_api() as admin:
            admin.delete_email_auto_responder(autoresponder_id=responder["autoresponder_id"])
    answered = [m.rcpt_tos for m in trust.sink.messages if f"Away {t}".encode() in m.data]
    assert sorted(answered) == sorted([[signed], [honest]])  # the forged sender got nothing
    assert len(await kept_from(trust, forged)) == 1  # still delivered to the mailbox: only the answer is withheld


async def test_forwarded_copy_of_a_forged_message_cannot_bounce_to_its_sender(trust: Trust) -> None:
    t = tag()
    strict = f"spffw-{t}.test"
    trust.dns.add_txt(strict, "v=spf1 ip4:192.0.2.1 -all")
    outside = f"fwd-{t}@elsewhere.test"
    with trust.other_user_api() as bob:
        bob.update_email_forwarding(action="forward", destinations=[outside])
    try:
        forged, honest = f"forged@{strict}", f"honest-{t}@remote.test"
        await inbound(trust, forged, ["bob@neighbour.test"], message(forged, "bob@neighbour.test", f"forged {t}"))
        await inbound(trust, honest, ["bob@neighbour.test"], message(honest, "bob@neighbour.test", f"honest {t}"))
        copies = await delivered(
            trust,
            lambda m: outside in m.rcpt_tos and len([x for x in trust.sink.messages if outside in x.rcpt_tos]) == 2,
        )
    finally:
        with trust.other_user_api() as bob:
            bob.update_email_forwarding(action="deliver")
    by_subject = {b"forged" in m.data: m.mail_from for m in copies}
    assert by_subject[True] in ("", "<>")  # SPF fail, no DKIM: null reverse path, nothing can bounce back
    assert by_subject[False].startswith("SRS0=")
