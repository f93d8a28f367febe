"""DKIM keys (stored sealed per account domain) and signing with dkimpy (CPU-bound: in a thread)."""

from __future__ import annotations

import asyncio
import base64
import time
from dataclasses import dataclass

import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain
from openlux.core.addresses import normalise_domain
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, Conflict
from openlux.mail.models import DkimKey

DEFAULT_SELECTOR = "openlux"
KEY_SIZES = (1024, 2048, 4096)  # RFC 8301 §3.2: at least 1024 bits; 2048 is the common default
SEAL_CONTEXT = b"dkim_key"
# RFC 6376 §5.4.1 recommends these; Reply-To, Cc and MIME headers are added when present. RFC 8058 §4:
# a one-click unsubscribe counts only when List-Unsubscribe and List-Unsubscribe-Post are signed.
SIGNED_HEADERS = (
    b"from",
    b"to",
    b"cc",
    b"reply-to",
    b"subject",
    b"date",
    b"message-id",
    b"mime-version",
    b"content-type",
    b"list-unsubscribe",
    b"list-unsubscribe-post",
    b"x-openlux-ref",
)
_CACHE_SECONDS = 60.0  # a worker re-reads a domain's key at most this often


@dataclass(frozen=True, slots=True)
class SigningKey:
    """What signing needs, the private key already opened."""

    domain: str
    selector: str
    private_pem: bytes
    account_id: int  # the account owning the domain: only its mail is signed with this key


def dns_record(key: DkimKey) -> str:
    """The TXT record value to publish at `<selector>._domainkey.<domain>`."""
    return f"v=DKIM1; k=rsa; p={key.public_key}"


async def create_key(
    *,
    session: AsyncSession,
    ctx: AppContext,
    account_id: int,
    domain: str,
    selector: str = DEFAULT_SELECTOR,
    bits: int = 2048,
) -> DkimKey:
    """Generate and store a key for one of the account's domains; Conflict if the selector is taken."""
    name = normalise_domain(domain)
    if bits not in KEY_SIZES:
        raise BadRequest(f"Field 'key_size' must be one of {', '.join(map(str, KEY_SIZES))}.")
    owner = await session.scalar(select(Domain.account_id).where(Domain.name == name))
    if owner != account_id:
        raise BadRequest(f"Field 'domain': {name} is not a domain of this account.")
    if await session.scalar(select(DkimKey.id).where(DkimKey.domain == name, DkimKey.selector == selector)):
        raise Conflict(f"Domain {name} already has a DKIM key with selector {selector}.")
    private = await asyncio.to_thread(rsa.generate_private_key, public_exponent=65537, key_size=bits)
    # PKCS#1 PEM: the form every dkimpy release parses.
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    )
    public_der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    key = DkimKey(
        account_id=account_id,
        domain=name,
        selector=selector,
        key_size=bits,
        enabled=True,
        private_key_sealed=ctx.box.seal(pem, context=SEAL_CONTEXT),
        public_key=base64.b64encode(public_der).decode("ascii"),
    )
    session.add(key)
    await session.flush()
    return key


async def get_key(*, session: AsyncSession, domain: str) -> DkimKey | None:
    """The newest enabled key of a domain, or None."""
    query = (
        select(DkimKey)
        .where(DkimKey.domain == domain.lower(), DkimKey.enabled.is_(True))
        .order_by(DkimKey.created_at.desc(), DkimKey.id.desc())
        .limit(1)
    )
    return await session.scalar(query)


async def signing_key(ctx: AppContext, domain: str) -> SigningKey | None:
    """The domain's key ready to sign, cached per process for a minute (workers sign every message)."""
    cache = ctx.dkim_keys
    hit = cache.get(domain)
    if hit is not None and hit[0] > time.monotonic():
        return hit[1]
    async with ctx.db.sessions() as session:
        row = await get_key(session=session, domain=domain)
        key = (
            None
            if row is None
            else SigningKey(
                row.domain, row.selector, ctx.box.open(row.private_key_sealed, context=SEAL_CONTEXT), row.account_id
            )
        )
    cache[domain] = (time.monotonic() + _CACHE_SECONDS, key)
    return key


def forget_key(ctx: AppContext, domain: str) -> None:
    """Drop a domain's cached signing key in this process, so a created or deleted key counts at once."""
    ctx.dkim_keys.pop(domain.lower(), None)


def sign_sync(mime: bytes, key: SigningKey) -> bytes:
    """The message with a DKIM-Signature header prepended (relaxed/relaxed, rsa-sha256)."""
    header = dkim.sign(
        mime,
        key.selector.encode(),
        key.domain.encode(),
        key.private_pem,
        canonicalize=(b"relaxed", b"relaxed"),
        include_headers=list(SIGNED_HEADERS),
    )
    return header.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + mime


async def sign(mime: bytes, key: SigningKey) -> bytes:
    """sign_sync in a worker thread."""
    return await asyncio.to_thread(sign_sync, mime, key)
