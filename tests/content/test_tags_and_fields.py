"""Content tags and custom fields end to end: CRUD, sharing, use by templates, typed values."""

from __future__ import annotations

import json

from openlux.client import Client
from tests.content.conftest import unique
from tests.support.failures import assert_fails


def test_content_tag_crud(user_api: Client) -> None:
    name = unique("Address")
    tag = user_api.create_email_content_tag(name=name, html="<p>1 Main St</p>", text="1 Main St", description="d")
    assert tag["name"] == name and tag["shared"] == 0 and tag["is_owner"] == 1
    assert tag["usage"] == f'{{{{ tag("{name}") }}}}'
    assert user_api.get_email_content_tag(tag_id=tag["tag_id"])["html"] == "<p>1 Main St</p>"
    assert tag["tag_id"] in [t["tag_id"] for t in user_api.get_email_content_tag_list()]
    changed = user_api.update_email_content_tag(tag_id=tag["tag_id"], text="2 Main St")
    assert changed["text"] == "2 Main St" and changed["html"] == "<p>1 Main St</p>"
    assert user_api.delete_email_content_tag(tag_id=tag["tag_id"]) == {"tag_id": tag["tag_id"], "deleted": 1}
    assert_fails(404, user_api.get_email_content_tag, tag_id=tag["tag_id"])


def test_content_tag_rules(user_api: Client) -> None:
    name = unique("Sig")
    user_api.create_email_content_tag(name=name, text="x")
    assert_fails(409, user_api.create_email_content_tag, name=name)
    assert_fails(400, user_api.create_email_content_tag, name='bad"name')
    assert_fails(400, user_api.create_email_content_tag, text="no name")
    error = assert_fails(None, user_api.create_email_content_tag, name=unique("Broken"), html="{% if %}")
    assert error.status == 400 and "syntax error" in error.message
    error = assert_fails(None, user_api.create_email_content_tag, name=unique("Evil"), text="{{ x.__class__ }}")
    assert error.status == 400 and "sandbox" in error.message


def test_tag_in_use_is_not_deleted_or_renamed_without_force(user_api: Client) -> None:
    tag = user_api.create_email_content_tag(name=unique("Legal"), html="<small>legal</small>", text="legal")
    template = user_api.create_email_template(name=unique("uses-tag"), html=f'{{{{ tag("{tag["name"]}") }}}}')
    error = assert_fails(None, user_api.delete_email_content_tag, tag_id=tag["tag_id"])
    assert error.status == 409 and str(template["template_id"]) in error.message
    assert_fails(409, user_api.update_email_content_tag, tag_id=tag["tag_id"], name=unique("Other"))
    assert user_api.delete_email_content_tag(tag_id=tag["tag_id"], force=1)["deleted"] == 1
    error = assert_fails(None, user_api.get_email_template, template_id=template["template_id"], preview=1)
    assert error.status == 400 and "unknown content tag" in error.message


def test_tag_used_by_another_tag_is_not_deleted(user_api: Client) -> None:
    inner = user_api.create_email_content_tag(name=unique("Inner"), text="inner")
    outer = user_api.create_email_content_tag(name=unique("Outer"), text=f'[{{{{ tag("{inner["name"]}") }}}}]')
    error = assert_fails(None, user_api.delete_email_content_tag, tag_id=inner["tag_id"])
    assert error.status == 409 and outer["name"] in error.message
    user_api.delete_email_content_tag(tag_id=outer["tag_id"])
    user_api.delete_email_content_tag(tag_id=inner["tag_id"])


