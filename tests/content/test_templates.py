"""Templates and template groups end to end: CRUD, groups with move_to, sharing, merge previews."""

from __future__ import annotations

import json

import pytest

from openlux.client import Client
from tests.content.conftest import unique
from tests.support.failures import assert_fails


def test_template_crud_round_trip(user_api: Client) -> None:
    name = unique("welcome")
    created = user_api.create_email_template(
        name=name, subject="Hi {{ first_name }}", html="<p>Hello {{ first_name }}</p>", text="Hello {{ first_name }}"
    )
    tid = created["template_id"]
    assert created["name"] == name and created["owner"] == user_api.user
    assert created["shared"] == 0 and created["is_owner"] == 1 and created["group_id"] is None

    got = user_api.get_email_template(template_id=tid)
    assert got["html"] == "<p>Hello {{ first_name }}</p>" and got["text"] == "Hello {{ first_name }}"

    listed = {t["template_id"]: t for t in user_api.get_email_template_list()}
    assert tid in listed and "html" not in listed[tid]

    updated = user_api.update_email_template(template_id=tid, subject="Welcome", description="d")
    assert updated["subject"] == "Welcome" and updated["html"] == got["html"] and updated["description"] == "d"

    assert user_api.delete_email_template(template_id=tid) == {"template_id": tid, "deleted": 1}
    error = assert_fails(None, user_api.get_email_template, template_id=tid)
    assert error.status == 404


def test_template_needs_a_name_and_valid_template_code(user_api: Client) -> None:
    error = assert_fails(None, user_api.create_email_template, subject="x")
    assert error.status == 400 and "'name'" in error.message
    error = assert_fails(None, user_api.create_email_template, name="broken", html="<p>\n{{ first_name </p>")
    assert error.status == 400 and "html part" in error.message and "line 2" in error.message
    error = assert_fails(None, user_api.create_email_template, name="huge", html="x" * 500_001)
    assert error.status == 400 and "'html'" in error.message
    error = assert_fails(None, user_api.create_email_template, name="no tag", text='{{ tag("No Such Tag") }}')
    assert error.status == 400 and "unknown content tag 'No Such Tag'" in error.message


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ self._TemplateReference__context }}",
        "{{ x['__class__'] }}",
    ],
)
def test_hostile_template_code_is_refused_when_saved(user_api: Client, hostile: str) -> None:
    error = assert_fails(None, user_api.create_email_template, name="hostile", html=hostile)
    assert error.status == 400 and "refused by the sandbox" in error.message


def test_hostile_code_that_passes_the_save_check_is_refused_when_rendered(user_api: Client) -> None:
    template = user_api.create_email_template(name=unique("sneaky"), html="{{ ''|attr('__class__') }}")
    error = assert_fails(None, user_api.get_email_template, template_id=template["template_id"], preview=1)
    assert error.status == 400 and "sandbox" in error.message and "line 1" in error.message
    template = user_api.create_email_template(name=unique("bomb"), text="{{ 'x' * 1000000000 }}")
    error = assert_fails(None, user_api.get_email_template, template_id=template["template_id"], preview=1)
    assert error.status == 400 and "repetition" in error.message


def test_preview_merges_fields_defaults_and_tags_escaping_html_only(user_api: Client) -> None:
    tag = unique("Footer")
    user_api.create_email_content_tag(
        name=tag, html="<hr><i>{{ company | default('ACME') }}</i>", text="-- {{ company | default('ACME') }}"
    )
    field = f"plan_{unique('x').replace('-', '_')}"
    user_api.create_custom_field(name=field, type="choice", choices=["gold", "silver"], default="silver")
    template = user_api.create_email_template(
        name=unique("merge"),
        subject="Hello {{ first_name | default('there') }}",
        html=f'<p>Hi {{{{ first_name }}}} ({{{{ {field} }}}})</p>{{{{ tag("{tag}") }}}}',
        text=f'Hi {{{{ first_name }}}} ({{{{ {field} }}}})\n{{{{ tag("{tag}") }}}}',
    )
    assert template["content_tags"] == [tag]
    preview = user_api.get_email_template(
        template_id=template["template_id"], preview=json.dumps({"first_name": "<Ann & Bo>"})
    )["preview"]
    assert preview["subject"] == "Hello <Ann & Bo>"
    assert preview["html"] == "<p>Hi &lt;Ann &amp; Bo&gt; (silver)</p><hr><i>ACME</i>"
    assert preview["text"] == "Hi <Ann & Bo> (silver)\n-- ACME"
    defaults = user_api.get_email_template(template_id=template["template_id"], preview=1)["preview"]
    assert defaults["subject"] == "Hello there"
    error = assert_fails(
        None, user_api.get_email_template, template_id=template["template_id"], preview=json.dumps({field: "platinum"})
    )
    assert error.status == 400 and field in error.message


