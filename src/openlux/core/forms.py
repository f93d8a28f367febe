"""Posted forms parsed in memory: no part of an upload is ever written to disk in clear.

Starlette's multipart parser keeps a file part in a SpooledTemporaryFile that rolls over to an
anonymous file in the system's temporary directory once it passes 1 MB: an attachment of a
sendEmail call, a content-library upload or a Secure Forms file would be written there, outside
the data directory and unencrypted, the one copy of uploaded content that docs/operations.md
("Data at rest") could not account for. The body itself is already in memory, capped by the body
limits (openlux.core.bodylimit), so keeping its parts there too costs no more than the limit
allows and nothing reaches a disk until it is sealed.

Every route that reads a form calls `read_form` instead of `request.form()`; the parse errors and
limits are Starlette's, unchanged. The SecureSend pickup pages take FastAPI `Form()` parameters,
which Starlette's parser reads: their body limit (16 KB, openlux.securesend.pages) keeps every part
far below the 1 MB at which a part would roll over.
"""

from __future__ import annotations

import sys
from contextlib import aclosing

from python_multipart.multipart import parse_options_header
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.requests import Request

STARLETTE_MAX_PART = 1024 * 1024  # request.form()'s default for one field (not file) part


class InMemoryMultiPartParser(MultiPartParser):
    """Starlette's parser whose file parts never roll over to a temporary file."""

    spool_max_size = sys.maxsize


async def read_form(
    request: Request,
    *,
    max_files: int | float = 1000,
    max_fields: int | float = 1000,
    max_part_size: int = STARLETTE_MAX_PART,
) -> FormData:
    """The request's form (multipart or urlencoded) as `request.form()` reads it, held in memory."""
    content_type, _options = parse_options_header(request.headers.get("Content-Type"))
    if content_type != b"multipart/form-data":
        # urlencoded fields are strings in memory already; anything else is an empty form
        return await request.form(max_files=max_files, max_fields=max_fields, max_part_size=max_part_size)
    try:
        async with aclosing(request.stream()) as stream:
            parser = InMemoryMultiPartParser(
                request.headers, stream, max_files=max_files, max_fields=max_fields, max_part_size=max_part_size
            )
            return await parser.parse()
    except MultiPartException as exc:  # what request.form() raises for a malformed or oversized form
        raise HTTPException(status_code=400, detail=exc.message) from None
