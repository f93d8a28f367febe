"""One-time pickup codes: hashed, single-use, short-lived, attempt- and rate-limited; links expire."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from openlux.accounts import bootstrap
from openlux.core import time as clock
from openlux.core.context import AppContext
from openlux.core.errors import NotFound, RateLimited
from openlux.secureline import escrow
from openlux.secureline.models import EscrowMessage
from openlux.securesend import mimeview, pickup
from openlux.securesend.models import PickupCode

MIME = (
    b"From: Dr Who <doctor@clinic.example>\r\nTo: lee@plain.test\r\nSubject: Results\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=us-ascii\r\n\r\nAll normal.\r\n"
)


async def _escrowed(ctx: AppContext) -> tuple[EscrowMessage, str]:
    async with ctx.db.transaction() as session:
        account = await bootstrap.create_account(session, "Clinic")
        user = await bootstrap.create_user(session, account, "doctor@clinic.example", "Correct-Horse-1234")
        user.settings = {"escrow_expiration": 7}
        await session.flush()
        return await escrow.store(
            ctx=ctx,
            session=session,
            account_id=account.id,
            user_id=user.id,
            sender="doctor@clinic.example",
            recipient="Lee@plain.test",
            mime=MIME,
        )


async def test_code_is_hashed_single_use_and_opens_a_session(ctx: AppContext) -> None:
    row, token = await _escrowed(ctx)
    assert (row.expires_at - row.created_at) == timedelta(days=7)  # the sender's escrow_expiration
    async with ctx.db.transaction() as session:
        found = await pickup.find(session=session, token=token)
        code = await pickup.issue_code(session=session, row=found, token=token)
        stored = await session.scalar(select(PickupCode.code_hash))
        assert len(code) == pickup.CODE_DIGITS and code not in stored
        ok = await pickup.verify_code(session=session, row=found, token=token, code=f" {code[:4]}-{code[4:]} ")
        assert ok.cookie and await pickup.has_session(session=session, row=found, cookie=ok.cookie)
        assert not await pickup.has_session(session=session, row=found, cookie=ok.cookie + "x")
        again = await pickup.verify_code(session=session, row=found, token=token, code=code)
        assert again.cookie is None and "request a new one" in again.reason
    assert mimeview.view(escrow.open_content(ctx, found)).text.strip() == "All normal."


async def test_wrong_codes_burn_the_code_and_a_new_code_replaces_the_old(ctx: AppContext) -> None:
    row, token = await _escrowed(ctx)
    async with ctx.db.transaction() as session:
        first = await pickup.issue_code(session=session, row=row, token=token)
        second = await pickup.issue_code(session=session, row=row, token=token)
        stale = await pickup.verify_code(session=session, row=row, token=token, code=first)
        assert first == second or stale.cookie is None  # the first code stopped working
        wrong = "1" * pickup.CODE_DIGITS if second != "1" * pickup.CODE_DIGITS else "2" * pickup.CODE_DIGITS
        reasons = [
            (await pickup.verify_code(session=session, row=row, token=token, code=wrong)).reason
            for _ in range(pickup.CODE_MAX_ATTEMPTS - 2)
        ]  # the stale try above counted too
        assert set(reasons) == {"That code is not correct."}
        last = await pickup.verify_code(session=session, row=row, token=token, code=wrong)
        assert "Too many wrong codes" in last.reason
        burnt = await pickup.verify_code(session=session, row=row, token=token, code=second)
        assert burnt.cookie is None


async def test_codes_expire_and_are_rate_limited_per_message(ctx: AppContext) -> None:
    row, token = await _escrowed(ctx)
    async with ctx.db.transaction() as session:
        code = await pickup.issue_code(session=session, row=row, token=token)
        active = await session.scalar(select(PickupCode).where(PickupCode.used_at.is_(None)))
        active.expires_at = clock.utcnow() - timedelta(seconds=1)
        await session.flush()
        assert (await pickup.verify_code(session=session, row=row, token=token, code=code)).cookie is None
        for _ in range(pickup.CODES_PER_HOUR - 1):
            await pickup.issue_code(session=session, row=row, token=token)
        with pytest.raises(RateLimited):
            await pickup.issue_code(session=session, row=row, token=token)


async def test_unknown_and_expired_links_are_not_found(ctx: AppContext) -> None:
    _row, token = await _escrowed(ctx)
    async with ctx.db.transaction() as session:
        with pytest.raises(NotFound, match="not valid"):
            await pickup.find(session=session, token=token + "x")
        found = await pickup.find(session=session, token=token)
        found.expires_at = clock.utcnow() - timedelta(minutes=1)
        await session.flush()
        with pytest.raises(NotFound, match="expired"):
            await pickup.find(session=session, token=token)


async def test_expired_escrow_is_purged_with_its_codes(ctx: AppContext) -> None:
    from openlux.securesend.purge import purge_expired

    row, token = await _escrowed(ctx)
    keep, _ = await _escrowed_again(ctx, row)
    async with ctx.db.transaction() as session:
        found = await pickup.find(session=session, token=token)
        await pickup.issue_code(session=session, row=found, token=token)
        found.expires_at = clock.utcnow() - timedelta(seconds=1)
    assert await purge_expired(ctx) == 1
    async with ctx.db.transaction() as session:
        assert await session.get(EscrowMessage, row.id) is None and await session.get(EscrowMessage, keep.id)
        assert await session.scalar(select(PickupCode.id)) is None


async def _escrowed_again(ctx: AppContext, like: EscrowMessage) -> tuple[EscrowMessage, str]:
    async with ctx.db.transaction() as session:
        return await escrow.store(
            ctx=ctx,
            session=session,
            account_id=like.account_id,
            user_id=like.user_id,
            sender=like.sender,
            recipient="kim@plain.test",
            mime=MIME,
        )


async def test_read_receipt_goes_to_the_senders_domain_only_when_asked(ctx: AppContext) -> None:
    from openlux.mail import queue
    from openlux.mail.models import OutboundMessage, OutboundRecipient
    from openlux.securesend import notices

    row, _ = await _escrowed(ctx)
    asked = MIME.replace(b"Subject:", b"Disposition-Notification-To: evil@elsewhere.example\r\nSubject:")
    async with ctx.db.transaction() as session:
        assert await notices.send_receipt(ctx=ctx, session=session, row=row, mime=MIME) is None
        queue_id = await notices.send_receipt(ctx=ctx, session=session, row=row, mime=asked)
        sent = await session.get(OutboundMessage, queue_id)
        to = await session.scalar(select(OutboundRecipient.address).where(OutboundRecipient.message_id == queue_id))
    assert to == "doctor@clinic.example" and sent.channel == "system"
    text = ctx.box.open(sent.mime_sealed, context=queue.SEAL_CONTEXT)
    assert b"lee@plain.test" in text and b"All normal" not in text


def test_message_view_inlines_cid_images_and_lists_attachments() -> None:
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@clinic.example", "b@plain.test", "Scan"
    message.set_content("See the scan.")
    message.add_alternative('<p>See <img src="cid:scan1@clinic"></p>', subtype="html")
    message.get_payload()[1].add_related(b"\x89PNG fake", maintype="image", subtype="png", cid="<scan1@clinic>")
    message.add_attachment(b"%PDF", maintype="application", subtype="pdf", filename="r\u00e9sultat.pdf")
    view = mimeview.view(message.as_bytes())
    assert view.text.strip() == "See the scan." and "data:image/png;base64," in view.html and "cid:" not in view.html
    assert [a.filename for a in view.attachments][-1] == "r\u00e9sultat.pdf"
    info, payload = mimeview.attachment(message.as_bytes(), view.attachments[-1].index)
    assert payload == b"%PDF" and info.content_type == "application/pdf"
    assert mimeview.attachment(message.as_bytes(), 99) is None
