"""Where a finished report CSV goes: kept under the data dir, PUT to an HTTP(S) server, or SFTP.

Remote destinations are chosen by tenants, so (openlux.core.netguard) the host is resolved once,
refused when any of its addresses is internal (unless the operator allow-listed the network), and
the connection goes to that checked address: HTTP(S) with the original name as Host and TLS SNI
(certificates are verified against it), SFTP through asyncssh. Redirects are not followed. Every
failure reads the same ("The upload to <host> failed."), so a job cannot tell an open port from a
closed one or a 404 from a timeout; the details are logged for the operator.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openlux.core.crypto import SecretBox
from openlux.core.datadir import write_private_atomically
from openlux.core.errors import BadRequest
from openlux.core.netguard import DestinationRefused, IPAddress, OutboundGuard

log = logging.getLogger("openlux.reports")
KINDS = ("local", "http", "https", "sftp")
DEFAULT_PORTS = {"http": 80, "https": 443, "sftp": 22}
UPLOAD_TIMEOUT = 120.0  # seconds for one upload of a (possibly large) CSV
CONNECT_TIMEOUT = 15.0  # seconds to reach the destination
_HOST = re.compile(r"^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:.]+\]$")
_PATH_PART = re.compile(r"^[A-Za-z0-9._~-]+$")


@dataclass(frozen=True, slots=True)
class Destination:
    """A validated destination (the password travels sealed, not in this record)."""

    kind: str
    hostname: str = ""
    port: int | None = None
    path: str = ""
    username: str = ""

    def public(self) -> dict[str, Any]:
        """What the job stores and shows (never the password)."""
        return {
            "kind": self.kind,
            "hostname": self.hostname,
            "port": self.port,
            "path": self.path,
            "username": self.username,
        }


def parse(params: dict[str, str]) -> tuple[Destination, str] | None:
    """(destination, password) from destination_* parameters; None when the call is synchronous."""
    kind = (params.get("destination") or "").strip().lower()
    if not kind:
        if (params.get("destination_hostname") or "").strip():
            raise BadRequest(
                "Parameter 'destination' is required with 'destination_hostname' (local, http, https or sftp)."
            )
        return None
    if kind not in KINDS:
        raise BadRequest(f"Parameter 'destination' must be one of: {', '.join(KINDS)}.")
    if kind == "local":
        return Destination("local"), ""
    host = (params.get("destination_hostname") or "").strip()
    if not _HOST.match(host):
        raise BadRequest("Parameter 'destination_hostname' must be a host name or address.")
    port = None
    if params.get("destination_port"):
        try:
            port = int(params["destination_port"])
        except ValueError:
            raise BadRequest("Parameter 'destination_port' must be a whole number.") from None
        if not 0 < port < 65536:
            raise BadRequest("Parameter 'destination_port' must be between 1 and 65535.")
    path = "/".join(p for p in (params.get("destination_path") or "").split("/") if p)
    if path and not all(_PATH_PART.match(p) and p not in (".", "..") for p in path.split("/")):
        raise BadRequest("Parameter 'destination_path' may hold only letters, digits and . _ ~ - between slashes.")
    return Destination(kind, host, port, path, (params.get("destination_username") or "").strip()), params.get(
        "destination_password"
    ) or ""


KEPT_DIRECTORY = "report-jobs"
SEALED_SUFFIX = ".sealed"
MAX_KEPT_BYTES = 50 * 1024 * 1024  # a kept CSV is sealed and read back whole (getReportJob download=1)


def local_path(data_dir: Path, account_id: int, filename: str) -> Path:
    """Where a local-destination CSV is kept, sealed with the master key (it holds report rows:
    addresses, subjects)."""
    return data_dir / KEPT_DIRECTORY / str(account_id) / (filename + SEALED_SUFFIX)


def legacy_local_path(data_dir: Path, account_id: int, filename: str) -> Path:
    """Where releases before sealing kept the CSV, in clear (still read, and purged, as it was)."""
    return data_dir / KEPT_DIRECTORY / str(account_id) / filename


def kept_file_context(path: Path) -> bytes:
    """The authenticated context of a kept CSV: its account directory and name (openlux key rotate too)."""
    return f"report_job_file:{path.parent.name}/{path.name}".encode()


def keep_sealed(source: Path, target: Path, box: SecretBox) -> None:
    """Seal `source` into `target` (0600, written aside and renamed); RuntimeError when too large."""
    if source.stat().st_size > MAX_KEPT_BYTES:
        raise RuntimeError(f"The report is larger than {MAX_KEPT_BYTES} bytes; use an http, https or sftp destination.")
    target.parent.mkdir(parents=True, exist_ok=True)
    write_private_atomically(target, box.seal(source.read_bytes(), context=kept_file_context(target)))
    source.unlink(missing_ok=True)


def read_kept(data_dir: Path, account_id: int, filename: str, box: SecretBox) -> bytes | None:
    """A kept CSV's bytes (sealed, or clear from an older release); None when it is no longer kept."""
    sealed = local_path(data_dir, account_id, filename)
    if sealed.exists():
        return box.open(sealed.read_bytes(), context=kept_file_context(sealed))
    legacy = legacy_local_path(data_dir, account_id, filename)
    return legacy.read_bytes() if legacy.exists() else None


