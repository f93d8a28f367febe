"""fallback(): PGP/MIME and S/MIME that the recipient's own key decrypts, else escrow with a queued notice."""

from __future__ import annotations

import email
from email.policy import default as default_policy

import pytest
from cryptography.hazmat.primitives.serialization import pkcs7
from sqlalchemy import select

from openlux.accounts import bootstrap
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, Conflict
from openlux.mail import queue
from openlux.mail.compose import Draft, compose, new_message_id
from openlux.mail.models import OutboundMessage, OutboundRecipient
from openlux.secureline import fallback, keys
from openlux.secureline.models import EscrowMessage
from tests.secureline.material import PGPY_WARNINGS, pgp_decrypt, pgp_pair, smime_pair

pytestmark = pytest.mark.filterwarnings(PGPY_WARNINGS)
BODY = "Your lab results are ready: all values normal. Ünïcödé too."


async def _setup(ctx: AppContext) -> tuple[int, int]:
    async with ctx.db.transaction() as session:
        account = await bootstrap.create_account(session, "Clinic")
        user = await bootstrap.create_user(session, account, "doctor@clinic.example", "Correct-Horse-1234")
        return account.id, user.id


async def _claimed(ctx: AppContext, account_id: int, user_id: int, recipient: str) -> queue.Claimed:
    """A real queued-and-claimed message, as the delivery worker holds it."""
    mime = compose(
        Draft(mail_from="doctor@clinic.example", from_name="Dr Who", to=[recipient], subject="Lab results", text=BODY),
        message_id=new_message_id("clinic.example"),
    )
    async with ctx.db.transaction() as session:
        await queue.enqueue_message(
            session,
            ctx,
            account_id=account_id,
            user_id=user_id,
            mail_from="doctor@clinic.example",
            recipients=[recipient],
            mime=mime,
            tls_policy="required",
            channel="api",
        )
    [claimed] = await queue.claim(ctx, worker="test", limit=1)
    return claimed


def _inner_text(entity: bytes) -> str:
    part = email.message_from_bytes(entity, policy=default_policy)
    return part.get_content()


async def test_pgp_fallback_decrypts_with_the_recipients_private_key(ctx: AppContext) -> None:
    account_id, user_id = await _setup(ctx)
    pair = pgp_pair("pat@plain.test")
    async with ctx.db.transaction() as session:
        await keys.add(session=session, account_id=account_id, kind="pgp", material=pair.public_armored)
    claimed = await _claimed(ctx, account_id, user_id, "pat@plain.test")
    async with ctx.db.transaction() as session:
        result = await fallback(ctx=ctx, session=session, message=claimed, recipient="Pat@plain.test")
    assert result.method == "pgp" and result.mime is not None
    outer = email.message_from_bytes(result.mime, policy=default_policy)
    assert outer.get_content_type() == "multipart/encrypted"
    assert outer.get_param("protocol") == "application/pgp-encrypted" and outer["Subject"] == "Lab results"
    control, payload = outer.get_payload()
    assert control.get_content_type() == "application/pgp-encrypted" and b"Version: 1" in control.get_content()
    assert BODY.encode() not in result.mime
    assert _inner_text(pgp_decrypt(pair, payload.get_payload())).rstrip() == BODY


async def test_smime_fallback_decrypts_with_the_recipients_key(ctx: AppContext) -> None:
    account_id, user_id = await _setup(ctx)
    pair = smime_pair("sam@plain.test")
    async with ctx.db.transaction() as session:
        await keys.add(
            session=session, account_id=account_id, kind="smime", material=pair.cert_pem, address="sam@plain.test"
        )
    claimed = await _claimed(ctx, account_id, user_id, "sam@plain.test")
    async with ctx.db.transaction() as session:
        result = await fallback(ctx=ctx, session=session, message=claimed, recipient="sam@plain.test")
    assert result.method == "smime" and result.mime is not None
    outer = email.message_from_bytes(result.mime, policy=default_policy)
    assert outer.get_content_type() == "application/pkcs7-mime"
    assert outer.get_param("smime-type") == "enveloped-data" and outer["To"] == "sam@plain.test"
    entity = pkcs7.pkcs7_decrypt_smime(result.mime, pair.cert, pair.key, [])
    assert _inner_text(entity).rstrip() == BODY


async def test_pgp_of_another_account_is_ignored_and_smime_is_used(ctx: AppContext) -> None:
    account_id, user_id = await _setup(ctx)
    async with ctx.db.transaction() as session:
        other = await bootstrap.create_account(session, "Other")
        await keys.add(
            session=session, account_id=other.id, kind="pgp", material=pgp_pair("kim@plain.test").public_armored
        )
        await keys.add(
            session=session, account_id=account_id, kind="smime", material=smime_pair("kim@plain.test").cert_pem
        )
    claimed = await _claimed(ctx, account_id, user_id, "kim@plain.test")
    async with ctx.db.transaction() as session:
        result = await fallback(ctx=ctx, session=session, message=claimed, recipient="kim@plain.test")
    assert result.method == "smime"  # the other account's PGP key is not ours to use


