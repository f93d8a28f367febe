"""The one merge engine for templates, campaigns and sendEmail: Jinja2 in its sandbox.

    compiled = compile_message(subject, html, text, tags={"Footer": TagSource(html=..., text=...)},
                               name="template 7 'Welcome'")  # or `await compile_message_async(...)`
    for recipient in recipients:                     # parsed once, rendered many times
        message = compiled.render({"first_name": "Ann", ...})   # RenderedMessage(subject, html, text)
    results = await compiled.render_batch(many)      # in a thread; a failure is a BadRequest in place

Rules (docs/compat.d/content.md):
- `{{ field }}`, filters and defaults (`{{ first_name | default("there") }}`); a missing field
  renders empty and a field whose value is None counts as missing, so `default` applies.
- Content tags: `{{ tag("Footer") }}` with a literal name, checked when compiled: the HTML part
  gets the tag's HTML (not escaped), the subject and text parts get its text. Tags may use fields
  and other tags (at most MAX_TAG_DEPTH deep).
- Values are HTML-escaped in the HTML part only. Line breaks in the rendered subject become spaces
  (it is one header line).
- Every failure is a BadRequest naming the template, the part and the line: syntax errors,
  unknown tags, what the sandbox refuses (openlux.content.sandbox: `__class__`, `mro`, huge
  repetitions or widths, more work than its per-message budget …), runtime errors, output over
  MAX_OUTPUT_CHARS.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, nodes
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from openlux.content.sandbox import (
    BUDGET,
    CONCAT_GUARD,
    LOOP_GUARD,
    Budget,
    EngineFunction,
    environment,
    guard_concats,
    guard_loops,
)
from openlux.core.errors import BadRequest

log = logging.getLogger("openlux.content")
MAX_TAG_DEPTH = 3  # a footer may include an address block; deeper nesting is a loop or a mistake
MAX_OUTPUT_CHARS = 5_000_000  # per rendered part; larger than any sane e-mail body
COMPILE_CACHE_SIZE = 256  # compiled parts kept per process …
CACHEABLE_CHARS = 64_000  # … when their source is at most this long (bounds the cache to a few dozen MB)


@dataclass(frozen=True, slots=True)
class TagSource:
    """The source of one content tag."""

    html: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class RenderedMessage:
    """One recipient's subject, HTML and text."""

    subject: str
    html: str
    text: str


_ENVIRONMENTS = {"text": environment(autoescape=False), "html": environment(autoescape=True)}


@dataclass(frozen=True, slots=True)
class _Part:
    label: str
    template: Any  # jinja2.Template
    tag_lines: Mapping[str, int]  # content tag name -> first line that calls it
    constant: str | None = None  # the output, when the source is literal text only (rendered without Jinja)

    @property
    def tag_names(self) -> frozenset[str]:
        """Content tags this part calls directly."""
        return frozenset(self.tag_lines)


def _fail(label: str, line: int | None, reason: str) -> BadRequest:
    where = f"{label}, line {line}" if line else label
    return BadRequest(f"{where}: {reason}")


def _compile_part(kind: str, label: str, source: str) -> _Part:
    """Parse, check and compile one part; the same (short) source is parsed once per process."""
    if len(source) > CACHEABLE_CHARS:
        return _compile_uncached(kind, label, source)
    return _compile_cached(kind, label, source)


@lru_cache(maxsize=COMPILE_CACHE_SIZE)
def _compile_cached(kind: str, label: str, source: str) -> _Part:
    return _compile_uncached(kind, label, source)


def _compile_uncached(kind: str, label: str, source: str) -> _Part:
    env = _ENVIRONMENTS[kind]
    try:
        tree = env.parse(source, name=label, filename=label)
        tag_lines = _check_tree(tree, label)
        constant = _literal_text(tree)
        guard_loops(tree, env)
        guard_concats(tree, env)
        code = env.compile(tree, name=label, filename=label)
    except TemplateSyntaxError as exc:
        raise _fail(label, exc.lineno, f"syntax error: {exc.message}") from None
    except RecursionError:
        raise _fail(label, None, "the template is nested too deeply") from None
    # A plain dict (not Jinja's ChainMap) makes each recipient's context a C-level copy.
    template = env.template_class.from_code(env, code, dict(env.globals), None)
    return _Part(label, template, tag_lines, constant)


