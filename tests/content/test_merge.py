"""The merge engine without a server: rendering, escaping, tags, caching and the sandbox."""

from __future__ import annotations

import time
from datetime import date

import pytest

from openlux.content import merge, sandbox
from openlux.content.fields import coerce_value, merge_variables
from openlux.content.merge import TagSource, compile_message
from openlux.content.models import CustomField
from openlux.core.errors import BadRequest

FOOTER = {"Footer": TagSource(html="<hr>{{ company | default('ACME') }}", text="-- {{ company | default('ACME') }}")}


def refused(subject: str = "", html: str = "", text: str = "", values: dict | None = None, **kw) -> str:
    """The 400 message for a message that must not compile or render."""
    with pytest.raises(BadRequest) as info:
        compile_message(subject, html, text, name="template 9 'T'", **kw).render(values or {})
    return info.value.message


def test_fields_filters_defaults_and_escaping() -> None:
    compiled = compile_message(
        "Hi {{ first_name | default('there') }}", "<p>{{ first_name | upper }}</p>", "{{ first_name }} & {{ missing }}."
    )
    assert compiled.render({"first_name": "<b>Ann</b>"}) == merge.RenderedMessage(
        subject="Hi <b>Ann</b>", html="<p>&lt;B&gt;ANN&lt;/B&gt;</p>", text="<b>Ann</b> & ."
    )
    assert compiled.render({"first_name": None}).subject == "Hi there"  # None counts as missing


def test_tags_insert_html_unescaped_and_text_in_text_parts() -> None:
    compiled = compile_message(
        '{{ tag("Footer") }}', '<p>x</p>{{ tag("Footer") }}', 'x\n{{ tag("Footer") }}', tags=FOOTER
    )
    out = compiled.render({"company": "A&B"})
    assert out.html == "<p>x</p><hr>A&amp;B" and out.text == "x\n-- A&B" and out.subject == "-- A&B"
    assert compiled.tag_names == {"Footer"}


def test_subject_is_one_line() -> None:
    assert (
        compile_message("a {{ v }} b", "", "").render({"v": "x\r\nBcc: evil@example.com"}).subject
        == "a x Bcc: evil@example.com b"
    )


def test_errors_name_template_part_and_line() -> None:
    assert (
        refused(html="ok\n{% for x in y %}")
        == "template 9 'T' (html part), line 2: syntax error: Unexpected end of template. Jinja was looking "
        "for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'."
    )
    assert refused(text="a\nb\n{{ tag('Nope') }}") == "template 9 'T' (text part), line 3: unknown content tag 'Nope'"
    assert refused(text="\n{{ 1 / n }}", values={"n": 0}).startswith(
        "template 9 'T' (text part), line 2: cannot render"
    )
    assert "tag() takes one literal tag name" in refused(html="{{ tag(name) }}")


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ x.__init__.__globals__ }}",
        "{{ ''|attr('__class__') }}",
        "{{ '{0.__class__}'.format(1) }}",
        "{{ range.__self__ }}",
        "{% set l = [] %}{{ l.append(1) }}",
        "{{ 'x' * 100000000 }}",
        "{{ 10 ** 1000000 }}",
        "{% for i in range(100000000) %}{% endfor %}",
        "{{ lipsum(1000) }}",
        "{{ '%999999999d' % 1 }}",
        "{{ '%.*f' % (999999999, 1.0) }}",
        "{{ '%999999999d' | format(1) }}",
        "{{ '{:999999999}'.format(1) }}",
        "{{ '{0:{1}}'.format(1, 999999999) }}",
        "{{ 'x'.center(999999999) }}",
        "{{ 'x' | center(999999999) }}",
        "{{ 'x' | indent(999999999, true) }}",
        "{% set a = 'x' * 90000 %}{{ a.replace('x', 'x' * 200) }}",
    ],
)
def test_sandbox_refuses_hostile_code(hostile: str) -> None:
    message = refused(html=hostile, values={"x": object()})
    assert message.startswith("template 9 'T' (html part), line 1:")
    assert "sandbox" in message or "lipsum" in message


