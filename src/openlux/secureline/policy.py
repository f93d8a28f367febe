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

from enum import StrEnum

from openlux.mail.states import TlsPolicy


class SecureLineMethod(StrEnum):
    """How SecureLine would carry the message to one recipient (the `method` of the encryption data)."""

    TLS = "tls"
    PGP = "pgp"
    SMIME = "smime"
    ESCROW = "escrow"
    NONE = "none"  # delivered without SecureLine encryption


class KeyKind(StrEnum):
    """Recipient key kinds (secureline_recipient_key.kind)."""

    PGP = "pgp"
    SMIME = "smime"


# Policies whose answer depends on the recipient's MX (the others never open a connection).
PROBING_POLICIES = (TlsPolicy.OPPORTUNISTIC, TlsPolicy.REQUIRED)


def encrypted_method(*, has_pgp: bool, has_smime: bool) -> SecureLineMethod:
    """The method used when TLS may not carry the message: pgp, then smime, then escrow."""
    if has_pgp:
        return SecureLineMethod.PGP
    if has_smime:
        return SecureLineMethod.SMIME
    return SecureLineMethod.ESCROW


def choose(policy: str, *, tls_ok: bool, has_pgp: bool, has_smime: bool) -> SecureLineMethod:
    """The method one recipient gets under `policy` (see the module table)."""
    if policy == TlsPolicy.NO_TLS:
        return SecureLineMethod.NONE
    if policy == TlsPolicy.OPPORTUNISTIC:
        return SecureLineMethod.TLS if tls_ok else SecureLineMethod.NONE
    if policy == TlsPolicy.REQUIRED and tls_ok:
        return SecureLineMethod.TLS
    return encrypted_method(has_pgp=has_pgp, has_smime=has_smime)