def _literal_text(tree: nodes.Template) -> str | None:
    """What a template made of literal text only outputs (None when it has anything else)."""
    chunks = []
    for statement in tree.body:
        if not isinstance(statement, nodes.Output):
            return None
        for child in statement.nodes:
            if not isinstance(child, nodes.TemplateData):
                return None
            chunks.append(child.data)
    return "".join(chunks)


def _check_tree(tree: nodes.Template, label: str) -> dict[str, int]:
    """Refuse underscore attributes and non-literal tag calls; return the tag names used and their lines."""
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        attr: object = None
        if isinstance(node, nodes.Getattr):
            attr = node.attr
        elif isinstance(node, nodes.Getitem):
            attr = getattr(node.arg, "value", None)
        if isinstance(attr, str) and attr.startswith("_"):
            raise _fail(label, node.lineno, f"access to attribute {attr!r} is refused by the sandbox")
    for named in tree.find_all((nodes.Name, nodes.Filter)):
        reserved = getattr(named, "name", None)
        if reserved in (LOOP_GUARD, CONCAT_GUARD):
            raise _fail(label, named.lineno, f"the name {reserved!r} is reserved")
    names: dict[str, int] = {}
    for call in tree.find_all(nodes.Call):
        if not (isinstance(call.node, nodes.Name) and call.node.name == "tag"):
            continue
        if (
            len(call.args) != 1
            or call.kwargs
            or not isinstance(call.args[0], nodes.Const)
            or not isinstance(call.args[0].value, str)
        ):
            raise _fail(label, call.lineno, 'tag() takes one literal tag name, as in {{ tag("Footer") }}')
        names.setdefault(call.args[0].value, call.lineno)
    return names


