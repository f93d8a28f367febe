"""The data directory is private: 0700, and every file OpenLux creates in it 0600.

Two mechanisms, so nothing depends on each writer remembering a mode:
- the process umask becomes 077 before anything is created (SQLite creates the database, its WAL and
  SHM files with the umask; report CSVs, captured mail, blobs, certificates likewise), and
- files OpenLux is known to create there that an older release left readable (0644) are tightened
  at start.
Other files in the directory (an operator's own) are never changed and never refused: each one that
group or others can read or write is named in one warning line (docs/operations.md, "Files and
permissions").
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger("openlux.datadir")

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
PRIVATE_UMASK = 0o077  # no bit for group or others on anything this process creates
# Names OpenLux creates at the top of the data directory (a prefix match covers openlux.db-wal/-shm/-journal).
# (openlux.db.startup-lock is the SQLite start-up lock, openlux.db.rotation the key rotation's progress).
OWN_FILE_PREFIXES = ("openlux.db", "master.key", "credentials.json", "served.json")
# Sub-directories whose whole content OpenLux writes.
OWN_DIRECTORIES = ("tls", "content_library", "report-jobs", "secureforms")
WARN_LIMIT = 20  # at most this many loose files are named; the rest are counted


def make_private(data_dir: Path) -> None:
    """Create the data directory 0700 and set the umask so every file created from now on is 0600."""
    os.umask(PRIVATE_UMASK)
    data_dir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)


def write_private_atomically(path: Path, data: bytes, *, aside_suffix: str = ".writing") -> None:
    """Replace `path` with `data`, 0600 from its first byte and durable before the rename: readers see
    the old file or the whole new one, never a part (written beside it as `<name><aside_suffix>`)."""
    aside = path.with_name(path.name + aside_suffix)
    fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(aside, path)


def tighten(data_dir: Path) -> list[Path]:
    """Make the data dir 0700 and OpenLux's own files 0600; warn about other loose files; return those."""
    make_private(data_dir)
    _chmod_if_looser(data_dir, PRIVATE_DIR)
    loose: list[Path] = []
    for path in _walk(data_dir):
        if _is_own(data_dir, path):
            _chmod_if_looser(path, PRIVATE_DIR if path.is_dir() else PRIVATE_FILE)
        elif _mode(path) & 0o077:
            loose.append(path)
    if loose:
        shown = ", ".join(f"{p} ({_mode(p):o})" for p in loose[:WARN_LIMIT])
        more = f" and {len(loose) - WARN_LIMIT} more" if len(loose) > WARN_LIMIT else ""
        log.warning(
            "files in the data directory %s that OpenLux did not create are readable or writable by others: %s%s "
            "(left as they are; chmod 600 them if they hold anything private)",
            data_dir,
            shown,
            more,
        )
    return loose


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        base = Path(dirpath)
        found.extend(base / name for name in dirnames)
        found.extend(base / name for name in filenames)
    return found


def _is_own(data_dir: Path, path: Path) -> bool:
    parts = path.relative_to(data_dir).parts
    if len(parts) > 1 or path.is_dir():
        return parts[0] in OWN_DIRECTORIES
    return parts[0].startswith(OWN_FILE_PREFIXES)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _chmod_if_looser(path: Path, mode: int) -> None:
    if path.is_symlink() or not _mode(path) & ~mode & 0o777:
        return
    try:
        path.chmod(mode)
    except OSError as exc:  # not ours (another owner): say so, never refuse to start
        log.warning("cannot make %s private (%s); it stays %o", path, exc.strerror, _mode(path))
