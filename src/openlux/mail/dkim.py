"""DKIM keys (stored sealed per account domain) and signing them off the event loop.

Signing is OpenSSL's (openlux.mail.dkim_signer) in a pool sized to the machine's cores: threads by
default (OpenSSL releases the interpreter lock while it signs), processes when
`dkim_sign_pool = "process"`. Threads won on the 2-core machine (bench/send_throughput.py
--sign-pool, see docs/compat.d/admin.md): a process pool's pickling and pipes cost the delivery
process more than the canonicalisation it moves away. A domain with an enabled Ed25519 key as well as an RSA key gets
two signatures (RFC 8463 §4 dual signing: receivers that know Ed25519 check that one, others RSA).
"""

from __future__ import annotations

import asyncio
import base64
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from openlux.accounts.models import Domain
from openlux.core import cache
from openlux.core.addresses import normalise_domain
from openlux.core.context import AppContext
from openlux.core.errors import BadRequest, Conflict
from openlux.mail.dkim_signer import Algorithm, KeyMaterial, sign_message
from openlux.mail.models import DkimKey

DEFAULT_SELECTOR = "openlux"
KEY_SIZES = (1024, 2048, 4096)  # RFC 8301 §3.2: at least 1024 bits; 2048 is the common default
ED25519_KEY_SIZE = 256
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


class KeyType(StrEnum):
    """The `k=` of a DKIM key: what createDkim's `key_type` accepts."""

    RSA = "rsa"
    ED25519 = "ed25519"


class SignPool(StrEnum):
    """Where signatures are computed (setting dkim_sign_pool)."""

    THREAD = "thread"
    PROCESS = "process"


ALGORITHMS = {KeyType.RSA: Algorithm.RSA_SHA256, KeyType.ED25519: Algorithm.ED25519_SHA256}


@dataclass(frozen=True, slots=True)
class SigningKey:
    """What signing a domain's mail needs: its newest enabled key of each type (RSA first)."""

    domain: str
    account_id: int  # the account owning the domain: only its mail is signed with these keys
    keys: tuple[KeyMaterial, ...]

    @property
    def selector(self) -> str:
        return self.keys[0].selector


def dns_record(key: DkimKey) -> str:
    """The TXT record value to publish at `<selector>._domainkey.<domain>`."""
    return f"v=DKIM1; k={key.algorithm or KeyType.RSA}; p={key.public_key}"


async def create_key(
    *,
    session: AsyncSession,
    ctx: AppContext,
    account_id: int,
    domain: str,
    selector: str = DEFAULT_SELECTOR,
    bits: int = 2048,
    key_type: KeyType = KeyType.RSA,
) -> DkimKey:
    """Generate and store a key for one of the account's domains; Conflict if the selector is taken.
    `bits` is ignored for Ed25519 (its keys have one size)."""
    name = normalise_domain(domain)
    if key_type == KeyType.ED25519:
        bits = ED25519_KEY_SIZE
    elif bits not in KEY_SIZES:
        raise BadRequest(f"Field 'key_size' must be one of {', '.join(map(str, KEY_SIZES))}.")
    owner = await session.scalar(select(Domain.account_id).where(Domain.name == name))
    if owner != account_id:
        raise BadRequest(f"Field 'domain': {name} is not a domain of this account.")
    if await session.scalar(select(DkimKey.id).where(DkimKey.domain == name, DkimKey.selector == selector)):
        raise Conflict(f"Domain {name} already has a DKIM key with selector {selector}.")
    if key_type == KeyType.ED25519:
        edkey = ed25519.Ed25519PrivateKey.generate()
        pem = edkey.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        # RFC 8463 §4.2: p= is the bare 32-byte public key, not a SubjectPublicKeyInfo.
        public = edkey.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    else:
        private = await asyncio.to_thread(rsa.generate_private_key, public_exponent=65537, key_size=bits)
        # PKCS#1 PEM: the form every dkimpy release parses.
        pem = private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
        )
        public = private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    key = DkimKey(
        account_id=account_id,
        domain=name,
        selector=selector,
        key_size=bits,
        algorithm=str(key_type),
        enabled=True,
        private_key_sealed=ctx.box.seal(pem, context=SEAL_CONTEXT),
        public_key=base64.b64encode(public).decode("ascii"),
    )
    session.add(key)
    await session.flush()
    return key


async def get_keys(*, session: AsyncSession, domain: str) -> list[DkimKey]:
    """The newest enabled key of each type of a domain, RSA first (empty: the domain signs nothing)."""
    query = (
        select(DkimKey)
        .where(DkimKey.domain == domain.lower(), DkimKey.enabled.is_(True))
        .order_by(DkimKey.created_at.desc(), DkimKey.id.desc())
    )
    newest: dict[str, DkimKey] = {}
    for row in (await session.scalars(query)).all():
        newest.setdefault(row.algorithm or KeyType.RSA, row)
    return [newest[t] for t in (KeyType.RSA, KeyType.ED25519) if t in newest]


async def signing_key(ctx: AppContext, domain: str) -> SigningKey | None:
    """The domain's keys ready to sign, cached per process for a minute (workers sign every message).
    The opened private keys are cached separately by content (dkim_signer.opened_key), so a rotated
    key is a new cache entry and the old one simply stops being used."""

    async def load() -> SigningKey | None:
        async with ctx.db.sessions() as session:
            rows = await get_keys(session=session, domain=domain)
            materials = tuple(
                KeyMaterial.of(
                    ALGORITHMS[KeyType(row.algorithm or KeyType.RSA)],
                    row.domain,
                    row.selector,
                    ctx.box.open(row.private_key_sealed, context=SEAL_CONTEXT),
                )
                for row in rows
            )
        return SigningKey(rows[0].domain, rows[0].account_id, materials) if rows else None

    return await cache.cached(ctx.dkim_keys, ctx.cache_loads, domain, _CACHE_SECONDS, load)


def forget_key(ctx: AppContext, domain: str) -> None:
    """Drop a domain's cached signing key in this process, so a created or deleted key counts at once."""
    cache.forget(ctx.dkim_keys, ctx.cache_loads, domain.lower())


def core_count() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def signing_pool(ctx: AppContext) -> Executor:
    """This process's signing pool, made on first use and shut down when the context closes."""
    if ctx.dkim_pool is None:
        workers = ctx.settings.dkim_sign_workers or core_count()
        pool: Executor
        if ctx.settings.dkim_sign_pool == SignPool.PROCESS:
            # forkserver: a fork of this process would copy its event loop, threads and sockets.
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("forkserver"))
        else:
            pool = ThreadPoolExecutor(workers, thread_name_prefix="dkim-sign")
        ctx.dkim_pool = pool

        async def shut_down() -> None:
            ctx.dkim_pool = None
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)

        ctx.closers.append(shut_down)
    return ctx.dkim_pool


def sign_sync(mime: bytes, key: SigningKey) -> bytes:
    """The message with one DKIM-Signature per key prepended (relaxed/relaxed)."""
    return sign_message(mime, key.keys, SIGNED_HEADERS)


async def sign(ctx: AppContext, mime: bytes, key: SigningKey) -> bytes:
    """sign_sync in the signing pool (never on the event loop)."""
    return await asyncio.get_running_loop().run_in_executor(
        signing_pool(ctx), sign_message, mime, key.keys, SIGNED_HEADERS
    )
