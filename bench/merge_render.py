#!/usr/bin/env python3
"""Merge engine: recipients rendered per second from one compiled template, next to plain Jinja2.

    .venv/bin/python bench/merge_render.py [--recipients 10000]

The template is a typical marketing mail (subject, ~2 KB of HTML with a loop, a text part, two
content tags, six fields). OpenLux compiles it once with `openlux.content.merge.compile_message`
and renders every recipient (sandbox checks, escaping, tags, output bounds); the baseline renders
the same three parts with Jinja2's stock sandbox and with an unsandboxed `jinja2.Environment` (tags
pre-expanded). The three alternate, the order rotating each round; medians with min–max.
Rates are per second of this process's CPU time: rendering is single-threaded and in-process, and
on a shared machine wall-clock time mostly measures the other jobs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import jinja2
from bench.common import Row, alternate, report
from jinja2.sandbox import ImmutableSandboxedEnvironment

from openlux.content.merge import TagSource, compile_message

SUBJECT = "{{ first_name | default('Friend') }}, your {{ plan }} plan renews on {{ renews }}"
HTML = """<html><body><h1>Hello {{ first_name | default('there') }}</h1>
<p>Thank you for being a {{ plan | upper }} member since {{ since }}. {{ tag("Intro") }}</p>
<table>{% for item in items %}<tr><td>{{ loop.index }}</td><td>{{ item }}</td></tr>{% endfor %}</table>
""" + "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>\n" * 20 + """
{% if vip %}<p>As a VIP you get {{ discount }}% off.</p>{% endif %}
{{ tag("Footer") }}</body></html>"""
TEXT = """Hello {{ first_name | default('there') }},
{{ plan }} member since {{ since }}.
{% for item in items %}- {{ item }}
{% endfor %}{{ tag("Footer") }}"""
TAGS = {
    "Intro": TagSource(html="<em>We are glad you are here, {{ first_name }}.</em>", text="Glad you are here."),
    "Footer": TagSource(html="<hr><small>ACME Inc, 1 Main St &middot; {{ email }}</small>", text="-- ACME Inc"),
}


def recipients(count: int) -> list[dict]:
    """Distinct merge values per recipient, some with missing fields."""
    return [{"first_name": f"Name{i}" if i % 7 else None, "email": f"user{i}@example.com", "plan": "gold",
             "since": "2021-05-01", "renews": "2027-01-01", "vip": i % 3 == 0, "discount": 15,
             "items": ["alpha", "beta", "gamma"]} for i in range(count)]


def plain_jinja(values: list[dict], env_class: type = jinja2.Environment) -> float:
    """Recipients/s with a stock Jinja2 environment (tags inlined by hand)."""
    html = HTML.replace('{{ tag("Intro") }}', TAGS["Intro"].html).replace('{{ tag("Footer") }}', TAGS["Footer"].html)
    text = TEXT.replace('{{ tag("Footer") }}', TAGS["Footer"].text)
    html_env, text_env = env_class(autoescape=True), env_class()
    parts = (text_env.from_string(SUBJECT), html_env.from_string(html), text_env.from_string(text))
    started = time.process_time()
    for item in values:
        for part in parts:
            part.render(item)
    return len(values) / (time.process_time() - started)


def openlux(values: list[dict]) -> float:
    """Recipients/s with the OpenLux merge engine."""
    compiled = compile_message(SUBJECT, HTML, TEXT, tags=TAGS, name="bench")
    started = time.process_time()
    for item in values:
        compiled.render(item)
    return len(values) / (time.process_time() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    values = recipients(args.recipients)
    got = alternate(args.rounds, {
        "openlux": lambda: openlux(values),
        "plain": lambda: plain_jinja(values),
        "sandbox": lambda: plain_jinja(values, ImmutableSandboxedEnvironment),
    })
    rows = [
        Row("merge render, OpenLux engine (compiled once)", got["openlux"], "recipients/s", "plain Jinja2",
            got["plain"], goal="≥ 80%"),
        Row("merge render, OpenLux engine (compiled once)", got["openlux"], "recipients/s",
            "Jinja2's stock ImmutableSandboxedEnvironment", got["sandbox"]),
    ]
    report("merge_render", "Merge engine: rendering vs Jinja2", rows, rounds=args.rounds,
           notes=[f"{args.recipients:,} recipients per command per round, in-process: rendering has no "
                  "public path of its own; recipients per CPU-second of the benchmark process"])


if __name__ == "__main__":
    main()
