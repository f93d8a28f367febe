"""Password hashes: production parameters by default; the suite's cheap hashes only where it asks for them.

tests/conftest.py sets OPENLUX_PASSWORD_HASH_COST=test-minimum for every server and context of the
suite; these tests check that an installation that does not set it hashes at the production cost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from openlux.config import Settings
from openlux.core.context import AppContext
from openlux.core.crypto import PasswordHashCost, hash_password, use_password_hash_cost, verify_password
from tests.support.dbquery import fetch_all

PRODUCTION_PARAMETERS = "$argon2id$v=19$m=65536,t=3,p=4$"


async def test_an_installation_without_the_setting_hashes_at_the_production_cost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENLUX_PASSWORD_HASH_COST", raising=False)
    settings = Settings.load(data_dir=tmp_path / "data", database_url=f"sqlite+aiosqlite:///{tmp_path}/x.db")
    assert settings.password_hash_cost == PasswordHashCost.RECOMMENDED
    context = AppContext.build(settings)
    try:
        stored = hash_password("Correct-Horse-2024")
    finally:
        await context.close()
        use_password_hash_cost(PasswordHashCost.TEST_MINIMUM)
    assert stored.startswith(PRODUCTION_PARAMETERS), stored
    assert verify_password(stored, "Correct-Horse-2024") and not verify_password(stored, "Correct-Horse-2025")


def test_hashes_of_either_cost_verify_whatever_cost_new_hashes_get() -> None:
    use_password_hash_cost(PasswordHashCost.RECOMMENDED)
    try:
        production = hash_password("pw-one-1234")
    finally:
        use_password_hash_cost(PasswordHashCost.TEST_MINIMUM)
    cheap = hash_password("pw-two-1234")
    assert cheap.startswith("$argon2id$v=19$m=8,t=1,p=1$") and production.startswith(PRODUCTION_PARAMETERS)
    assert verify_password(production, "pw-one-1234") and verify_password(cheap, "pw-two-1234")
    assert not verify_password(production, "pw-two-1234") and not verify_password(cheap, "pw-one-1234")


def test_the_suites_servers_store_test_minimum_hashes(server) -> None:
    """The knob reaches the servers (else the suite spends its time in argon2 again)."""
    [admin] = fetch_all(
        server.database_url, "SELECT password_hash FROM app_user WHERE login = :login", login="admin@example.com"
    )
    assert admin["password_hash"].startswith("$argon2id$v=19$m=8,t=1,p=1$")