# One chain per string- or container-building operation; each would build far more than the output
# budget (sandbox.MAX_BUILT_CHARS) if it ran, from inputs that are each within the per-operation limits.
A = "{% set a = 'a' * 20000 %}{% set b = 'b' * 25000 %}"
BUDGET_BOMBS = {
    "replace filter": A + "{{ a | replace('a', b) }}",
    "replace method": A + "{{ a.replace('a', b) }}",
    "repeat *": A + "{% set s = a * 5 %}{% set s = s * 5 %}{% set s = s * 5 %}{{ s * 5 }}",
    "concat +": A + "{% set s = a + a %}{% for i in range(900) %}{% set s = s + a %}{% endfor %}",
    "concat ~": A + "{% set ns = namespace(s='') %}{% for i in range(900) %}{% set ns.s = ns.s ~ a ~ b %}{% endfor %}",
    "join filter": A + "{{ ([a] * 1000) | join(b) }}",
    "join method": A + "{{ b.join([a] * 1000) }}",
    "format filter": A + "{{ '%s%s' | format(a * 5, b * 4) | replace('a', b) }}",
    "format method": A + "{{ '{}{}{}'.format(a * 5, a * 5, b) | replace('a', b) }}",
    "printf %": A + "{% set s = '%s' % ([a] * 1000,) %}",
    "center": A + "{% for i in range(200) %}{% set s = a | center(99999) %}{% endfor %}",
    "indent": A + "{{ (a | wordwrap(1)) | indent(99999) }}",
    "wordwrap": A + "{{ a | wordwrap(1, wrapstring=b) }}",
    "list growth": "{% set l = [1] * 99999 %}{% for i in range(200) %}{% set l = l + l[:50000] %}{% endfor %}",
    "string filter": A + "{{ ([a] * 1000) | string }}",
    "printed container": A + "{{ [a] * 1000 }}",
    "block capture": A + "{% for i in range(600) %}{% set s %}{{ a }}{{ a }}{% endset %}{% endfor %}",
}


@pytest.mark.parametrize("bomb", BUDGET_BOMBS.values(), ids=BUDGET_BOMBS.keys())
def test_every_building_operation_is_charged_to_one_output_budget(bomb: str) -> None:
    started = time.monotonic()
    message = refused(html=bomb)
    assert message.startswith("template 9 'T' (html part), line 1: refused by the sandbox: ")
    assert "builds more than" in message or "longer than" in message
    assert time.monotonic() - started < 5  # stopped before building, not after


def test_dict_growth_is_charged(monkeypatch: pytest.MonkeyPatch) -> None:
    # range() and the step budget keep dicts small, so shrink the budget to see dict() charged to it.
    monkeypatch.setattr(sandbox, "MAX_BUILT_CHARS", 1000)
    grow = "{% for i in range(3) %}{% set d = dict(range(1000) | batch(2)) %}{% endfor %}"
    assert "builds more than 1000 characters" in refused(html=grow)


def test_ordinary_formatting_still_works() -> None:
    compiled = compile_message(
        "",
        "",
        "{{ '%05.2f' % x }} {{ '%s-%s' | format(1, 2) }} {{ '{:>6}'.format(y) }} "
        "{{ y | center(8) }}|{{ big | default(250000) }}",
    )
    assert compiled.render({"x": 3.14159, "y": "ab"}).text == "03.14 1-2     ab    ab   |250000"


def test_deep_nesting_is_a_400_not_a_crash() -> None:
    assert "nested too deeply" in refused(html="{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}")
    assert "nested too deeply" in refused(text="{% if a %}" * 3000 + "{% endif %}" * 3000)


@pytest.mark.parametrize(
    "bomb",
    [
        "{% for a in range(1000) %}{% for b in range(1000) %}{% for c in range(1000) %}{% endfor %}{% endfor %}{% endfor %}",
        "{% set s = 'x' * 90000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
        "{% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(40) }}",
    ],
)
def test_work_without_output_is_bounded(bomb: str) -> None:
    started = time.monotonic()
    message = refused(text=bomb)
    assert "too much work" in message or "took longer" in message
    assert time.monotonic() - started < 3


