"""Content library end to end: directories, uploads, public URLs, limits and path tricks."""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Iterator

import httpx
import pytest

from openlux.client import Client, LuxSciError, _core
from tests.content.conftest import raw_call, unique, user_path
from tests.support.failures import assert_fails
from tests.support.server import RunningServer, served

BINARY = bytes(range(256)) * 16  # every byte value, NUL and invalid UTF-8 included


def upload(client: Client, file_path: str, files: list[tuple[str, bytes]], **params) -> dict:
    """uploadContentLibraryFile through the SDK (multipart: `json` part plus `files` parts)."""
    return client.upload_content_library_file(file_path=file_path, files=files, **params)


def test_directories_create_list_and_delete(user_api: Client) -> None:
    top = unique("images")
    made = user_api.create_content_library_directory(directory=f"/{top}")
    assert made["path"] == f"/{top}" and made["type"] == "directory"
    user_api.create_content_library_directory(directory=f"{top}/2026")
    error = assert_fails(None, user_api.create_content_library_directory, directory=f"/{top}")
    assert error.status == 409
    error = assert_fails(None, user_api.create_content_library_directory, directory=f"/{top}/missing/deeper")
    assert error.status == 404 and "parent" in error.message

    listing = user_api.get_content_library_directory(directory=f"/{top}")
    assert listing["directory"] == f"/{top}"
    assert [d["name"] for d in listing["directories"]] == ["2026"] and listing["files"] == []
    root = user_api.get_content_library_directory(directory="/")
    assert f"/{top}" in [d["path"] for d in root["directories"]]
    status, bare = raw_call(user_api, "GET", user_path(user_api, "content_library"))
    assert (
        status == 200
        and bare["data"]["directory"] == "/"
        and f"/{top}" in [d["path"] for d in bare["data"]["directories"]]
    )

    error = assert_fails(None, user_api.delete_content_library_directory, directory=f"/{top}")
    assert error.status == 409 and "not empty" in error.message
    assert user_api.delete_content_library_directory(directory=f"/{top}/2026") == {"path": f"/{top}/2026", "deleted": 1}
    assert user_api.delete_content_library_directory(directory=top)["deleted"] == 1
    assert_fails(404, user_api.get_content_library_directory, directory=f"/{top}")
    assert_fails(404, user_api.delete_content_library_directory, directory=f"/{top}")


def test_binary_upload_round_trip_and_public_url(user_api: Client) -> None:
    top = unique("assets")
    user_api.create_content_library_directory(directory=f"/{top}")
    stored = upload(user_api, f"{top}/logo.png", [("logo.png", BINARY)])["files"]
    assert len(stored) == 1
    info = stored[0]
    assert info["path"] == f"/{top}/logo.png" and info["size"] == len(BINARY)
    assert info["content_type"] == "image/png" and info["sha256"] == hashlib.sha256(BINARY).hexdigest()

    got = user_api.get_content_library_file(file_path=f"{top}/logo.png", include_content=1)
    assert base64.b64decode(got["content"]) == BINARY
    assert "content" not in user_api.get_content_library_file(file_path=f"/{top}/logo.png")

    public = httpx.get(info["url"])
    assert public.status_code == 200 and public.content == BINARY
    assert public.headers["content-type"] == "image/png"
    assert public.headers["x-content-type-options"] == "nosniff"
    assert httpx.get(info["url"], headers={"If-None-Match": public.headers["etag"]}).status_code == 304
    head = httpx.head(info["url"])
    assert head.status_code == 200 and head.headers["content-length"] == str(len(BINARY)) and head.content == b""
    token = info["url"].split("/content/files/", 1)[1].split("/", 1)[0]
    assert len(token) >= 32
    assert httpx.get(info["url"].replace(token, token[:-2] + "xx")).status_code == 404

    listing = user_api.get_content_library_directory(directory=top)
    assert [f["name"] for f in listing["files"]] == ["logo.png"]
    assert user_api.delete_content_library_file(file_path=f"{top}/logo.png")["deleted"] == 1
    assert_fails(404, user_api.get_content_library_file, file_path=f"{top}/logo.png")
    assert httpx.get(info["url"]).status_code == 404


