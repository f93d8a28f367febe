"""The per-recipient decision table, row by row."""

from __future__ import annotations

import pytest

from openlux.secureline.policy import choose

TABLE = [
    # policy, tls_ok, pgp, smime, expected
    ("required", True, True, True, "tls"),
    ("required", False, True, True, "pgp"),
    ("required", False, False, True, "smime"),
    ("required", False, False, False, "escrow"),
    ("secureline", True, False, False, "escrow"),
    ("secureline", True, True, False, "pgp"),
    ("secureline", True, False, True, "smime"),
    ("opportunistic", True, True, True, "tls"),
    ("opportunistic", False, True, True, "none"),
    ("no_tls", True, True, True, "none"),
]


@pytest.mark.parametrize(("policy", "tls_ok", "pgp", "smime", "expected"), TABLE)
def test_decision_table(policy: str, tls_ok: bool, pgp: bool, smime: bool, expected: str) -> None:
    assert choose(policy, tls_ok=tls_ok, has_pgp=pgp, has_smime=smime) == expected