class CompiledMessage:
    """Subject, HTML and text parsed once; render() fills them for one recipient."""

    def __init__(self, parts: dict[str, _Part], tags: dict[tuple[str, str], _Part]) -> None:
        self._parts = parts
        self._tags = tags  # (kind, tag name) -> compiled tag part
        self.tag_names = frozenset().union(*(p.tag_names for p in parts.values()))

    def render(self, variables: Mapping[str, Any] | None = None) -> RenderedMessage:
        """The message for one recipient; BadRequest naming part and line when rendering fails."""
        values = {k: v for k, v in (variables or {}).items() if v is not None and isinstance(k, str)}
        budget = Budget()
        token = BUDGET.set(budget)
        try:
            subject = self._render("text", self._parts["subject"], values, 0, budget)
            return RenderedMessage(
                subject=" ".join(subject.splitlines()),
                html=self._render("html", self._parts["html"], values, 0, budget),
                text=self._render("text", self._parts["text"], values, 0, budget),
            )
        finally:
            BUDGET.reset(token)

    def render_each(self, batch: Iterable[Mapping[str, Any] | None]) -> list[RenderedMessage | BadRequest]:
        """Render many recipients; a failing one gets its BadRequest in its place, the rest go on."""
        results: list[RenderedMessage | BadRequest] = []
        for variables in batch:
            try:
                results.append(self.render(variables))
            except BadRequest as exc:
                results.append(exc)
        return results

    async def render_batch(self, batch: Iterable[Mapping[str, Any] | None]) -> list[RenderedMessage | BadRequest]:
        """render_each in a worker thread, so a large batch never blocks the event loop."""
        return await asyncio.to_thread(self.render_each, list(batch))

    def _render(self, kind: str, part: _Part, values: dict[str, Any], depth: int, budget: Budget) -> str:
        if part.constant is not None and len(part.constant) <= MAX_OUTPUT_CHARS:
            return part.constant  # a footer or subject without fields: nothing to run
        template = part.template
        # A tag's output is counted once more where its parent prints it: it counts on its own here.
        outer_output = budget.start_output(MAX_OUTPUT_CHARS)
        try:
            # The template's globals, the recipient's values and `tag`, in one dict the context
            # uses as it is (Jinja's default would copy it once more).
            context = {**template.globals, **values, "tag": _TagCall(self, kind, values, depth, budget)}
            return _run(template, context, budget)
        except BadRequest:
            raise
        except SecurityError as exc:
            raise _fail(part.label, _template_line(exc, part.label), f"refused by the sandbox: {exc}") from None
        except RecursionError:
            raise _fail(part.label, None, "cannot render: nested too deeply") from None
        except (TemplateError, ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
            raise _fail(part.label, _template_line(exc, part.label), f"cannot render: {exc}") from None
        except Exception as exc:  # anything else a template provokes is still the template's fault
            log.warning("unexpected error rendering %s", part.label, exc_info=True)
            raise _fail(
                part.label, _template_line(exc, part.label), f"cannot render: {type(exc).__name__}: {exc}"
            ) from None
        finally:
            budget.output = outer_output


class _TagCall(EngineFunction):
    """`tag("Footer")` in one part of one recipient's message: the tag rendered with the same values."""

    __slots__ = ("_budget", "_depth", "_kind", "_message", "_values")

    def __init__(self, message: CompiledMessage, kind: str, values: dict[str, Any], depth: int, budget: Budget) -> None:
        self._message, self._kind, self._values, self._depth, self._budget = message, kind, values, depth, budget

    def __call__(self, name: str) -> str:
        if self._depth >= MAX_TAG_DEPTH:
            raise SecurityError(f"content tags nest deeper than {MAX_TAG_DEPTH}")
        message, kind = self._message, self._kind
        part = message._tags[(kind, name)]
        rendered = message._render(kind, part, self._values, self._depth + 1, self._budget)
        return Markup(rendered) if kind == "html" else rendered


def _run(template: Any, context: dict[str, Any], budget: Budget) -> str:
    """Render like Template.render(), with Jinja's error rewriting. The chunks are joined in C: the
    sandbox counts the output where it is produced (Budget.emit), so it is bounded before joining."""
    try:
        # The context as Template.new_context(context, shared=True) makes it, without two wrappers.
        jinja_context = template.environment.context_class(
            template.environment, context, template.name, template.blocks, globals=template.globals
        )
        text = "".join(template.root_render_func(jinja_context))
    except Exception:
        template.environment.handle_exception()  # re-raises with template names and lines in the traceback
        raise  # not reached: handle_exception always raises
    if len(text) > MAX_OUTPUT_CHARS:  # literal text outside loops is not counted as it is produced
        raise SecurityError(f"the output is longer than {MAX_OUTPUT_CHARS} characters")
    budget.check_time()
    return text


def _template_line(exc: BaseException, label: str) -> int | None:
    """The template line of a runtime error (Jinja rewrites traceback frames to template lines)."""
    lines = [frame.lineno for frame in traceback.extract_tb(exc.__traceback__) if frame.filename == label]
    return lines[-1] if lines else getattr(exc, "lineno", None)


def compile_message(
    subject: str | None,
    html: str | None,
    text: str | None,
    *,
    tags: Mapping[str, TagSource] | None = None,
    name: str = "message",
) -> CompiledMessage:
    """Parse and check all three parts and the content tags they use (cached); BadRequest on any problem."""
    tags = tags or {}
    parts = {
        "subject": _compile_part("text", f"{name} (subject)", subject or ""),
        "html": _compile_part("html", f"{name} (html part)", html or ""),
        "text": _compile_part("text", f"{name} (text part)", text or ""),
    }
    compiled_tags: dict[tuple[str, str], _Part] = {}
    pending = [(tag_name, part) for part in reversed(parts.values()) for tag_name in sorted(part.tag_lines)]
    while pending:
        tag_name, used_in = pending.pop()
        if ("html", tag_name) in compiled_tags:
            continue
        source = tags.get(tag_name)
        if source is None:
            raise _fail(used_in.label, used_in.tag_lines[tag_name], f"unknown content tag {tag_name!r}")
        for kind in ("html", "text"):
            tag_part = _compile_part(kind, f"content tag {tag_name!r} ({kind})", getattr(source, kind) or "")
            compiled_tags[(kind, tag_name)] = tag_part
            pending.extend((inner, tag_part) for inner in sorted(tag_part.tag_lines))
    return CompiledMessage(parts, compiled_tags)


async def compile_message_async(
    subject: str | None,
    html: str | None,
    text: str | None,
    *,
    tags: Mapping[str, TagSource] | None = None,
    name: str = "message",
) -> CompiledMessage:
    """compile_message in a worker thread: parsing a long template takes seconds of CPU."""
    return await asyncio.to_thread(compile_message, subject, html, text, tags=tags, name=name)


def called_tags(source: str | None) -> frozenset[str]:
    """Names of the content tags a source calls directly (BadRequest when it does not compile)."""
    return _compile_part("text", "source", source or "").tag_names