def remote_path(destination: dict[str, Any], filename: str) -> str:
    """destination_path/filename (relative to the server's root or the SFTP user's home)."""
    return "/".join(p for p in (destination.get("path") or "", filename) if p)


def upload_url(destination: dict[str, Any], filename: str, address: IPAddress) -> str:
    """The URL a CSV is PUT to: the checked address, never the name (which could resolve again)."""
    port = destination.get("port") or DEFAULT_PORTS[destination["kind"]]
    host = f"[{address}]" if isinstance(address, ipaddress.IPv6Address) else str(address)
    return f"{destination['kind']}://{host}:{port}/{remote_path(destination, filename)}"


def host_header(destination: dict[str, Any]) -> str:
    """The Host header: the name the tenant gave, with a non-default port."""
    port = destination.get("port")
    name = destination["hostname"]
    return name if not port or port == DEFAULT_PORTS[destination["kind"]] else f"{name}:{port}"


async def deliver(
    *,
    destination: dict[str, Any],
    password: str,
    source: Path,
    data_dir: Path,
    account_id: int,
    filename: str,
    guard: OutboundGuard,
    box: SecretBox,
) -> None:
    """Put the finished file at its destination; RuntimeError with a message that reveals nothing of the target."""
    kind = destination["kind"]
    if kind == "local":
        await asyncio.to_thread(keep_sealed, source, local_path(data_dir, account_id, filename), box)
        return
    try:
        address = await guard.resolve(destination["hostname"], destination.get("port") or DEFAULT_PORTS[kind])
    except DestinationRefused as exc:
        log.warning("report upload to %s refused: %s", destination["hostname"], exc.message)
        raise RuntimeError(f"{exc.message} ({destination['hostname']})") from None
    try:
        upload = _sftp_upload if kind == "sftp" else _http_upload
        async with asyncio.timeout(UPLOAD_TIMEOUT):  # not wait_for: it can swallow cancellation on 3.11
            await upload(destination, password, source, filename, address)
    except Exception as exc:  # noqa: BLE001 - every failure reads the same to the tenant (no port scanning through jobs)
        log.warning("report upload to %s (%s) failed: %r", destination["hostname"], address, exc)
        raise RuntimeError(f"The upload to {destination['hostname']} failed.") from None


async def _http_upload(
    destination: dict[str, Any], password: str, source: Path, filename: str, address: IPAddress
) -> None:
    import httpx  # here, not at the top: only upload jobs need it (~6 MB and 60 ms per process otherwise)

    auth = (destination["username"], password) if destination.get("username") else None
    timeout = httpx.Timeout(UPLOAD_TIMEOUT, connect=CONNECT_TIMEOUT)
    size = (await asyncio.to_thread(source.stat)).st_size
    async with httpx.AsyncClient(timeout=timeout, auth=auth, follow_redirects=False, trust_env=False) as client:
        request = client.build_request(
            "PUT",
            upload_url(destination, filename, address),
            content=_chunks(source),
            # A declared length, not chunked: object stores (S3-style presigned PUTs) refuse chunked uploads, and a
            # server that answers before reading a chunked body can reset the connection under the reply.
            headers={
                "Content-Type": "text/csv; charset=utf-8",
                "Content-Length": str(size),
                "Host": host_header(destination),
            },
            extensions={"sni_hostname": destination["hostname"]},
        )  # TLS name check against the given name
        reply = await client.send(request)
    if not 200 <= reply.status_code < 300:
        raise RuntimeError(f"HTTP {reply.status_code}")


async def _sftp_upload(
    destination: dict[str, Any], password: str, source: Path, filename: str, address: IPAddress
) -> None:
    import asyncssh  # here, not at the top: only SFTP uploads need it (~10 MB and 0.1-0.2 s per process otherwise)

    # No local keys, agent or ssh config of the server's own account may be offered to a tenant's host.
    async with (
        asyncssh.connect(
            str(address),
            port=destination.get("port") or DEFAULT_PORTS["sftp"],
            username=destination.get("username") or None,
            password=password or None,
            known_hosts=None,
            client_keys=None,
            agent_path=None,
            config=None,
            connect_timeout=CONNECT_TIMEOUT,
        ) as connection,
        connection.start_sftp_client() as sftp,
    ):
        directory = destination.get("path") or ""
        if directory:
            await sftp.makedirs(directory, exist_ok=True)
        await sftp.put(str(source), remote_path(destination, filename))


async def _chunks(source: Path) -> AsyncIterator[bytes]:
    """The file in 1 MiB pieces (a job's CSV may be far larger than memory should hold)."""
    with source.open("rb") as handle:
        while piece := handle.read(1 << 20):
            yield piece