def test_upload_several_files_into_a_directory_and_overwrite(user_api: Client) -> None:
    top = unique("docs")
    user_api.create_content_library_directory(directory=top)
    files = upload(user_api, top, [("a.txt", b"alpha"), ("b.weird", b"beta"), ("c.svg", b"<svg/>")])["files"]
    assert [(f["name"], f["content_type"]) for f in files] == [
        ("a.txt", "text/plain"),
        ("b.weird", "application/octet-stream"),
        ("c.svg", "image/svg+xml"),
    ]
    error = assert_fails(None, upload, user_api, f"{top}/a.txt", [("a.txt", b"again")])
    assert error.status == 409 and "overwrite" in error.message
    replaced = upload(user_api, f"{top}/a.txt", [("a.txt", b"alpha 2")], overwrite=1)["files"][0]
    assert replaced["url"] == files[0]["url"] and replaced["size"] == 7
    assert httpx.get(replaced["url"]).content == b"alpha 2"
    svg = httpx.get(files[2]["url"])
    assert "sandbox" in svg.headers["content-security-policy"]


def test_upload_failures(user_api: Client) -> None:
    top = unique("fail")
    user_api.create_content_library_directory(directory=top)
    error = assert_fails(None, upload, user_api, f"{top}/nothere/x.png", [("x.png", b"x")])
    assert error.status == 404 and "parent" in error.message
    error = assert_fails(None, upload, user_api, top, [("same.txt", b"1"), ("same.txt", b"2")])
    assert error.status == 400
    error = assert_fails(None, upload, user_api, f"{top}/one.txt", [("a.txt", b"1"), ("b.txt", b"2")])
    assert error.status == 400
    error = assert_fails(
        None, upload, user_api, f"{top}/h.txt", [("h.txt", b"data")], attachments=[{"name": "h.txt", "hash": "0" * 64}]
    )
    assert error.status == 400 and "hash" in error.message
    csharp_digest = hashlib.sha256(BINARY.decode("utf-8", "replace").encode("utf-8")).hexdigest()
    upload(user_api, f"{top}/cs.bin", [("cs.bin", BINARY)], attachments=[{"name": "cs.bin", "hash": csharp_digest}])
    error = assert_fails(None, user_api.upload_content_library_file, file_path=f"{top}/none.txt")
    assert error.status == 400 and "files" in error.message
    error = assert_fails(None, upload, user_api, top, [("..", b"x")])
    assert error.status == 400
    error = assert_fails(None, upload, user_api, top, [("a\\b.txt", b"x")])
    assert error.status == 400
    error = assert_fails(None, upload, user_api, top, [("sub/x.txt", b"x")])
    assert error.status == 400
    upload(user_api, f"{top}/dir-name.txt", [("f", b"x")])
    user_api.create_content_library_directory(directory=f"{top}/sub")
    error = assert_fails(None, upload, user_api, top, [("sub", b"x")], overwrite=1)
    assert error.status == 409 and "is a directory" in error.message
    error = assert_fails(None, user_api.create_content_library_directory, directory=f"{top}/dir-name.txt")
    assert error.status == 409


def test_large_upload(user_api: Client) -> None:
    data = os.urandom(8 * 1024 * 1024)
    name = unique("big") + ".bin"
    info = upload(user_api, f"/{name}", [(name, data)])["files"][0]
    assert info["size"] == len(data)
    assert httpx.get(info["url"]).content == data
    user_api.delete_content_library_file(file_path=name)


def test_an_upload_over_a_megabyte_never_touches_the_disk_in_clear(
    user_api: Client, spilled_to_disk: list[int]
) -> None:
    # Starlette spools a file part over 1 MB to an unencrypted temporary file; OpenLux parses forms in
    # memory (openlux.core.forms) and the file reaches the disk only sealed.
    data = os.urandom(3 * 1024 * 1024)
    name = unique("scan") + ".bin"
    info = upload(user_api, f"/{name}", [(name, data)])["files"][0]
    assert spilled_to_disk == []
    assert info["size"] == len(data) and httpx.get(info["url"]).content == data
    user_api.delete_content_library_file(file_path=name)


