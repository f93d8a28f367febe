"""Portal passwords (service level): wrong passwords lock the recipient's logins; a new password lifts it."""

from __future__ import annotations

from openlux.accounts import bootstrap
from openlux.core.context import AppContext
from openlux.securesend import users
from openlux.securesend.schemas import SecureSendUserUpsert


async def test_ten_wrong_passwords_lock_until_a_new_password_is_set(ctx: AppContext) -> None:
    async with ctx.db.transaction() as session:
        account = await bootstrap.create_account(session, "Clinic")
        await users.upsert(
            session=session,
            account_id=account.id,
            namespace_id="main",
            ss_user="pat@example.org",
            body=SecureSendUserUpsert(password="Right-Pass-1"),
        )
        for _ in range(users.LOCK_AFTER):
            found, reason = await users.check_password(
                session=session, account_id=account.id, email="pat@example.org", password="Wrong-Pass-1"
            )
            assert found is None and "do not match" in reason
            await users.note_failure(session=session, account_id=account.id, email="pat@example.org")
        found, reason = await users.check_password(
            session=session, account_id=account.id, email="pat@example.org", password="Right-Pass-1"
        )
        assert found is None and "Too many wrong passwords" in reason
        await users.change_password(
            session=session,
            account_id=account.id,
            namespace_id="MAIN",
            ss_user="pat@example.org",
            password="Newer-Pass-2",
        )
        found, _ = await users.check_password(
            session=session, account_id=account.id, email="pat@example.org", password="Newer-Pass-2"
        )
        assert found is not None and found.last_login_at is not None
        # Another account never sees this login.
        other = await bootstrap.create_account(session, "Elsewhere")
        assert not await users.has_login(session=session, account_id=other.id, email="pat@example.org")
