"""Where a finished report CSV goes: kept under the data dir for download, or PUT to an HTTP(S) server.

SFTP (LuxSci's usual destination) needs an SSH client library OpenLux does not ship yet, so a
request for it is refused up front rather than failing later (docs/compat.d/reports.md).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from openlux.core.errors import BadRequest

KINDS = ("local", "http", "https")
UPLOAD_TIMEOUT = 120.0  # seconds for one HTTP upload of a (possibly large) CSV
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
        return {"kind": self.kind, "hostname": self.hostname, "port": self.port, "path": self.path,
                "username": self.username}


def parse(params: dict[str, str]) -> tuple[Destination, str] | None:
    """(destination, password) from destination_* parameters; None when the call is synchronous."""
    kind = (params.get("destination") or "").strip().lower()
    if not kind:
        if (params.get("destination_hostname") or "").strip():
            raise BadRequest("Parameter 'destination' is required with 'destination_hostname' (local, http or https).")
        return None
    if kind not in KINDS:
        raise BadRequest(f"Parameter 'destination' must be one of: {', '.join(KINDS)} (sftp is not supported yet).")
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
    return Destination(kind, host, port, path, (params.get("destination_username") or "").strip()), \
        params.get("destination_password") or ""


def local_path(data_dir: Path, account_id: int, filename: str) -> Path:
    """Where a local-destination CSV is kept."""
    return data_dir / "report-jobs" / str(account_id) / filename


def upload_url(destination: dict[str, Any], filename: str) -> str:
    """The URL a CSV is PUT to."""
    port = f":{destination['port']}" if destination.get("port") else ""
    path = "/".join(p for p in (destination.get("path") or "", filename) if p)
    return f"{destination['kind']}://{destination['hostname']}{port}/{path}"


async def deliver(*, destination: dict[str, Any], password: str, source: Path, data_dir: Path, account_id: int,
                  filename: str) -> None:
    """Put the finished file at its destination; raises with a readable message on failure."""
    if destination["kind"] == "local":
        target = local_path(data_dir, account_id, filename)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(source), target)
        return
    auth = (destination["username"], password) if destination.get("username") else None
    async with httpx.AsyncClient(timeout=UPLOAD_TIMEOUT, auth=auth, follow_redirects=False) as client:
        reply = await client.put(upload_url(destination, filename), content=_chunks(source),
                                 headers={"Content-Type": "text/csv; charset=utf-8"})
    if reply.status_code >= 300:
        raise RuntimeError(f"The upload to {destination['hostname']} was refused: HTTP {reply.status_code}.")


async def _chunks(source: Path) -> AsyncIterator[bytes]:
    """The file in 1 MiB pieces (a job's CSV may be far larger than memory should hold)."""
    with source.open("rb") as handle:
        while piece := handle.read(1 << 20):
            yield piece