async def test_escrow_seals_the_copy_and_queues_a_notice_with_the_pickup_link(ctx: AppContext) -> None:
    account_id, user_id = await _setup(ctx)
    claimed = await _claimed(ctx, account_id, user_id, "lee@plain.test")
    async with ctx.db.transaction() as session:
        result = await fallback(ctx=ctx, session=session, message=claimed, recipient="lee@plain.test")
    assert result.method == "escrow" and result.mime is None and result.escrow_id and result.notice_queue_id
    async with ctx.db.transaction() as session:
        row = await session.get(EscrowMessage, result.escrow_id)
        notice = await session.get(OutboundMessage, result.notice_queue_id)
        rcpts = list(
            await session.scalars(select(OutboundRecipient.address).where(OutboundRecipient.message_id == notice.id))
        )
    assert (row.recipient, row.sender, row.queue_message_id) == ("lee@plain.test", "doctor@clinic.example", claimed.id)
    assert BODY.encode() not in row.content and b"Lab results" not in row.content
    assert (row.expires_at - row.created_at).days == 30  # the escrow_expiration default
    assert (notice.tls_policy, notice.channel, rcpts) == ("opportunistic", "system", ["lee@plain.test"])
    text = ctx.box.open(notice.mime_sealed, context=queue.SEAL_CONTEXT).decode()
    assert f"{ctx.settings.base_url}/securesend/pickup/" in text and "Lab results" not in text
    async with ctx.db.transaction() as session:  # the worker crashed before recording: delivery retried
        again = await fallback(ctx=ctx, session=session, message=claimed, recipient="lee@plain.test")
    assert (again.method, again.escrow_id, again.notice_queue_id) == ("escrow", result.escrow_id, None)


async def test_key_registration_checks_the_key(ctx: AppContext) -> None:
    account_id, _ = await _setup(ctx)
    pair = pgp_pair("ann@plain.test")
    async with ctx.db.transaction() as session:
        rows = await keys.add(session=session, account_id=account_id, kind="pgp", material=pair.public_armored)
        assert [r.address for r in rows] == ["ann@plain.test"]
        with pytest.raises(Conflict):
            await keys.add(session=session, account_id=account_id, kind="pgp", material=pair.public_armored)
        with pytest.raises(BadRequest, match=r"not bob@plain\.test"):
            await keys.add(
                session=session,
                account_id=account_id,
                kind="pgp",
                material=pair.public_armored,
                address="bob@plain.test",
            )
        with pytest.raises(BadRequest, match="private key"):
            await keys.add(session=session, account_id=account_id, kind="pgp", material=str(pair.private))
        with pytest.raises(BadRequest, match=r"X\.509"):
            await keys.add(session=session, account_id=account_id, kind="smime", material=b"garbage")
        listed = await keys.list_for_account(session=session, account_id=account_id)
        assert [keys.record(r)["fingerprint"] for r in listed] == [rows[0].fingerprint]


async def test_a_key_that_fails_to_encrypt_falls_through_to_the_next_method(ctx: AppContext) -> None:
    from openlux.secureline.models import RecipientKey

    account_id, user_id = await _setup(ctx)
    async with ctx.db.transaction() as session:  # a row the library cannot use (validation bypassed)
        session.add(
            RecipientKey(
                account_id=account_id,
                address="max@plain.test",
                kind="pgp",
                fingerprint="BAD",
                material="-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot a key\n",
            )
        )
    claimed = await _claimed(ctx, account_id, user_id, "max@plain.test")
    async with ctx.db.transaction() as session:
        result = await fallback(ctx=ctx, session=session, message=claimed, recipient="max@plain.test")
    assert result.method == "escrow" and result.escrow_id


async def test_expired_keys_are_not_used(ctx: AppContext) -> None:
    from datetime import timedelta

    from openlux.core import time as clock

    account_id, _ = await _setup(ctx)
    async with ctx.db.transaction() as session:
        [row] = await keys.add(
            session=session, account_id=account_id, kind="smime", material=smime_pair("old@plain.test").cert_pem
        )
        assert set(await keys.usable(session=session, account_id=account_id, address="OLD@plain.test")) == {"smime"}
        row.expires_at = clock.utcnow() - timedelta(minutes=1)
        await session.flush()
        assert await keys.usable(session=session, account_id=account_id, address="old@plain.test") == {}
