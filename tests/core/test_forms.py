"""openlux.core.forms.read_form reads what request.form() reads, refuses what it refuses, and keeps every
part in memory (the end-to-end tests of each area post real files over HTTP: tests/content,
tests/mail/test_send_api.py, tests/secureforms, tests/console)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from openlux.auth.deps import uploaded_files
from openlux.core.forms import read_form


def request_of(content_type: str, body: bytes) -> Request:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    return Request({"type": "http", "method": "POST", "path": "/", "headers": headers, "app": object()}, receive)


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[str, bytes]:
    built = httpx.Request("POST", "http://x/", data=fields, files=files)
    return built.headers["content-type"], built.read()


async def test_file_parts_of_any_size_stay_in_memory(spilled_to_disk: list[int]) -> None:
    big = bytes(range(256)) * (12 * 1024)  # 3 MB: Starlette rolls a part over at 1 MB
    form = await read_form(request_of(*multipart({"json": "{}"}, {"files": ("scan.bin", big)})))
    part = form["files"]
    assert isinstance(part, UploadFile) and part.filename == "scan.bin"
    assert await part.read() == big and form["json"] == "{}"
    assert spilled_to_disk == []
    # The control: Starlette's own parser does spill the same part, so the fixture sees what it records.
    await request_of(*multipart({"json": "{}"}, {"files": ("scan.bin", big)})).form()
    assert spilled_to_disk and spilled_to_disk[0] > 1024 * 1024


async def test_urlencoded_forms_read_as_starlette_reads_them() -> None:
    form = await read_form(request_of("application/x-www-form-urlencoded", b"a=1&b=two+words&a=3"))
    assert form.getlist("a") == ["1", "3"] and form["b"] == "two words"
    assert len(await read_form(request_of("text/plain", b"a=1"))) == 0


@pytest.mark.parametrize(
    ("form", "limits", "detail"),
    [
        (({"note": "x" * 2000}, {}), {"max_part_size": 1000}, "Field exceeded maximum size of 0KB."),
        (({"a": "1", "b": "2"}, {}), {"max_fields": 1}, "Too many fields. Maximum number of fields is 1."),
        (
            ({}, {"f1": ("a", b"1"), "f2": ("b", b"2")}),
            {"max_files": 1},
            "Too many files. Maximum number of files is 1.",
        ),
    ],
)
async def test_limits_answer_400_as_request_form_does(form: tuple, limits: dict[str, int], detail: str) -> None:
    with pytest.raises(HTTPException) as ours:
        await read_form(request_of(*multipart(*form)), **limits)
    with pytest.raises(HTTPException) as starlettes:
        await request_of(*multipart(*form)).form(**limits)
    assert (ours.value.status_code, ours.value.detail) == (starlettes.value.status_code, starlettes.value.detail)
    assert (ours.value.status_code, ours.value.detail) == (400, detail)


async def test_uploaded_files_drops_each_parts_copy_once_read() -> None:
    # The parts live in memory: a part kept open until the request ends would hold a large attachment a
    # third time (body, part, the bytes handed on).
    content_type, body = multipart({"json": "{}"}, {"files": ("a.bin", b"A" * 5000)})
    request = request_of(content_type, body)
    form = await read_form(request)
    request.state.form = form
    [uploaded] = await uploaded_files(request, caller=None)  # type: ignore[arg-type]
    assert (uploaded.filename, uploaded.content) == ("a.bin", b"A" * 5000)
    part = form["files"]
    assert isinstance(part, UploadFile) and part.file.closed
