"""The merge engine's fast paths keep its limits: output counted where it is produced, literal-only
parts rendered without Jinja, the guards as reserved filters, `loop` attributes without the slow checks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from openlux.content import merge
from openlux.content.merge import TagSource, compile_message
from openlux.core.errors import BadRequest


def refused(subject: str = "", html: str = "", text: str = "", values: dict | None = None, **kw) -> str:
    """The 400 message for a message that must not compile or render."""
    with pytest.raises(BadRequest) as info:
        compile_message(subject, html, text, name="template 9 'T'", **kw).render(values or {})
    return info.value.message


def test_a_loop_stops_at_the_output_limit_before_it_produces_the_rest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge, "MAX_OUTPUT_CHARS", 1000)
    taken: list[int] = []

    def items() -> Iterator[int]:
        for number in range(10_000):
            taken.append(number)
            yield number

    # 100 characters printed per item: the 11th item is over the limit, and nothing after it is drawn.
    message = refused(text="{% for i in items %}{{ value }}{% endfor %}", values={"items": items(), "value": "v" * 100})
    assert "the output is longer than 1000 characters" in message
    assert len(taken) == 11
    taken.clear()
    message = refused(text="{% for i in items %}" + "x" * 100 + "{% endfor %}", values={"items": items()})
    assert "the output is longer than 1000 characters" in message
    assert len(taken) == 11  # literal text of the body is counted per iteration


def test_a_large_value_printed_many_times_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge, "MAX_OUTPUT_CHARS", 1000)
    assert "longer than 1000" in refused(html="{{ big }}" * 11, values={"big": "b" * 100})
    assert "longer than 1000" in refused(html="{{ n }}" * 200, values={"n": 10**20})
    ok = compile_message("", "{{ big }}" * 9, "")
    assert ok.render({"big": "b" * 100}).html == "b" * 900


def test_a_tag_counts_once_in_the_part_that_prints_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge, "MAX_OUTPUT_CHARS", 1000)
    tags = {"Big": TagSource(html="{{ 'x' * 600 }}", text="")}
    once = compile_message("", '{{ tag("Big") }}', "", tags=tags).render({})
    assert once.html == "x" * 600
    assert "longer than 1000" in refused(html='{{ tag("Big") }}{{ tag("Big") }}', tags=tags)


def test_literal_parts_and_tags_render_as_jinja_would() -> None:
    tags = {"Plain": TagSource(html="<hr>&copy; ACME", text="-- ACME\n")}
    compiled = compile_message("Weekly news", "<p>a & b</p>\n", "{% raw %}{{ x }}{% endraw %}\n")
    out = compiled.render({"x": "no"})
    assert (out.subject, out.html, out.text) == ("Weekly news", "<p>a & b</p>\n", "{{ x }}\n")
    tagged = compile_message("", '<p>{{ tag("Plain") }}</p>', 'Hi\n{{ tag("Plain") }}', tags=tags).render({})
    assert (tagged.html, tagged.text) == ("<p><hr>&copy; ACME</p>", "Hi\n-- ACME\n")


def test_the_guards_cannot_be_named_as_filters() -> None:
    assert "reserved" in refused(text="{{ [1, 2] | _openlux_loop_guard }}")
    assert "reserved" in refused(text="{{ 'a' | _openlux_concat }}")
    assert "reserved" in refused(text="{% filter _openlux_concat %}a{% endfilter %}")


def test_concat_and_loop_attributes_keep_their_meaning() -> None:
    text = (
        "{% for x in ['a', 'b', 'c'] %}{{ loop.index0 }}{{ x ~ '-' ~ loop.revindex ~ (loop.first ~ '') }}"
        "{{ loop.cycle('o', 'e') }} {% endfor %}{{ 'k' ~ 1 ~ 'x' }}"
    )
    assert compile_message("", "", text).render({}).text == "0a-3Trueo 1b-2Falsee 2c-1Falseo k1x"
    assert "<b>" not in compile_message("", "{{ '<b>' ~ v }}", "").render({"v": "<i>"}).html
    assert "refused by the sandbox" in refused(text="{% for x in [1] %}{{ loop.__class__ }}{% endfor %}")
    assert "refused by the sandbox" in refused(text="{% for x in [1] %}{{ loop['_iterator'] }}{% endfor %}")