def test_shared_tags_are_usable_and_own_tags_take_precedence(user_api: Client, other_api: Client) -> None:
    name = unique("Footer")
    shared = user_api.create_email_content_tag(name=name, html="<b>company footer</b>", text="company", shared=1)
    private = user_api.create_email_content_tag(name=unique("Private"), text="secret")
    visible = {t["tag_id"]: t for t in other_api.get_email_content_tag_list()}
    assert shared["tag_id"] in visible and private["tag_id"] not in visible
    assert visible[shared["tag_id"]]["is_owner"] == 0 and visible[shared["tag_id"]]["owner"] == user_api.user
    assert_fails(404, other_api.get_email_content_tag, tag_id=private["tag_id"])
    assert_fails(403, other_api.update_email_content_tag, tag_id=shared["tag_id"], text="x")
    assert_fails(403, other_api.delete_email_content_tag, tag_id=shared["tag_id"])

    template = other_api.create_email_template(name=unique("colleague"), html=f'{{{{ tag("{name}") }}}}')
    preview = other_api.get_email_template(template_id=template["template_id"], preview=1)["preview"]
    assert preview["html"] == "<b>company footer</b>"
    other_api.create_email_content_tag(name=name, html="<b>my own footer</b>")
    preview = other_api.get_email_template(template_id=template["template_id"], preview=1)["preview"]
    assert preview["html"] == "<b>my own footer</b>"
    assert_fails(400, other_api.create_email_template, name="x", html=f'{{{{ tag("{private["name"]}") }}}}')


def test_custom_fields_create_list_and_type_checks(user_api: Client) -> None:
    suffix = unique("f").replace("-", "_")
    number = user_api.create_custom_field(name=f"age_{suffix}", type="number", default="42")
    assert number["type"] == "number" and number["default"] == 42 and number["choices"] == []
    day = user_api.create_custom_field(name=f"born_{suffix}", type="date", default="2020-02-29")
    assert day["default"] == "2020-02-29"
    flag = user_api.create_custom_field(name=f"vip_{suffix}", type="boolean", default="yes")
    assert flag["default"] == 1
    choice = user_api.create_custom_field(name=f"tier_{suffix}", type="choice", choices="gold, silver")
    assert choice["choices"] == ["gold", "silver"] and choice["default"] is None
    text = user_api.create_custom_field(name=f"note_{suffix}")
    assert text["type"] == "text"
    listed = {f["name"]: f for f in user_api.get_custom_fields()}
    assert {f"age_{suffix}", f"born_{suffix}", f"vip_{suffix}", f"tier_{suffix}", f"note_{suffix}"} <= set(listed)

    assert_fails(409, user_api.create_custom_field, name=f"age_{suffix}")
    assert_fails(409, user_api.create_custom_field, name=f"AGE_{suffix}")
    for bad in (
        {"name": "2fast"},
        {"name": "has-dash"},
        {"name": "tag"},
        {"name": "for"},
        {"name": f"x_{suffix}", "type": "money"},
        {"name": f"y_{suffix}", "type": "choice"},
    ):
        assert_fails(400, user_api.create_custom_field, **bad)
    error = assert_fails(None, user_api.create_custom_field, name=f"z_{suffix}", type="date", default="31/12/2020")
    assert error.status == 400 and "default" in error.message and "YYYY-MM-DD" in error.message
    error = assert_fails(None, user_api.create_custom_field, name=f"w_{suffix}", type="number", default="abc")
    assert error.status == 400 and f"w_{suffix}" in error.message


def test_typed_fields_render_in_templates(user_api: Client) -> None:
    suffix = unique("g").replace("-", "_")
    user_api.create_custom_field(name=f"score_{suffix}", type="number", default=1)
    user_api.create_custom_field(name=f"since_{suffix}", type="date")
    template = user_api.create_email_template(
        name=unique("typed"),
        text=f"{{{{ score_{suffix} + 1 }}}} {{{{ since_{suffix}.year if since_{suffix} else 'never' }}}}",
    )
    out = user_api.get_email_template(
        template_id=template["template_id"],
        preview=json.dumps({f"score_{suffix}": "41", f"since_{suffix}": "2019-05-01"}),
    )
    assert out["preview"]["text"] == "42 2019"
    out = user_api.get_email_template(template_id=template["template_id"], preview=1)
    assert out["preview"]["text"] == "2 never"
