"""The content services other areas call (rendering, custom fields), on both databases."""

from __future__ import annotations

import pytest

from openlux.accounts import bootstrap
from openlux.content import fields, merge, rendering, tags, templates
from openlux.content.schemas import ContentTagCreate, CustomFieldCreate, TemplateCreate
from openlux.core.errors import BadRequest


async def _users(ctx):
    async with ctx.db.transaction() as session:
        account = await bootstrap.create_account(session, "content")
        owner = await bootstrap.create_user(session, account, "owner@content.example", "Pass-word-123456")
        colleague = await bootstrap.create_user(session, account, "colleague@content.example", "Pass-word-123456")
        return owner, colleague


async def test_compile_template_for_a_colleague_with_shared_tags_and_typed_fields(ctx) -> None:
    owner, colleague = await _users(ctx)
    async with ctx.db.transaction() as session:
        await tags.create(
            session=session,
            user=owner,
            body=ContentTagCreate(
                name="Footer",
                html="<i>{{ city | default('Boston') }}</i>",
                text="{{ city | default('Boston') }}",
                shared=1,
            ),
        )
        template = await templates.create(
            session=session,
            user=owner,
            body=TemplateCreate(
                name="Welcome",
                subject="Hi {{ first_name }}",
                html='<p>{{ visits + 1 }}</p>{{ tag("Footer") }}',
                text='{{ visits + 1 }} {{ tag("Footer") }}',
                shared=1,
            ),
        )
        await fields.create(
            session=session, user=colleague, body=CustomFieldCreate(name="visits", type="number", default="0")
        )
    async with ctx.db.transaction() as session:
        compiled = await rendering.compile_template(
            session=session, user=colleague, template_id=template["template_id"]
        )
        typed = await rendering.fields_for(session=session, user=colleague)
    contacts = [{"first_name": "Ann", "visits": "4", "city": "<Rome>"}, {"first_name": "Bo"}, {"visits": "many"}]
    variables = []
    for contact in contacts:
        try:
            variables.append(rendering.variables(typed, contact))
        except BadRequest as exc:
            assert "'visits'" in exc.message
    results = await compiled.render_batch(variables)
    assert results == [
        merge.RenderedMessage("Hi Ann", "<p>5</p><i>&lt;Rome&gt;</i>", "5 <Rome>"),
        merge.RenderedMessage("Hi Bo", "<p>1</p><i>Boston</i>", "1 Boston"),
    ]


async def test_compile_for_user_names_the_message_in_errors(ctx) -> None:
    owner, _ = await _users(ctx)
    async with ctx.db.transaction() as session:
        with pytest.raises(BadRequest) as info:
            await rendering.compile_for_user(
                session=session, user=owner, subject="", html='{{ tag("Nope") }}', text="", name="sendEmail body"
            )
    assert info.value.message == "sendEmail body (html part), line 1: unknown content tag 'Nope'"


async def test_deleted_files_blob_is_collected_after_commit_unless_still_used(ctx, monkeypatch) -> None:
    import asyncio

    from openlux.auth.deps import UploadedFile
    from openlux.content import blobs, library
    from openlux.content.schemas import LibraryUpload

    monkeypatch.setattr(blobs, "BLOB_GRACE_SECONDS", 0)
    owner, colleague = await _users(ctx)
    same = [UploadedFile("a.png", b"same bytes", "application/octet-stream")]
    async with ctx.db.transaction() as session:
        mine = await library.upload(
            session=session, ctx=ctx, user=owner, file_path="/a.png", files=same, body=LibraryUpload()
        )
        await library.upload(
            session=session, ctx=ctx, user=colleague, file_path="/a.png", files=same, body=LibraryUpload()
        )
    blob = library.blob_store(ctx).path_for(mine["files"][0]["sha256"])
    for user in (owner, colleague):
        async with ctx.db.transaction() as session:
            await library.delete_file(session=session, ctx=ctx, user=user, file_path="/a.png")
        await asyncio.gather(*library._gc_tasks)
        assert blob.exists() == (user is owner)  # kept while the colleague's copy refers to it