@pytest.mark.parametrize(
    "raw",
    [
        "../../../../etc",
        "..",
        "%2e%2e/%2e%2e/etc",
        "a/../../b",
        "a/./b",
        "%252e%252e/x",
        "..%5c..%5cwindows",
        "C:%5cWindows",
        "a%00b",
        "//etc/passwd",
        "a//b",
        "%2F%2Fetc",
        "a%09b",
        "x%E2%80%AEgnp.exe",
    ],
)
def test_directory_paths_never_escape_the_root(user_api: Client, raw: str) -> None:
    for method in ("POST", "GET", "DELETE"):
        status, body = raw_call(user_api, method, user_path(user_api, f"content_library/{raw}"))
        assert (status, body["success"]) == (400, 0), (method, raw, body)


def test_line_breaks_in_paths_match_no_route(user_api: Client) -> None:
    # Starlette's path converter stops at a line break, so such a path is no endpoint at all.
    status, body = raw_call(user_api, "POST", user_path(user_api, "content_library/a%0d%0ab"))
    assert (status, body["success"]) == (404, 0)


@pytest.mark.parametrize(
    "raw", ["..%2F..%2Fetc%2Fpasswd", "%2e%2e", "a%2F..%2F..%2Fb", "a%5Cb", "a%00", "%2Fetc%2F%2Fx"]
)
def test_file_paths_never_escape_the_root(user_api: Client, raw: str) -> None:
    for method in ("GET", "DELETE"):
        status, body = raw_call(user_api, method, user_path(user_api, f"content_library_files/{raw}"))
        assert (status, body["success"]) == (400, 0), (method, raw, body)
    request = _core._multipart("POST", user_path(user_api, f"content_library_files/{raw}"), {}, [("x.txt", b"x")])
    status, body = raw_call(
        user_api, "POST", request.path, body=request.content, headers=request.headers, signed_body=request.signed_body
    )
    assert (status, body["success"]) == (400, 0), (raw, body)


def test_library_stores_only_hashed_blobs_on_disk(user_api: Client, server: RunningServer) -> None:
    upload(user_api, "/" + unique("plain") + ".txt", [("p.txt", b"not stored in clear")])
    root = server.data_dir / "content_library"
    names = [p for p in root.rglob("*") if p.is_file()]
    assert names and all(len(p.name) == 64 and p.relative_to(root).parts[0] == "blobs" for p in names)
    assert all(b"not stored in clear" not in p.read_bytes() for p in names)


def test_other_users_cannot_reach_my_library(user_api: Client, other_api: Client) -> None:
    top = unique("mine")
    user_api.create_content_library_directory(directory=top)
    assert_fails(404, other_api.get_content_library_directory, directory=top)
    status, body = raw_call(other_api, "GET", user_path(user_api, f"content_library/{top}"))
    assert status == 403 and body["success"] == 0


@pytest.fixture(scope="module")
def small_server() -> Iterator[RunningServer]:
    """A server with tiny library limits (SQLite; limits do not depend on the backend)."""
    env = {"OPENLUX_CONTENT_MAX_FILE_BYTES": "1000", "OPENLUX_CONTENT_QUOTA_BYTES": "2500"}
    with served("sqlite", extra_env=env) as world:
        yield world.server


def test_size_limit_and_quota(small_server: RunningServer) -> None:
    creds = small_server.credentials
    with Client(
        small_server.base_url, creds["user_token"], creds["user_secret"], user=creds["user"], password=creds["password"]
    ) as api:
        error = assert_fails(None, upload, api, "/big.bin", [("big.bin", b"x" * 1001)])
        assert error.status == 413 and "1000" in error.message
        upload(api, "/a.bin", [("a.bin", b"a" * 1000)])
        upload(api, "/b.bin", [("b.bin", b"b" * 1000)])
        error = assert_fails(None, upload, api, "/c.bin", [("c.bin", b"c" * 600)])
        assert error.status == 413 and "quota" in error.message
        upload(api, "/a.bin", [("a.bin", b"a" * 500)], overwrite=1)  # replacing frees the old size
        upload(api, "/c.bin", [("c.bin", b"c" * 500)])


def test_concurrent_creates_of_one_directory_give_one_success_and_409s(user_api: Client) -> None:
    from concurrent.futures import ThreadPoolExecutor

    user_api.authenticate()
    path = "/" + unique("race")

    def attempt(_: int) -> int:
        try:
            user_api.create_content_library_directory(directory=path)
            return 200
        except LuxSciError as exc:
            return exc.status

    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(attempt, range(8)))
    assert statuses == [200] + [409] * 7