def test_groups_crud_and_delete_refused_while_not_empty(user_api: Client) -> None:
    first = user_api.create_email_template_group(name=unique("news"))
    second = user_api.create_email_template_group(name=unique("promo"))
    assert first["template_count"] == 0
    error = assert_fails(None, user_api.create_email_template_group, name=first["name"])
    assert error.status == 409
    renamed = user_api.update_email_template_group(group_id=first["group_id"], name=unique("letters"))
    assert renamed["group_id"] == first["group_id"] and renamed["name"] != first["name"]

    template = user_api.create_email_template(name=unique("in-group"), group_id=first["group_id"])
    assert template["group_id"] == first["group_id"] and template["group_name"] == renamed["name"]
    in_group = user_api.get_email_template_list(group_id=first["group_id"])
    assert [t["template_id"] for t in in_group] == [template["template_id"]]
    groups = {g["group_id"]: g for g in user_api.get_email_template_groups()}
    assert groups[first["group_id"]]["template_count"] == 1

    error = assert_fails(None, user_api.delete_email_template_group, group_id=first["group_id"])
    assert error.status == 409 and "move_to" in error.message
    error = assert_fails(None, user_api.delete_email_template_group, group_id=first["group_id"], move_to=999999)
    assert error.status == 400 and "move_to" in error.message
    done = user_api.delete_email_template_group(group_id=first["group_id"], move_to=second["group_id"])
    assert done == {"group_id": first["group_id"], "deleted": 1, "moved": 1, "move_to": second["group_id"]}
    assert user_api.get_email_template(template_id=template["template_id"])["group_id"] == second["group_id"]
    done = user_api.delete_email_template_group(group_id=second["group_id"], move_to=0)
    assert user_api.get_email_template(template_id=template["template_id"])["group_id"] is None
    assert_fails(404, user_api.update_email_template_group, group_id=second["group_id"], name="x")


def test_unknown_ids_and_bad_group_references(user_api: Client) -> None:
    error = assert_fails(400, user_api.get_email_template, template_id="abc", message_has="template_id")
    assert_fails(400, user_api.get_email_template_list, group_id="abc")
    assert_fails(404, user_api.delete_email_template, template_id=987654321)
    error = assert_fails(None, user_api.create_email_template, name="x", group_id=987654321)
    assert error.status == 400 and "group_id" in error.message


def test_sharing_with_the_account(user_api: Client, other_api: Client) -> None:
    private = user_api.create_email_template(name=unique("private"), html="p")
    shared = user_api.create_email_template(name=unique("shared"), html="Hi {{ first_name }}", shared=1)
    seen = {t["template_id"]: t for t in other_api.get_email_template_list()}
    assert shared["template_id"] in seen and private["template_id"] not in seen
    assert seen[shared["template_id"]]["is_owner"] == 0 and seen[shared["template_id"]]["owner"] == user_api.user
    assert other_api.get_email_template_list(owned_only=1) == []
    assert_fails(404, other_api.get_email_template, template_id=private["template_id"])
    rendered = other_api.get_email_template(template_id=shared["template_id"], preview=json.dumps({"first_name": "Cy"}))
    assert rendered["preview"]["html"] == "Hi Cy"
    assert_fails(403, other_api.update_email_template, template_id=shared["template_id"], name="mine")
    assert_fails(403, other_api.delete_email_template, template_id=shared["template_id"])
    user_api.update_email_template(template_id=shared["template_id"], shared=0)
    assert_fails(404, other_api.get_email_template, template_id=shared["template_id"])
