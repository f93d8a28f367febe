"""SecureLine's per-recipient decision table (pure: no I/O).

    policy          MX negotiates TLS   PGP key   S/MIME cert   → method
    required        yes                 –         –               tls
    required        no                  yes       –               pgp
    required        no                  no        yes             smime
    required        no                  no        no              escrow
    secureline      (not asked)         as above, TLS alone never suffices → pgp | smime | escrow
    opportunistic   yes / no            –         –               tls / none
    no_tls          (not asked)         –         –               none

`secureline` is the pipeline's name for LuxSci's `no_tls_only=1` ("do not deliver to anyone by TLS
only; use another method"). `none` means delivered without SecureLine encryption.
"""

from __future__ import annotations

# Policies whose answer depends on the recipient's MX (the others never open a connection).
PROBING_POLICIES = ("opportunistic", "required")


def encrypted_method(*, has_pgp: bool, has_smime: bool) -> str:
    """The method used when TLS may not carry the message: pgp, then smime, then escrow."""
    if has_pgp:
        return "pgp"
    if has_smime:
        return "smime"
    return "escrow"


def choose(policy: str, *, tls_ok: bool, has_pgp: bool, has_smime: bool) -> str:
    """The method one recipient gets under `policy` (see the module table)."""
    if policy == "no_tls":
        return "none"
    if policy == "opportunistic":
        return "tls" if tls_ok else "none"
    if policy == "required" and tls_ok:
        return "tls"
    return encrypted_method(has_pgp=has_pgp, has_smime=has_smime)
