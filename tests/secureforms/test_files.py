"""File names and blob paths (no server): posted names are display data, paths are built from numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from openlux.config import Settings
from openlux.core.context import AppContext
from openlux.secureforms import blobs
from openlux.secureforms.posts import MAX_FILE_NAME, safe_name


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("/abs/path/x.pdf", "x.pdf"),
        ("..", "file"),
        (".hidden", "hidden"),
        ("", "file"),
        ('a"b<c>.txt', "abc.txt"),
        ("nul\x00l.txt", "null.txt"),
        ("C:\\Users\\me\\scan.png", "scan.png"),
        ("x" * 400, "x" * MAX_FILE_NAME),
    ],
)
def test_safe_name(raw: str, expected: str) -> None:
    assert safe_name(raw) == expected


async def test_blobs_stay_under_their_root_and_are_sealed(tmp_path: Path) -> None:
    ctx = AppContext.build(Settings.load(data_dir=tmp_path / "data"))
    try:
        root = (tmp_path / "data" / blobs.ROOT).resolve()
        path = blobs.path_for(ctx, account_id=1, form_id=2, file_id=3)
        assert path == root / "1" / "2" / "3.bin"
        with pytest.raises(ValueError):
            blobs.path_for(ctx, account_id="../..", form_id=2, file_id=3)  # type: ignore[arg-type]
        await blobs.store(ctx, account_id=1, form_id=2, file_id=3, content=b"patient secret")
        assert b"patient secret" not in path.read_bytes() and path.stat().st_mode & 0o077 == 0
        assert await blobs.load(ctx, account_id=1, form_id=2, file_id=3) == b"patient secret"
        await blobs.remove(ctx, account_id=1, form_id=2, file_ids=[3, 4])
        assert await blobs.load(ctx, account_id=1, form_id=2, file_id=3) is None
    finally:
        await ctx.close()
