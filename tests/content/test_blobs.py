"""Blob store and path cleaning without a server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from openlux.content import blobs
from openlux.content.blobs import BlobStore, clean_path
from openlux.core.crypto import SecretBox
from openlux.core.errors import BadRequest


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs", SecretBox(os.urandom(32)))


async def test_blobs_are_sealed_deduplicated_and_read_back(store: BlobStore) -> None:
    sha = await store.put(b"hello library")
    assert await store.put(b"hello library") == sha
    files = [p for p in store.root.rglob("*") if p.is_file()]
    assert files == [store.path_for(sha)] and b"hello library" not in files[0].read_bytes()
    assert await store.get(sha) == b"hello library"


async def test_discard_spares_recently_touched_blobs(store: BlobStore, monkeypatch: pytest.MonkeyPatch) -> None:
    sha = await store.put(b"x")
    assert await store.discard(sha) is False and store.path_for(sha).exists()
    monkeypatch.setattr(blobs, "BLOB_GRACE_SECONDS", 0)
    assert await store.discard(sha) is True and not store.path_for(sha).exists()
    assert await store.discard(sha) is False
    with pytest.raises(FileNotFoundError):
        await store.get(sha)


def test_only_hex_digests_become_file_names(store: BlobStore) -> None:
    for bad in ("../../etc/passwd", "A" * 64, "0" * 63):
        with pytest.raises(ValueError):
            store.path_for(bad)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("/", ""),
        ("", ""),
        ("/images", "images"),
        ("images/", "images"),
        ("/a/b c/ü.png", "a/b c/ü.png"),
        ("/cafe\u0301", "caf\u00e9"),
    ],
)
def test_clean_path_accepts(raw: str, clean: str) -> None:
    assert clean_path(raw, field="directory") == clean


@pytest.mark.parametrize(
    "raw",
    [
        "..",
        "a/../b",
        "./a",
        "a//b",
        "//a",
        "a\\b",
        "a%2fb",
        "c:x",
        "a\x00b",
        "a\nb",
        "a\u202eb",
        " a",
        "a/ ",
        "x" * 256,
        "/".join(["d"] * 17),
        "a" * 1025,
    ],
)
def test_clean_path_refuses(raw: str) -> None:
    with pytest.raises(BadRequest) as info:
        clean_path(raw, field="directory")
    assert "'directory'" in info.value.message
