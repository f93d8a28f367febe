"""Library paths and the content-addressed blob store under the data dir.

Library paths are names in the database only: the bytes of a file live at
`<data_dir>/content_library/blobs/<sha[0:2]>/<sha[2:4]>/<sha>` (sealed with the master key), so
no client-supplied text ever reaches the filesystem. `clean_path` still refuses every trick
(`..`, `.`, empty segments, backslashes, NUL and control characters, `%`), so what is stored is
what a reader sees.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import re
import tempfile
import time
import unicodedata
from pathlib import Path

from openlux.core.crypto import SecretBox
from openlux.core.errors import BadRequest

MAX_DEPTH = 16  # DESIGN.md §4: path depth is bounded
MAX_SEGMENT_BYTES = 255  # the usual filesystem limit for one name
MAX_PATH_CHARS = 1024  # the column width
# Refused in names: `/` (our separator; reaches clean_segment only from upload file names),
# `\` (a separator elsewhere), `%` (double-decoding tricks), `:` (drive letters).
_FORBIDDEN = set("/\\%:")
BLOB_GRACE_SECONDS = 60  # a blob touched this recently may belong to an upload not yet committed
_SHA = re.compile(r"^[0-9a-f]{64}$")


def clean_segment(name: str, *, field: str) -> str:
    """One path segment (a file or directory name) in NFC form, or BadRequest naming the field."""
    name = unicodedata.normalize("NFC", name)  # macOS sends NFD: "é" must be one name, not two
    if name in ("", ".", ".."):
        raise BadRequest(f"Field '{field}': empty, '.' and '..' path segments are not allowed.")
    if len(name.encode("utf-8")) > MAX_SEGMENT_BYTES:
        raise BadRequest(f"Field '{field}': a name may be at most {MAX_SEGMENT_BYTES} bytes long.")
    for ch in name:
        if ch in _FORBIDDEN or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp"):
            raise BadRequest(f"Field '{field}': the character {ch!r} is not allowed in library names.")
    if name != name.strip():
        raise BadRequest(f"Field '{field}': names may not start or end with spaces.")
    return name


def clean_path(raw: str, *, field: str) -> str:
    """A library path without leading slash ("" is the root), or BadRequest naming the field.

    One leading `/` is allowed (the spec writes `/content_library/images` paths starting with `/`),
    and one trailing `/` (directories).
    """
    text = raw or ""
    if len(text) > MAX_PATH_CHARS:
        raise BadRequest(f"Field '{field}' must be at most {MAX_PATH_CHARS} characters long.")
    if text.startswith("/"):
        text = text[1:]
    if text.endswith("/"):
        text = text[:-1]
    if text == "":
        return ""
    segments = text.split("/")
    if len(segments) > MAX_DEPTH:
        raise BadRequest(f"Field '{field}': the library is at most {MAX_DEPTH} levels deep.")
    return "/".join(clean_segment(s, field=field) for s in segments)


def split(path: str) -> tuple[str, str]:
    """(parent, name) of a cleaned path."""
    parent, _, name = path.rpartition("/")
    return parent, name


def display(path: str) -> str:
    """How paths appear on the wire: from the library root, with a leading slash."""
    return "/" + path


class BlobStore:
    """Sealed, content-addressed file bytes on disk; all I/O runs in a worker thread."""

    def __init__(self, root: Path, box: SecretBox) -> None:
        self.root = root
        self.box = box

    def path_for(self, sha256: str) -> Path:
        """Where a blob lives; only a hex digest ever becomes a file name."""
        if not _SHA.match(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    async def put(self, data: bytes) -> str:
        """Store bytes (once per content) and return their SHA-256."""
        return await asyncio.to_thread(self._put, data)

    def _put(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        target = self.path_for(sha)
        if target.exists():
            os.utime(target)  # tells a concurrent garbage collection that the blob is in use again
            return sha
        target.parent.mkdir(parents=True, exist_ok=True)
        sealed = self.box.seal(data, context=self._context(sha))
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(sealed)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)  # atomic: readers never see a half-written blob
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha

    async def get(self, sha256: str) -> bytes:
        """The bytes of a blob (FileNotFoundError when it is gone)."""
        return await asyncio.to_thread(self._get, sha256)

    def _get(self, sha256: str) -> bytes:
        return self.box.open(self.path_for(sha256).read_bytes(), context=self._context(sha256))

    async def discard(self, sha256: str) -> bool:
        """Remove a blob nobody references any more, unless it was touched within the grace period."""
        return await asyncio.to_thread(self._discard, sha256)

    def _discard(self, sha256: str) -> bool:
        target = self.path_for(sha256)
        try:
            if time.time() - target.stat().st_mtime < BLOB_GRACE_SECONDS:
                return False
            target.unlink()
        except FileNotFoundError:
            return False
        return True

    @staticmethod
    def _context(sha256: str) -> bytes:
        return b"content_blob:" + sha256.encode()