def test_loops_keep_their_meaning_under_the_guard() -> None:
    text = (
        "{% for i in range(3) %}{{ loop.index }}/{{ loop.length }}{% if loop.last %}!{% endif %} {% endfor %}"
        "{% for k, v in d | dictsort %}{{ k }}={{ v }} {% endfor %}{% for x in missing %}x{% else %}none{% endfor %}"
    )
    assert compile_message("", "", text).render({"d": {"b": 2, "a": 1}}).text == "1/3 2/3 3/3! a=1 b=2 none"
    assert "reserved" in refused(text="{{ _openlux_loop_guard([1]) }}")


def test_recursive_tags_are_stopped() -> None:
    loop = {"A": TagSource(html='{{ tag("B") }}', text=""), "B": TagSource(html='{{ tag("A") }}', text="")}
    assert "nest deeper" in refused(html='{{ tag("A") }}', tags=loop)


def test_output_size_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge, "MAX_OUTPUT_CHARS", 1000)
    assert "longer than 1000" in refused(text="{% for i in range(900) %}xx{% endfor %}")


def test_compiled_once_rendered_many_times(monkeypatch: pytest.MonkeyPatch) -> None:
    parses = []
    for env in merge._ENVIRONMENTS.values():
        original = env.parse
        monkeypatch.setattr(env, "parse", lambda *a, _o=original, **k: parses.append(1) or _o(*a, **k))
    source = f"<p>Hello {{{{ name }}}} {id(parses)}</p>"  # unique text, so the process cache is cold
    compiled = compile_message("S", source, "T {{ name }}", tags=FOOTER)
    assert compile_message("S", source, "T {{ name }}", tags=FOOTER).render({"name": "x"}).html.startswith("<p>Hello x")
    after_compile = len(parses)
    for i in range(10_000):
        assert compiled.render({"name": str(i)}).text == f"T {i}"
    assert len(parses) == after_compile <= 3


async def test_render_batch_reports_failures_in_place() -> None:
    compiled = compile_message("{{ 10 / n }}", "", "")
    results = await compiled.render_batch([{"n": 2}, {"n": 0}, {"n": 5}])
    assert [r.subject if isinstance(r, merge.RenderedMessage) else r.status for r in results] == ["5.0", 400, "2.0"]


def field(type_: str, **kw) -> CustomField:
    return CustomField(name=f"f_{type_}", type=type_, choices=kw.get("choices", []), default=kw.get("default"))


@pytest.mark.parametrize(
    ("type_", "raw", "value"),
    [
        ("text", 12, "12"),
        ("number", "42", 42),
        ("number", "3.5", 3.5),
        ("number", 7, 7),
        ("number", "1,000", 1000),
        ("date", "2024-02-29", date(2024, 2, 29)),
        ("date", "2024-02-29 10:00:00", date(2024, 2, 29)),
        ("boolean", "yes", True),
        ("boolean", 0, False),
        ("boolean", True, True),
        ("number", "", None),
    ],
)
def test_coerce_value_accepts(type_: str, raw, value) -> None:
    assert coerce_value(field(type_), raw) == value


@pytest.mark.parametrize(
    ("type_", "raw"),
    [
        ("number", "abc"),
        ("number", True),
        ("number", "nan"),
        ("number", "inf"),
        ("date", "2023-02-29"),
        ("date", "29/02/2024"),
        ("boolean", "maybe"),
        ("choice", "bronze"),
        ("text", ["list"]),
    ],
)
def test_coerce_value_refuses_naming_the_field(type_: str, raw) -> None:
    with pytest.raises(BadRequest) as info:
        coerce_value(field(type_, choices=["gold"]), raw)
    assert f"'f_{type_}'" in info.value.message


def test_merge_variables_apply_types_and_defaults() -> None:
    fields = [field("number", default=5), field("choice", choices=["a", "b"], default="b"), field("date")]
    merged = merge_variables(fields, {"f_number": "7", "email": "x@example.com"})
    assert merged == {"f_number": 7, "f_choice": "b", "f_date": None, "email": "x@example.com"}
