"""LuxSci paths of templates, template groups, content tags, custom fields and the content library.

Plus one plain (non-API) route: the public URL of a library file, for images in mail.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from openlux.auth.deps import CallerDep, ContextDep, FilesDep, JsonBody, SessionDep
from openlux.content import fields, library, tags, templates
from openlux.content.schemas import (
    ContentTagCreate,
    ContentTagUpdate,
    CustomFieldCreate,
    LibraryUpload,
    TemplateCreate,
    TemplateGroupCreate,
    TemplateUpdate,
)
from openlux.contract import endpoint
from openlux.core.envelope import ok
from openlux.core.routing import api_route
from openlux.core.types import Flag, LuxId, LuxIdOrNone, OptionalId

router = APIRouter()
public_router = APIRouter(include_in_schema=False)
_PATHS = {"directory": "path"}
_FILE_PATHS = {"file_path": "path"}


@api_route(router, "getEmailTemplateList")
async def get_email_template_list(
    caller: CallerDep, session: SessionDep, group_id: OptionalId = None, owned_only: Flag = False
) -> JSONResponse:
    return ok(
        await templates.list_templates(
            session=session, user=caller.require_user(), group_id=group_id, owned_only=owned_only
        )
    )


@api_route(router, "getEmailTemplate")
async def get_email_template(
    caller: CallerDep, session: SessionDep, template_id: LuxId, preview: str | None = None
) -> JSONResponse:
    return ok(
        await templates.get(session=session, user=caller.require_user(), template_id=template_id, preview=preview)
    )


@api_route(router, "createEmailTemplate")
async def create_email_template(caller: CallerDep, session: SessionDep, body: JsonBody[TemplateCreate]) -> JSONResponse:
    return ok(await templates.create(session=session, user=caller.require_user(), body=body))


@api_route(router, "updateEmailTemplate")
async def update_email_template(
    caller: CallerDep, session: SessionDep, template_id: LuxId, body: JsonBody[TemplateUpdate]
) -> JSONResponse:
    return ok(await templates.update(session=session, user=caller.require_user(), template_id=template_id, body=body))


@api_route(router, "deleteEmailTemplate")
async def delete_email_template(caller: CallerDep, session: SessionDep, template_id: LuxId) -> JSONResponse:
    return ok(await templates.delete(session=session, user=caller.require_user(), template_id=template_id))


@api_route(router, "getEmailTemplateGroups")
async def get_email_template_groups(caller: CallerDep, session: SessionDep) -> JSONResponse:
    return ok(await templates.list_groups(session=session, user=caller.require_user()))


@api_route(router, "createEmailTemplateGroup")
async def create_email_template_group(
    caller: CallerDep, session: SessionDep, body: JsonBody[TemplateGroupCreate]
) -> JSONResponse:
    return ok(await templates.create_group(session=session, user=caller.require_user(), body=body))


@api_route(router, "updateEmailTemplateGroup")
async def update_email_template_group(
    caller: CallerDep, session: SessionDep, group_id: LuxId, body: JsonBody[TemplateGroupCreate]
) -> JSONResponse:
    return ok(await templates.update_group(session=session, user=caller.require_user(), group_id=group_id, body=body))


@api_route(router, "deleteEmailTemplateGroup")
async def delete_email_template_group(
    caller: CallerDep, session: SessionDep, group_id: LuxId, move_to: LuxIdOrNone | None = None
) -> JSONResponse:
    return ok(
        await templates.delete_group(session=session, user=caller.require_user(), group_id=group_id, move_to=move_to)
    )


@api_route(router, "getEmailContentTagList")
async def get_email_content_tag_list(caller: CallerDep, session: SessionDep) -> JSONResponse:
    return ok(await tags.list_visible(session=session, user=caller.require_user()))


@api_route(router, "getEmailContentTag")
async def get_email_content_tag(caller: CallerDep, session: SessionDep, tag_id: LuxId) -> JSONResponse:
    return ok(await tags.get(session=session, user=caller.require_user(), tag_id=tag_id))


@api_route(router, "createEmailContentTag")
async def create_email_content_tag(
    caller: CallerDep, session: SessionDep, body: JsonBody[ContentTagCreate]
) -> JSONResponse:
    return ok(await tags.create(session=session, user=caller.require_user(), body=body))


@api_route(router, "updateEmailContentTag")
async def update_email_content_tag(
    caller: CallerDep, session: SessionDep, tag_id: LuxId, body: JsonBody[ContentTagUpdate]
) -> JSONResponse:
    return ok(await tags.update(session=session, user=caller.require_user(), tag_id=tag_id, body=body))


@api_route(router, "deleteEmailContentTag")
async def delete_email_content_tag(
    caller: CallerDep, session: SessionDep, tag_id: LuxId, force: Flag = False
) -> JSONResponse:
    return ok(await tags.delete(session=session, user=caller.require_user(), tag_id=tag_id, force=force))


@api_route(router, "getCustomFields")
async def get_custom_fields(caller: CallerDep, session: SessionDep) -> JSONResponse:
    return ok(await fields.list_for_user(session=session, user=caller.require_user()))


@api_route(router, "createCustomField")
async def create_custom_field(
    caller: CallerDep, session: SessionDep, body: JsonBody[CustomFieldCreate]
) -> JSONResponse:
    return ok(await fields.create(session=session, user=caller.require_user(), body=body))


@api_route(router, "getContentLibraryDirectory", path_converters=_PATHS)
async def get_content_library_directory(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, directory: str
) -> JSONResponse:
    return ok(await library.list_directory(session=session, ctx=ctx, user=caller.require_user(), directory=directory))


async def get_content_library_root(caller: CallerDep, session: SessionDep, ctx: ContextDep) -> JSONResponse:
    return ok(await library.list_directory(session=session, ctx=ctx, user=caller.require_user(), directory=""))


# `…/content_library` without a trailing slash is the root too; answered here rather than by a
# redirect, which would change the signed path. Hidden: OpenAPI keeps one entry per endpoint.
router.add_api_route(
    endpoint("getContentLibraryDirectory").path.removesuffix("/{directory}"),
    get_content_library_root,
    methods=["GET"],
    operation_id="getContentLibraryDirectory",
    include_in_schema=False,
)


@api_route(router, "createContentLibraryDirectory", path_converters=_PATHS)
async def create_content_library_directory(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, directory: str
) -> JSONResponse:
    return ok(await library.create_directory(session=session, ctx=ctx, user=caller.require_user(), directory=directory))


@api_route(router, "deleteContentLibraryDirectory", path_converters=_PATHS)
async def delete_content_library_directory(caller: CallerDep, session: SessionDep, directory: str) -> JSONResponse:
    return ok(await library.delete_directory(session=session, user=caller.require_user(), directory=directory))


@api_route(router, "getContentLibraryFile", path_converters=_FILE_PATHS)
async def get_content_library_file(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, file_path: str, include_content: Flag = False
) -> JSONResponse:
    return ok(
        await library.get_file(
            session=session, ctx=ctx, user=caller.require_user(), file_path=file_path, include_content=include_content
        )
    )


@api_route(router, "uploadContentLibraryFile", path_converters=_FILE_PATHS)
async def upload_content_library_file(
    caller: CallerDep,
    session: SessionDep,
    ctx: ContextDep,
    file_path: str,
    files: FilesDep,
    body: JsonBody[LibraryUpload],
) -> JSONResponse:
    return ok(
        await library.upload(
            session=session, ctx=ctx, user=caller.require_user(), file_path=file_path, files=files, body=body
        )
    )


@api_route(router, "deleteContentLibraryFile", path_converters=_FILE_PATHS)
async def delete_content_library_file(
    caller: CallerDep, session: SessionDep, ctx: ContextDep, file_path: str
) -> JSONResponse:
    return ok(await library.delete_file(session=session, ctx=ctx, user=caller.require_user(), file_path=file_path))


@public_router.api_route(library.PUBLIC_PREFIX + "/{token}/{name:path}", methods=["GET", "HEAD"])
async def public_library_file(
    request: Request, session: SessionDep, ctx: ContextDep, token: str, name: str
) -> Response:
    """A library file by its unguessable URL (the name part is only for mail clients)."""
    found = await library.public_file(session=session, ctx=ctx, token=token)
    if found is None:
        return Response("Not found.\n", status_code=404, media_type="text/plain")
    row, data = found
    headers = {
        "Cache-Control": "public, max-age=86400",
        "ETag": f'"{row.sha256}"',
        "X-Content-Type-Options": "nosniff",
        # Served from our own origin: an uploaded HTML or SVG file must not run scripts there.
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    }
    if request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=row.content_type or "application/octet-stream", headers=headers)
